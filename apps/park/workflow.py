"""The tables of legal moves in the park. Nothing else decides what a tenant, a submission or a funding
application may do next.

(status, action) -> Transition(next status, roles that may do it, whether a comment is required).
``services`` enforce the tables; ``selectors.*_actions_for`` read them to decide which buttons show.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import Role

from .models import FundingResult, ReviewStatus, TenantStatus

# Accounts that act for a company: its leader's 创业园企业 account, or a student who is one of its members.
MEMBER_ROLES = (Role.TENANT, Role.STUDENT)


@dataclass(frozen=True)
class Transition:
    to: str
    roles: tuple[Role, ...]
    needs_comment: bool = False


class TenantAction(models.TextChoices):
    APPLY = "apply", _("登记入园申请")
    REVIEW = "review", _("受理审核")
    ADMIT = "admit", _("批准入园")
    REJECT = "reject", _("不予入园")
    RENEW = "renew", _("续租")
    MARK_FOR_EXIT = "mark_for_exit", _("列入清退")
    REINSTATE = "reinstate", _("撤销清退")
    EXIT = "exit", _("办理退园")


T = TenantStatus
TENANT_TRANSITIONS: dict[tuple[str, str], Transition] = {
    (T.APPLIED, TenantAction.REVIEW): Transition(T.UNDER_REVIEW, (Role.CENTRE,)),
    (T.UNDER_REVIEW, TenantAction.ADMIT): Transition(T.ADMITTED, (Role.CENTRE,)),
    (T.UNDER_REVIEW, TenantAction.REJECT): Transition(T.REJECTED, (Role.CENTRE,), needs_comment=True),
    # Renewal keeps the tenant in the park with a later lease end (the service asks for the new date).
    (T.ADMITTED, TenantAction.RENEW): Transition(T.ADMITTED, (Role.CENTRE,)),
    (T.ADMITTED, TenantAction.MARK_FOR_EXIT): Transition(
        T.MARKED_FOR_EXIT, (Role.CENTRE,), needs_comment=True
    ),
    (T.MARKED_FOR_EXIT, TenantAction.REINSTATE): Transition(T.ADMITTED, (Role.CENTRE,), needs_comment=True),
    (T.ADMITTED, TenantAction.EXIT): Transition(T.EXITED, (Role.CENTRE,), needs_comment=True),
    (T.MARKED_FOR_EXIT, TenantAction.EXIT): Transition(T.EXITED, (Role.CENTRE,), needs_comment=True),
}
# Not buttons: APPLY is the creation of the record, recorded as an event from no status.
TENANT_INTERNAL_ACTIONS = frozenset({TenantAction.APPLY})


class ReviewAction(models.TextChoices):
    SUBMIT = "submit", _("提交")
    APPROVE = "approve", _("审核通过")
    RETURN = "return", _("退回修改")
    RESUBMIT = "resubmit", _("修改后重新提交")


R = ReviewStatus
REVIEW_TRANSITIONS: dict[tuple[str, str], Transition] = {
    (R.SUBMITTED, ReviewAction.APPROVE): Transition(R.APPROVED, (Role.CENTRE,)),
    (R.SUBMITTED, ReviewAction.RETURN): Transition(R.RETURNED, (Role.CENTRE,), needs_comment=True),
    (R.RETURNED, ReviewAction.RESUBMIT): Transition(R.SUBMITTED, MEMBER_ROLES),
}
# SUBMIT is the creation of the record; RESUBMIT goes through the edit form (new figures with the move).
REVIEW_BUTTON_ACTIONS = (ReviewAction.APPROVE, ReviewAction.RETURN)


class FundingAction(models.TextChoices):
    APPLY = "apply", _("申报")
    GRANT = "grant", _("登记获得扶持")
    DECLINE = "decline", _("登记未获扶持")


F = FundingResult
FUNDING_TRANSITIONS: dict[tuple[str, str], Transition] = {
    (F.PENDING, FundingAction.GRANT): Transition(F.FUNDED, (Role.CENTRE,)),
    (F.PENDING, FundingAction.DECLINE): Transition(F.NOT_FUNDED, (Role.CENTRE,)),
}


def tenant_transition_for(status: str, action: str) -> Transition | None:
    if action in TENANT_INTERNAL_ACTIONS:
        return None
    return TENANT_TRANSITIONS.get((status, action))


def review_transition_for(status: str, action: str) -> Transition | None:
    return REVIEW_TRANSITIONS.get((status, action))


def funding_transition_for(status: str, action: str) -> Transition | None:
    return FUNDING_TRANSITIONS.get((status, action))
