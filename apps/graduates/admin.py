from django.contrib import admin, messages
from simple_history.admin import SimpleHistoryAdmin

from .models import ClassGroup, Cohort, College, Graduate, Major
from .services import cohort_archive


@admin.register(College)
class CollegeAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "sort_order")
    search_fields = ("name",)


@admin.register(Major)
class MajorAdmin(admin.ModelAdmin):
    list_display = ("name", "college", "code", "sort_order")
    list_filter = ("college",)
    search_fields = ("name",)


@admin.register(ClassGroup)
class ClassGroupAdmin(admin.ModelAdmin):
    list_display = ("name", "major")
    list_filter = ("major__college",)
    search_fields = ("name",)
    list_select_related = ("major",)


@admin.register(Cohort)
class CohortAdmin(admin.ModelAdmin):
    list_display = ("year", "destination_scheme", "is_archived")
    actions = ["archive"]

    @admin.action(description="归档所选届别（停用其毕业生账号）")
    def archive(self, request, queryset):
        disabled = sum(cohort_archive(cohort=cohort) for cohort in queryset)
        self.message_user(request, f"已归档，停用毕业生账号 {disabled} 个。", messages.SUCCESS)


@admin.register(Graduate)
class GraduateAdmin(SimpleHistoryAdmin):  # "历史" shows every change, with its author
    list_display = ("student_no", "name", "gender", "masked_id", "class_group", "origin")
    list_filter = ("cohort", "gender", "class_group__major__college", "registered_poor", "poverty_county")
    search_fields = ("student_no", "name")
    list_select_related = ("class_group", "origin")
    raw_id_fields = ("user", "class_group")

    @admin.display(description="身份证号")
    def masked_id(self, obj):
        return obj.id_number_masked
