"""The demo's plans as plain records (what ``generate.build_demo_plans`` returns), and the working record of one
graduate while ``assign`` and ``history`` decide their destinations."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from apps.graduates.demo.generate import DemoGraduate

TZ = ZoneInfo("Asia/Shanghai")


@dataclass(frozen=True)
class DemoEvent:
    action: str
    from_status: str
    to_status: str
    actor: str  # username
    role: str
    at: datetime.datetime
    comment: str = ""
    replaced_by: int | None = (
        None  # supersede: the seq of the plan that replaced this one (its pk goes in the comment)
    )


@dataclass(frozen=True)
class DemoEvidence:
    kind: str
    original_name: str
    token: str
    at: datetime.datetime


@dataclass(frozen=True)
class DemoPlan:
    student_no: str
    seq: int  # the graduate's plans in the order they were made, from 0
    code: str  # destination code of the 2020 scheme
    status: str
    replaces: int | None  # seq of the plan this one changes
    details: tuple[tuple[str, object], ...]  # plan field -> value; foreign keys as codes of their table
    created_at: datetime.datetime
    updated_at: datetime.datetime
    submitted_at: datetime.datetime | None
    status_changed_at: datetime.datetime | None
    approved_at: datetime.datetime | None
    superseded_at: datetime.datetime | None
    events: tuple[DemoEvent, ...]
    evidence: tuple[DemoEvidence, ...] = ()

    @property
    def approved_on(self) -> datetime.date | None:
        return self.approved_at.astimezone(TZ).date() if self.approved_at else None


@dataclass(frozen=True)
class DemoPlans:
    plans: tuple[DemoPlan, ...]

    def by_graduate(self) -> dict[str, list[DemoPlan]]:
        out: dict[str, list[DemoPlan]] = defaultdict(list)
        for plan in self.plans:
            out[plan.student_no].append(plan)
        return out


@dataclass
class Person:
    """One graduate while their destinations are decided."""

    g: DemoGraduate
    group: str
    hardship: bool
    counsellor: str
    officer: str
    code: str = ""  # destination at 08-31
    reason: str = ""
    province: str = ""
    nature: str = ""
    industry: str = ""
    autumn_code: str = ""
    autumn_province: str = ""  # where the autumn change works (not for 85, abroad)
    early: str = ""  # "study" (71 then 80), "seeking" (70 then a job), "informal" (12 then 11)
    plans: list = field(default_factory=list)
