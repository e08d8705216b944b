"""Forms of the park. Status, owner and the dates the workflow sets are never fields, so a crafted POST cannot
set them; the services validate again what a form validates, and views turn their errors into form errors."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import Role, User
from apps.graduates.models import Graduate

from .models import (
    ACTIVE_STATUSES,
    ASSESSMENT_CRITERIA,
    AccessPass,
    CompetitionAward,
    CompetitionEntry,
    FundingApplication,
    OperatingReport,
    PatrolRecord,
    ResumptionApplication,
    TeamMember,
    Tenant,
    Unit,
)
from .selectors import units_available_to
from .services.funding import ENTRY_FIELDS, FUNDING_FIELDS
from .services.operations import PASS_FIELDS, PATROL_FIELDS, REPORT_FIELDS, RESUMPTION_FIELDS
from .services.tenants import MSG_MEMBER_NOT_MATCHED, TENANT_FIELDS
from .validators import normalise_credit_code

MSG_NO_SUCH_GRADUATE = _("没有学号为 {student_no} 的学生或毕业生。")
MSG_NO_SUCH_ACCOUNTS = _("以下账号不存在，或不是创业园企业账号/学生账号：{names}")
MSG_MONTH = _("请按“年-月”填写，例如 2020-11。")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class MonthInput(forms.DateInput):
    input_type = "month"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m")


class MonthField(forms.DateField):
    """A month (``<input type="month">``), cleaned to its first day."""

    widget = MonthInput
    input_formats = ["%Y-%m", "%Y-%m-%d"]
    default_error_messages = {"invalid": MSG_MONTH}

    def to_python(self, value):
        day = super().to_python(value)
        return day.replace(day=1) if day else day


def _graduate_by_student_no(student_no: str) -> Graduate | None:
    student_no = (student_no or "").strip()
    if not student_no:
        return None
    graduate = Graduate.objects.filter(student_no=student_no).first()
    if graduate is None:
        raise forms.ValidationError(MSG_NO_SUCH_GRADUATE.format(student_no=student_no))
    return graduate


class UnitChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, unit: Unit) -> str:
        return f"{unit.site.name} {unit.code}（{unit.area} m²）"


class TenantForm(forms.ModelForm):
    """The centre's record of a company: an application, or a company in the park."""

    leader_student_no = forms.CharField(
        label=_("负责人学号"),
        required=False,
        max_length=20,
        help_text=_("负责人是本校学生或毕业生时填写，姓名可留空自动带出。"),
    )
    units = UnitChoiceField(
        label=_("场地单元"),
        queryset=Unit.objects.none(),
        required=False,
        help_text=_("只列出空置的单元和本企业已使用的单元。"),
        widget=forms.CheckboxSelectMultiple,
    )
    member_usernames = forms.CharField(
        label=_("企业账号"),
        required=False,
        max_length=500,
        help_text=_("可登录本企业页面的账号（创业园企业账号或学生学号），多个用空格或逗号分隔。"),
    )

    class Meta:
        model = Tenant
        fields = [name for name in TENANT_FIELDS if name != "leader_graduate"]
        widgets = {
            "applied_on": DateInput(),
            "move_in_on": DateInput(),
            "lease_ends_on": DateInput(),
            "leader_phone": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        }

    field_order = [
        "company_name", "credit_code", "industry", "business", "leader_student_no", "leader_name",
        "leader_phone", "applied_on", "units", "move_in_on", "lease_ends_on", "jobs_created", "member_usernames",
    ]  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leader_name"].required = False
        self.fields["industry"].queryset = self.fields["industry"].queryset.filter(is_active=True)
        self.fields["units"].queryset = units_available_to(self.instance)
        if self.instance.pk:
            if self.instance.leader_graduate_id:
                self.initial["leader_student_no"] = self.instance.leader_graduate.student_no
            self.initial["units"] = [u.pk for u in self.instance.units.all()]
            self.initial["member_usernames"] = " ".join(u.username for u in self.instance.members.all())

    def clean_credit_code(self):
        return normalise_credit_code(self.cleaned_data["credit_code"])

    def clean_leader_student_no(self):
        return _graduate_by_student_no(self.cleaned_data["leader_student_no"])

    def clean_member_usernames(self):
        names = [
            n for n in self.cleaned_data["member_usernames"].replace(",", " ").replace("，", " ").split() if n
        ]
        users = list(User.objects.filter(username__in=names, role__in=(Role.TENANT, Role.STUDENT)))
        missing = sorted(set(names) - {u.username for u in users})
        if missing:
            raise forms.ValidationError(MSG_NO_SUCH_ACCOUNTS.format(names="、".join(missing)))
        return users

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("leader_name") and not cleaned.get("leader_student_no"):
            self.add_error("leader_name", _("请填写负责人姓名，或填写负责人学号。"))
        return cleaned

    def service_data(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        data["leader_graduate"] = self.cleaned_data["leader_student_no"]
        data["units"] = list(self.cleaned_data["units"])
        data["members"] = self.cleaned_data["member_usernames"]
        return data


class TenantActionForm(forms.Form):
    action = forms.CharField(widget=forms.HiddenInput)
    expected_status = forms.CharField(widget=forms.HiddenInput)
    comment = forms.CharField(
        label=_("意见"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )
    lease_ends_on = forms.DateField(label=_("新的租期截止"), required=False, widget=DateInput())


class TeamMemberForm(forms.ModelForm):
    """A member by name; a student or graduate of the college by 学号 and name together, checked against the
    record and never filled from it. An unknown 学号 and a wrong name are the same error (MSG_MEMBER_NOT_MATCHED)."""

    student_no = forms.CharField(
        label=_("学号"),
        required=False,
        max_length=20,
        help_text=_("成员是本校学生或毕业生时填写，须与姓名一致"),
    )

    class Meta:
        model = TeamMember
        fields = ["name", "duty", "phone"]
        widgets = {"phone": forms.TextInput(attrs={"inputmode": "numeric"})}

    def clean(self):
        cleaned = super().clean()
        self.graduate = None
        student_no, name = cleaned.get("student_no"), cleaned.get("name")
        if student_no and name:
            self.graduate = Graduate.objects.filter(student_no=student_no, name=name).first()
            if self.graduate is None:
                self.add_error("student_no", MSG_MEMBER_NOT_MATCHED)
        return cleaned

    def service_data(self) -> dict:
        return {
            "name": self.cleaned_data["name"],
            "duty": self.cleaned_data["duty"],
            "phone": self.cleaned_data["phone"],
            "graduate": self.graduate,
        }


class OperatingReportForm(forms.ModelForm):
    period = MonthField(label=_("报表月份"))

    class Meta:
        model = OperatingReport
        fields = list(REPORT_FIELDS)
        widgets = {
            "revenue": forms.NumberInput(attrs={"step": "0.01", "min": "0", "inputmode": "decimal"}),
            "staff": forms.NumberInput(attrs={"min": "0", "inputmode": "numeric"}),
            "graduates_employed": forms.NumberInput(attrs={"min": "0", "inputmode": "numeric"}),
            "note": forms.Textarea(attrs={"rows": 3}),
        }


class ResumptionForm(forms.ModelForm):
    class Meta:
        model = ResumptionApplication
        fields = list(RESUMPTION_FIELDS)
        widgets = {
            "planned_on": DateInput(),
            "safety_plan": forms.Textarea(attrs={"rows": 8}),
            "contact_phone": forms.TextInput(attrs={"inputmode": "numeric"}),
        }


class ReviewActionForm(forms.Form):
    action = forms.CharField(widget=forms.HiddenInput)
    expected_status = forms.CharField(widget=forms.HiddenInput)
    comment = forms.CharField(
        label=_("意见"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )


class AccessPassForm(forms.ModelForm):
    class Meta:
        model = AccessPass
        fields = list(PASS_FIELDS)
        widgets = {
            "valid_from": DateInput(),
            "valid_to": DateInput(),
            "holder_phone": forms.TextInput(attrs={"inputmode": "numeric"}),
        }


class PatrolForm(forms.ModelForm):
    class Meta:
        model = PatrolRecord
        fields = list(PATROL_FIELDS)
        widgets = {
            "patrolled_on": DateInput(),
            "resolved_on": DateInput(),
            "findings": forms.Textarea(attrs={"rows": 3}),
            "follow_up": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tenant"].queryset = Tenant.objects.filter(status__in=ACTIVE_STATUSES).order_by(
            "company_name"
        )
        if not self.instance.pk:
            self.initial.setdefault("patrolled_on", timezone.localdate())


class UnitSelectField(forms.ModelChoiceField):
    def label_from_instance(self, unit: Unit) -> str:
        return f"{unit.site.name} {unit.code}（电表 {unit.meter_no}）"


class MeterReadingForm(forms.Form):
    unit = UnitSelectField(
        label=_("场地单元"), queryset=Unit.objects.select_related("site").order_by("site__sort_order", "code")
    )
    read_on = forms.DateField(label=_("抄表日期"), widget=DateInput())
    reading = forms.DecimalField(
        label=_("电表读数（kWh）"),
        max_digits=10,
        decimal_places=1,
        min_value=0,
        widget=forms.NumberInput(attrs={"step": "0.1", "min": "0", "inputmode": "decimal"}),
    )


class AssessmentForm(forms.Form):
    year = forms.IntegerField(label=_("考评年度"), min_value=2000, max_value=2100)
    comment = forms.CharField(
        label=_("考评意见"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )
    assessed_on = forms.DateField(label=_("考评日期"), widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, label, maximum in ASSESSMENT_CRITERIA:
            self.fields[name] = forms.IntegerField(
                label=f"{label}（满分 {maximum}）",
                min_value=0,
                max_value=maximum,
                widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": "0", "max": str(maximum)}),
            )
        self.order_fields(["year", *(name for name, _, _ in ASSESSMENT_CRITERIA), "comment", "assessed_on"])

    def scores(self) -> dict[str, int]:
        return {name: self.cleaned_data[name] for name, _, _ in ASSESSMENT_CRITERIA}


class FundingForm(forms.ModelForm):
    class Meta:
        model = FundingApplication
        fields = list(FUNDING_FIELDS)
        widgets = {
            "applied_on": DateInput(),
            "amount_requested": forms.NumberInput(attrs={"step": "0.01", "min": "0", "inputmode": "decimal"}),
            "note": forms.Textarea(attrs={"rows": 3}),
        }


class FundingDecisionForm(forms.Form):
    action = forms.CharField(widget=forms.HiddenInput)
    expected_result = forms.CharField(widget=forms.HiddenInput)
    amount_granted = forms.DecimalField(
        label=_("扶持金额（元）"), required=False, max_digits=10, decimal_places=2, min_value=0
    )
    decided_on = forms.DateField(label=_("结果日期"), required=False, widget=DateInput())
    comment = forms.CharField(
        label=_("说明"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )


class CompetitionEntryForm(forms.ModelForm):
    class Meta:
        model = CompetitionEntry
        fields = list(ENTRY_FIELDS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tenant"].queryset = Tenant.objects.order_by("company_name")


class CompetitionAwardForm(forms.ModelForm):
    class Meta:
        model = CompetitionAward
        fields = ["competition", "stage", "award"]
