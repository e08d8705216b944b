"""The content history of a destination plan, as its page shows it to staff: who saved which values, when
(django-simple-history rows written by ``services.plan_save_draft``). Status moves are not here: they are the
plan's events. What 核查 checked can always be told from what was changed before or after."""

import datetime

from apps.history import HISTORY_SHOWN, RecordChange, record_changes

from .models import DestinationPlan
from .rules import PLAN_DETAIL_FIELDS

# The historical rows' relations read in the same query, so old and new values show by name.
HISTORY_RELATED = (
    "history_user", "destination", "unit_nature", "industry", "work_province", "institution_province",
    "not_employed_reason",
)  # fmt: skip


def content_fields() -> tuple[str, ...]:
    """What the student fills in: the destination, its details and the note (not status, dates or owner)."""
    return ("destination", *PLAN_DETAIL_FIELDS, "note")


def _shown(record, name: str) -> str:
    value = getattr(record, name)
    if value is None or value == "":
        return ""
    if name == "destination":
        return f"{value.code} {value.name}"
    if isinstance(value, datetime.date):
        return f"{value:%Y-%m-%d}"
    display = getattr(record, f"get_{name}_display", None)
    return str(display() if display else getattr(value, "name", value))


def plan_history(plan: DestinationPlan, *, limit: int = HISTORY_SHOWN) -> list[RecordChange]:
    """The latest ``limit`` saves of the plan's content, newest first, each with the fields it changed, in one
    query.

    The plan holds no personal identifier (身份证号 and phone stay on the graduate record, masked there); the
    employer's 统一社会信用代码 is shown as the plan page shows it.
    """
    fields = content_fields()
    related = [name for name in HISTORY_RELATED if name == "history_user" or name in fields]
    return record_changes(
        plan.history, model=DestinationPlan, related=related, shown=_shown, limit=limit,
        included_fields=fields,
    )  # fmt: skip
