"""Writes of the follow-up work: reminders (催报) sent from a chase list."""

from dataclasses import dataclass

from apps.accounts.models import User
from apps.graduates.selectors import graduates_visible_to
from apps.plans.notifications import notify_graduates

from .selectors import ChaseKind

REMINDERS = {
    ChaseKind.NOT_REGISTERED: "请尽快在“我的就业方案”中填报并提交毕业去向。",
    ChaseKind.NOT_EMPLOYED: "请尽快在“我的就业方案”中填报或更新毕业去向；如需帮助请联系辅导员。",
    ChaseKind.NOT_EMPLOYED_CATEGORY: "您登记的去向为待就业或暂不就业；落实去向后请及时填报变更。如需帮助请联系辅导员。",
    ChaseKind.RETURNED: "您的就业方案已被退回，请按退回意见修改后重新提交。",
    ChaseKind.WAITING: "您的就业方案正在审核中，请留意审核结果。",
}


@dataclass(frozen=True)
class NotifyResult:
    chosen: int  # ticked ids that are in the user's scope
    notified: int  # of those, graduates with an active account


def chase_notify(*, actor: User, graduate_ids: list[int], kind: str) -> NotifyResult:
    """Send the chase list's reminder to the chosen graduates the actor may see (others are ignored: an id
    outside the scope is never notified)."""
    graduates = list(graduates_visible_to(actor).filter(pk__in=set(graduate_ids)).only("pk", "user_id"))
    message = f"【催报】{REMINDERS.get(kind, REMINDERS[ChaseKind.NOT_EMPLOYED])}"
    notified = notify_graduates(graduates, message)
    return NotifyResult(chosen=len(graduates), notified=notified)
