from django.contrib import admin
from django.core.exceptions import PermissionDenied
from simple_history.admin import SimpleHistoryAdmin

from .models import DestinationPlan, Evidence, Notification, PlanEvent, Verification, VerificationBatch


class ReadOnlyAdmin(admin.ModelAdmin):
    """Plans move only through the workflow services; the admin may look, never edit or delete."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class PlanEventInline(admin.TabularInline):
    model = PlanEvent
    extra = 0
    can_delete = False
    fields = ("created_at", "action", "from_status", "to_status", "actor", "actor_role", "comment")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(DestinationPlan)
class DestinationPlanAdmin(SimpleHistoryAdmin, ReadOnlyAdmin):  # "历史": each save of the content
    list_display = ("graduate", "destination", "status", "work_position", "approved_on", "created_at")
    list_filter = ("status", "destination__scheme", "destination__category", "work_position")
    search_fields = ("graduate__student_no", "graduate__name", "employer_name")
    list_select_related = ("graduate", "destination", "work_position")
    inlines = [PlanEventInline]

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # A historical version may be looked at, never written back: a plan changes only through the services.
        if request.method != "GET":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


@admin.register(Evidence)
class EvidenceAdmin(ReadOnlyAdmin):
    list_display = ("plan", "kind", "original_name", "size", "uploaded_at")
    list_select_related = ("plan__graduate", "plan__destination")


for model in (Notification, VerificationBatch, Verification):
    admin.site.register(model, ReadOnlyAdmin)
