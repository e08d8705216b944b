"""The code tables in the admin: browse, edit, retire, and import/export (django-import-export).

Every table's import goes through its resource (``resources.py``), which applies the rules of
``load_code_table``. A code in use cannot be re-coded (the form says so, from ``CodeEntry.clean``) or deleted
(refused with a message; PROTECT already stops the admin's delete page listing what uses it).
"""

from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportModelAdmin
from import_export.forms import ConfirmImportForm, ImportForm

from . import resources
from .models import (
    AdministrativeDivision,
    CodeInUse,
    DestinationCode,
    DestinationScheme,
    EducationLevel,
    Ethnicity,
    HardshipCategory,
    Industry,
    MinimumWage,
    NotEmployedReason,
    Province,
    ReportCategory,
    UnitNature,
    WorkPosition,
)


class CodeTableImportForm(ImportForm):
    scheme = forms.CharField(
        label=_("标准/版本"),
        max_length=40,
        required=False,
        help_text=_("文件没有“标准/版本”列时必填（如官方模板的代码表）：所有行导入到此标准/版本。"),
    )
    source = forms.CharField(
        label=_("来源"),
        max_length=200,
        required=False,
        help_text=_("新增或改名的代码所依据的文件，如“教学厅函〔2021〕19号”；不填则记为文件名。"),
    )


class CodeTableConfirmImportForm(ConfirmImportForm):
    scheme = forms.CharField(widget=forms.HiddenInput(), required=False)
    source = forms.CharField(widget=forms.HiddenInput(), required=False)


class CodeEntryAdmin(ImportExportModelAdmin):
    import_form_class = CodeTableImportForm
    confirm_form_class = CodeTableConfirmImportForm
    list_display = ("scheme", "code", "name", "sort_order", "is_active", "source")
    list_filter = ("scheme", "is_active")
    search_fields = ("code", "name", "source")
    list_editable = ("is_active",)

    def get_resource_classes(self, request):
        # A code table registered without a resource still imports under the rules of load_code_table.
        return self.resource_classes or [resources.resource_for(self.model)]

    def get_confirm_form_initial(self, request, import_form):
        initial = super().get_confirm_form_initial(request, import_form)
        if import_form is not None:
            initial.update(
                scheme=import_form.cleaned_data["scheme"], source=import_form.cleaned_data["source"]
            )
        return initial

    def delete_model(self, request, obj):
        try:
            obj.delete()
        except CodeInUse as refused:
            self.message_user(request, refused.messages[0], level=messages.ERROR)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)


def code_table_admin(model, resource_class=None, **options):
    """Register ``model`` with the import/export admin over ``resource_class``, or the plain code-table resource
    (``resources.resource_for``) when the table has no columns of its own."""
    attributes = {"resource_classes": [resource_class] if resource_class else [], **options}
    admin.site.register(model, type(f"{model.__name__}Admin", (CodeEntryAdmin,), attributes))


code_table_admin(Province)
code_table_admin(Ethnicity)
code_table_admin(UnitNature)
code_table_admin(EducationLevel)
code_table_admin(NotEmployedReason)
code_table_admin(
    ReportCategory,
    resources.ReportCategoryResource,
    list_display=(*CodeEntryAdmin.list_display, "counts_as_employed"),
)
code_table_admin(
    DestinationCode,
    resources.DestinationCodeResource,
    list_display=("scheme", "code", "name", "category", "parent_code", "is_active", "source"),
    list_filter=("scheme", "category", "is_active"),
)
code_table_admin(
    Industry, resources.IndustryResource, list_display=(*CodeEntryAdmin.list_display, "gb4754_section")
)
code_table_admin(
    HardshipCategory,
    resources.HardshipCategoryResource,
    list_display=(*CodeEntryAdmin.list_display, "is_hardship"),
)


@admin.register(DestinationScheme)
class DestinationSchemeAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "rate_name", "placed_name", "category_scheme", "source")
    search_fields = ("code", "name")


@admin.register(WorkPosition)
class WorkPositionAdmin(CodeEntryAdmin):
    pass


@admin.register(AdministrativeDivision)
class AdministrativeDivisionAdmin(CodeEntryAdmin):
    list_display = ("scheme", "code", "full_name", "level", "is_active")
    list_filter = ("scheme", "level", "province_code", "is_active")
    search_fields = ("code", "name", "full_name")


@admin.register(MinimumWage)
class MinimumWageAdmin(admin.ModelAdmin):
    """Entered by the centre from each province's document; the evidence rules read it (no figure shipped)."""

    list_display = ("province", "year", "monthly_yuan", "document")
    list_filter = ("year", "province")
    search_fields = ("province__name", "document")
    list_select_related = ("province",)
