from django.urls import include, path

from . import views

app_name = "plans"

urlpatterns = [
    path("mine/", views.my_plans_view, name="mine"),
    path("new/", views.plan_create_view, name="create"),
    path("<int:pk>/", views.plan_detail_view, name="detail"),
    path("<int:pk>/edit/", views.plan_edit_view, name="edit"),
    path("<int:pk>/evidence/", views.evidence_upload_view, name="evidence_upload"),
    path("<int:pk>/act/", views.plan_act_view, name="act"),
    path("evidence/<int:pk>/", views.evidence_download_view, name="evidence_download"),
    path("evidence/<int:pk>/remove/", views.evidence_remove_view, name="evidence_remove"),
    path("evidence/<int:pk>/replace/", views.evidence_replace_view, name="evidence_replace"),
    path("queue/", views.review_queue_view, name="queue"),
    path("queue/bulk-approve/", views.bulk_approve_view, name="bulk_approve"),
    path("all/", views.plan_list_view, name="list"),
    path("notifications/", views.notifications_view, name="notifications"),
    path("notifications/read/", views.notifications_read_view, name="notifications_read"),
    path("verification/", include("apps.plans.urls_verification")),
    path("progress/", include("apps.plans.urls_progress")),
    path("import/", include("apps.plans.urls_import")),
    path("national-layout/", include("apps.plans.national_layout.urls")),
]
