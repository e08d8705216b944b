from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import User


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
