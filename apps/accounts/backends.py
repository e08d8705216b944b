"""What the 系统管理员 role may do in the Django admin: users, groups, code tables and login locks; read the
data-release log. Nothing about graduates, plans, evidence, support, the park or reports (issue 12, item 7):
those are the centre's, in the app. A superuser keeps every permission (Django's ModelBackend)."""

from django.contrib.auth.backends import BaseBackend

from .roles import Role

# Apps whose every model the administrator manages.
ADMINISTERED_APPS = frozenset({"accounts", "auth", "refdata", "axes"})
# Permissions outside those apps: looking only.
ADMINISTRATOR_READS = frozenset({"releases.view_datarelease"})


def _is_administrator(user) -> bool:
    return user.is_active and user.is_staff and getattr(user, "role", None) == Role.ADMIN


def administrator_may(perm: str) -> bool:
    return perm.partition(".")[0] in ADMINISTERED_APPS or perm in ADMINISTRATOR_READS


class AdministratorRoleBackend(BaseBackend):
    """Grants the administrator role (a staff account) exactly ``administrator_may``; never authenticates."""

    def has_perm(self, user_obj, perm, obj=None):
        return _is_administrator(user_obj) and administrator_may(perm)

    def has_module_perms(self, user_obj, app_label):
        if not _is_administrator(user_obj):
            return False
        return app_label in ADMINISTERED_APPS or any(
            p.startswith(f"{app_label}.") for p in ADMINISTRATOR_READS
        )
