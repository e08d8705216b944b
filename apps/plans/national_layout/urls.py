"""URLs of the national layout page (views.py here); included under app_name "plans"."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.layout_import_view, name="national_layout"),
    path("export/", views.layout_export_view, name="national_layout_export"),
    path("export/job/", views.layout_export_job_view, name="national_layout_export_job"),
    path("confirm/", views.layout_import_confirm_view, name="national_layout_confirm"),
]
