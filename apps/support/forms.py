from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.bounds import bound_to_cohort
from apps.graduates.models import Cohort

from .models import RECORDABLE_KINDS, CaseStatus, Priority, SubsidyScheme
from .subsidies import MSG_PAID_ON_FUTURE
from .workflow import CASE_MOVES

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class LedgerForm(forms.Form):
    """The ledger's cohort and date (the filters that narrow the rows are ``filters.LedgerFilter``)."""

    cohort = forms.ModelChoiceField(label=_("届别"), queryset=Cohort.objects.all(), empty_label=None)
    as_of = forms.DateField(label=_("截止日期"), required=False, widget=DATE_INPUT)

    def clean(self):
        cleaned = super().clean()
        cohort = cleaned.get("cohort")
        bound_to_cohort(self, cohort.year if cohort else None, "as_of")
        return cleaned


class ActionForm(forms.Form):
    """One log entry. Who wrote it and for which case come from the request, never from the form."""

    kind = forms.ChoiceField(label=_("帮扶方式"), choices=RECORDABLE_KINDS)
    acted_on = forms.DateField(label=_("帮扶日期"), widget=DATE_INPUT)
    note = forms.CharField(label=_("帮扶记录"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3}))
    employer_name = forms.CharField(label=_("推荐单位"), max_length=100, required=False)
    position = forms.CharField(label=_("推荐岗位"), max_length=60, required=False)
    corrects = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("acted_on", timezone.localdate())
        super().__init__(*args, **kwargs)


class CorrectsForm(forms.Form):
    """``?corrects=<entry>`` on a case page: the log entry a correction starts from (a database id)."""

    corrects = forms.IntegerField(required=False, min_value=1, max_value=2**31 - 1)


class CaseForm(forms.Form):
    responsible = forms.ModelChoiceField(
        label=_("帮扶责任人"), queryset=None, required=False, empty_label=_("（未指定）")
    )
    priority = forms.ChoiceField(label=_("帮扶等级"), choices=Priority.choices)
    personal_plan = forms.CharField(
        label=_("一人一策"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 5})
    )

    def __init__(self, *args, responsible_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible"].queryset = responsible_choices


class CaseStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("帮扶状态"), choices=CaseStatus.choices)
    reason = forms.CharField(label=_("结案原因"), required=False, max_length=200)

    def __init__(self, *args, current: str, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = CASE_MOVES[CaseStatus(current)]
        self.fields["status"].choices = [(s.value, s.label) for s in CaseStatus if s in allowed]


class OpenCaseForm(forms.Form):
    student_no = forms.CharField(label=_("学号"), max_length=20)


class ApplyForm(forms.Form):
    """Staff apply for a graduate by 学号; a student applies for themself (no 学号 field)."""

    scheme = forms.ModelChoiceField(
        label=_("补贴项目"), queryset=SubsidyScheme.objects.none(), empty_label=None
    )
    student_no = forms.CharField(label=_("学号"), max_length=20)
    note = forms.CharField(
        label=_("申请说明"), required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, schemes, for_student: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scheme"].queryset = schemes
        if for_student:
            del self.fields["student_no"]


class BankAccountForm(forms.Form):
    bank_account = forms.CharField(
        label=_("收款银行卡号"),
        required=False,
        max_length=40,
        help_text=_("本人名下借记卡卡号，12至30位数字；留空表示清除"),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )


class SubsidyActForm(forms.Form):
    action = forms.CharField(widget=forms.HiddenInput)
    expected_status = forms.CharField(widget=forms.HiddenInput)
    comment = forms.CharField(
        label=_("意见"), required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )


class PayForm(forms.Form):
    batch_name = forms.CharField(label=_("发放批次"), max_length=40, initial=_("第一批"))
    paid_on = forms.DateField(label=_("发放日期"), widget=DATE_INPUT)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["paid_on"].widget.attrs["max"] = f"{timezone.localdate():%Y-%m-%d}"

    def clean_paid_on(self):
        # The service refuses it too; said here, beside the field, before anything is looked up.
        paid_on = self.cleaned_data["paid_on"]
        if paid_on > timezone.localdate():
            raise forms.ValidationError(MSG_PAID_ON_FUTURE)
        return paid_on
