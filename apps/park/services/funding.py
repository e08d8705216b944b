"""Funding applications (创业扶持资金) and competition entries (创新创业大赛)."""

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import User

from ..models import (
    CompetitionAward,
    CompetitionEntry,
    EventSubject,
    FundingApplication,
    FundingResult,
    Tenant,
)
from ..workflow import FundingAction, funding_transition_for
from .common import (
    MSG_ALREADY_HANDLED,
    MSG_NOT_ALLOWED,
    TransitionError,
    check_centre,
    check_in_scope,
    check_member_or_centre,
    record_event,
)

MSG_GRANT_AMOUNT = _("登记获得扶持时须填写扶持金额。")
MSG_FUNDING_EXISTS = _("该企业已申报 {year} 年度的{programme}。")

FUNDING_FIELDS = ("programme", "year", "team_name", "amount_requested", "applied_on", "note")
ENTRY_FIELDS = (
    "competition",
    "edition",
    "year",
    "track",
    "project_name",
    "leader_name",
    "team_size",
    "tenant",
    "stage_reached",
)
AWARD_FIELDS = ("competition", "stage", "award")


@transaction.atomic
def funding_apply(*, tenant: Tenant, actor: User, data: dict) -> FundingApplication:
    """A company (or the centre for it) records an application to a funding programme; the result is pending."""
    check_member_or_centre(actor, tenant)
    application = FundingApplication(
        tenant=tenant, submitted_by=actor, result=FundingResult.PENDING,
        **{name: data[name] for name in FUNDING_FIELDS if name in data},
    )  # fmt: skip
    if FundingApplication.objects.filter(
        tenant=tenant, programme=application.programme, year=application.year
    ).exists():
        raise ValidationError(
            MSG_FUNDING_EXISTS.format(year=application.year, programme=application.programme)
        )
    application.full_clean()
    application.save()
    record_event(
        tenant_id=tenant.pk, subject=EventSubject.FUNDING, subject_id=application.pk, action=FundingAction.APPLY,
        from_status="", to_status=application.result, actor=actor,
    )  # fmt: skip
    return application


def funding_decide(
    *,
    funding_id: int,
    action: str,
    actor: User,
    amount_granted: Decimal | None = None,
    decided_on: datetime.date | None = None,
    comment: str = "",
    expected_result: str | None = None,
) -> FundingApplication:
    """The centre records the programme's decision by ``FUNDING_TRANSITIONS``: funded (with the amount) or not."""
    with transaction.atomic():
        application = FundingApplication.objects.select_for_update().filter(pk=funding_id).first()
        if application is None:
            raise PermissionDenied
        check_in_scope(actor, application.tenant_id)
        from_result = application.result
        if expected_result is not None and from_result != expected_result:
            raise TransitionError(MSG_ALREADY_HANDLED.format(status=application.get_result_display()))
        move = funding_transition_for(from_result, action)
        if move is None or actor.role not in move.roles:
            raise TransitionError(MSG_NOT_ALLOWED)
        granted = amount_granted if move.to == FundingResult.FUNDED else None
        if move.to == FundingResult.FUNDED and (granted is None or granted <= 0):
            raise TransitionError(MSG_GRANT_AMOUNT)
        changes = {
            "result": move.to,
            "amount_granted": granted,
            "decided_on": decided_on or timezone.localdate(),
            "updated_at": timezone.now(),
        }
        updated = FundingApplication.objects.filter(pk=application.pk, result=from_result).update(**changes)
        if updated != 1:
            raise TransitionError(MSG_ALREADY_HANDLED.format(status="—"))
        for name, value in changes.items():
            setattr(application, name, value)
        record_event(
            tenant_id=application.tenant_id, subject=EventSubject.FUNDING, subject_id=application.pk,
            action=action, from_status=from_result, to_status=move.to, actor=actor, comment=comment.strip(),
        )  # fmt: skip
    return application


@transaction.atomic
def competition_entry_save(
    *, actor: User, data: dict, entry: CompetitionEntry | None = None
) -> CompetitionEntry:
    """The centre registers a project entered in a competition, or corrects one."""
    check_centre(actor)
    if entry is None:
        entry = CompetitionEntry(recorded_by=actor)
    else:
        entry = CompetitionEntry.objects.select_for_update().get(pk=entry.pk)
    for name in ENTRY_FIELDS:
        if name in data:
            setattr(entry, name, data[name])
    entry.full_clean()
    entry.save()
    return entry


@transaction.atomic
def competition_award_add(*, entry: CompetitionEntry, actor: User, data: dict) -> CompetitionAward:
    """The centre records an award the entry won (one per awarding competition and stage)."""
    check_centre(actor)
    award = CompetitionAward(entry=entry, **{name: data[name] for name in AWARD_FIELDS if name in data})
    award.full_clean()
    award.save()
    return award
