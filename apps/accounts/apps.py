from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AccountsConfig(AppConfig):
    name = "apps.accounts"
    label = "accounts"
    verbose_name = "账号与角色"

    def ready(self) -> None:
        from .permission_names import permissions_named_in_chinese

        # After auth's own receiver (its app is ready first) has created the rows of every migrated app.
        post_migrate.connect(permissions_named_in_chinese, dispatch_uid="accounts_permissions_in_chinese")
        from . import signals  # noqa: F401  (connects the login and history receivers)
