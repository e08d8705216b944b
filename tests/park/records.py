"""One record of each kind for a company (甲公司 by default), so that every park URL has something to open."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from apps.park.models import (
    CompetitionEntry,
    FundingApplication,
    OperatingReport,
    PatrolRecord,
    ResumptionApplication,
)
from apps.park.services import (
    competition_entry_save,
    funding_apply,
    patrol_record,
    report_submit,
    resumption_submit,
    submission_transition,
)
from apps.park.workflow import ReviewAction


@dataclass
class Records:
    report: OperatingReport  # returned, so the company may correct it
    resumption: ResumptionApplication  # returned as well
    funding: FundingApplication
    patrol: PatrolRecord
    entry: CompetitionEntry


def records_of_tenant_a(park) -> Records:
    return records_for(park, park.tenant_a, park.leader_a)


def records_for(park, tenant, leader) -> Records:
    """One record of each kind for ``tenant``, submitted by its account ``leader`` where a company submits."""
    centre = park.centre
    report = report_submit(
        tenant=tenant, actor=leader,
        data={"period": datetime.date(2020, 11, 1), "revenue": Decimal("1000"), "staff": 3, "graduates_employed": 1},
    )  # fmt: skip
    submission_transition(
        subject="report", pk=report.pk, action=ReviewAction.RETURN, actor=centre, comment="改"
    )
    resumption = resumption_submit(
        tenant=tenant, actor=leader,
        data={"planned_on": datetime.date(2020, 4, 8), "staff_returning": 3, "safety_plan": "每日测温。",
              "contact_phone": "13912345678"},
    )  # fmt: skip
    submission_transition(
        subject="resumption", pk=resumption.pk, action=ReviewAction.RETURN, actor=centre, comment="补充"
    )
    funding = funding_apply(
        tenant=tenant, actor=leader, data={"year": 2020, "amount_requested": Decimal("20000")}
    )
    patrol = patrol_record(
        actor=centre,
        data={"site": park.site_a, "tenant": tenant, "patrolled_on": datetime.date(2020, 12, 1),
              "findings": "插线板串接", "hazard": True},
    )  # fmt: skip
    entry = competition_entry_save(
        actor=centre,
        data={"competition": "internet_plus", "year": 2020, "project_name": f"{tenant.company_name}项目", "leader_name": tenant.leader_name,
              "team_size": 3, "tenant": tenant, "stage_reached": "provincial"},
    )  # fmt: skip
    return Records(report, resumption, funding, patrol, entry)
