from django.urls import path

from . import views

app_name = "refdata"

urlpatterns = [
    # At most a few characters reach the view (the converter stops at "/"; the view wants two digits).
    path(
        "provinces/<str:code>/counties.json",
        views.province_counties_view,
        name="province_counties",
    ),
]
