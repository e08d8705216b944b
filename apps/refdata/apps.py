from django.apps import AppConfig


class RefdataConfig(AppConfig):
    name = "apps.refdata"
    label = "refdata"
    verbose_name = "代码表"
