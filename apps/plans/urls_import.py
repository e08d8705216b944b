"""URLs of the destination import pages (built in views_import.py); included under app_name "plans"."""

from django.urls import path

from . import views_import

urlpatterns = [
    path("", views_import.destination_import_view, name="import"),
    path("confirm/", views_import.destination_import_confirm_view, name="import_confirm"),
]
