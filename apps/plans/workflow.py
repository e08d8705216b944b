"""The one table of legal moves (一申报三审核). Nothing else decides what a plan may do next.

(status, action) -> Transition(next status, roles that may do it, whether a reason is required).
``services.plan_transition`` enforces it; ``selectors.plan_actions_for`` reads it to decide which buttons show.
``window_refusal`` is the one rule of when a student may act (registration window or correction deadline).
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import Role

from .models import OPEN_STATUSES
from .models import PlanStatus as S


class Action(models.TextChoices):
    SUBMIT = "submit", _("提交")
    WITHDRAW = "withdraw", _("撤回")
    APPROVE = "approve", _("审核通过")
    RETURN = "return", _("退回")
    VERIFY_FALSE = "verify_false", _("核查不属实")
    CANCEL = "cancel", _("撤销方案")
    SUPERSEDE = "supersede", _("被新方案取代")
    RESTORE = "restore", _("恢复有效")
    IMPORT = "import", _("导入登记")


@dataclass(frozen=True)
class Transition:
    to: S
    roles: tuple[Role, ...]
    needs_comment: bool = False


TRANSITIONS: dict[tuple[S, Action], Transition] = {
    (S.DRAFT, Action.SUBMIT): Transition(S.SUBMITTED, (Role.STUDENT,)),
    (S.RETURNED, Action.SUBMIT): Transition(S.SUBMITTED, (Role.STUDENT,)),
    (S.SUBMITTED, Action.WITHDRAW): Transition(S.DRAFT, (Role.STUDENT,)),
    (S.SUBMITTED, Action.APPROVE): Transition(S.COUNSELLOR_APPROVED, (Role.COUNSELLOR,)),
    (S.SUBMITTED, Action.RETURN): Transition(S.RETURNED, (Role.COUNSELLOR,), needs_comment=True),
    (S.COUNSELLOR_APPROVED, Action.APPROVE): Transition(S.COLLEGE_APPROVED, (Role.COLLEGE,)),
    (S.COUNSELLOR_APPROVED, Action.RETURN): Transition(S.RETURNED, (Role.COLLEGE,), needs_comment=True),
    (S.COLLEGE_APPROVED, Action.APPROVE): Transition(S.APPROVED, (Role.CENTRE,)),
    (S.COLLEGE_APPROVED, Action.RETURN): Transition(S.RETURNED, (Role.CENTRE,), needs_comment=True),
    # 核查 found the registration false: the plan stays exactly as it was checked and stops counting; the
    # student corrects it by a new plan. A superseded plan counted at every cut-off of its period, so it too.
    (S.APPROVED, Action.VERIFY_FALSE): Transition(S.FALSE, (Role.CENTRE,), needs_comment=True),
    (S.SUPERSEDED, Action.VERIFY_FALSE): Transition(S.FALSE, (Role.CENTRE,), needs_comment=True),
    # Not a button: the centre's approval of a change moves the plan it replaces here, in the same transaction.
    (S.APPROVED, Action.SUPERSEDE): Transition(S.SUPERSEDED, (Role.CENTRE,)),
    # The centre ends an open plan nobody else will move (a draft or return left standing, a request made in
    # error), so it never blocks a finding or a new plan for ever; the reason is kept in the event.
    **{
        (status, Action.CANCEL): Transition(S.CANCELLED, (Role.CENTRE,), needs_comment=True)
        for status in OPEN_STATUSES
    },
}

# Who reviews at each level: the queue a plan in this status sits in.
REVIEWER_BY_STATUS: dict[S, Role] = {
    S.SUBMITTED: Role.COUNSELLOR,
    S.COUNSELLOR_APPROVED: Role.COLLEGE,
    S.COLLEGE_APPROVED: Role.CENTRE,
}
STATUS_AWAITING: dict[Role, S] = {role: status for status, role in REVIEWER_BY_STATUS.items()}
# Actions that only the system performs inside another service, never offered to a user.
# RESTORE is recorded when the plan in force is found false and the graduate's latest other registered plan
# is back in force.
# IMPORT records a plan registered by the destination import (migration from the provincial platform).
INTERNAL_ACTIONS = frozenset({Action.SUPERSEDE, Action.RESTORE, Action.IMPORT})


def transition_for(status: str, action: str) -> Transition | None:
    return TRANSITIONS.get((S(status), Action(action))) if action in Action.values else None


# When a student may act (domain.md): the registration window governs new registrations and voluntary
# changes; a plan a reviewer returned and the plan correcting a 核查 不属实 may be saved, withdrawn and
# resubmitted until the correction deadline. A withdrawal is allowed exactly when a resubmission would be.
MSG_WINDOW_CLOSED = _(
    "本届方案申报时间为 {opens} 至 {closes}，当前不在申报时间内：新填报、主动变更及其撤回、提交须在申报时间内办理。"
)
MSG_CORRECTION_CLOSED = _(
    "被退回或核查不属实的方案须在本届更正截止日期 {deadline} 前修改、撤回或重新提交，现已过更正截止日期。"
)


def window_refusal(cohort, day, *, correction: bool) -> str | None:
    """Why a student may not start, save, withdraw or submit a plan of ``cohort`` on ``day``; None if they may.

    ``correction``: the plan is one a reviewer returned, or the graduate's correction of a false finding
    (``selectors.plan_is_correction``); the correction deadline then applies instead of the window.
    """
    if cohort.registration_open_on(day):
        return None
    before_window = cohort.registration_opens is not None and day < cohort.registration_opens
    if correction and not before_window:
        if cohort.correction_open_on(day):
            return None
        return str(MSG_CORRECTION_CLOSED.format(deadline=cohort.correction_deadline_or_default))
    return str(
        MSG_WINDOW_CLOSED.format(
            opens=cohort.registration_opens or "—", closes=cohort.registration_closes or "—"
        )
    )
