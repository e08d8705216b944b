from django.urls import path

from . import views, views_leavers, views_record

app_name = "followup"

urlpatterns = [
    path("chase/", views.chase_view, name="chase"),
    path("chase/notify/", views.chase_notify_view, name="chase_notify"),
    path("chase/export/", views.chase_export_view, name="chase_export"),
    path("phone/<int:pk>/", views.phone_reveal_view, name="phone_reveal"),
    path("leavers/", views_leavers.leavers_view, name="leavers"),
    path("leavers/export/", views_leavers.leavers_export_view, name="leavers_export"),
    path("record/", views_record.my_record_view, name="my_record"),
    path("record/verify/", views_record.record_lookup_view, name="record_lookup"),
]
