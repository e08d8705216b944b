"""The poverty-support ledger (帮扶台账, seed 4.2.3 and 4.2.8) and one-time job-seeking subsidies (seed 4.2.9).

A case per graduate of the hardship group holds who looks after them and their plan (一人一策); what was done
for them is an append-only log (a correction is a new entry that names the one it corrects). A subsidy
application moves only through ``workflow.TRANSITIONS``; ``services.subsidy_transition`` is the one place that
changes its status, and every move leaves an event.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import Role
from apps.graduates.models import Cohort, Graduate
from apps.graduates.validators import mask_bank_account
from apps.records import AppendOnly, WorkflowEvent

MSG_SCHEME_COHORT_FIXED = _("该补贴项目已有申请，不能更改届别。")
MSG_COHORT_OF_SCHEME = _("申请的届别须与补贴项目的届别一致。")
MSG_BANK_ACCOUNT = _("银行卡号应为12至30位数字，不含空格和其他字符。")


class CaseStatus(models.TextChoices):
    OPEN = "open", _("帮扶中")
    EMPLOYED = "employed", _("已就业")
    CLOSED = "closed", _("已结案")


class Priority(models.TextChoices):
    KEY = "key", _("重点帮扶")
    NORMAL = "normal", _("一般帮扶")
    FOLLOW = "follow", _("跟踪关注")


class SupportCase(models.Model):
    """One graduate of the hardship group: who is responsible, the personal plan, priority and outcome."""

    graduate = models.OneToOneField(
        Graduate, verbose_name=_("毕业生"), on_delete=models.PROTECT, related_name="support_case"
    )
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("帮扶责任人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="support_cases",
    )
    personal_plan = models.TextField(_("一人一策"), blank=True, max_length=2000)
    priority = models.CharField(
        _("帮扶等级"), max_length=8, choices=Priority.choices, default=Priority.NORMAL
    )
    status = models.CharField(_("状态"), max_length=8, choices=CaseStatus.choices, default=CaseStatus.OPEN)
    closed_reason = models.CharField(_("结案原因"), max_length=200, blank=True)
    opened_on = models.DateField(_("建档日期"))
    # Blank when the graduate import opened the case.
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("建档人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("帮扶档案")
        verbose_name_plural = _("帮扶档案")
        ordering = ("graduate__student_no",)
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=CaseStatus.CLOSED) | ~Q(closed_reason=""),
                name="supportcase_closed_has_reason",
            ),
        ]
        indexes = [
            models.Index(fields=["status"], name="supportcase_status_idx"),
            models.Index(fields=["priority"], name="supportcase_priority_idx"),  # a ledger filter
        ]

    def __str__(self) -> str:
        return f"{self.graduate}（{self.get_status_display()}）"


class ActionKind(models.TextChoices):
    CALL = "call", _("电话联系")
    VISIT = "visit", _("走访谈心")
    JOB = "job", _("推荐岗位")
    TRAINING = "training", _("就业指导培训")
    INTERVIEW = "interview", _("参加面试")
    SUBSIDY = "subsidy", _("求职补贴")
    OTHER = "other", _("其他")
    # Written by the case status service, never chosen in the form; not a support action for the ledger.
    STATUS = "status", _("状态变更")


RECORDABLE_KINDS = [(value, label) for value, label in ActionKind.choices if value != ActionKind.STATUS]


class SupportAction(AppendOnly):
    """One dated thing done for a graduate. Never changed: a correction is a new entry naming this one."""

    case = models.ForeignKey(SupportCase, on_delete=models.PROTECT, related_name="actions")
    kind = models.CharField(_("帮扶方式"), max_length=12, choices=ActionKind.choices)
    acted_on = models.DateField(_("帮扶日期"))
    note = models.TextField(_("帮扶记录"), max_length=1000)
    employer_name = models.CharField(_("推荐单位"), max_length=100, blank=True)
    position = models.CharField(_("推荐岗位"), max_length=60, blank=True)
    corrects = models.OneToOneField(
        "self",
        verbose_name=_("更正的记录"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="correction",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("记录人"), on_delete=models.PROTECT, related_name="+"
    )
    author_role = models.CharField(_("角色"), max_length=16, choices=Role.choices)
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("帮扶记录")
        verbose_name_plural = _("帮扶记录")
        ordering = ("acted_on", "pk")
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind=ActionKind.JOB) | (~Q(employer_name="") & ~Q(position="")),
                name="supportaction_job_names_employer_and_position",
            ),
        ]
        indexes = [models.Index(fields=["case", "acted_on"], name="supportaction_case_date_idx")]

    def __str__(self) -> str:
        return f"{self.acted_on} {self.get_kind_display()}"


class Eligibility(models.TextChoices):
    HARDSHIP = "hardship", _("困难群体（建档立卡、贫困县生源或困难生类别）")
    ALL = "all", _("本届全体毕业生")


class SubsidyScheme(models.Model):
    """A subsidy programme (一次性求职补贴) for one cohort: who may have it and the standard amount."""

    cohort = models.ForeignKey(Cohort, verbose_name=_("届别"), on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("补贴项目"), max_length=100, unique=True)
    eligibility = models.CharField(
        _("申领条件"), max_length=10, choices=Eligibility.choices, default=Eligibility.HARDSHIP
    )
    amount = models.DecimalField(
        _("补贴标准（元/人）"),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    is_open = models.BooleanField(_("接受申请"), default=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("补贴项目")
        verbose_name_plural = _("补贴项目")
        ordering = ("-cohort__year", "name")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        # Applications carry the cohort they were made in: moving a scheme would leave them behind.
        if self.pk is not None and self.applications.exclude(cohort_id=self.cohort_id).exists():
            raise ValidationError({"cohort": MSG_SCHEME_COHORT_FIXED})

    def admits(self, graduate: Graduate) -> bool:
        """Whether ``graduate`` may have this subsidy: of the scheme's cohort and, for a hardship scheme, in
        the hardship group by the flags on their record now."""
        if graduate.cohort_id != self.cohort_id:
            return False
        return self.eligibility == Eligibility.ALL or graduate.in_hardship_group


class SubsidyBatch(models.Model):
    """A payment batch (发放批次): the applications paid together on one date."""

    scheme = models.ForeignKey(
        SubsidyScheme, verbose_name=_("补贴项目"), on_delete=models.PROTECT, related_name="batches"
    )
    name = models.CharField(_("批次"), max_length=40)
    paid_on = models.DateField(_("发放日期"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("经办人"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("发放批次")
        verbose_name_plural = _("发放批次")
        ordering = ("scheme", "paid_on", "pk")
        constraints = [
            models.UniqueConstraint(fields=["scheme", "name"], name="subsidybatch_unique_name_per_scheme")
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.paid_on:%Y-%m-%d}）"


class SubsidyStatus(models.TextChoices):
    SUBMITTED = "submitted", _("待学院审核")
    COLLEGE_APPROVED = "college_approved", _("待中心审核")
    APPROVED = "approved", _("待发放")
    PAID = "paid", _("已发放")
    REJECTED = "rejected", _("未通过")
    WITHDRAWN = "withdrawn", _("已撤回")


# An application that still counts (refused and withdrawn ones do not): a graduate has at most one per cohort,
# whatever the scheme, so the one-time subsidy is never paid twice.
ACTIVE_SUBSIDY_STATUSES = (
    SubsidyStatus.SUBMITTED,
    SubsidyStatus.COLLEGE_APPROVED,
    SubsidyStatus.APPROVED,
    SubsidyStatus.PAID,
)


class SubsidyApplication(models.Model):
    scheme = models.ForeignKey(
        SubsidyScheme, verbose_name=_("补贴项目"), on_delete=models.PROTECT, related_name="applications"
    )
    # The scheme's cohort, copied here so that the database itself can refuse a second one-time subsidy of a
    # cohort across schemes (a unique constraint cannot follow the scheme). Written by ``subsidy_apply``;
    # ``clean`` and ``SubsidyScheme.clean`` keep it equal to the scheme's.
    cohort = models.ForeignKey(Cohort, verbose_name=_("届别"), on_delete=models.PROTECT, related_name="+")
    graduate = models.ForeignKey(
        Graduate, verbose_name=_("毕业生"), on_delete=models.PROTECT, related_name="subsidy_applications"
    )
    amount = models.DecimalField(_("金额（元）"), max_digits=10, decimal_places=2)
    status = models.CharField(
        _("状态"), max_length=20, choices=SubsidyStatus.choices, default=SubsidyStatus.SUBMITTED
    )
    note = models.TextField(_("申请说明"), blank=True, max_length=500)
    # What the finance office pays into. Shown whole only in the centre's logged payment export.
    bank_account = models.CharField(
        _("收款银行卡号"),
        max_length=30,
        blank=True,
        validators=[RegexValidator(r"^\d{12,30}$", MSG_BANK_ACCOUNT, code="bank_account")],
        help_text=_("本人名下借记卡卡号；仅在就业指导中心的财务发放导出中完整显示"),
    )
    applied_on = models.DateField(_("申请日期"))
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("申请人"), on_delete=models.PROTECT, related_name="+"
    )
    batch = models.ForeignKey(
        SubsidyBatch,
        verbose_name=_("发放批次"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="applications",
    )
    status_changed_at = models.DateTimeField(_("状态变更时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("求职补贴申请")
        verbose_name_plural = _("求职补贴申请")
        ordering = ("graduate__student_no", "pk")
        constraints = [
            # One one-time subsidy per graduate and cohort across schemes (it also covers one per scheme).
            models.UniqueConstraint(
                fields=["cohort", "graduate"],
                condition=Q(status__in=ACTIVE_SUBSIDY_STATUSES),
                name="subsidy_once_per_graduate_and_cohort",
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="subsidy_amount_positive"),
            models.CheckConstraint(
                condition=~Q(status=SubsidyStatus.PAID) | Q(batch__isnull=False),
                name="subsidy_paid_has_batch",
            ),
        ]
        indexes = [
            models.Index(fields=["scheme", "status"], name="subsidy_scheme_status_idx"),
            # The list filters by status alone too, which the index above (scheme first) does not serve.
            models.Index(fields=["status"], name="subsidy_status_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.graduate} · {self.scheme}（{self.get_status_display()}）"

    @property
    def bank_account_masked(self) -> str:
        return mask_bank_account(self.bank_account)

    def clean(self) -> None:
        if self.scheme_id is not None and self.cohort_id != self.scheme.cohort_id:
            raise ValidationError({"cohort": MSG_COHORT_OF_SCHEME})


class SubsidyEvent(WorkflowEvent):
    """One move of an application: who, in which role, from which status to which, with what comment."""

    application = models.ForeignKey(SubsidyApplication, on_delete=models.PROTECT, related_name="events")
    from_status = models.CharField(_("原状态"), max_length=20, choices=SubsidyStatus.choices, blank=True)
    to_status = models.CharField(_("新状态"), max_length=20, choices=SubsidyStatus.choices)

    class Meta(WorkflowEvent.Meta):
        verbose_name = _("补贴审核记录")
        verbose_name_plural = _("补贴审核记录")

    def __str__(self) -> str:
        return f"#{self.application_id} {self.from_status or '—'} → {self.to_status}"
