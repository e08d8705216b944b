from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AccountsConfig(AppConfig):
    name = "apps.accounts"
    label = "accounts"
    verbose_name = "账号与角色"

    def ready(self) -> None:
        from django.db.models import fields
        from django.utils.translation import gettext_lazy as _

        from .permission_names import permissions_named_in_chinese

        # Django 6.1's empty choice of every select (model forms, choice fields, admin actions) is
        # "- Select an option -", which no catalogue translates yet; Django reads it from here (its documented
        # hook). Filter forms say 全部 instead (FILTERS_EMPTY_CHOICE_LABEL in settings).
        fields.BLANK_CHOICE_LABEL = _("请选择")

        # After auth's own receiver (its app is ready first) has created the rows of every migrated app.
        post_migrate.connect(permissions_named_in_chinese, dispatch_uid="accounts_permissions_in_chinese")
        from . import signals  # noqa: F401  (connects the login and history receivers)
