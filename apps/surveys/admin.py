from django.contrib import admin

from .models import EmployerResponse, GraduateResponse, SurveyCampaign


@admin.register(SurveyCampaign)
class SurveyCampaignAdmin(admin.ModelAdmin):
    list_display = ("title", "cohort", "kind", "sent", "returned", "closed_on")
    list_filter = ("kind", "cohort")
    search_fields = ("title",)


class _ResponseAdmin(admin.ModelAdmin):
    """Responses come from the import (all or nothing, whole campaign); the admin only shows them."""

    list_select_related = ("campaign__cohort",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(GraduateResponse)
class GraduateResponseAdmin(_ResponseAdmin):
    list_display = (
        "response_no",
        "campaign",
        "gender",
        "college",
        "employed",
        "job_satisfaction",
        "school_overall",
    )
    list_filter = ("campaign", "college", "employed")
    list_select_related = ("campaign__cohort", "college")
    search_fields = ("response_no",)


@admin.register(EmployerResponse)
class EmployerResponseAdmin(_ResponseAdmin):
    list_display = ("response_no", "campaign", "employer_name", "overall")
    list_filter = ("campaign",)
    search_fields = ("response_no", "employer_name")
