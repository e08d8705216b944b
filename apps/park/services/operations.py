"""Writes of a company's operations: operating reports and resumption applications (submitted by the company,
reviewed by the centre), access passes, patrol records and meter readings."""

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import User

from ..models import (
    AccessPass,
    EventSubject,
    MeterReading,
    OperatingReport,
    PatrolRecord,
    ResumptionApplication,
    ReviewStatus,
    Tenant,
    Unit,
)
from ..workflow import ReviewAction, review_transition_for
from .common import (
    MSG_ALREADY_HANDLED,
    MSG_COMMENT_REQUIRED,
    MSG_NOT_ALLOWED,
    MSG_NOT_IN_PARK,
    TransitionError,
    check_centre,
    check_in_scope,
    check_member,
    check_member_or_centre,
    record_event,
)

MSG_REPORT_EXISTS = _("{period} 的经营报表已经提交过；如被退回，请在原报表上修改后重新提交。")
MSG_READING_BACKWARDS = _(
    "电表读数不能小于上次读数：电表 {meter} 在 {on} 的读数为 {previous} kWh，本次填写 {reading} kWh。"
)
MSG_READING_AHEAD = _("电表读数不能大于之后的读数：电表 {meter} 在 {on} 的读数为 {following} kWh。")
MSG_READING_EXISTS = _("电表 {meter} 在 {on} 已有读数。")

REPORT_FIELDS = ("period", "revenue", "staff", "graduates_employed", "note")
RESUMPTION_FIELDS = ("planned_on", "staff_returning", "safety_plan", "contact_phone")
PASS_FIELDS = ("holder_name", "holder_phone", "card_no", "valid_from", "valid_to")
PATROL_FIELDS = ("site", "tenant", "patrolled_on", "findings", "hazard", "follow_up", "resolved_on")

# What each reviewable subject is, and which of its fields the company fills in.
SUBMISSIONS: dict[str, tuple[type, tuple[str, ...]]] = {
    EventSubject.REPORT: (OperatingReport, REPORT_FIELDS),
    EventSubject.RESUMPTION: (ResumptionApplication, RESUMPTION_FIELDS),
}


def _active_tenant(tenant: Tenant) -> Tenant:
    tenant = Tenant.objects.select_for_update().get(pk=tenant.pk)
    if not tenant.is_active:
        raise ValidationError(MSG_NOT_IN_PARK)
    return tenant


def _submit(subject: str, *, tenant: Tenant, actor: User, data: dict):
    model, fields = SUBMISSIONS[subject]
    check_member(actor, tenant)
    tenant = _active_tenant(tenant)
    submission = model(tenant=tenant, submitted_by=actor, status=ReviewStatus.SUBMITTED)
    for name in fields:
        if name in data:
            setattr(submission, name, data[name])
    submission.full_clean()
    submission.save()
    record_event(
        tenant_id=tenant.pk, subject=subject, subject_id=submission.pk, action=ReviewAction.SUBMIT,
        from_status="", to_status=submission.status, actor=actor,
    )  # fmt: skip
    return submission


@transaction.atomic
def report_submit(*, tenant: Tenant, actor: User, data: dict) -> OperatingReport:
    """A company's own account submits its operating report for a month (``data``: ``REPORT_FIELDS``, the
    period a month's first day). One report per company and month; a returned one is corrected, not doubled."""
    check_member(actor, tenant)
    period = data.get("period")
    if period and OperatingReport.objects.filter(tenant=tenant, period=period).exists():
        raise ValidationError({"period": MSG_REPORT_EXISTS.format(period=f"{period:%Y年%m月}")})
    return _submit(EventSubject.REPORT, tenant=tenant, actor=actor, data=data)


@transaction.atomic
def resumption_submit(*, tenant: Tenant, actor: User, data: dict) -> ResumptionApplication:
    """A company's own account applies to reopen (复工申请) with its safety plan; the centre approves it."""
    return _submit(EventSubject.RESUMPTION, tenant=tenant, actor=actor, data=data)


def _current_status_label(model, pk: int) -> str:
    status = model.objects.filter(pk=pk).values_list("status", flat=True).first()
    return ReviewStatus(status).label if status else "—"


def submission_transition(
    *,
    subject: str,
    pk: int,
    action: str,
    actor: User,
    comment: str = "",
    data: dict | None = None,
    expected_status: str | None = None,
):
    """Move a report or resumption application by ``REVIEW_TRANSITIONS``, atomically, and append the event.

    The centre approves or returns (a return needs the reason); the company's own account resubmits a returned
    one with corrected ``data``. Row lock plus compare-and-set on the status: one of two reviewers wins.
    """
    model, fields = SUBMISSIONS[subject]
    with transaction.atomic():
        submission = model.objects.select_for_update().filter(pk=pk).first()
        if submission is None:
            raise PermissionDenied
        check_in_scope(actor, submission.tenant_id)
        from_status = submission.status
        if expected_status is not None and from_status != expected_status:
            raise TransitionError(MSG_ALREADY_HANDLED.format(status=submission.get_status_display()))
        move = review_transition_for(from_status, action)
        if move is None or actor.role not in move.roles:
            raise TransitionError(MSG_NOT_ALLOWED)
        comment = comment.strip()
        if move.needs_comment and not comment:
            raise TransitionError(MSG_COMMENT_REQUIRED)

        now = timezone.now()
        changes: dict = {"status": move.to, "updated_at": now}
        if action == ReviewAction.RESUBMIT:
            check_member(actor, submission.tenant)
            for name in fields:
                if name in (data or {}):
                    setattr(submission, name, data[name])
                    changes[name] = data[name]
            submission.full_clean()
            changes.update(submitted_by=actor, submitted_at=now)
        else:
            changes.update(reviewed_by=actor, reviewed_at=now, review_comment=comment)
        updated = model.objects.filter(pk=submission.pk, status=from_status).update(**changes)
        if updated != 1:
            raise TransitionError(
                MSG_ALREADY_HANDLED.format(status=_current_status_label(model, submission.pk))
            )
        for name, value in changes.items():
            setattr(submission, name, value)
        record_event(
            tenant_id=submission.tenant_id, subject=subject, subject_id=submission.pk, action=action,
            from_status=from_status, to_status=move.to, actor=actor, comment=comment,
        )  # fmt: skip
    return submission


@transaction.atomic
def access_pass_issue(*, tenant: Tenant, actor: User, data: dict) -> AccessPass:
    """Register a 临时出入证 for a company's staff member (the centre, or the company's own account).
    A pass whose end is before its start is refused (``MSG_PASS_DATES``)."""
    check_member_or_centre(actor, tenant)
    tenant = _active_tenant(tenant)
    access_pass = AccessPass(tenant=tenant, issued_by=actor, **{n: data[n] for n in PASS_FIELDS if n in data})
    access_pass.full_clean()
    access_pass.save()
    return access_pass


@transaction.atomic
def patrol_record(*, actor: User, data: dict, patrol: PatrolRecord | None = None) -> PatrolRecord:
    """The centre records a patrol (巡察) or, on an existing record, what was done about its findings."""
    check_centre(actor)
    if patrol is None:
        patrol = PatrolRecord(recorded_by=actor)
    else:
        patrol = PatrolRecord.objects.select_for_update().get(pk=patrol.pk)
    for name in PATROL_FIELDS:
        if name in data:
            setattr(patrol, name, data[name])
    patrol.full_clean()
    patrol.save()
    return patrol


@transaction.atomic
def meter_reading_record(
    *, unit: Unit, actor: User, read_on: datetime.date, reading: Decimal
) -> MeterReading:
    """The centre records a reading of a unit's meter. A meter only counts up: a reading lower than the one
    before it (or higher than a later one already recorded) is refused with both figures in the message."""
    check_centre(actor)
    unit = Unit.objects.select_for_update().get(pk=unit.pk)  # one writer per meter at a time
    meter = unit.meter_no
    readings = MeterReading.objects.filter(meter_no=meter)
    on = f"{read_on:%Y-%m-%d}"
    if readings.filter(read_on=read_on).exists():
        raise ValidationError({"read_on": MSG_READING_EXISTS.format(meter=meter, on=on)})
    previous = readings.filter(read_on__lt=read_on).order_by("-read_on").first()
    if previous is not None and reading < previous.reading:
        raise ValidationError(
            {
                "reading": MSG_READING_BACKWARDS.format(
                    meter=meter, on=f"{previous.read_on:%Y-%m-%d}", previous=previous.reading, reading=reading
                )
            }
        )
    following = readings.filter(read_on__gt=read_on).order_by("read_on").first()
    if following is not None and reading > following.reading:
        raise ValidationError(
            {
                "reading": MSG_READING_AHEAD.format(
                    meter=meter, on=f"{following.read_on:%Y-%m-%d}", following=following.reading
                )
            }
        )
    record = MeterReading(unit=unit, meter_no=meter, read_on=read_on, reading=reading, recorded_by=actor)
    record.full_clean()
    record.save()
    return record
