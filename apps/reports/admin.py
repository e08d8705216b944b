from django.contrib import admin

from .models import PublishedDestination, ReportPublication


class ReadOnlyAdmin(admin.ModelAdmin):
    """Published figures are written once by ``publications.report_publish``: the admin may look, never add,
    edit or delete."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ReportPublication)
class ReportPublicationAdmin(ReadOnlyAdmin):
    list_display = ("cohort", "as_of", "published_by", "published_at", "note")
    list_filter = ("cohort",)
    list_select_related = ("cohort", "published_by")
    fields = ("cohort", "as_of", "published_by", "published_at", "note", "data")
    readonly_fields = fields


@admin.register(PublishedDestination)
class PublishedDestinationAdmin(ReadOnlyAdmin):
    list_display = ("publication", "graduate", "destination", "plan")
    list_filter = ("publication",)
    search_fields = ("graduate__student_no", "graduate__name")
    list_select_related = (
        "publication__cohort",
        "graduate",
        "destination",
        "plan__destination",
        "plan__graduate",
    )
    raw_id_fields = ("graduate", "plan")
    readonly_fields = ("publication", "graduate", "plan", "destination")
