"""Formatting of chase-list rows for the page and the export (apart from the queries that find them)."""

import datetime
from dataclasses import dataclass

from apps.graduates.models import Graduate
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
        if self.last is None:
            return "—"
        return f"{self.last.action}（{self.last.actor}·{self.last.role}，{self.last.at:%Y-%m-%d %H:%M}）"


def status_text(graduate: Graduate) -> str:
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
