from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from apps.graduates.validators import validate_credit_code
from apps.refdata import seed_data
from apps.refdata.models import AdministrativeDivision, DestinationCode, DivisionLevel, WorkPosition

from .models import DestinationPlan, EvidenceKind
from .rules import PLAN_DETAIL_FIELDS, RULES_BY_BASE_CODE, base_code, rule_for


class DestinationSelect(forms.Select):
    """Each option carries the detail fields its destination needs (``data-fields``), for plan_form.js."""

    fields_by_value: dict[str, str] = {}
    required_by_value: dict[str, str] = {}

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        key = str(getattr(value, "value", value))
        if key in self.fields_by_value:
            option["attrs"]["data-fields"] = self.fields_by_value[key]
        if key in self.required_by_value:
            option["attrs"]["data-required"] = self.required_by_value[key]
        return option


class PlanForm(forms.ModelForm):
    """The student's plan: a destination of their cohort's scheme and its details. Status, owner and dates
    are not fields, so a crafted POST cannot set them."""

    required_css_class = "required"

    class Meta:
        model = DestinationPlan
        fields = ["destination", *PLAN_DETAIL_FIELDS, "note"]
        widgets = {
            # ISO, which a date input needs (zh-hans would render 2020/08/31 and the input would show nothing).
            "contract_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "note": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, cohort, **kwargs):
        super().__init__(*args, **kwargs)
        codes = DestinationCode.objects.filter(scheme=cohort.destination_scheme, is_active=True)
        # The page shows only the fields the chosen destination needs (static/js/plan_form.js reads these).
        widget = DestinationSelect(attrs={"data-plan-destination": "1"})
        widget.fields_by_value = {
            str(code.pk): " ".join(RULES_BY_BASE_CODE[base_code(code.code, code.parent_code)].shown)
            for code in codes
            if base_code(code.code, code.parent_code) in RULES_BY_BASE_CODE
        }
        # The detail fields a destination requires, so the page marks them as it shows them.
        widget.required_by_value = {
            str(code.pk): " ".join(RULES_BY_BASE_CODE[base_code(code.code, code.parent_code)].required)
            for code in codes
            if base_code(code.code, code.parent_code) in RULES_BY_BASE_CODE
        }
        destination = self.fields["destination"]
        destination.widget = widget
        destination.queryset = codes  # also fills the new widget's choices
        destination.label_from_instance = lambda c: f"{c.code} {c.name}"
        for name in PLAN_DETAIL_FIELDS:
            self.fields[name].required = False
        # 单位所在地 at county level, of the shipped GB/T 2260 version: its province is derived on save.
        self.fields["work_county"].queryset = AdministrativeDivision.objects.filter(
            scheme=seed_data.DIVISION_SCHEME, level=DivisionLevel.COUNTY, is_active=True
        ).order_by("code")
        self.fields["work_county"].label_from_instance = lambda d: f"{d.code} {d.full_name}"
        self.fields["work_position"].queryset = WorkPosition.objects.filter(is_active=True)
        self.fields["work_position"].label_from_instance = lambda p: f"{p.code} {p.name}"
        if "employer_credit_code" in self.fields:
            # The same check as the destination import's (GB 32100 by stdnum), so a typo is caught here.
            self.fields["employer_credit_code"].validators.append(validate_credit_code)
        if self.instance.pk:
            # A fixed code (46: 部队, 军队) was filled in by the service, not typed: not sent back with the form,
            # so changing the destination does not turn it into an error on a field the student never saw.
            for name in rule_for(self.instance.destination).fixed:
                self.initial[name] = None


# What the file picker offers; the server still judges a file by its content (services._sniff_evidence).
EVIDENCE_ACCEPT = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"


def _evidence_file_field() -> forms.FileField:
    return forms.FileField(
        label=_("文件（PDF、JPG、PNG）"),
        help_text=_("PDF、JPG 或 PNG 格式，不超过 {limit} MB。").format(
            limit=settings.EVIDENCE_MAX_BYTES // (1024 * 1024)
        ),
        widget=forms.ClearableFileInput(attrs={"accept": EVIDENCE_ACCEPT}),
    )


class EvidenceForm(forms.Form):
    required_css_class = "required"

    kind = forms.ChoiceField(label=_("材料类型"), choices=EvidenceKind.choices)
    file = _evidence_file_field()


class EvidenceReplaceForm(forms.Form):
    """A file in place of one already uploaded (same kind)."""

    required_css_class = "required"

    file = _evidence_file_field()


class ActionForm(forms.Form):
    action = forms.CharField(widget=forms.HiddenInput)
    expected_status = forms.CharField(widget=forms.HiddenInput)
    comment = forms.CharField(
        label=_("意见"), required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=500
    )
