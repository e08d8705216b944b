from django.contrib import admin

from .models import (
    DestinationCode,
    EducationLevel,
    Ethnicity,
    HardshipCategory,
    Industry,
    NotEmployedReason,
    Province,
    ReportCategory,
    UnitNature,
)


class CodeEntryAdmin(admin.ModelAdmin):
    list_display = ("scheme", "code", "name", "sort_order", "is_active")
    list_filter = ("scheme", "is_active")
    search_fields = ("code", "name")
    list_editable = ("is_active",)


for model in (Province, Ethnicity, UnitNature, EducationLevel, NotEmployedReason):
    admin.site.register(model, CodeEntryAdmin)


@admin.register(ReportCategory)
class ReportCategoryAdmin(CodeEntryAdmin):
    list_display = (*CodeEntryAdmin.list_display, "counts_as_employed")


@admin.register(DestinationCode)
class DestinationCodeAdmin(CodeEntryAdmin):
    list_display = ("scheme", "code", "name", "category", "parent_code", "is_active")
    list_filter = ("scheme", "category", "is_active")


@admin.register(Industry)
class IndustryAdmin(CodeEntryAdmin):
    list_display = (*CodeEntryAdmin.list_display, "gb4754_section")


@admin.register(HardshipCategory)
class HardshipCategoryAdmin(CodeEntryAdmin):
    list_display = (*CodeEntryAdmin.list_display, "is_hardship")
