from django.contrib import admin

from .models import Job


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ("pk", "kind", "owner", "status", "rows_done", "rows_total", "created_at", "finished_at")
    list_filter = ("kind", "status")
    search_fields = ("owner__username", "source_name")
    readonly_fields = [field.name for field in Job._meta.fields]
