"""The admin is for the administrator's corrections; the park's workflows run through the pages (and their
services), so statuses and the event log are read-only here."""

from django.contrib import admin

from .models import (
    AccessPass,
    Assessment,
    CompetitionAward,
    CompetitionEntry,
    FundingApplication,
    MeterReading,
    OperatingReport,
    PatrolRecord,
    ResumptionApplication,
    Site,
    TeamMember,
    Tenant,
    TenantEvent,
    Unit,
)


class UnitInline(admin.TabularInline):
    model = Unit
    extra = 0


@admin.register(Site)
class SiteAdmin(admin.ModelAdmin):
    list_display = ("name", "location", "sort_order")
    inlines = [UnitInline]


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ("code", "site", "area", "meter_no")
    list_filter = ("site",)
    search_fields = ("code", "meter_no")


class TeamMemberInline(admin.TabularInline):
    model = TeamMember
    extra = 0
    raw_id_fields = ("graduate",)


@admin.register(Tenant)
class TenantAdmin(admin.ModelAdmin):
    list_display = (
        "company_name",
        "credit_code",
        "leader_name",
        "status",
        "move_in_on",
        "lease_ends_on",
        "jobs_created",
    )
    list_filter = ("status", "industry")
    search_fields = ("company_name", "credit_code", "leader_name")
    raw_id_fields = ("leader_graduate",)
    filter_horizontal = ("units",)
    readonly_fields = ("status", "status_changed_at", "exited_on", "exit_reason")
    inlines = [TeamMemberInline]


@admin.register(TenantEvent)
class TenantEventAdmin(admin.ModelAdmin):
    list_display = (
        "created_at",
        "tenant",
        "subject",
        "action",
        "from_status",
        "to_status",
        "actor",
        "actor_role",
    )
    list_filter = ("subject", "action")
    list_select_related = ("tenant", "actor")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(OperatingReport)
class OperatingReportAdmin(admin.ModelAdmin):
    list_display = ("tenant", "period", "revenue", "staff", "graduates_employed", "status")
    list_filter = ("status", "period")
    readonly_fields = ("status",)
    list_select_related = ("tenant",)


@admin.register(ResumptionApplication)
class ResumptionApplicationAdmin(admin.ModelAdmin):
    list_display = ("tenant", "planned_on", "staff_returning", "status")
    list_filter = ("status",)
    readonly_fields = ("status",)
    list_select_related = ("tenant",)


@admin.register(AccessPass)
class AccessPassAdmin(admin.ModelAdmin):
    list_display = ("holder_name", "tenant", "valid_from", "valid_to")
    search_fields = ("holder_name", "tenant__company_name")
    list_select_related = ("tenant",)


@admin.register(PatrolRecord)
class PatrolRecordAdmin(admin.ModelAdmin):
    list_display = ("patrolled_on", "site", "tenant", "hazard", "resolved_on")
    list_filter = ("site", "hazard")
    list_select_related = ("site", "tenant")


@admin.register(MeterReading)
class MeterReadingAdmin(admin.ModelAdmin):
    list_display = ("meter_no", "unit", "read_on", "reading")
    list_filter = ("unit__site",)
    search_fields = ("meter_no",)
    list_select_related = ("unit__site",)


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    list_display = ("tenant", "year", "total", "threshold", "passed")
    list_filter = ("year", "passed")
    list_select_related = ("tenant",)

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(FundingApplication)
class FundingApplicationAdmin(admin.ModelAdmin):
    list_display = (
        "tenant",
        "team_name",
        "programme",
        "year",
        "amount_requested",
        "result",
        "amount_granted",
    )
    list_filter = ("year", "result")
    readonly_fields = ("result", "amount_granted", "decided_on")
    list_select_related = ("tenant",)


class CompetitionAwardInline(admin.TabularInline):
    model = CompetitionAward
    extra = 0


@admin.register(CompetitionEntry)
class CompetitionEntryAdmin(admin.ModelAdmin):
    list_display = ("project_name", "leader_name", "competition", "year", "team_size", "stage_reached")
    list_filter = ("competition", "year", "stage_reached")
    search_fields = ("project_name", "leader_name")
    inlines = [CompetitionAwardInline]
