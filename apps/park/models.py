"""The entrepreneurship park (创业园, seed 4.4): sites and units, tenant companies and their operations,
the annual assessment, funding applications and competition entries.

A tenant's status moves only through ``workflow.TENANT_TRANSITIONS``, an operating report's or a resumption
application's through ``workflow.REVIEW_TRANSITIONS`` and a funding application's through
``workflow.FUNDING_TRANSITIONS``; ``services`` is the one place that moves them, and every move appends a
``TenantEvent``. Events and assessments are append-only: the history stays.
"""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.graduates.models import Graduate
from apps.graduates.validators import mask_phone, validate_phone
from apps.records import AppendOnly, WorkflowEvent
from apps.refdata.models import Industry

from .validators import validate_credit_code

MSG_PASS_DATES = _("出入证的有效期止不能早于有效期起。")
MSG_LEASE_DATES = _("租期截止日期不能早于入驻日期。")
MSG_GRADUATES_OVER_STAFF = _("吸纳毕业生人数不能多于员工人数。")
MSG_PERIOD_FIRST_DAY = _("报表期间按月填写。")
MSG_SCORE_OVER_MAX = _("该项最高 {max} 分。")

# Passes that run out within this many days are flagged on the dashboard and in the list.
PASS_EXPIRY_WARNING_DAYS = 14


class Site(models.Model):
    """创业场地: 体育馆创业一条街, 知行楼一楼."""

    name = models.CharField(_("场地名称"), max_length=40, unique=True)
    location = models.CharField(_("位置"), max_length=100, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("创业场地")
        verbose_name_plural = _("创业场地")
        ordering = ("sort_order", "name")

    def __str__(self) -> str:
        return self.name


class Unit(models.Model):
    """One room or stall of a site, with its own electricity meter (seed 4.4.1: 每个创业场地安装一个电度表)."""

    site = models.ForeignKey(Site, verbose_name=_("场地"), on_delete=models.PROTECT, related_name="units")
    code = models.CharField(_("房号"), max_length=20)
    area = models.DecimalField(
        _("使用面积（m²）"),
        max_digits=8,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    meter_no = models.CharField(_("电表号"), max_length=30, unique=True)
    note = models.CharField(_("备注"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("场地单元")
        verbose_name_plural = _("场地单元")
        ordering = ("site__sort_order", "code")
        constraints = [
            models.UniqueConstraint(fields=["site", "code"], name="unit_unique_code_per_site"),
            models.CheckConstraint(condition=Q(area__gt=0), name="unit_area_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.site.name} {self.code}"


class TenantStatus(models.TextChoices):
    APPLIED = "applied", _("已申请")
    UNDER_REVIEW = "under_review", _("审核中")
    ADMITTED = "admitted", _("在园")
    REJECTED = "rejected", _("未通过")
    MARKED_FOR_EXIT = "marked_for_exit", _("待清退")
    EXITED = "exited", _("已退园")


# In the park: these hold units, count in the area used, the jobs created and the reports expected.
ACTIVE_STATUSES = (TenantStatus.ADMITTED, TenantStatus.MARKED_FOR_EXIT)
PENDING_STATUSES = (TenantStatus.APPLIED, TenantStatus.UNDER_REVIEW)


class Tenant(models.Model):
    """A company (or a team about to register one) that applies for, holds and leaves units of the park."""

    company_name = models.CharField(_("企业名称"), max_length=100, unique=True)
    credit_code = models.CharField(
        _("统一社会信用代码"),
        max_length=18,
        blank=True,
        validators=[validate_credit_code],
        help_text=_("18 位；尚未注册的团队可暂不填写。"),
    )
    industry = models.ForeignKey(
        Industry, verbose_name=_("所属行业"), on_delete=models.PROTECT, related_name="+"
    )
    business = models.CharField(_("主营业务"), max_length=200, blank=True)
    leader_graduate = models.ForeignKey(
        Graduate,
        verbose_name=_("负责人（本校学生/毕业生）"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="park_tenants_led",
    )
    leader_name = models.CharField(_("负责人"), max_length=40)
    leader_phone = models.CharField(_("负责人电话"), max_length=11, blank=True, validators=[validate_phone])
    units = models.ManyToManyField(Unit, verbose_name=_("场地单元"), blank=True, related_name="tenants")
    move_in_on = models.DateField(_("入驻日期"), null=True, blank=True)
    lease_ends_on = models.DateField(_("租期截止"), null=True, blank=True)
    jobs_created = models.PositiveSmallIntegerField(_("带动就业（人）"), default=0)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("企业账号"),
        blank=True,
        related_name="park_tenants",
        help_text=_("可登录本企业页面、提交报表和申请的账号（创业园企业账号或本校学生账号）。"),
    )
    status = models.CharField(
        _("状态"), max_length=24, choices=TenantStatus.choices, default=TenantStatus.APPLIED
    )
    applied_on = models.DateField(_("申请日期"), default=timezone.localdate)
    status_changed_at = models.DateTimeField(_("状态变更时间"), null=True, blank=True)
    exited_on = models.DateField(_("退园日期"), null=True, blank=True)
    exit_reason = models.TextField(_("退园原因"), blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("入园企业")
        verbose_name_plural = _("入园企业")
        ordering = ("company_name",)
        constraints = [
            models.UniqueConstraint(
                fields=["credit_code"], condition=~Q(credit_code=""), name="tenant_unique_credit_code"
            ),
            models.CheckConstraint(
                condition=Q(move_in_on__isnull=True)
                | Q(lease_ends_on__isnull=True)
                | Q(lease_ends_on__gte=F("move_in_on")),
                name="tenant_lease_ends_after_move_in",
            ),
            models.CheckConstraint(
                condition=~Q(status=TenantStatus.EXITED) | Q(exited_on__isnull=False),
                name="tenant_exited_has_date",
            ),
        ]
        indexes = [
            models.Index(fields=["status"], name="tenant_status_idx"),
            models.Index(fields=["lease_ends_on"], name="tenant_lease_ends_idx"),
        ]

    def __str__(self) -> str:
        return self.company_name

    def clean(self):
        super().clean()
        self.credit_code = "".join(self.credit_code.split()).upper()
        if self.move_in_on and self.lease_ends_on and self.lease_ends_on < self.move_in_on:
            raise ValidationError({"lease_ends_on": MSG_LEASE_DATES})

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    @property
    def leader_phone_masked(self) -> str:
        return mask_phone(self.leader_phone)

    @property
    def area(self) -> Decimal:
        """Area of the tenant's units (uses prefetched units when the selector prefetched them)."""
        return sum((unit.area for unit in self.units.all()), Decimal("0"))


class TeamMember(models.Model):
    """A member of a tenant's team (团队成员); a student or graduate of the college where there is one."""

    tenant = models.ForeignKey(Tenant, verbose_name=_("企业"), on_delete=models.CASCADE, related_name="team")
    name = models.CharField(_("姓名"), max_length=40)
    duty = models.CharField(_("职务/分工"), max_length=40, blank=True)
    graduate = models.ForeignKey(
        Graduate,
        verbose_name=_("本校学生/毕业生"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    phone = models.CharField(_("手机号"), max_length=11, blank=True, validators=[validate_phone])

    class Meta:
        verbose_name = _("团队成员")
        verbose_name_plural = _("团队成员")
        ordering = ("tenant", "pk")

    def __str__(self) -> str:
        return self.name

    @property
    def phone_masked(self) -> str:
        return mask_phone(self.phone)


class ReviewStatus(models.TextChoices):
    SUBMITTED = "submitted", _("待审核")
    APPROVED = "approved", _("已通过")
    RETURNED = "returned", _("已退回")


class Submission(models.Model):
    """What a tenant submits and the centre approves or returns (operating reports, resumption applications)."""

    status = models.CharField(
        _("状态"), max_length=12, choices=ReviewStatus.choices, default=ReviewStatus.SUBMITTED
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("提交人"), on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(_("提交时间"), default=timezone.now)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审核人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    review_comment = models.TextField(_("审核意见"), blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        abstract = True


class OperatingReport(Submission):
    """经营报表 for one month (``period`` is the month's first day)."""

    tenant = models.ForeignKey(
        Tenant, verbose_name=_("企业"), on_delete=models.PROTECT, related_name="reports"
    )
    period = models.DateField(_("报表月份"))
    revenue = models.DecimalField(
        _("营业收入（元）"), max_digits=12, decimal_places=2, validators=[MinValueValidator(Decimal("0"))]
    )
    staff = models.PositiveSmallIntegerField(_("员工人数"))
    graduates_employed = models.PositiveSmallIntegerField(_("吸纳高校毕业生（人）"))
    note = models.TextField(_("经营情况说明"), blank=True, max_length=1000)

    class Meta:
        verbose_name = _("经营报表")
        verbose_name_plural = _("经营报表")
        ordering = ("-period", "tenant__company_name")
        constraints = [
            models.UniqueConstraint(fields=["tenant", "period"], name="report_one_per_tenant_and_month"),
            models.CheckConstraint(condition=Q(revenue__gte=0), name="report_revenue_not_negative"),
            models.CheckConstraint(
                condition=Q(graduates_employed__lte=F("staff")), name="report_graduates_within_staff"
            ),
        ]
        indexes = [
            models.Index(fields=["period", "status"], name="report_period_status_idx"),
            models.Index(fields=["status", "period"], name="report_status_period_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.tenant} {self.period:%Y-%m}"

    def clean(self):
        super().clean()
        errors = {}
        if self.period and self.period.day != 1:
            errors["period"] = MSG_PERIOD_FIRST_DAY
        if (
            self.staff is not None
            and self.graduates_employed is not None
            and self.graduates_employed > self.staff
        ):
            errors["graduates_employed"] = MSG_GRADUATES_OVER_STAFF
        if errors:
            raise ValidationError(errors)


class ResumptionApplication(Submission):
    """复工申请 (seed 4.4.1): a company may reopen only once the centre approves its safety plan."""

    tenant = models.ForeignKey(
        Tenant, verbose_name=_("企业"), on_delete=models.PROTECT, related_name="resumptions"
    )
    planned_on = models.DateField(_("拟复工日期"))
    staff_returning = models.PositiveSmallIntegerField(_("返岗人数"))
    safety_plan = models.TextField(_("疫情防控与安全生产方案"), max_length=4000)
    contact_phone = models.CharField(
        _("防控联系人电话"), max_length=11, blank=True, validators=[validate_phone]
    )

    class Meta:
        verbose_name = _("复工申请")
        verbose_name_plural = _("复工申请")
        ordering = ("-submitted_at", "-pk")
        indexes = [models.Index(fields=["status", "submitted_at"], name="resumption_status_idx")]

    def __str__(self) -> str:
        return f"{self.tenant} {self.planned_on:%Y-%m-%d}"

    @property
    def contact_phone_masked(self) -> str:
        return mask_phone(self.contact_phone)


class PassState(models.TextChoices):
    NOT_YET = "not_yet", _("未生效")
    VALID = "valid", _("有效")
    EXPIRING = "expiring", _("即将到期")
    EXPIRED = "expired", _("已过期")


class AccessPass(models.Model):
    """临时出入证 for a company's staff (seed 4.4.1: issued with 保卫处; staff enter the park only with one)."""

    tenant = models.ForeignKey(
        Tenant, verbose_name=_("企业"), on_delete=models.PROTECT, related_name="passes"
    )
    holder_name = models.CharField(_("持证人"), max_length=40)
    holder_phone = models.CharField(_("手机号"), max_length=11, blank=True, validators=[validate_phone])
    card_no = models.CharField(_("证件编号"), max_length=30, blank=True)
    valid_from = models.DateField(_("有效期起"))
    valid_to = models.DateField(_("有效期止"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("登记人"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("临时出入证")
        verbose_name_plural = _("临时出入证")
        ordering = ("valid_to", "pk")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__gte=F("valid_from")), name="pass_valid_to_not_before_valid_from"
            )
        ]
        indexes = [models.Index(fields=["valid_to"], name="pass_valid_to_idx")]

    def __str__(self) -> str:
        return f"{self.holder_name}（{self.tenant}）"

    def clean(self):
        super().clean()
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": MSG_PASS_DATES})

    @property
    def holder_phone_masked(self) -> str:
        return mask_phone(self.holder_phone)

    def state_on(self, day: datetime.date) -> PassState:
        if self.valid_to < day:
            return PassState.EXPIRED
        if self.valid_from > day:
            return PassState.NOT_YET
        if self.valid_to <= day + datetime.timedelta(days=PASS_EXPIRY_WARNING_DAYS):
            return PassState.EXPIRING
        return PassState.VALID

    @property
    def state(self) -> PassState:
        return self.state_on(timezone.localdate())


class PatrolRecord(models.Model):
    """巡察: the park office's daily round (seed 4.4.1), what it found and what was done about it."""

    site = models.ForeignKey(Site, verbose_name=_("场地"), on_delete=models.PROTECT, related_name="patrols")
    tenant = models.ForeignKey(
        Tenant,
        verbose_name=_("涉及企业"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="patrols",
    )
    patrolled_on = models.DateField(_("巡察日期"))
    findings = models.TextField(_("巡察情况"), max_length=2000)
    hazard = models.BooleanField(_("发现问题或隐患"), default=False)
    follow_up = models.TextField(_("处理情况"), blank=True, max_length=2000)
    resolved_on = models.DateField(_("整改完成日期"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("记录人"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("巡察记录")
        verbose_name_plural = _("巡察记录")
        ordering = ("-patrolled_on", "-pk")
        indexes = [
            models.Index(fields=["patrolled_on"], name="patrol_date_idx"),
            # The list's "未整改的隐患" filter: few rows, so a partial index.
            models.Index(
                fields=["patrolled_on"],
                condition=Q(hazard=True, resolved_on__isnull=True),
                name="patrol_open_hazard_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.site} {self.patrolled_on:%Y-%m-%d}"

    @property
    def is_open(self) -> bool:
        return self.hazard and self.resolved_on is None


class MeterReading(models.Model):
    """A reading of a unit's electricity meter (kWh). ``meter_no`` is copied from the unit when recorded, so a
    replaced meter starts a series of its own. Readings of one meter never go down (``services``)."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("场地单元"), on_delete=models.PROTECT, related_name="readings"
    )
    meter_no = models.CharField(_("电表号"), max_length=30)
    read_on = models.DateField(_("抄表日期"))
    reading = models.DecimalField(
        _("电表读数（kWh）"), max_digits=10, decimal_places=1, validators=[MinValueValidator(Decimal("0"))]
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("抄表人"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("记录时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("电表读数")
        verbose_name_plural = _("电表读数")
        ordering = ("-read_on", "unit__code")
        constraints = [
            models.UniqueConstraint(fields=["meter_no", "read_on"], name="reading_one_per_meter_and_day"),
            models.CheckConstraint(condition=Q(reading__gte=0), name="reading_not_negative"),
        ]
        indexes = [
            models.Index(fields=["meter_no", "read_on"], name="reading_meter_date_idx"),
            models.Index(fields=["read_on"], name="reading_date_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.meter_no} {self.read_on:%Y-%m-%d} {self.reading}"

    @property
    def previous(self) -> Decimal | None:
        """The meter's reading before this one, when the selector annotated it (``previous_reading``); to the
        field's 0.1 kWh, as SQLite hands a subquery's decimal back with float noise."""
        value = getattr(self, "previous_reading", None)
        return None if value is None else Decimal(value).quantize(Decimal("0.1"))

    @property
    def consumption(self) -> Decimal | None:
        """kWh used since the meter's previous reading (None for its first)."""
        previous = self.previous
        return None if previous is None else self.reading - previous


# 综合考评 (《大学生创业孵化基地创业团队综合考核办法》): the criteria, each with its maximum. Demo's choice of
# criteria and weights; the seed only says the assessment is yearly and that teams that fail leave.
ASSESSMENT_CRITERIA: tuple[tuple[str, str, int], ...] = (
    ("score_operations", _("经营状况与成长性"), 30),
    ("score_jobs", _("带动就业"), 20),
    ("score_safety", _("安全生产与消防"), 20),
    ("score_compliance", _("遵守园区管理制度"), 15),
    ("score_participation", _("报表报送与活动参与"), 15),
)
ASSESSMENT_MAX_TOTAL = sum(maximum for _, _, maximum in ASSESSMENT_CRITERIA)
PASS_MARK = 60


def _score_field(label, maximum: int) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(
        label, validators=[MaxValueValidator(maximum)], help_text=_("满分 %(max)s") % {"max": maximum}
    )


class Assessment(AppendOnly):
    """A tenant's 综合考评 for one year. A total below ``threshold`` fails, and a tenant that fails is marked
    for exit (``services.assessment_record``). Never changed afterwards: the history stays."""

    tenant = models.ForeignKey(
        Tenant, verbose_name=_("企业"), on_delete=models.PROTECT, related_name="assessments"
    )
    year = models.PositiveSmallIntegerField(_("考评年度"), validators=[MinValueValidator(2000)])
    score_operations = _score_field(ASSESSMENT_CRITERIA[0][1], ASSESSMENT_CRITERIA[0][2])
    score_jobs = _score_field(ASSESSMENT_CRITERIA[1][1], ASSESSMENT_CRITERIA[1][2])
    score_safety = _score_field(ASSESSMENT_CRITERIA[2][1], ASSESSMENT_CRITERIA[2][2])
    score_compliance = _score_field(ASSESSMENT_CRITERIA[3][1], ASSESSMENT_CRITERIA[3][2])
    score_participation = _score_field(ASSESSMENT_CRITERIA[4][1], ASSESSMENT_CRITERIA[4][2])
    total = models.PositiveSmallIntegerField(_("总分"))
    threshold = models.PositiveSmallIntegerField(_("合格线"), default=PASS_MARK)
    passed = models.BooleanField(_("合格"))
    comment = models.TextField(_("考评意见"), blank=True, max_length=1000)
    assessed_on = models.DateField(_("考评日期"), default=timezone.localdate)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("考评人"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("记录时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("综合考评")
        verbose_name_plural = _("综合考评")
        ordering = ("-year", "tenant__company_name")
        constraints = [
            models.UniqueConstraint(fields=["tenant", "year"], name="assessment_one_per_tenant_and_year"),
            models.CheckConstraint(
                condition=Q(passed=True, total__gte=F("threshold"))
                | Q(passed=False, total__lt=F("threshold")),
                name="assessment_passed_matches_total",
            ),
        ]
        indexes = [models.Index(fields=["year", "passed"], name="assessment_year_passed_idx")]

    def __str__(self) -> str:
        return f"{self.tenant} {self.year} {self.total}"

    @property
    def scores(self) -> list[tuple[str, int, int]]:
        return [(label, getattr(self, name), maximum) for name, label, maximum in ASSESSMENT_CRITERIA]


class FundingResult(models.TextChoices):
    PENDING = "pending", _("待评审")
    FUNDED = "funded", _("获得扶持")
    NOT_FUNDED = "not_funded", _("未获扶持")


DEFAULT_FUNDING_PROGRAMME = "湖北省大学生创业扶持项目"


class FundingApplication(models.Model):
    """创业扶持资金: a company's application to a funding programme and, once decided, the result."""

    tenant = models.ForeignKey(
        Tenant, verbose_name=_("企业"), on_delete=models.PROTECT, related_name="funding"
    )
    programme = models.CharField(_("扶持项目"), max_length=60, default=DEFAULT_FUNDING_PROGRAMME)
    year = models.PositiveSmallIntegerField(_("年度"), validators=[MinValueValidator(2000)])
    team_name = models.CharField(_("申报团队"), max_length=40, blank=True)
    amount_requested = models.DecimalField(
        _("申请金额（元）"), max_digits=10, decimal_places=2, validators=[MinValueValidator(Decimal("0.01"))]
    )
    applied_on = models.DateField(_("申报日期"), default=timezone.localdate)
    result = models.CharField(
        _("评审结果"), max_length=12, choices=FundingResult.choices, default=FundingResult.PENDING
    )
    amount_granted = models.DecimalField(
        _("扶持金额（元）"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    decided_on = models.DateField(_("结果日期"), null=True, blank=True)
    note = models.TextField(_("说明"), blank=True, max_length=1000)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("申报人"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("创业扶持资金申请")
        verbose_name_plural = _("创业扶持资金申请")
        ordering = ("-year", "tenant__company_name")
        constraints = [
            models.UniqueConstraint(
                fields=["tenant", "programme", "year"], name="funding_one_per_programme_and_year"
            ),
            models.CheckConstraint(
                condition=Q(result=FundingResult.FUNDED, amount_granted__gt=0)
                | (~Q(result=FundingResult.FUNDED) & Q(amount_granted__isnull=True)),
                name="funding_granted_amount_only_when_funded",
            ),
        ]
        indexes = [models.Index(fields=["year", "result"], name="funding_year_result_idx")]

    def __str__(self) -> str:
        return f"{self.team_name or self.tenant} {self.programme} {self.year}"


class Competition(models.TextChoices):
    INTERNET_PLUS = "internet_plus", _("中国国际“互联网+”大学生创新创业大赛")
    CHUTIAN = "chutian", _("湖北省“楚天创客”大学生创新创业大赛")
    CHUANGYI = "chuangyi", _("“中国创翼”创业创新大赛")
    COLLEGE = "college", _("湖北职业技术学院大学生创新创业大赛")


# Short names for badges and tables.
COMPETITION_SHORT_NAMES = {
    Competition.INTERNET_PLUS: _("“互联网+”"),
    Competition.CHUTIAN: _("楚天创客"),
    Competition.CHUANGYI: _("中国创翼"),
    Competition.COLLEGE: _("校赛"),
}


class Stage(models.TextChoices):
    COLLEGE = "college", _("校赛")
    CITY = "city", _("市赛")
    PROVINCIAL_ONLINE = "provincial_online", _("省赛初赛（网评）")
    PROVINCIAL = "provincial", _("省赛复赛")
    NATIONAL = "national", _("国赛决赛")


class Award(models.TextChoices):
    GOLD = "gold", _("金奖")
    SILVER = "silver", _("银奖")
    BRONZE = "bronze", _("铜奖")
    FIRST_PLACE = "first_place", _("第一名")
    FIRST_PRIZE = "first_prize", _("一等奖")
    SECOND_PRIZE = "second_prize", _("二等奖")
    THIRD_PRIZE = "third_prize", _("三等奖")
    EXCELLENT = "excellent", _("优秀奖")


MEDALS = (Award.GOLD, Award.SILVER, Award.BRONZE)


class CompetitionEntry(models.Model):
    """A project entered in a competition, with its team and the furthest stage it reached."""

    competition = models.CharField(_("赛事"), max_length=16, choices=Competition.choices)
    edition = models.PositiveSmallIntegerField(_("届次"), null=True, blank=True)
    year = models.PositiveSmallIntegerField(_("年度"), validators=[MinValueValidator(2000)])
    track = models.CharField(_("赛道"), max_length=30, blank=True)
    project_name = models.CharField(_("项目名称"), max_length=120)
    leader_name = models.CharField(_("团队负责人"), max_length=40)
    team_size = models.PositiveSmallIntegerField(_("参赛学生（人）"), validators=[MinValueValidator(1)])
    tenant = models.ForeignKey(
        Tenant,
        verbose_name=_("入园企业"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="competition_entries",
    )
    stage_reached = models.CharField(_("最高晋级阶段"), max_length=20, choices=Stage.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("登记人"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("参赛项目")
        verbose_name_plural = _("参赛项目")
        ordering = ("-year", "competition", "project_name")
        constraints = [
            models.UniqueConstraint(
                fields=["competition", "year", "project_name"], name="entry_unique_project_per_competition"
            ),
            models.CheckConstraint(condition=Q(team_size__gte=1), name="entry_team_not_empty"),
        ]
        indexes = [
            models.Index(fields=["year", "competition"], name="entry_year_competition_idx"),
            models.Index(fields=["stage_reached"], name="entry_stage_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.leader_name}团队：{self.project_name}"


class CompetitionAward(models.Model):
    """An award won by an entry at one stage. Hubei holds the 互联网+ provincial round together with 楚天创客,
    so one provincial entry can win a medal in each (seed 4.4.3: 孙皓团队, 省赛金奖 and 楚天创客金奖);
    ``competition`` says whose award it is."""

    entry = models.ForeignKey(
        CompetitionEntry, verbose_name=_("参赛项目"), on_delete=models.CASCADE, related_name="awards"
    )
    competition = models.CharField(_("颁奖赛事"), max_length=16, choices=Competition.choices)
    stage = models.CharField(_("阶段"), max_length=20, choices=Stage.choices)
    award = models.CharField(_("奖项"), max_length=16, choices=Award.choices)

    class Meta:
        verbose_name = _("获奖")
        verbose_name_plural = _("获奖")
        ordering = ("entry", "pk")
        constraints = [
            models.UniqueConstraint(
                fields=["entry", "competition", "stage"], name="award_one_per_competition_and_stage"
            )
        ]

    def __str__(self) -> str:
        short = COMPETITION_SHORT_NAMES[self.competition]
        stage = (
            ""
            if self.stage == Stage.COLLEGE and self.competition == Competition.COLLEGE
            else self.get_stage_display()
        )
        return f"{short}{stage}{self.get_award_display()}"

    @property
    def is_medal(self) -> bool:
        return self.award in MEDALS


class EventSubject(models.TextChoices):
    TENANT = "tenant", _("入园")
    REPORT = "report", _("经营报表")
    RESUMPTION = "resumption", _("复工申请")
    FUNDING = "funding", _("扶持资金")


def status_label(value: str) -> str:
    """The label of any park status value (the event log mixes the workflows' statuses)."""
    for choices in (TenantStatus, ReviewStatus, FundingResult):
        if value in choices.values:
            return str(choices(value).label)
    return value


class TenantEvent(WorkflowEvent):
    """One move in any of the park's workflows, filed under the tenant it concerns: who, in which role,
    from which status to which, with what comment."""

    tenant = models.ForeignKey(
        Tenant, verbose_name=_("企业"), on_delete=models.PROTECT, related_name="events"
    )
    subject = models.CharField(_("事项"), max_length=12, choices=EventSubject.choices)
    subject_id = models.PositiveBigIntegerField(_("事项编号"))
    from_status = models.CharField(_("原状态"), max_length=24, blank=True)
    to_status = models.CharField(_("新状态"), max_length=24)
    # Not auto_now_add: the demo loader writes a dated history (services leave the default, "now").
    created_at = models.DateTimeField(_("时间"), default=timezone.now, editable=False)

    class Meta(WorkflowEvent.Meta):
        verbose_name = _("创业园办理记录")
        verbose_name_plural = _("创业园办理记录")
        indexes = [models.Index(fields=["subject", "subject_id"], name="tenantevent_subject_idx")]

    def __str__(self) -> str:
        return (
            f"{self.tenant_id} {self.subject}#{self.subject_id} {self.from_status or '—'} → {self.to_status}"
        )

    @property
    def from_label(self) -> str:
        return status_label(self.from_status) if self.from_status else ""

    @property
    def to_label(self) -> str:
        return status_label(self.to_status)
