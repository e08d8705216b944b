"""Verification (就业统计核查, seed 4.2.11): the centre draws approved plans and records what a check found.

Services: ``verification_batch_draw`` and ``verification_record``. A recorded verification is final (a
re-check is a new batch); a plan found false moves to its terminal status 核查不属实 through
``plan_transition`` with ``Action.VERIFY_FALSE`` in the same transaction as the record, so the finding is in
the plan's events, the plan stays as it was checked and no longer counts, and when it was the plan in force
the graduate's latest other registered plan is back in force. Whatever else the graduate has open, and a
plan superseded since it was drawn, can be found false. Selectors: ``verification_summary`` (one aggregate
query per table), ``verification_list`` and ``verification_get``.
"""

import math
import random
import secrets
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import Role, User
from apps.graduates.models import Cohort, College
from apps.refdata.models import DestinationCode

from .models import (
    DestinationPlan,
    PlanStatus,
    Verification,
    VerificationBatch,
    VerificationMethod,
    VerificationResult,
)
from .progress import rate_percent
from .selectors import PLAN_RELATED
from .services import TransitionError, plan_transition
from .workflow import Action

MSG_NOTHING_TO_DRAW = _("所选范围内没有可抽取的已登记方案（已在待核查批次中的方案不重复抽取）。")
MSG_NEED_SCOPE = _("请填写抽样比例，或选择学院、毕业去向之一。")
MSG_ALREADY_RECORDED = _("该核查已记录（{result}），不能修改；如需复查请另行抽样。")
MSG_RESULT_REQUIRED = _("请选择核查结果。")
MSG_METHOD_REQUIRED = _("请选择核查方式。")
MSG_DATE_REQUIRED = _("请填写核查日期。")
MSG_FINDING_REQUIRED = _("核查不属实时必须填写核查说明，该说明将作为核查结论告知毕业生。")
MSG_FUTURE_DATE = _("核查日期不能晚于今天。")
MSG_BEFORE_DRAW = _("核查日期不能早于抽样日期（{day}）。")
MSG_PLAN_NOT_IN_FORCE = _("该方案当前状态为“{status}”，不是已登记（含已变更）的方案，不能记录不属实。")
MSG_CONCURRENT = _("该毕业生的方案刚被他人处理，核查结果未记录，请刷新后重试。")
FALSE_COMMENT = "核查不属实（{method}，{day}）：{finding}"

CENTRE_ONLY = (Role.CENTRE,)
RECORDED_RESULTS = (VerificationResult.CONFIRMED, VerificationResult.FALSE, VerificationResult.UNREACHABLE)


def _check_centre(actor: User) -> None:
    if not actor.is_active or actor.role not in CENTRE_ONLY:
        raise PermissionDenied


def drawable_plans(
    *, cohort: Cohort, college: College | None = None, destination: DestinationCode | None = None
) -> QuerySet[DestinationPlan]:
    """Centre-approved plans (in force) of the cohort, narrowed to a college or a destination code, that are
    not waiting in a pending verification already."""
    plans = DestinationPlan.objects.filter(status=PlanStatus.APPROVED, graduate__cohort=cohort).exclude(
        verifications__result=VerificationResult.PENDING
    )
    if college is not None:
        plans = plans.filter(graduate__class_group__major__college=college)
    if destination is not None:
        plans = plans.filter(destination=destination)
    return plans


def sample_size(available: int, percent: Decimal) -> int:
    """How many of ``available`` a percentage draws: rounded up, so a sample is never smaller than asked."""
    return min(available, math.ceil(Decimal(available) * percent / 100))


def draw_sample(plan_ids: list[int], percent: Decimal | None, seed: int) -> list[int]:
    """The drawn ids: all of them without a percentage, else a random sample that the same seed and the same
    candidates reproduce (the candidates are taken in id order)."""
    ordered = sorted(plan_ids)
    if percent is None:
        return ordered
    return sorted(random.Random(seed).sample(ordered, sample_size(len(ordered), percent)))


def _describe(cohort, college, destination, percent, seed, available, drawn) -> str:
    scope = [f"{cohort.year}届"]
    if college is not None:
        scope.append(college.name)
    if destination is not None:
        scope.append(f"毕业去向 {destination.code} {destination.name}")
    if percent is None:
        how = f"全部抽取：{drawn} 份"
    else:
        how = f"随机抽取 {percent.normalize():f}%：{available} 份中抽取 {drawn} 份（随机种子 {seed}）"
    return f"{' · '.join(scope)} {how}"[:200]


def verification_batch_draw(
    *,
    actor: User,
    cohort: Cohort,
    college: College | None = None,
    destination: DestinationCode | None = None,
    percent: Decimal | None = None,
    seed: int | None = None,
) -> VerificationBatch:
    """Draw the cohort's approved plans (optionally of one college and/or one destination code; all of them,
    or ``percent`` of them at random) into a new batch of pending verifications.

    Promises: centre only; a plan already in a pending verification is not drawn again; the description
    records the scope, the counts and the seed, so the same seed over the same candidates draws the same
    plans. Draws of one cohort are serialised by a lock on the cohort row, so two at once cannot both take
    one plan.
    """
    _check_centre(actor)
    if percent is None and college is None and destination is None:
        raise ValidationError(MSG_NEED_SCOPE)
    if seed is None:
        seed = secrets.randbelow(2**31)
    with transaction.atomic():
        Cohort.objects.select_for_update().get(pk=cohort.pk)
        candidates = list(
            drawable_plans(cohort=cohort, college=college, destination=destination).values_list(
                "pk", flat=True
            )
        )
        drawn = draw_sample(candidates, percent, seed)
        if not drawn:
            raise ValidationError(MSG_NOTHING_TO_DRAW)
        batch = VerificationBatch(
            cohort=cohort,
            description=_describe(cohort, college, destination, percent, seed, len(candidates), len(drawn)),
            created_by=actor,
        )
        batch.full_clean()
        batch.save()
        Verification.objects.bulk_create([Verification(batch=batch, plan_id=plan_id) for plan_id in drawn])
    return batch


def verification_record(
    *,
    verification_id: int,
    actor: User,
    method: str,
    checked_on,
    result: str,
    note: str = "",
) -> Verification:
    """Record the check of one drawn plan, once. ``result`` 不属实 needs the finding in ``note``: the plan moves
    to 核查不属实 with it (``Action.VERIFY_FALSE``) in the same transaction, or nothing is written.
    """
    _check_centre(actor)
    note = note.strip()
    errors = {}
    if method not in VerificationMethod.values:
        errors["method"] = MSG_METHOD_REQUIRED
    if checked_on is None:
        errors["checked_on"] = MSG_DATE_REQUIRED
    elif checked_on > timezone.localdate():
        errors["checked_on"] = MSG_FUTURE_DATE
    if result not in RECORDED_RESULTS:
        errors["result"] = MSG_RESULT_REQUIRED
    elif result == VerificationResult.FALSE and not note:
        errors["note"] = MSG_FINDING_REQUIRED
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            verification = (
                Verification.objects.select_for_update(of=("self",))
                .select_related("batch", "plan")
                .get(pk=verification_id)
            )
            if verification.result != VerificationResult.PENDING:
                raise ValidationError(MSG_ALREADY_RECORDED.format(result=verification.get_result_display()))
            drawn_on = timezone.localdate(verification.batch.created_at)
            if checked_on < drawn_on:
                raise ValidationError({"checked_on": MSG_BEFORE_DRAW.format(day=drawn_on)})
            verification.method = method
            verification.checked_on = checked_on
            verification.result = result
            verification.note = note
            verification.checked_by = actor
            verification.recorded_at = timezone.now()
            verification.full_clean()
            verification.save(
                update_fields=["method", "checked_on", "result", "note", "checked_by", "recorded_at"]
            )
            if result == VerificationResult.FALSE:
                _record_false_plan(verification, actor)
    except IntegrityError as exc:  # a plan of the graduate was approved at the same moment
        raise ValidationError(MSG_CONCURRENT) from exc
    return verification


def _record_false_plan(verification: Verification, actor: User) -> None:
    """The plan, in force or superseded since it was drawn, moves to 核查不属实 with the finding as the event's
    comment; anything else the graduate has open stays as it is (a finding is never blocked)."""
    plan = verification.plan
    comment = FALSE_COMMENT.format(
        method=verification.get_method_display(), day=verification.checked_on, finding=verification.note
    )
    try:
        plan_transition(plan_id=plan.pk, action=Action.VERIFY_FALSE, actor=actor, comment=comment)
    except TransitionError as exc:
        status = DestinationPlan.objects.get(pk=plan.pk).get_status_display()
        raise ValidationError(MSG_PLAN_NOT_IN_FORCE.format(status=status)) from exc


# --- selectors -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SummaryRow:
    """Counts of one batch or one college; rates of each result are shares of the checks recorded."""

    key: object
    name: str
    drawn: int
    confirmed: int
    false: int
    unreachable: int

    @property
    def checked(self) -> int:
        return self.confirmed + self.false + self.unreachable

    @property
    def pending(self) -> int:
        return self.drawn - self.checked

    @property
    def checked_rate(self) -> Decimal | None:
        return rate_percent(self.checked, self.drawn)

    @property
    def confirmed_rate(self) -> Decimal | None:
        return rate_percent(self.confirmed, self.checked)

    @property
    def false_rate(self) -> Decimal | None:
        return rate_percent(self.false, self.checked)

    @property
    def unreachable_rate(self) -> Decimal | None:
        return rate_percent(self.unreachable, self.checked)


_RESULT_COUNTS = {
    "drawn": Count("pk"),
    "confirmed": Count("pk", filter=Q(result=VerificationResult.CONFIRMED)),
    "false": Count("pk", filter=Q(result=VerificationResult.FALSE)),
    "unreachable": Count("pk", filter=Q(result=VerificationResult.UNREACHABLE)),
}


def _row(key, name, counts: dict) -> SummaryRow:
    return SummaryRow(key, name, counts["drawn"], counts["confirmed"], counts["false"], counts["unreachable"])


def verification_summary(*, cohort: Cohort | None = None) -> dict:
    """Per batch and per college (of the graduate): drawn, checked, each result and pending, with rates;
    and the total. Three aggregate queries whatever the number of verifications."""
    verifications = Verification.objects.all()
    if cohort is not None:
        verifications = verifications.filter(batch__cohort=cohort)
    batches = (
        verifications.order_by()
        .values("batch_id", "batch__description", "batch__created_at")
        .annotate(**_RESULT_COUNTS)
        .order_by("-batch__created_at", "-batch_id")
    )
    college = "plan__graduate__class_group__major__college"
    colleges = (
        verifications.order_by()
        .values(f"{college}_id", f"{college}__name", f"{college}__sort_order")
        .annotate(**_RESULT_COUNTS)
        .order_by(f"{college}__sort_order", f"{college}__name")
    )
    total = verifications.order_by().aggregate(**_RESULT_COUNTS)
    return {
        "by_batch": [_row(row["batch_id"], row["batch__description"], row) for row in batches],
        "by_college": [_row(row[f"{college}_id"], row[f"{college}__name"], row) for row in colleges],
        "total": _row(None, "合计", total),
    }


def verification_list(*, cohort: Cohort | None = None) -> QuerySet[Verification]:
    """Verifications with what the list shows (graduate, college, plan, batch, checker), newest batch first."""
    verifications = Verification.objects.select_related(
        "batch", "checked_by", *(f"plan__{name}" for name in PLAN_RELATED)
    )
    if cohort is not None:
        verifications = verifications.filter(batch__cohort=cohort)
    return verifications.order_by("-batch__created_at", "-batch_id", "pk")


def verification_get(*, pk: int) -> Verification | None:
    return (
        Verification.objects.select_related(
            "batch", "checked_by", *(f"plan__{name}" for name in PLAN_RELATED)
        )
        .filter(pk=pk)
        .first()
    )


def verification_next(verification: Verification) -> Verification | None:
    """The next record of the same draw (by the list's order), for the record page's 下一条; None at its end."""
    return (
        Verification.objects.filter(batch_id=verification.batch_id, pk__gt=verification.pk)
        .select_related("plan__graduate")
        .order_by("pk")
        .first()
    )


def verification_batches(*, cohort: Cohort | None = None) -> QuerySet[VerificationBatch]:
    batches = VerificationBatch.objects.all()
    if cohort is not None:
        batches = batches.filter(cohort=cohort)
    return batches.order_by("-created_at", "-pk")
