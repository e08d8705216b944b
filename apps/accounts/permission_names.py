"""Django's built-in permissions under Chinese names in the admin ("可以添加毕业生", not "Can add 毕业生").

Django stores a built-in permission's name once, in English, when it creates the row ("Can add %s" with the
model's untranslated verbose name), and the admin shows the stored name: the locale cannot translate it.
After every migrate, rows still carrying Django's English pattern are renamed; a name an administrator gave a
permission of their own is left alone.
"""

from django.contrib.auth.models import Permission
from django.utils import translation

ACTION_NAMES = {"add": "可以添加", "change": "可以修改", "delete": "可以删除", "view": "可以查看"}


def chinese_permission_name(action: str, verbose_name) -> str:
    return f"{ACTION_NAMES[action]}{verbose_name}"


def permissions_named_in_chinese(**kwargs) -> None:
    """post_migrate receiver: rename each built-in permission still named in Django's English pattern."""
    using = kwargs.get("using", "default")
    renamed = []
    with translation.override("zh-hans"):
        for permission in (
            Permission.objects.using(using).filter(name__startswith="Can ").select_related("content_type")
        ):
            action, _, model_name = permission.codename.partition("_")
            model = permission.content_type.model_class()
            if action not in ACTION_NAMES or model is None or model._meta.model_name != model_name:
                continue
            permission.name = chinese_permission_name(action, model._meta.verbose_name)
            renamed.append(permission)
    Permission.objects.using(using).bulk_update(renamed, ["name"])
