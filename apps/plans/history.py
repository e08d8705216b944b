"""The content history of a destination plan, as its page shows it to staff: who saved which values, when
(django-simple-history rows written by ``services.plan_save_draft``). Status moves are not here: they are the
plan's events. What 核查 checked can always be told from what was changed before or after."""

import datetime
from dataclasses import dataclass

from .models import DestinationPlan
from .rules import PLAN_DETAIL_FIELDS

HISTORY_SHOWN = 20
# The historical rows' relations read in the same query, so old and new values show by name.
HISTORY_RELATED = (
    "history_user", "destination", "unit_nature", "industry", "work_province", "institution_province",
    "not_employed_reason",
)  # fmt: skip
KIND = {"+": "新建", "~": "修改", "-": "删除"}


def content_fields() -> tuple[str, ...]:
    """What the student fills in: the destination, its details and the note (not status, dates or owner)."""
    return ("destination", *PLAN_DETAIL_FIELDS, "note")


@dataclass(frozen=True)
class FieldChange:
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class ContentChange:
    at: datetime.datetime
    by: str
    kind: str
    reason: str
    fields: list[FieldChange]


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


def plan_history(plan: DestinationPlan, *, limit: int = HISTORY_SHOWN) -> list[ContentChange]:
    """The latest ``limit`` saves of the plan's content, newest first, each with the fields it changed. One
    query (the row before the oldest shown is read too, to say what that save changed).

    The plan holds no personal identifier (身份证号 and phone stay on the graduate record, masked there); the
    employer's 统一社会信用代码 is shown as the plan page shows it.
    """
    fields = content_fields()
    related = [name for name in HISTORY_RELATED if name == "history_user" or name in fields]
    records = list(
        plan.history.select_related(*related).order_by("-history_date", "-history_id")[: limit + 1]
    )
    changes = []
    for index, record in enumerate(records[:limit]):
        before = records[index + 1] if index + 1 < len(records) else None
        changed = []
        if before is not None:
            for change in record.diff_against(before, included_fields=fields).changes:
                label = str(DestinationPlan._meta.get_field(change.field).verbose_name)
                changed.append(FieldChange(label, _shown(before, change.field), _shown(record, change.field)))
        user = record.history_user
        changes.append(
            ContentChange(
                at=record.history_date,
                by=(user.get_full_name() or user.username) if user else "系统",
                kind=KIND.get(record.history_type, record.history_type),
                reason=record.history_change_reason or "",
                fields=changed,
            )
        )
    return changes
