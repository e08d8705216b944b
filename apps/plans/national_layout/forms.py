import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.graduates.forms_import import GraduateImportConfirmForm, GraduateImportForm
from apps.graduates.models import Cohort

MSG_FUTURE = _("登记日期不能晚于今天。")
MSG_TOO_EARLY = _("登记日期不能早于 2000-01-01。")


class LayoutExportForm(forms.Form):
    """The cohort to export, from the URL: only an existing cohort (a bad value is a form error)."""

    cohort = forms.ModelChoiceField(
        label=_("届别"), queryset=Cohort.objects.order_by("-year"), to_field_name="year", empty_label=None
    )


class LayoutImportForm(GraduateImportForm):
    """The upload (the graduate import's size check) and the day its destinations are registered on."""

    approved_on = forms.DateField(
        label=_("登记日期（审核通过日期）"),
        help_text=_("全国系统导出的就业方案没有审核日期：每行记为就业指导中心于此日审核通过。"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].label = _("就业方案文件（全国或省级系统导出）")

    def clean_approved_on(self):
        day = self.cleaned_data["approved_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(MSG_FUTURE, code="future")
        if day < datetime.date(2000, 1, 1):
            raise forms.ValidationError(MSG_TOO_EARLY, code="too_early")
        return day


class LayoutImportConfirmForm(GraduateImportConfirmForm):
    """Names the previewed upload, so a confirm from an old page cannot import a newer upload."""
