from django.apps import AppConfig


class SupportConfig(AppConfig):
    name = "apps.support"
    label = "support"
    verbose_name = "就业帮扶"

    def ready(self) -> None:
        from . import receivers  # noqa: F401  (connects the import's signal)
