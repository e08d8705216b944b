from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("annual/", views.annual_report_view, name="annual"),
    path("annual/export/", views.report_export_job_view, name="export_job"),
    path("annual/publish/", views.report_publish_view, name="publish"),
    path("publications/", views.publication_list_view, name="publications"),
    path("publications/<int:pk>/", views.publication_detail_view, name="publication"),
]
