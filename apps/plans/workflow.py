"""The one table of legal moves (一申报三审核). Nothing else decides what a plan may do next.

(status, action) -> Transition(next status, roles that may do it, whether a reason is required).
``services.plan_transition`` enforces it; ``selectors.plan_actions_for`` reads it to decide which buttons show.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import Role

from .models import PlanStatus as S


class Action(models.TextChoices):
    SUBMIT = "submit", _("提交")
    WITHDRAW = "withdraw", _("撤回")
    APPROVE = "approve", _("审核通过")
    RETURN = "return", _("退回")
    VERIFY_FALSE = "verify_false", _("核查不属实退回")
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
    (S.APPROVED, Action.VERIFY_FALSE): Transition(S.RETURNED, (Role.CENTRE,), needs_comment=True),
    # Not a button: the centre's approval of a change moves the plan it replaces here, in the same transaction.
    (S.APPROVED, Action.SUPERSEDE): Transition(S.SUPERSEDED, (Role.CENTRE,)),
}

# Who reviews at each level: the queue a plan in this status sits in.
REVIEWER_BY_STATUS: dict[S, Role] = {
    S.SUBMITTED: Role.COUNSELLOR,
    S.COUNSELLOR_APPROVED: Role.COLLEGE,
    S.COLLEGE_APPROVED: Role.CENTRE,
}
STATUS_AWAITING: dict[Role, S] = {role: status for status, role in REVIEWER_BY_STATUS.items()}
# Actions that only the system performs inside another service, never offered to a user.
# RESTORE is recorded when a change is found false and the plan it replaced is back in force.
# IMPORT records a plan registered by the destination import (migration from the provincial platform).
INTERNAL_ACTIONS = frozenset({Action.SUPERSEDE, Action.RESTORE, Action.IMPORT})


def transition_for(status: str, action: str) -> Transition | None:
    return TRANSITIONS.get((S(status), Action(action))) if action in Action.values else None
