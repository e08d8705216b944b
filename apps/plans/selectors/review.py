"""The reviewers' queues: what waits for each level, oldest first."""

import datetime

from django.db.models import (
    Q,
    QuerySet,
)

from apps.accounts.models import User

from ..models import (
    DestinationPlan,
)
from ..workflow import STATUS_AWAITING
from .common import PLAN_RELATED, plans_visible_to


def review_queue(*, user: User) -> QuerySet[DestinationPlan]:
    """Plans waiting for this user's level of review, oldest first."""
    status = STATUS_AWAITING.get(user.role)
    if status is None:
        return DestinationPlan.objects.none()
    return (
        plans_visible_to(user)
        .filter(status=status)
        .select_related(*PLAN_RELATED)
        .order_by("status_changed_at", "pk")
    )


def plans_for_review_list(*, user: User) -> QuerySet[DestinationPlan]:
    """All plans in the user's scope for the reviewer's list (any status), newest activity first."""
    return plans_visible_to(user).select_related(*PLAN_RELATED).order_by("-status_changed_at", "-pk")


def waiting_at_least(days: int, now: datetime.datetime) -> Q:
    """Plans that have waited ``days`` or more at their current level (a timestamp cut-off, portable SQL)."""
    return Q(status_changed_at__lte=now - datetime.timedelta(days=days))


def queue_next_after(*, queue: QuerySet[DestinationPlan], plan: DestinationPlan) -> DestinationPlan | None:
    """The plan after ``plan`` in ``queue`` (a filtered ``review_queue``, oldest first), for the 下一份 button;
    None at the end. ``plan`` itself need not be in the queue (a search that leaves it out)."""
    later = Q(status_changed_at__gt=plan.status_changed_at) | Q(
        status_changed_at=plan.status_changed_at, pk__gt=plan.pk
    )
    return queue.filter(later).exclude(pk=plan.pk).first()
