"""Destination plans (就业方案) and everything that happens to them.

The status moves only through ``workflow.TRANSITIONS``; ``services.plan_transition`` is the one place that
changes it. Events, verifications and evidence are append-only: a correction is a new row.
"""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.graduates.models import Graduate
from apps.records import AppendOnly, WorkflowEvent
from apps.refdata.models import (
    AdministrativeDivision,
    DestinationCode,
    Industry,
    NotEmployedReason,
    Province,
    UnitNature,
    WorkPosition,
)


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("待辅导员审核")
    COUNSELLOR_APPROVED = "counsellor_approved", _("待学院审核")
    COLLEGE_APPROVED = "college_approved", _("待中心审核")
    APPROVED = "approved", _("已登记")
    RETURNED = "returned", _("已退回")
    SUPERSEDED = "superseded", _("已变更")
    # Terminal: 核查 found the registered content false. Kept exactly as checked, never edited, never counted;
    # the correction is a new plan through the three reviews.
    FALSE = "false", _("核查不属实")
    # Terminal: the centre cancelled an open plan (a draft or return nobody will move, a request made in error).
    CANCELLED = "cancelled", _("已撤销")


# A graduate has at most one plan on its way (draft to centre review, or returned to them).
OPEN_STATUSES = (
    PlanStatus.DRAFT,
    PlanStatus.SUBMITTED,
    PlanStatus.COUNSELLOR_APPROVED,
    PlanStatus.COLLEGE_APPROVED,
    PlanStatus.RETURNED,
)
IN_REVIEW_STATUSES = (PlanStatus.SUBMITTED, PlanStatus.COUNSELLOR_APPROVED, PlanStatus.COLLEGE_APPROVED)
# Plans that were once approved by the centre: what the cut-off selector looks at.
REGISTERED_STATUSES = (PlanStatus.APPROVED, PlanStatus.SUPERSEDED)


class ContractType(models.TextChoices):
    AGREEMENT = "agreement", _("就业协议书")
    LABOUR = "labour", _("劳动合同")
    EMPLOYMENT_PROOF = "proof", _("录用证明")
    OTHER = "other", _("其他")


class StartupType(models.TextChoices):
    # 75 自主创业's sub-types (domain.md); their national codes were not found, so they are a field.
    COMPANY = "company", _("创立公司")
    INDIVIDUAL = "individual", _("个体工商户")
    ECOMMERCE = "ecommerce", _("电子商务创业")


class DestinationPlan(models.Model):
    graduate = models.ForeignKey(
        Graduate, verbose_name=_("毕业生"), on_delete=models.PROTECT, related_name="plans"
    )
    destination = models.ForeignKey(
        DestinationCode, verbose_name=_("毕业去向"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(_("状态"), max_length=24, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    replaces = models.ForeignKey(
        "self",
        verbose_name=_("变更前方案"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replaced_by",
        help_text=_("变更申请：新方案审核通过前，原方案继续有效。"),
    )
    # Employer (employment codes) or company (自主创业).
    employer_name = models.CharField(_("单位名称"), max_length=100, blank=True)
    employer_credit_code = models.CharField(_("统一社会信用代码"), max_length=18, blank=True)
    unit_nature = models.ForeignKey(
        UnitNature,
        verbose_name=_("单位性质"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    industry = models.ForeignKey(
        Industry,
        verbose_name=_("单位行业"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    work_province = models.ForeignKey(
        Province,
        verbose_name=_("单位所在省份"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    work_city = models.CharField(_("单位所在城市"), max_length=40, blank=True)
    # 单位所在地 at county level (GB/T 2260 six digits, the national layout's 单位所在地代码); work_province is
    # kept as the county's province, which the report groups by.
    work_county = models.ForeignKey(
        AdministrativeDivision,
        verbose_name=_("单位所在地（县级）"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    work_address = models.CharField(_("单位地址"), max_length=200, blank=True)
    work_position = models.ForeignKey(
        WorkPosition,
        verbose_name=_("工作职位类别"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    monthly_pay = models.PositiveIntegerField(_("月薪（元）"), null=True, blank=True)
    # Whom the centre calls to verify the hire (核查 is by telephone by default): the employer's HR contact.
    employer_contact = models.CharField(_("单位联系人"), max_length=30, blank=True)
    employer_contact_phone = models.CharField(
        _("单位联系电话"),
        max_length=20,
        blank=True,
        validators=[
            RegexValidator(r"^[0-9][0-9\-]{6,19}$", _("请填写手机号或带区号的座机号（数字与“-”）。"))
        ],
    )
    startup_type = models.CharField(_("创业类型"), max_length=12, choices=StartupType.choices, blank=True)
    shop_address = models.CharField(_("网店地址"), max_length=200, blank=True)
    job_title = models.CharField(_("工作职位"), max_length=60, blank=True)
    contract_type = models.CharField(_("合同类型"), max_length=12, choices=ContractType.choices, blank=True)
    contract_date = models.DateField(_("签约日期"), null=True, blank=True)
    # Further study (升学, 专升本 included) or study abroad.
    institution = models.CharField(_("升学/留学院校"), max_length=100, blank=True)
    # Where the admitting school is (80 境内升学): the provincial platform counts 升学 there in 2.2.1.
    institution_province = models.ForeignKey(
        Province,
        verbose_name=_("升学院校所在省份"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    programme = models.CharField(_("录取专业"), max_length=60, blank=True)
    country = models.CharField(_("国家或地区"), max_length=40, blank=True)
    # Not yet employed (70, 71, 72).
    not_employed_reason = models.ForeignKey(
        NotEmployedReason,
        verbose_name=_("未就业原因"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.TextField(_("备注"), blank=True, max_length=500)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("创建人"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    # When the plan reached its current review level: the queues' "days waiting".
    status_changed_at = models.DateTimeField(_("状态变更时间"), null=True, blank=True)
    approved_at = models.DateTimeField(_("中心审核通过时间"), null=True, blank=True)
    # The day the destination took effect: a graduate's destination at D is the latest plan approved on or
    # before D (domain.md). Kept as a date so imports can record the provincial platform's approval date.
    approved_on = models.DateField(_("登记日期"), null=True, blank=True)
    superseded_at = models.DateTimeField(_("被变更时间"), null=True, blank=True)

    # The content's history (who saved which values when): what 核查 checked can always be shown.
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("就业方案")
        verbose_name_plural = _("就业方案")
        ordering = ("-created_at",)
        constraints = [
            models.UniqueConstraint(
                fields=["graduate"],
                condition=Q(status__in=OPEN_STATUSES),
                name="plan_one_open_per_graduate",
            ),
            models.UniqueConstraint(
                fields=["graduate"],
                condition=Q(status=PlanStatus.APPROVED),
                name="plan_one_in_force_per_graduate",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=REGISTERED_STATUSES) | Q(approved_on__isnull=False),
                name="plan_registered_has_approval_date",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "status_changed_at"], name="plan_status_waiting_idx"),
            models.Index(fields=["graduate", "status"], name="plan_graduate_status_idx"),
            models.Index(fields=["approved_on"], name="plan_approved_on_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.graduate} · {self.destination.name}（{self.get_status_display()}）"

    @property
    def is_change(self) -> bool:
        return self.replaces_id is not None


class PlanEvent(WorkflowEvent):
    """One move of a plan: who, in which role, from which status to which, with what comment."""

    plan = models.ForeignKey(DestinationPlan, on_delete=models.PROTECT, related_name="events")
    from_status = models.CharField(_("原状态"), max_length=24, choices=PlanStatus.choices, blank=True)
    to_status = models.CharField(_("新状态"), max_length=24, choices=PlanStatus.choices)

    class Meta(WorkflowEvent.Meta):
        verbose_name = _("方案流转记录")
        verbose_name_plural = _("方案流转记录")

    def __str__(self) -> str:
        return f"#{self.plan_id} {self.from_status or '—'} → {self.to_status}"


class EvidenceKind(models.TextChoices):
    CONTRACT = "contract", _("就业协议/劳动合同")
    OFFER = "offer", _("录用通知")
    ADMISSION = "admission", _("录取通知书")
    LICENCE = "licence", _("营业执照")
    ENLISTMENT = "enlistment", _("入伍通知书")
    # 教学厅函〔2021〕19号 附件2: what 12, 76 and 75 (e-commerce) are proved by.
    EMPLOYER_PROOF = "employer_proof", _("用人单位录用证明")
    INCOME = "income", _("工资或收入流水")
    SIGNED_STATEMENT = "statement", _("本人签字的自由职业情况说明")
    SHOP_SCREENSHOT = "screenshot", _("网店截图")
    # Kept with the plan but never enough to submit it: an internship or traineeship certificate is not
    # proof of employment (MoE "四不准"), nor is anything else that is not one of the kinds above.
    OTHER = "other", _("其他材料（实习、见习证明不能作为就业证明）")


def evidence_path(instance: "Evidence", filename: str) -> str:
    # The stored name is random; the original name is kept in a field and only used for downloads.
    return f"evidence/{instance.plan_id}/{instance.token}"


class Evidence(AppendOnly):
    """A file that proves a plan (MoE 四不准): kept outside the static root, served only through a view."""

    plan = models.ForeignKey(DestinationPlan, on_delete=models.PROTECT, related_name="evidence")
    kind = models.CharField(_("材料类型"), max_length=16, choices=EvidenceKind.choices)
    token = models.CharField(max_length=32, unique=True, editable=False)
    file = models.FileField(_("文件"), upload_to=evidence_path, max_length=200)
    original_name = models.CharField(_("文件名"), max_length=200)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField(_("大小（字节）"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("上传人"), on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("证明材料")
        verbose_name_plural = _("证明材料")
        ordering = ("uploaded_at", "pk")

    def __str__(self) -> str:
        return self.original_name


class EvidenceRemoval(AppendOnly):
    """A student took back a file of their draft or returned plan (a wrong upload, or one replaced by
    ``replaced_by``). Evidence is append-only: the file and its row stay, every list and download leaves
    them out, and this row says who removed it and when."""

    # Goes with its file: nothing deletes evidence but the retention purge (apps.releases.purge), which
    # takes every file of the cohort, removed or not.
    evidence = models.OneToOneField(Evidence, on_delete=models.CASCADE, related_name="removal")
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("删除人"), on_delete=models.PROTECT, related_name="+"
    )
    removed_at = models.DateTimeField(_("删除时间"), auto_now_add=True)
    replaced_by = models.OneToOneField(
        Evidence, verbose_name=_("替换为"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("证明材料删除记录")
        verbose_name_plural = _("证明材料删除记录")

    def __str__(self) -> str:
        return f"{self.evidence}（已删除）"


class Notification(models.Model):
    """An in-app message; read_at is the only thing that changes."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    plan = models.ForeignKey(
        DestinationPlan, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    message = models.CharField(_("内容"), max_length=200)
    created_at = models.DateTimeField(_("时间"), auto_now_add=True)
    read_at = models.DateTimeField(_("已读时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("通知")
        verbose_name_plural = _("通知")
        ordering = ("-created_at", "-pk")
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread_idx")]

    def __str__(self) -> str:
        return self.message


class VerificationMethod(models.TextChoices):
    SMS = "sms", _("短信")
    PHONE = "phone", _("电话")
    EMPLOYER = "employer", _("单位核实")
    CHSI = "chsi", _("学信网")


class VerificationResult(models.TextChoices):
    PENDING = "pending", _("待核查")
    CONFIRMED = "confirmed", _("属实")
    FALSE = "false", _("不属实")
    UNREACHABLE = "unreachable", _("无法核实")


class VerificationBatch(models.Model):
    """One draw of approved plans to check (就业统计核查): what was asked for and by whom."""

    cohort = models.ForeignKey("graduates.Cohort", on_delete=models.PROTECT, related_name="+")
    description = models.CharField(_("抽样条件"), max_length=200)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("抽样时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("核查批次")
        verbose_name_plural = _("核查批次")
        ordering = ("-created_at",)

    def __str__(self) -> str:
        return self.description


class Verification(models.Model):
    """The check of one approved plan: pending when drawn, then recorded once (a re-check is a new row)."""

    batch = models.ForeignKey(VerificationBatch, on_delete=models.PROTECT, related_name="verifications")
    plan = models.ForeignKey(DestinationPlan, on_delete=models.PROTECT, related_name="verifications")
    method = models.CharField(_("核查方式"), max_length=12, choices=VerificationMethod.choices, blank=True)
    checked_on = models.DateField(_("核查日期"), null=True, blank=True)
    result = models.CharField(
        _("核查结果"), max_length=12, choices=VerificationResult.choices, default=VerificationResult.PENDING
    )
    note = models.TextField(_("核查说明"), blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("记录时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("核查记录")
        verbose_name_plural = _("核查记录")
        ordering = ("batch", "pk")
        constraints = [
            models.UniqueConstraint(fields=["batch", "plan"], name="verification_once_per_batch"),
        ]
        indexes = [models.Index(fields=["result"], name="verification_result_idx")]

    def __str__(self) -> str:
        return f"#{self.plan_id} {self.get_result_display()}"
