from django.urls import path

from . import views

app_name = "jobs"

urlpatterns = [
    path("<int:pk>/", views.job_detail_view, name="detail"),
    path("<int:pk>/status/", views.job_status_view, name="status"),
    path("<int:pk>/download/", views.job_download_view, name="download"),
]
