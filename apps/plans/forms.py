from django import forms
from django.conf import settings
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from apps.graduates.validators import validate_credit_code
from apps.refdata import seed_data
from apps.refdata.models import AdministrativeDivision, DestinationCode, DivisionLevel, WorkPosition

from .models import DestinationPlan, EvidenceKind
from .rules import PLAN_DETAIL_FIELDS, RULES_BY_BASE_CODE, base_code, rule_for


def _attrs_html(attrs: dict) -> str:
    """As django/forms/widgets/attrs.html writes them: in order, True bare, False left out."""
    return "".join(
        f" {name}" if value is True else f' {name}="{escape(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


class QuickSelect(forms.Select):
    """A select written in Python, as Django's select.html and select_option.html write it: the templates
    include two more templates per option, and the plan form's ~300 options were most of its CPU."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [f'<select name="{escape(widget["name"])}"{_attrs_html(widget["attrs"])}>']
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(f'\n  <optgroup label="{escape(group_name)}">')
            for option in options:
                parts.append(
                    f'\n  <option value="{escape(option["value"])}"{_attrs_html(option["attrs"])}>'
                    f"{escape(option['label'])}</option>\n"  # select_option.html's own newline
                )
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return mark_safe("".join(parts))


class DestinationSelect(QuickSelect):
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


class ProvinceSelect(QuickSelect):
    """单位所在省份: each option says where its counties are (``data-counties``), for plan_form.js."""

    counties_url_by_value: dict[str, str] = {}

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        url = self.counties_url_by_value.get(str(getattr(value, "value", value)))
        if url:
            option["attrs"]["data-counties"] = url
        return option


# No province chosen yet: the county select has nothing to offer (plan_form.js fills it from the province).
COUNTY_PROVINCE_FIRST = _("请先选择省份")


class PlanForm(forms.ModelForm):
    """The student's plan: a destination of their cohort's scheme and its details. Status, owner and dates
    are not fields, so a crafted POST cannot set them."""

    required_css_class = "required"

    class Meta:
        model = DestinationPlan
        fields = ["destination", *PLAN_DETAIL_FIELDS, "note"]
        widgets = {
            **{
                name: QuickSelect
                for name in PLAN_DETAIL_FIELDS
                if DestinationPlan._meta.get_field(name).is_relation
                or DestinationPlan._meta.get_field(name).choices
            },
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
        self._county_by_province()
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

    def _county_by_province(self) -> None:
        """单位所在地 (county level, the shipped GB/T 2260 version) offers the counties of one province: the
        one posted, else the instance's county's or the instance's province; none chosen, nothing (all ~3,000
        counties made the page 221 KB and 236 ms). The county is still validated against every active county
        of the version (its province is derived on save, and a county of another province is the service's
        error), and a posted county always stays on the page with its province, so nothing typed is lost."""
        province_field = self.fields["work_province"]
        provinces = {str(p.pk): p.code for p in province_field.queryset}
        province_field.widget = ProvinceSelect(attrs={"data-county-province": "1"})
        province_field.widget.counties_url_by_value = {
            pk: reverse("refdata:province_counties", args=[code]) for pk, code in provinces.items()
        }
        province_field.widget.choices = province_field.choices
        county_field = self.fields["work_county"]
        county_field.queryset = AdministrativeDivision.objects.filter(
            scheme=seed_data.DIVISION_SCHEME, level=DivisionLevel.COUNTY, is_active=True
        )
        if self.is_bound:
            province_code = provinces.get(str(self.data.get(self.add_prefix("work_province"), "")))
            county_id = str(self.data.get(self.add_prefix("work_county"), ""))
        else:
            province_code = provinces.get(str(self.initial.get("work_province") or ""))
            county_id = str(self.initial.get("work_county") or "")
        county = None
        if county_id.isascii() and county_id.isdigit() and len(county_id) <= 10:
            county = (
                county_field.queryset.filter(pk=int(county_id))
                .values_list("pk", "code", "full_name", "province_code")
                .first()
            )
        if county is not None and (province_code is None or not self.is_bound):
            province_code = county[3]  # the county's own province: where its neighbours are
        if province_code is None:
            choices = [("", COUNTY_PROVINCE_FIRST)]
        else:
            rows = county_field.queryset.filter(province_code=province_code).order_by("code")
            choices = [("", county_field.empty_label)]
            choices += [
                (pk, f"{code} {name}") for pk, code, name in rows.values_list("pk", "code", "full_name")
            ]
        if county is not None and all(str(value) != str(county[0]) for value, _label in choices):
            choices.append((county[0], f"{county[1]} {county[2]}"))  # a county of another province, kept
        county_field.widget.choices = choices
        county_field.widget.attrs["data-county-select"] = "1"
        county_field.widget.attrs["data-empty-label"] = str(county_field.empty_label)
        county_field.widget.attrs["data-first-label"] = str(COUNTY_PROVINCE_FIRST)


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
