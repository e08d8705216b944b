"""Formatting of chase-list rows for the page and the export (apart from the queries that find them)."""

import datetime
from dataclasses import dataclass

from apps.graduates.models import Graduate
from apps.graduates.validators import mask_phone
from apps.plans.models import PlanStatus

from .selectors import LastAction, end_of_day


@dataclass(frozen=True)
class ChaseRow:
    graduate: Graduate
    status: str  # the open plan's status, or the destination in force
    days: int | None  # days at that status (returned / waiting lists)
    last: LastAction | None

    @property
    def last_text(self) -> str:
        return last_action_text(self.last)


def last_action_text(last: LastAction | None) -> str:
    if last is None:
        return "—"
    return f"{last.action}（{last.actor}·{last.role}，{last.at:%Y-%m-%d %H:%M}）"


def status_text(graduate) -> str:
    """The status column of a graduate (or a row of values with ``open_status`` and ``effective_category``)."""
    open_status = getattr(graduate, "open_status", None)
    parts = []
    if getattr(graduate, "effective_category", None):
        parts.append(f"已登记：{graduate.effective_category}")
    if open_status:
        parts.append(f"方案{PlanStatus(open_status).label}")
    return "；".join(parts) or "未填报方案"


def chase_rows(graduates, *, last: dict[int, LastAction], as_of: datetime.date) -> list[ChaseRow]:
    end = end_of_day(as_of)
    rows = []
    for graduate in graduates:
        since = getattr(graduate, "since", None)
        rows.append(
            ChaseRow(
                graduate=graduate,
                status=status_text(graduate),
                days=(end - since).days if since else None,
                last=last.get(graduate.pk),
            )
        )
    return rows


def chase_export_rows(values, *, last: dict[int, LastAction], as_of: datetime.date):
    """The export's cells of each row of ``selectors.chase_export_values``: what ``chase_rows`` shows on a
    page (the phone masked), in the columns of ``exports.CHASE_COLUMNS``."""
    end = end_of_day(as_of)
    for row in values:
        since = getattr(row, "since", None)
        yield [
            row.name,
            row.student_no,
            row.class_group__major__college__name,
            row.class_group__major__name,
            row.class_group__name,
            mask_phone(row.phone),
            status_text(row),
            (end - since).days if since else None,
            last_action_text(last.get(row.pk)),
        ]
