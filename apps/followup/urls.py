from django.urls import path

from . import views

app_name = "followup"

urlpatterns = [
    path("chase/", views.chase_view, name="chase"),
    path("chase/notify/", views.chase_notify_view, name="chase_notify"),
]
