"""Search and filters of the park's lists."""

import datetime

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.bounds import validate_open_window, validate_year
from apps.refdata.models import Industry

from .models import (
    MEDALS,
    PASS_EXPIRY_WARNING_DAYS,
    AccessPass,
    Assessment,
    CompetitionAward,
    CompetitionEntry,
    FundingApplication,
    FundingResult,
    MeterReading,
    OperatingReport,
    PassState,
    PatrolRecord,
    ResumptionApplication,
    ReviewStatus,
    Site,
    Stage,
    Tenant,
    TenantStatus,
    Unit,
)

LEASE_EXPIRED = "expired"
LEASE_WITHIN_90_DAYS = "soon"


class MonthFilterInput(forms.DateInput):
    input_type = "month"


def _placeholder(filterset, text) -> None:
    filterset.form.fields["q"].widget.attrs.setdefault("placeholder", text)


def _month(value: str) -> datetime.date | None:
    try:
        return datetime.datetime.strptime(value.strip(), "%Y-%m").date()
    except (ValueError, AttributeError):
        return None


UNIT_FREE = "free"
UNIT_OCCUPIED = "occupied"


class UnitFilter(django_filters.FilterSet):
    """The units of the sites (``selectors.units_with_holder``): by site, free or in use, room, meter or company."""

    q = django_filters.CharFilter(label=_("搜索"), method="filter_search")
    site = django_filters.ModelChoiceFilter(label=_("场地"), queryset=Site.objects.all())
    state = django_filters.ChoiceFilter(
        label=_("使用情况"),
        method="filter_state",
        choices=[(UNIT_OCCUPIED, _("已使用")), (UNIT_FREE, _("空置"))],
    )

    class Meta:
        model = Unit
        fields = ["q", "site", "state"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _placeholder(self, _("房号、电表号或企业名称"))

    def filter_search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(code__icontains=value) | Q(meter_no__icontains=value) | Q(holder_name__icontains=value)
        )

    def filter_state(self, queryset, name, value):
        if value == UNIT_FREE:
            return queryset.filter(holder_id__isnull=True)
        if value == UNIT_OCCUPIED:
            return queryset.filter(holder_id__isnull=False)
        return queryset


class TenantFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("搜索"), method="filter_search")
    status = django_filters.ChoiceFilter(label=_("状态"), choices=TenantStatus.choices)
    site = django_filters.ModelChoiceFilter(
        label=_("场地"), queryset=Site.objects.all(), method="filter_site"
    )
    industry = django_filters.ModelChoiceFilter(
        label=_("行业"), queryset=Industry.objects.filter(is_active=True)
    )
    lease = django_filters.ChoiceFilter(
        label=_("租期"),
        method="filter_lease",
        choices=[(LEASE_WITHIN_90_DAYS, _("90 天内到期")), (LEASE_EXPIRED, _("已到期"))],
    )

    class Meta:
        model = Tenant
        fields = ["q", "status", "site", "industry", "lease"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _placeholder(self, _("企业名称、信用代码或负责人"))

    def filter_search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(company_name__icontains=value) | Q(credit_code__iexact=value) | Q(leader_name__icontains=value)
        )

    def filter_site(self, queryset, name, value):
        held = Tenant.units.through.objects.filter(tenant=OuterRef("pk"), unit__site=value)
        return queryset.filter(Exists(held))

    def filter_lease(self, queryset, name, value):
        today = timezone.localdate()
        if value == LEASE_EXPIRED:
            return queryset.filter(lease_ends_on__lt=today)
        if value == LEASE_WITHIN_90_DAYS:
            return queryset.filter(
                lease_ends_on__gte=today, lease_ends_on__lte=today + datetime.timedelta(days=90)
            )
        return queryset


class _SubmissionFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("企业"), method="filter_company")
    status = django_filters.ChoiceFilter(label=_("状态"), choices=ReviewStatus.choices)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _placeholder(self, _("企业名称"))

    def filter_company(self, queryset, name, value):
        return queryset.filter(tenant__company_name__icontains=value.strip()) if value.strip() else queryset


class ReportFilter(_SubmissionFilter):
    period = django_filters.CharFilter(label=_("报表月份"), method="filter_period", widget=MonthFilterInput())

    class Meta:
        model = OperatingReport
        fields = ["q", "period", "status"]

    def filter_period(self, queryset, name, value):
        month = _month(value)
        return queryset.filter(period=month) if month else queryset


class ResumptionFilter(_SubmissionFilter):
    class Meta:
        model = ResumptionApplication
        fields = ["q", "status"]


class PassFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("搜索"), method="filter_search")
    state = django_filters.ChoiceFilter(label=_("状态"), choices=PassState.choices, method="filter_state")

    class Meta:
        model = AccessPass
        fields = ["q", "state"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _placeholder(self, _("持证人或企业名称"))

    def filter_search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(holder_name__icontains=value) | Q(tenant__company_name__icontains=value))

    def filter_state(self, queryset, name, value):
        today = timezone.localdate()
        warn = today + datetime.timedelta(days=PASS_EXPIRY_WARNING_DAYS)
        return {
            PassState.EXPIRED: queryset.filter(valid_to__lt=today),
            PassState.NOT_YET: queryset.filter(valid_from__gt=today),
            PassState.EXPIRING: queryset.filter(
                valid_from__lte=today, valid_to__gte=today, valid_to__lte=warn
            ),
            PassState.VALID: queryset.filter(valid_from__lte=today, valid_to__gt=warn),
        }.get(value, queryset)


class PatrolFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("搜索"), method="filter_search")
    site = django_filters.ModelChoiceFilter(label=_("场地"), queryset=Site.objects.all())
    open = django_filters.BooleanFilter(
        label=_("未整改的隐患"),
        method="filter_open",
        widget=forms.Select(choices=[("", "—"), ("true", _("是"))]),
    )
    after = django_filters.DateFilter(
        label=_("日期从"),
        field_name="patrolled_on",
        lookup_expr="gte",
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=[validate_open_window],
    )
    before = django_filters.DateFilter(
        label=_("日期到"),
        field_name="patrolled_on",
        lookup_expr="lte",
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=[validate_open_window],
    )

    class Meta:
        model = PatrolRecord
        fields = ["q", "site", "open", "after", "before"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _placeholder(self, _("企业名称或巡察情况"))

    def filter_search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(tenant__company_name__icontains=value) | Q(findings__icontains=value))

    def filter_open(self, queryset, name, value):
        return queryset.filter(hazard=True, resolved_on__isnull=True) if value else queryset


class MeterReadingFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("搜索"), method="filter_search")
    site = django_filters.ModelChoiceFilter(
        label=_("场地"), field_name="unit__site", queryset=Site.objects.all()
    )
    unit = django_filters.ModelChoiceFilter(label=_("单元"), queryset=Unit.objects.none())
    after = django_filters.DateFilter(
        label=_("日期从"),
        field_name="read_on",
        lookup_expr="gte",
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=[validate_open_window],
    )
    before = django_filters.DateFilter(
        label=_("日期到"),
        field_name="read_on",
        lookup_expr="lte",
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=[validate_open_window],
    )

    class Meta:
        model = MeterReading
        fields = ["q", "site", "unit", "after", "before"]

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["unit"].queryset = units if units is not None else Unit.objects.none()
        self.form.fields["unit"].label_from_instance = lambda u: f"{u.site.name} {u.code}"
        _placeholder(self, _("电表号或房号"))

    def filter_search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(meter_no__icontains=value) | Q(unit__code__icontains=value))


class AssessmentFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("企业"), method="filter_company")
    year = django_filters.NumberFilter(label=_("年度"), validators=[validate_year])
    passed = django_filters.BooleanFilter(
        label=_("结果"), widget=forms.Select(choices=[("", "—"), ("true", _("合格")), ("false", _("不合格"))])
    )

    class Meta:
        model = Assessment
        fields = ["q", "year", "passed"]

    def filter_company(self, queryset, name, value):
        return queryset.filter(tenant__company_name__icontains=value.strip()) if value.strip() else queryset


class FundingFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("搜索"), method="filter_search")
    year = django_filters.NumberFilter(label=_("年度"), validators=[validate_year])
    result = django_filters.ChoiceFilter(label=_("结果"), choices=FundingResult.choices)

    class Meta:
        model = FundingApplication
        fields = ["q", "year", "result"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _placeholder(self, _("企业或团队"))

    def filter_search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(tenant__company_name__icontains=value) | Q(team_name__icontains=value))


class CompetitionFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("搜索"), method="filter_search")
    competition = django_filters.ChoiceFilter(
        label=_("赛事"), choices=CompetitionEntry._meta.get_field("competition").choices
    )
    year = django_filters.NumberFilter(label=_("年度"), validators=[validate_year])
    stage_reached = django_filters.ChoiceFilter(label=_("最高阶段"), choices=Stage.choices)
    medal = django_filters.BooleanFilter(
        label=_("获得奖牌"),
        method="filter_medal",
        widget=forms.Select(choices=[("", "—"), ("true", _("是"))]),
    )

    class Meta:
        model = CompetitionEntry
        fields = ["q", "competition", "year", "stage_reached", "medal"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _placeholder(self, _("项目名称或负责人"))

    def filter_search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(project_name__icontains=value) | Q(leader_name__icontains=value))

    def filter_medal(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(
            Exists(CompetitionAward.objects.filter(entry=OuterRef("pk"), award__in=MEDALS))
        )
