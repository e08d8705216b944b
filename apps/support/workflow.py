"""The one table of legal moves of a subsidy application (review by college, then centre; payment).

(status, action) -> Transition(next status, roles that may do it, whether a reason is required).
``services.subsidy_transition`` enforces it; ``selectors.subsidy_actions_for`` reads it for the buttons.
A case's status has its own small table, ``CASE_MOVES``.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import Role

from .models import CaseStatus
from .models import SubsidyStatus as S


class SubsidyAction(models.TextChoices):
    APPLY = "apply", _("提交申请")
    WITHDRAW = "withdraw", _("撤回")
    APPROVE = "approve", _("审核通过")
    REJECT = "reject", _("不予通过")
    PAY = "pay", _("发放")


@dataclass(frozen=True)
class Transition:
    to: S
    roles: tuple[Role, ...]
    needs_comment: bool = False


TRANSITIONS: dict[tuple[S, SubsidyAction], Transition] = {
    (S.SUBMITTED, SubsidyAction.WITHDRAW): Transition(S.WITHDRAWN, (Role.STUDENT,)),
    (S.SUBMITTED, SubsidyAction.APPROVE): Transition(S.COLLEGE_APPROVED, (Role.COLLEGE,)),
    (S.SUBMITTED, SubsidyAction.REJECT): Transition(S.REJECTED, (Role.COLLEGE,), needs_comment=True),
    (S.COLLEGE_APPROVED, SubsidyAction.APPROVE): Transition(S.APPROVED, (Role.CENTRE,)),
    (S.COLLEGE_APPROVED, SubsidyAction.REJECT): Transition(S.REJECTED, (Role.CENTRE,), needs_comment=True),
    (S.APPROVED, SubsidyAction.REJECT): Transition(S.REJECTED, (Role.CENTRE,), needs_comment=True),
    # Not a button on one application: the centre pays approved applications as a batch.
    (S.APPROVED, SubsidyAction.PAY): Transition(S.PAID, (Role.CENTRE,)),
}
# Moves that check the graduate's eligibility again (the hardship flags may have changed since applying).
ELIGIBILITY_CHECKED = frozenset({SubsidyAction.APPROVE, SubsidyAction.PAY})
BATCH_ACTIONS = frozenset({SubsidyAction.PAY})


def transition_for(status: str, action: str) -> Transition | None:
    if status not in S.values or action not in SubsidyAction.values:
        return None
    return TRANSITIONS.get((S(status), SubsidyAction(action)))


# Staff in scope may move a case between these; closing needs a reason, reopening is always possible.
CASE_MOVES: dict[CaseStatus, frozenset[CaseStatus]] = {
    CaseStatus.OPEN: frozenset({CaseStatus.EMPLOYED, CaseStatus.CLOSED}),
    CaseStatus.EMPLOYED: frozenset({CaseStatus.OPEN, CaseStatus.CLOSED}),
    CaseStatus.CLOSED: frozenset({CaseStatus.OPEN}),
}
