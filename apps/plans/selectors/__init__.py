"""Reads of destination plans, split by concern (as apps/park's); everything is re-exported here. Every read
starts from the plans of graduates the user may see."""

from .common import (
    PLAN_RELATED,
    WINDOWED_ACTIONS,
    evidence_get,
    plan_actions_for,
    plan_events,
    plan_evidence,
    plan_get,
    plan_is_correction,
    plan_owner_labels,
    plans_visible_to,
    student_window_refusal,
)
from .effective import EARLIEST_APPROVAL, effective_plans, in_review_at_cutoff
from .notifications import notifications_for, unread_notifications
from .review import plans_for_review_list, queue_next_after, review_queue, waiting_at_least
from .student import STUDENT_PLAN_RELATED, student_graduate, student_page_state, student_plans

__all__ = [
    "EARLIEST_APPROVAL",
    "PLAN_RELATED",
    "STUDENT_PLAN_RELATED",
    "WINDOWED_ACTIONS",
    "effective_plans",
    "evidence_get",
    "in_review_at_cutoff",
    "notifications_for",
    "plan_actions_for",
    "plan_events",
    "plan_evidence",
    "plan_get",
    "plan_is_correction",
    "plan_owner_labels",
    "plans_for_review_list",
    "plans_visible_to",
    "queue_next_after",
    "review_queue",
    "student_graduate",
    "student_page_state",
    "student_plans",
    "student_window_refusal",
    "unread_notifications",
    "waiting_at_least",
]
