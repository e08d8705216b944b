import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.bounds import bound_to_cohort
from apps.graduates.models import Cohort, College


def default_cut_off(cohort: Cohort | None) -> datetime.date:
    """The initial rate is counted at 31 August of the graduation year (domain.md)."""
    year = cohort.year if cohort else datetime.date.today().year
    return datetime.date(year, 8, 31)


class ReportForm(forms.Form):
    cohort = forms.ModelChoiceField(
        label=_("届别"), queryset=Cohort.objects.all(), empty_label=None, to_field_name="year"
    )
    as_of = forms.DateField(
        label=_("截止日期"), widget=forms.DateInput(attrs={"type": "date"}), required=False
    )
    college = forms.ModelChoiceField(
        label=_("学院"), queryset=College.objects.all(), required=False, empty_label=_("全校")
    )
    compare_as_of = forms.DateField(
        label=_("对比截止日期"), widget=forms.DateInput(attrs={"type": "date"}), required=False
    )
    compare_cohort = forms.ModelChoiceField(
        label=_("对比届别"),
        queryset=Cohort.objects.all(),
        required=False,
        to_field_name="year",
        empty_label="—",
    )

    def __init__(self, data=None, *args, college_fixed: College | None = None, **kwargs):
        if data is not None and not data.get("as_of"):
            # The field shows the cut-off the report is counted at (31 August of the chosen cohort), not a
            # blank that silently means it.
            data = data.copy()
            year = str(data.get("cohort", ""))
            cohort = (
                Cohort.objects.filter(year=int(year)).first() if year.isdigit() and len(year) == 4 else None
            )
            if cohort is not None:
                data["as_of"] = default_cut_off(cohort).isoformat()
        super().__init__(data, *args, **kwargs)
        self.college_fixed = college_fixed
        if college_fixed is not None:
            del self.fields["college"]

    def clean(self):
        cleaned = super().clean()
        cohort = cleaned.get("cohort")
        bound_to_cohort(self, cohort.year if cohort else None, "as_of", "compare_as_of")
        return cleaned

    def report_college(self) -> College | None:
        return self.college_fixed if self.college_fixed is not None else self.cleaned_data.get("college")


class PublishForm(forms.Form):
    """发布: the cut-off shown on the report page, an optional note, and an explicit confirmation (published data
    can never be changed, so a stray click must not publish)."""

    cohort = forms.ModelChoiceField(
        label=_("届别"), queryset=Cohort.objects.all(), to_field_name="year", widget=forms.HiddenInput
    )
    as_of = forms.DateField(label=_("截止日期"), widget=forms.HiddenInput)
    note = forms.CharField(label=_("发布说明（可选）"), max_length=200, required=False)
    confirm = forms.BooleanField(
        label=_("我确认以上数据即为上报数据，发布后不可修改"),
        error_messages={"required": _("请勾选确认后再发布。")},
    )

    def clean(self):
        cleaned = super().clean()
        cohort = cleaned.get("cohort")
        bound_to_cohort(self, cohort.year if cohort else None, "as_of")
        return cleaned


class PublicationListForm(forms.Form):
    cohort = forms.ModelChoiceField(
        label=_("届别"),
        queryset=Cohort.objects.all(),
        required=False,
        to_field_name="year",
        empty_label=_("全部"),
    )
