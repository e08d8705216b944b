from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin as BaseGroupAdmin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.models import Group, Permission
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .backends import ADMINISTERED_APPS, ADMINISTRATOR_READS
from .models import User


def _grantable_permissions(request):
    """A superuser may grant anything; the administrator only what they hold themself, so that a group or a
    user's own permissions cannot open graduates, plans or evidence to anybody (issue 12, item 7)."""
    permissions = Permission.objects.select_related("content_type")
    if request.user.is_superuser:
        return permissions
    reads = Q()
    for perm in ADMINISTRATOR_READS:
        app_label, codename = perm.split(".")
        reads |= Q(content_type__app_label=app_label, codename=codename)
    return permissions.filter(Q(content_type__app_label__in=ADMINISTERED_APPS) | reads)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "last_name", "first_name", "role", "college", "is_active")
    list_filter = ("role", "college", "is_active")
    search_fields = ("username", "last_name", "first_name")
    filter_horizontal = ("classes", "groups", "user_permissions")
    fieldsets = BaseUserAdmin.fieldsets + (
        (_("角色与管辖范围"), {"fields": ("role", "college", "classes", "must_change_password")}),
    )
    add_fieldsets = BaseUserAdmin.add_fieldsets + (
        (_("角色与管辖范围"), {"fields": ("last_name", "first_name", "role", "college")}),
    )

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        if request.user.is_superuser:
            return readonly
        return (*readonly, "is_superuser")

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "user_permissions":
            kwargs["queryset"] = _grantable_permissions(request)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


admin.site.unregister(Group)


@admin.register(Group)
class GroupAdmin(BaseGroupAdmin):
    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "permissions":
            kwargs["queryset"] = _grantable_permissions(request)
        return super().formfield_for_manytomany(db_field, request, **kwargs)
