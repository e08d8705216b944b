from django.urls import path

from . import views

app_name = "releases"

urlpatterns = [
    path("", views.release_list_view, name="list"),
]
