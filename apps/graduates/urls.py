from django.urls import path

from . import views, views_import

app_name = "graduates"

urlpatterns = [
    path("", views.graduate_list_view, name="list"),
    path("export/", views.graduate_export_view, name="export"),
    path("export/job/", views.graduate_export_job_view, name="export_job"),
    path("<int:pk>/", views.graduate_detail_view, name="detail"),
    path("<int:pk>/contact/", views.graduate_contact_edit_view, name="contact_edit"),
    path("import/", views_import.graduate_import_view, name="import"),
    path("import/confirm/", views_import.graduate_import_confirm_view, name="import_confirm"),
]
