from django.contrib import admin

from apps.plans.admin import ReadOnlyAdmin

from .models import DataRelease


@admin.register(DataRelease)
class DataReleaseAdmin(ReadOnlyAdmin):
    """The log is written only by release_record; in the admin it can be read, never added, changed or
    deleted (not even by a superuser)."""

    list_display = ("created_at", "user", "role", "kind", "rows", "description")
    list_filter = ("kind", "role")
    search_fields = ("user__username", "user__last_name", "user__first_name", "description")
    date_hierarchy = "created_at"
    list_select_related = ("user",)
    readonly_fields = ("created_at", "user", "role", "kind", "rows", "filters", "description")
    actions = None
