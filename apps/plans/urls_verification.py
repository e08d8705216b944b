"""URLs of the verification pages (built in views_verification.py); included under app_name "plans"."""

from django.urls import path

from . import views_verification as views

urlpatterns = [
    path("", views.verification_summary_view, name="verification_summary"),
    path("draw/", views.verification_draw_view, name="verification_draw"),
    path("records/", views.verification_list_view, name="verification_list"),
    path("records/<int:pk>/", views.verification_record_view, name="verification_record"),
]
