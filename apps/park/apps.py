from django.apps import AppConfig


class ParkConfig(AppConfig):
    name = "apps.park"
    label = "park"
    verbose_name = "创业园"
