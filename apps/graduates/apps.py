from django.apps import AppConfig


class GraduatesConfig(AppConfig):
    name = "apps.graduates"
    label = "graduates"
    verbose_name = "毕业生信息"
