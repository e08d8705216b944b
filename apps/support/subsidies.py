"""Writes to subsidy applications (一次性求职补贴, seed 4.2.9). ``subsidy_transition`` is the only code that
changes an application's status: it locks the rows, checks ``workflow.TRANSITIONS``, the actor's scope and the
graduate's eligibility, moves them with a compare-and-set, and appends an event per application, all in one
transaction. A set of applications moves wholly or not at all, so a payment batch is never half paid.
"""

import datetime
from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import Role, User
from apps.graduates.models import Graduate
from apps.graduates.selectors import graduates_visible_to
from apps.plans.services import TransitionError

from .models import (
    ACTIVE_SUBSIDY_STATUSES,
    SubsidyApplication,
    SubsidyBatch,
    SubsidyEvent,
    SubsidyScheme,
    SubsidyStatus,
)
from .workflow import BATCH_ACTIONS, ELIGIBILITY_CHECKED, SubsidyAction, transition_for

MSG_NOT_ELIGIBLE = _("{graduate} 不符合“{scheme}”的申领条件：{rule}。")
MSG_ALREADY_PAID = _("{graduate} 已在“{scheme}”中领取过补贴，同一项目不能重复发放。")
MSG_ALREADY_APPLIED = _("{graduate} 在“{scheme}”中已有一份正在办理的申请。")
MSG_SCHEME_CLOSED = _("“{scheme}”已停止受理申请。")
MSG_NOT_ALLOWED = _("当前状态下您不能执行此操作。")
MSG_ALREADY_HANDLED = _("该申请已被他人处理（当前状态：{status}），请刷新后查看。")
MSG_COMMENT_REQUIRED = _("不予通过时必须填写原因。")
MSG_BATCH_REQUIRED = _("发放须指定本补贴项目的发放批次。")
MSG_BATCH_DATE = _("批次“{name}”已于 {date} 发放，同一批次只能有一个发放日期。")
MSG_NOTHING_SELECTED = _("请至少选择一份申请。")
MSG_ONE_SCHEME = _("一次只能发放同一个补贴项目的申请。")
MSG_PAID_IN_COHORT = _("{graduate} 已在“{other}”中领取过本届一次性求职补贴，每名毕业生每届只能领取一次。")
MSG_APPLIED_IN_COHORT = _(
    "{graduate} 在“{other}”中已有一份正在办理的本届一次性求职补贴申请，每名毕业生每届只能领取一次。"
)
MSG_PAID_ON_FUTURE = _("发放日期不能晚于今天。")
MSG_APPLIED_ON_FUTURE = _("申请日期不能晚于今天。")


def _duplicate_message(graduate: Graduate, scheme: SubsidyScheme, other: str, status: str) -> str:
    """Why ``graduate`` may not apply: an application in ``other`` (a scheme's name) of the same cohort."""
    paid = status == SubsidyStatus.PAID
    if other == scheme.name:
        return str(MSG_ALREADY_PAID if paid else MSG_ALREADY_APPLIED).format(graduate=graduate, scheme=scheme)
    return str(MSG_PAID_IN_COHORT if paid else MSG_APPLIED_IN_COHORT).format(graduate=graduate, other=other)


def _duplicates(scheme: SubsidyScheme, graduates: Sequence[Graduate]) -> list[str]:
    """One message per graduate who already holds an application of the scheme's cohort that still counts,
    in this scheme or another (the rule the database enforces as ``subsidy_once_per_graduate_and_cohort``)."""
    existing = {
        graduate_id: (name, status)
        for graduate_id, name, status in SubsidyApplication.objects.filter(
            cohort_id=scheme.cohort_id,
            graduate__in=[g.pk for g in graduates],
            status__in=ACTIVE_SUBSIDY_STATUSES,
        ).values_list("graduate_id", "scheme__name", "status")
    }
    return [_duplicate_message(g, scheme, *existing[g.pk]) for g in graduates if g.pk in existing]


def subsidy_apply(
    *,
    scheme: SubsidyScheme,
    graduates: Sequence[Graduate],
    actor: User,
    note: str = "",
    applied_on: datetime.date | None = None,
) -> list[SubsidyApplication]:
    """Apply for ``scheme`` on behalf of ``graduates`` (a student: only for themself; staff: graduates in
    their scope), all or none. Each must be admitted by the scheme's eligibility rule (the hardship flags for
    a hardship scheme) and hold no application in review, approved or paid of the scheme's cohort, in this
    scheme or another (the one-time subsidy is paid once per cohort); the amount is the scheme's standard.
    ``applied_on`` records the date of a paper application (default: today; never a day to come).
    """
    graduates = list({g.pk: g for g in graduates}.values())  # a graduate named twice applies once
    if actor.role == Role.STUDENT:
        if any(g.user_id != actor.pk for g in graduates):
            raise PermissionDenied
    elif actor.role in (Role.COUNSELLOR, Role.COLLEGE, Role.CENTRE):
        visible = set(
            graduates_visible_to(actor).filter(pk__in=[g.pk for g in graduates]).values_list("pk", flat=True)
        )
        if len(visible) != len({g.pk for g in graduates}):
            raise PermissionDenied
    else:
        raise PermissionDenied
    if not scheme.is_open:
        raise ValidationError(MSG_SCHEME_CLOSED.format(scheme=scheme))
    rule = scheme.get_eligibility_display()
    errors = [
        str(MSG_NOT_ELIGIBLE).format(graduate=g, scheme=scheme, rule=rule)
        for g in graduates
        if not scheme.admits(g)
    ]
    errors += _duplicates(scheme, graduates)
    now = timezone.now()
    if applied_on is not None and applied_on > timezone.localdate(now):
        errors.append(str(MSG_APPLIED_ON_FUTURE))
    if errors:
        raise ValidationError(errors)
    applications = [
        SubsidyApplication(
            scheme=scheme,
            cohort_id=scheme.cohort_id,
            graduate=graduate,
            amount=scheme.amount,
            status=SubsidyStatus.SUBMITTED,
            note=note.strip(),
            applied_on=applied_on or timezone.localdate(now),
            applied_by=actor,
            status_changed_at=now,
        )
        for graduate in graduates
    ]
    if applications:  # they differ only in the graduate, which was checked above
        applications[0].full_clean(
            exclude=["scheme", "cohort", "graduate", "applied_by"], validate_constraints=False
        )
    try:
        with transaction.atomic():
            SubsidyApplication.objects.bulk_create(applications, batch_size=500)
            SubsidyEvent.objects.bulk_create(
                [
                    _event(application, SubsidyAction.APPLY, "", actor, "")
                    for application in _with_ids(applications, scheme)
                ],
                batch_size=500,
            )
    except IntegrityError as exc:
        # Another application of the cohort for one of them got in at the same moment (it is committed now:
        # the database waited for it): the same message as when it was found above.
        duplicates = _duplicates(scheme, graduates)
        if not duplicates:
            raise
        raise ValidationError(duplicates) from exc
    return applications


def _with_ids(applications: list[SubsidyApplication], scheme: SubsidyScheme) -> list[SubsidyApplication]:
    """The created applications with their ids (re-read on a database that does not return them)."""
    if all(a.pk is not None for a in applications):
        return applications
    ids = dict(
        SubsidyApplication.objects.filter(
            scheme=scheme,
            graduate__in=[a.graduate_id for a in applications],
            status=SubsidyStatus.SUBMITTED,
        ).values_list("graduate_id", "pk")
    )
    for application in applications:
        application.pk = ids[application.graduate_id]
    return applications


def _event(application, action, from_status, actor, comment) -> SubsidyEvent:
    return SubsidyEvent(
        application=application, action=action, from_status=from_status, to_status=application.status,
        actor=actor, actor_role=actor.role, comment=comment,
    )  # fmt: skip


def _refusal(application, action, actor, comment, expected_status, batch) -> str | None:
    """Why the table, the scope of the move or the rules do not allow it now; None when they do."""
    if expected_status is not None and application.status != expected_status:
        return str(MSG_ALREADY_HANDLED).format(status=application.get_status_display())
    move = transition_for(application.status, action)
    if move is None or actor.role not in move.roles:
        return str(MSG_NOT_ALLOWED)
    if action == SubsidyAction.WITHDRAW and application.graduate.user_id != actor.pk:
        return str(MSG_NOT_ALLOWED)
    if move.needs_comment and not comment:
        return str(MSG_COMMENT_REQUIRED)
    if action in BATCH_ACTIONS and (batch is None or batch.scheme_id != application.scheme_id):
        return str(MSG_BATCH_REQUIRED)
    if action in ELIGIBILITY_CHECKED and not application.scheme.admits(application.graduate):
        return str(MSG_NOT_ELIGIBLE).format(
            graduate=application.graduate,
            scheme=application.scheme,
            rule=application.scheme.get_eligibility_display(),
        )
    return None


def subsidy_transition(
    *,
    application_ids: Sequence[int],
    action: str,
    actor: User,
    comment: str = "",
    expected_status: str | None = None,
    batch: SubsidyBatch | None = None,
) -> list[SubsidyApplication]:
    """Move the applications by the transition table, all or none, for an actor whose scope holds them.

    An application outside the scope (or missing) raises PermissionDenied; any refusal raises TransitionError
    naming the graduate, and nothing moves. Two reviewers at once: rows are locked and the UPDATE is a
    compare-and-set on the status read, so one wins and the other is told the application was handled.
    """
    ids = list(dict.fromkeys(application_ids))
    if not ids:
        raise TransitionError(MSG_NOTHING_SELECTED)
    comment = comment.strip()
    with transaction.atomic():
        applications = list(
            SubsidyApplication.objects.select_for_update(of=("self",))
            .select_related("graduate__hardship_category", "scheme")
            .filter(pk__in=ids)
            .order_by("pk")
        )
        # The scope is checked on the graduates found rather than joined into the lock query: SQLite plans
        # "id IN (list) AND graduate IN (subquery)" as a nested search that grows with both.
        graduate_ids = {a.graduate_id for a in applications}
        in_scope = graduates_visible_to(actor).filter(pk__in=graduate_ids).count()
        if len(applications) != len(ids) or in_scope != len(graduate_ids):
            raise PermissionDenied
        refusals = []
        for application in applications:
            refusal = _refusal(application, action, actor, comment, expected_status, batch)
            if refusal:
                refusals.append(refusal if len(ids) == 1 else f"{application.graduate}：{refusal}")
        if refusals:
            raise TransitionError("；".join(refusals))
        now = timezone.now()
        by_status: dict[str, list[SubsidyApplication]] = {}
        for application in applications:
            by_status.setdefault(application.status, []).append(application)
        events = []
        for from_status, group in by_status.items():
            move = transition_for(from_status, action)
            changes = {"status": move.to, "status_changed_at": now, "updated_at": now}
            if action in BATCH_ACTIONS:
                changes["batch"] = batch
            moved = SubsidyApplication.objects.filter(
                pk__in=[a.pk for a in group], status=from_status
            ).update(**changes)
            if moved != len(group):
                raise TransitionError(
                    str(MSG_ALREADY_HANDLED).format(status=SubsidyStatus(from_status).label)
                )
            for application in group:
                for name, value in changes.items():
                    setattr(application, name, value)
                events.append(_event(application, action, from_status, actor, comment))
        SubsidyEvent.objects.bulk_create(events, batch_size=500)
    return applications


@transaction.atomic
def subsidy_pay(
    *, application_ids: Sequence[int], batch_name: str, paid_on: datetime.date, actor: User
) -> SubsidyBatch:
    """The centre pays approved applications of one scheme as the batch ``batch_name`` on ``paid_on`` (the
    batch is created on first use; a later payment into it must name the same date; not a day to come: a
    payment is recorded once made). All or none."""
    if actor.role != Role.CENTRE:
        raise PermissionDenied
    if paid_on > timezone.localdate():
        raise TransitionError(MSG_PAID_ON_FUTURE)
    schemes = set(
        SubsidyApplication.objects.filter(pk__in=list(application_ids)).values_list("scheme_id", flat=True)
    )
    if not schemes:
        raise TransitionError(MSG_NOTHING_SELECTED)
    if len(schemes) > 1:
        raise TransitionError(MSG_ONE_SCHEME)
    batch, _created = SubsidyBatch.objects.get_or_create(
        scheme_id=schemes.pop(),
        name=batch_name.strip(),
        defaults={"paid_on": paid_on, "created_by": actor},
    )
    if batch.paid_on != paid_on:
        raise TransitionError(MSG_BATCH_DATE.format(name=batch.name, date=f"{batch.paid_on:%Y-%m-%d}"))
    subsidy_transition(application_ids=application_ids, action=SubsidyAction.PAY, actor=actor, batch=batch)
    return batch


MSG_BANK_ACCOUNT_CLOSED = _("已发放或已结束的申请不能再修改收款银行卡号。")
BANK_ACCOUNT_EDITORS = (Role.STUDENT, Role.CENTRE)


@transaction.atomic
def subsidy_bank_account_set(*, application_id: int, actor: User, bank_account: str) -> SubsidyApplication:
    """The account a subsidy is paid into: entered by the graduate on their own application, or by the centre
    (paper applications), until it is paid. Blank clears it."""
    application = (
        SubsidyApplication.objects.select_for_update().select_related("graduate").get(pk=application_id)
    )
    if actor.role not in BANK_ACCOUNT_EDITORS or (
        actor.role == Role.STUDENT and application.graduate.user_id != actor.pk
    ):
        raise PermissionDenied
    if application.status not in (
        SubsidyStatus.SUBMITTED,
        SubsidyStatus.COLLEGE_APPROVED,
        SubsidyStatus.APPROVED,
    ):
        raise ValidationError(MSG_BANK_ACCOUNT_CLOSED)
    application.bank_account = "".join(bank_account.split())
    application.full_clean(exclude=["scheme", "cohort", "graduate", "applied_by", "batch"])
    application.save(update_fields=["bank_account", "updated_at"])
    return application
