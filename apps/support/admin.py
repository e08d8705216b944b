from django.contrib import admin

from apps.plans.admin import ReadOnlyAdmin

from .models import SubsidyApplication, SubsidyBatch, SubsidyEvent, SubsidyScheme, SupportAction, SupportCase


@admin.register(SubsidyScheme)
class SubsidySchemeAdmin(admin.ModelAdmin):
    """Schemes are set up here (name, cohort, who is eligible, standard amount); applications move only
    through the subsidy services."""

    list_display = ("name", "cohort", "eligibility", "amount", "is_open")
    list_filter = ("cohort", "eligibility", "is_open")


class SupportActionInline(admin.TabularInline):
    model = SupportAction
    fk_name = "case"
    extra = 0
    can_delete = False
    fields = ("acted_on", "kind", "note", "employer_name", "position", "corrects", "author", "created_at")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(SupportCase)
class SupportCaseAdmin(ReadOnlyAdmin):
    list_display = ("graduate", "responsible", "priority", "status", "opened_on")
    list_filter = ("status", "priority", "graduate__cohort", "graduate__class_group__major__college")
    search_fields = ("graduate__student_no", "graduate__name")
    list_select_related = ("graduate", "responsible")
    inlines = [SupportActionInline]


class SubsidyEventInline(admin.TabularInline):
    model = SubsidyEvent
    extra = 0
    can_delete = False
    fields = ("created_at", "action", "from_status", "to_status", "actor", "actor_role", "comment")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(SubsidyApplication)
class SubsidyApplicationAdmin(ReadOnlyAdmin):
    list_display = ("graduate", "scheme", "amount", "status", "batch", "applied_on")
    list_filter = ("scheme", "status", "batch")
    search_fields = ("graduate__student_no", "graduate__name")
    list_select_related = ("graduate", "scheme", "batch")
    inlines = [SubsidyEventInline]


admin.site.register(SubsidyBatch, ReadOnlyAdmin)
