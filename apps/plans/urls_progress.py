"""URLs of the progress pages (built in views_progress.py); included under app_name "plans"."""

from django.urls import path

from . import views_progress

urlpatterns = [
    path("", views_progress.progress_view, name="progress"),
]
