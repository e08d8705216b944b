"""Forms of the verification pages: the draw, the record of one check, and the list's filters."""

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.graduates.models import Cohort, College
from apps.refdata.models import DestinationCode

from .models import Verification, VerificationBatch, VerificationMethod, VerificationResult
from .verification import RECORDED_RESULTS

SEED_MAX = 2**31 - 1


def _code_label(code: DestinationCode) -> str:
    return f"{code.code} {code.name}（{code.scheme}）"


class DrawForm(forms.Form):
    """What to draw: a cohort's approved plans, narrowed to a college and/or a code, all or a percentage."""

    cohort = forms.ModelChoiceField(label=_("届别"), queryset=Cohort.objects.all(), empty_label=None)
    college = forms.ModelChoiceField(
        label=_("学院"), queryset=College.objects.all(), required=False, empty_label=_("全部学院")
    )
    destination = forms.ModelChoiceField(
        label=_("毕业去向"),
        queryset=DestinationCode.objects.filter(is_active=True),
        required=False,
        empty_label=_("全部去向"),
    )
    percent = forms.DecimalField(
        label=_("抽样比例（%）"),
        required=False,
        min_value=0.01,
        max_value=100,
        max_digits=5,
        decimal_places=2,
        help_text=_("留空则抽取所选学院或毕业去向的全部已登记方案；按比例抽取时向上取整。"),
    )
    seed = forms.IntegerField(
        label=_("随机种子"),
        required=False,
        min_value=0,
        max_value=SEED_MAX,
        help_text=_("留空则随机生成并记录在批次说明中；同一种子、同一范围可重现同一抽样。"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["destination"].label_from_instance = _code_label


class RecordForm(forms.Form):
    method = forms.ChoiceField(label=_("核查方式"), choices=VerificationMethod.choices)
    # An <input type="date"> only shows ISO dates; the zh-hans input format would leave it blank.
    checked_on = forms.DateField(
        label=_("核查日期"),
        initial=timezone.localdate,
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )
    result = forms.ChoiceField(
        label=_("核查结果"),
        choices=[
            ("", _("请选择")),
            *((value, VerificationResult(value).label) for value in RECORDED_RESULTS),
        ],
    )
    note = forms.CharField(
        label=_("核查说明"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("不属实时必填：将作为核查结论告知毕业生，该方案不再计入，由毕业生填报更正方案。"),
    )


def _batch_label(batch: VerificationBatch) -> str:
    return f"#{batch.pk} {timezone.localtime(batch.created_at):%Y-%m-%d} {batch}"[:60]


class VerificationFilter(django_filters.FilterSet):
    """Filters of the verification list: cohort, batch, college, result, method, 学号 or 姓名."""

    q = django_filters.CharFilter(label=_("搜索"), method="filter_search")
    cohort = django_filters.ModelChoiceFilter(
        label=_("届别"), field_name="batch__cohort", queryset=Cohort.objects.all()
    )
    batch = django_filters.ModelChoiceFilter(label=_("批次"), queryset=VerificationBatch.objects.all())
    college = django_filters.ModelChoiceFilter(
        label=_("学院"),
        field_name="plan__graduate__class_group__major__college",
        queryset=College.objects.all(),
    )
    result = django_filters.ChoiceFilter(label=_("核查结果"), choices=VerificationResult.choices)
    method = django_filters.ChoiceFilter(label=_("核查方式"), choices=VerificationMethod.choices)

    class Meta:
        model = Verification
        fields = ["q", "cohort", "batch", "college", "result", "method"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.form.fields["batch"].label_from_instance = _batch_label
        self.form.fields["q"].widget.attrs.setdefault("placeholder", _("学号或姓名"))

    def filter_search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(plan__graduate__student_no__icontains=value) | queryset.filter(
            plan__graduate__name__icontains=value
        )
