"""Blanking the personal data of an archived cohort past its retention (PIPL art. 19, 47).

What goes: each graduate's name, ID number, phone and e-mail (in the record and in its change history), the
evidence files of their plans (the files and their rows), the notes of their plans, the 一人一策 of their support
cases and the text of the support log, the bank account of their subsidy applications, and their login
(deactivated, no password, no name or e-mail). What stays: everything the report counts (gender, ethnicity,
origin, class, hardship flags, destinations, dates, amounts), the 学号 as the record's key, and published reports
(apps/reports publications are snapshots), so the cohort's report is the same before and after.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models.functions import Cast, Concat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import User
from apps.graduates.models import Cohort, Graduate
from apps.plans.models import DestinationPlan, Evidence
from apps.support.models import SubsidyApplication, SupportAction, SupportCase

from .models import ReleaseKind
from .services import release_record

MSG_NO_COHORT = _("没有 {year} 届。")
MSG_NOT_ARCHIVED = _("{year} 届尚未归档，不能清除个人信息：请先在系统管理中将该届别标记为“已归档”。")
MSG_IN_RETENTION = _(
    "{year} 届仍在保存期内（保存至 {until} 年底，见 PERSONAL_DATA_RETENTION_YEARS），不能清除。"
)
PURGED_NOTE = "（个人信息已按保存期限清除）"
# Keeps the column unique (one value a graduate) and says what happened; never a valid ID number.
PURGED_ID_PREFIX = "PURGED"


@dataclass(frozen=True)
class PurgeCounts:
    graduates: int
    history_rows: int
    evidence_files: int
    plans: int
    support_cases: int
    support_actions: int
    subsidy_accounts: int
    logins: int

    def describe(self) -> str:
        return (
            f"毕业生 {self.graduates} 人（修改历史 {self.history_rows} 条），证明材料 {self.evidence_files} 份，"
            f"就业方案 {self.plans} 份，帮扶档案 {self.support_cases} 份（帮扶记录 {self.support_actions} 条），"
            f"补贴收款账号 {self.subsidy_accounts} 个，登录账号 {self.logins} 个"
        )


def retention_ends(cohort: Cohort) -> int:
    """The last year the cohort's personal data is kept: its graduation year plus the deployer's setting."""
    return cohort.year + settings.PERSONAL_DATA_RETENTION_YEARS


def cohort_purgeable(year: int, *, today: datetime.date | None = None) -> Cohort:
    """The cohort of ``year`` if it may be purged: archived, and its retention over (ValidationError if not)."""
    cohort = Cohort.objects.filter(year=year).first()
    if cohort is None:
        raise ValidationError(MSG_NO_COHORT.format(year=year), code="no_cohort")
    if not cohort.is_archived:
        raise ValidationError(MSG_NOT_ARCHIVED.format(year=year), code="not_archived")
    today = today or timezone.localdate()
    if today.year <= retention_ends(cohort):
        raise ValidationError(
            MSG_IN_RETENTION.format(year=year, until=retention_ends(cohort)), code="in_retention"
        )
    return cohort


def _targets(cohort: Cohort) -> dict[str, models.QuerySet]:
    graduates = Graduate.objects.filter(cohort=cohort)
    graduate_ids = graduates.values("pk")
    plans = DestinationPlan.objects.filter(graduate__cohort=cohort)
    return {
        "graduates": graduates,
        "graduate_history": Graduate.history.filter(id__in=graduate_ids),
        "evidence": Evidence.objects.filter(plan__graduate__cohort=cohort),
        "plans": plans,
        "plan_history": DestinationPlan.history.filter(graduate_id__in=graduate_ids),
        "cases": SupportCase.objects.filter(graduate__cohort=cohort),
        "actions": SupportAction.objects.filter(case__graduate__cohort=cohort),
        "subsidies": SubsidyApplication.objects.filter(graduate__cohort=cohort).exclude(bank_account=""),
        "logins": User.objects.filter(graduate__cohort=cohort),
    }


def _counts(targets: dict[str, models.QuerySet]) -> PurgeCounts:
    return PurgeCounts(
        graduates=targets["graduates"].count(),
        history_rows=targets["graduate_history"].count(),
        evidence_files=targets["evidence"].count(),
        plans=targets["plans"].count(),
        support_cases=targets["cases"].count(),
        support_actions=targets["actions"].count(),
        subsidy_accounts=targets["subsidies"].count(),
        logins=targets["logins"].count(),
    )


def cohort_purge_preview(*, year: int) -> PurgeCounts:
    """What ``cohort_purge`` would blank, changing nothing (refuses as it would)."""
    return _counts(_targets(cohort_purgeable(year)))


@transaction.atomic
def cohort_purge(*, year: int, actor: User) -> PurgeCounts:
    """Blank the personal data of the archived cohort ``year`` past its retention, in one transaction, and
    record it in the data-release log. The evidence files are removed from storage once it commits.

    Bulk updates on purpose: they bypass the history (which would otherwise keep a copy of what is blanked)
    and the append-only guard of the support log, whose text the law requires to go too.
    """
    cohort = cohort_purgeable(year)
    Cohort.objects.select_for_update().filter(pk=cohort.pk).first()
    targets = _targets(cohort)
    counts = _counts(targets)

    files = list(targets["evidence"].values_list("file", flat=True))
    storage = Evidence._meta.get_field("file").storage
    # QuerySet.delete() does not go through Evidence.delete() (append-only), as intended here.
    targets["evidence"].delete()
    transaction.on_commit(lambda: [storage.delete(name) for name in files if name])

    placeholder_id = Concat(models.Value(PURGED_ID_PREFIX), Cast("pk", models.CharField()))
    targets["graduates"].update(
        name="", id_number=placeholder_id, phone="", email="", updated_at=timezone.now()
    )
    targets["graduate_history"].update(name="", id_number="", phone="", email="")
    targets["plans"].update(note="")
    targets["plan_history"].update(note="")
    targets["cases"].update(personal_plan="")
    targets["actions"].update(note=PURGED_NOTE)
    targets["subsidies"].update(bank_account="")
    targets["logins"].update(
        first_name="", last_name="", email="", is_active=False, password=make_password(None)
    )
    release_record(
        user=actor,
        kind=ReleaseKind.COHORT_PURGE,
        rows=counts.graduates,
        filters={"cohort": year},
        description=f"清除 {year} 届个人信息：{counts.describe()}"[:300],
    )
    return counts
