from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "apps.reports"
    label = "reports"
    verbose_name = "就业质量年度报告"

    def ready(self) -> None:
        from . import checks  # noqa: F401 (registers the Chinese-font check)
