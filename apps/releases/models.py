"""The data-release log: every export and download of personal data, written once and kept.

教学厅函〔2021〕19号 forbids handing a school's employment data to other bodies without the provincial
office's consent; the log is how the centre shows who took which personal data out of the system, when.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import Role
from apps.records import AppendOnly


class ReleaseKind(models.TextChoices):
    GRADUATE_EXPORT = "graduate_export", _("毕业生信息导出")
    LEDGER_EXPORT = "ledger_export", _("帮扶台账导出")
    FINANCE_EXPORT = "finance_export", _("补贴发放（财务）导出")
    LEAVERS_HANDOVER = "leavers_handover", _("离校未就业毕业生实名移交")
    NATIONAL_LAYOUT = "national_layout", _("就业方案（全国登记系统格式）导出")
    EVIDENCE_FILE = "evidence_file", _("证明材料查看/下载")
    REPORT_NAMES = "report_names", _("含姓名的报表导出")
    PHONE_REVEAL = "phone_reveal", _("查看完整手机号")
    CHASE_EXPORT = "chase_export", _("催报名单导出")
    SURVEY_EXPORT = "survey_export", _("调查答卷导出")
    PARK_EXPORT = "park_export", _("创业园企业名单导出")
    LOGIN_CODES = "login_codes", _("首次登录码名单导出")
    COHORT_PURGE = "cohort_purge", _("届别个人信息清除")


class ReleaseQuerySet(models.QuerySet):
    """Bulk writes would bypass AppendOnly's per-row guard, so the queryset refuses them as well."""

    def update(self, **kwargs):
        raise ValueError("DataRelease rows are append-only")

    def delete(self):
        raise ValueError("DataRelease rows are append-only")


class DataRelease(AppendOnly):
    """One release of personal data: who (and in which role), when, what, how many rows, with which filters."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("操作人"), on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(_("角色"), max_length=16, choices=Role.choices)
    kind = models.CharField(_("类别"), max_length=32, choices=ReleaseKind.choices)
    rows = models.PositiveIntegerField(_("条数"))
    filters = models.JSONField(_("筛选条件"), default=dict, blank=True)
    description = models.CharField(_("说明"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("时间"), auto_now_add=True)

    objects = ReleaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("数据提供记录")
        verbose_name_plural = _("数据提供记录")
        ordering = ("-created_at", "-pk")
        indexes = [
            models.Index(fields=["created_at"], name="datarelease_created_idx"),
            models.Index(fields=["kind", "created_at"], name="datarelease_kind_created_idx"),
            models.Index(fields=["user", "created_at"], name="datarelease_user_created_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.rows} 条 · {self.user}"
