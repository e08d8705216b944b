from django.urls import path

from . import views, views_import

app_name = "surveys"

urlpatterns = [
    path("", views.campaign_list_view, name="list"),
    path("new/", views.campaign_create_view, name="create"),
    path("<int:pk>/", views.campaign_detail_view, name="detail"),
    path("<int:pk>/edit/", views.campaign_edit_view, name="edit"),
    path("<int:pk>/import/", views_import.survey_import_view, name="import"),
    path("<int:pk>/import/confirm/", views_import.survey_import_confirm_view, name="import_confirm"),
]
