"""The centre's dashboard on a small park built by hand: every number exact, and a fixed number of queries."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from apps.park.models import AccessPass
from apps.park.selectors import due_period, park_dashboard
from apps.park.services import (
    assessment_record,
    funding_apply,
    funding_decide,
    report_submit,
    submission_transition,
    tenant_transition,
)
from apps.park.workflow import FundingAction, ReviewAction, TenantAction

from .factories import admitted_tenant, make_unit

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2020, 12, 15)
NOVEMBER = datetime.date(2020, 11, 1)


def scores(total: int) -> dict[str, int]:
    """Scores that add up to ``total`` (at most 100), filling the criteria in order."""
    maxima = {
        "score_operations": 30,
        "score_jobs": 20,
        "score_safety": 20,
        "score_compliance": 15,
        "score_participation": 15,
    }
    result = {}
    for name, maximum in maxima.items():
        result[name] = min(maximum, total)
        total -= result[name]
    return result


def report(tenant, actor, period=NOVEMBER):
    return report_submit(
        tenant=tenant, actor=actor,
        data={"period": period, "revenue": Decimal("1000"), "staff": 3, "graduates_employed": 1},
    )  # fmt: skip


def issue_pass(tenant, actor, valid_from, valid_to):
    return AccessPass.objects.create(
        tenant=tenant,
        issued_by=actor,
        holder_name=f"持证人{valid_to:%m%d}",
        valid_from=valid_from,
        valid_to=valid_to,
    )


@pytest.fixture
def small_park(park):
    """park (A1 80 甲 5 jobs; A2 60 + B1 50 乙 7 jobs; A3 40; B2 30; 丙团队 applied) plus:
    丁 on A3 (4 jobs) failed the 2020 assessment, marked for exit; 戊 on B2 (9 jobs) left; 己 on B2 (3 jobs) moved
    in on 1 December; B3 (25 m²) is free."""
    centre = park.centre
    park.units["B3"] = make_unit(park.site_b, "B3", "25.00")
    ding = admitted_tenant(centre, units=[park.units["A3"]], company_name="丁公司", jobs_created=4)
    wu = admitted_tenant(centre, units=[park.units["B2"]], company_name="戊公司", jobs_created=9)
    tenant_transition(tenant_id=wu.pk, action=TenantAction.EXIT, actor=centre, comment="迁出")
    admitted_tenant(
        centre,
        units=[park.units["B2"]],
        company_name="己公司",
        jobs_created=3,
        move_in_on=datetime.date(2020, 12, 1),
    )
    # November's reports: 甲 submitted; 乙 submitted and returned; 丁 none; 己 not expected (moved in later).
    report(park.tenant_a, park.leader_a)
    returned = report(park.tenant_b, park.leader_b)
    submission_transition(
        subject="report", pk=returned.pk, action=ReviewAction.RETURN, actor=centre, comment="改"
    )
    approved = report(park.tenant_b, park.leader_b, period=datetime.date(2020, 10, 1))
    submission_transition(subject="report", pk=approved.pk, action=ReviewAction.APPROVE, actor=centre)
    # Passes, seen on 15 December.
    issue_pass(park.tenant_a, centre, datetime.date(2020, 9, 1), datetime.date(2020, 12, 29))  # 14 days: in
    issue_pass(park.tenant_a, centre, datetime.date(2020, 9, 1), datetime.date(2020, 12, 30))  # 15 days: out
    issue_pass(park.tenant_b, centre, datetime.date(2020, 9, 1), datetime.date(2020, 12, 14))  # expired: out
    issue_pass(park.tenant_b, centre, datetime.date(2020, 9, 1), datetime.date(2020, 12, 15))  # last day: in
    issue_pass(
        park.tenant_b, centre, datetime.date(2020, 12, 20), datetime.date(2020, 12, 25)
    )  # not yet: out
    # Assessments: 2019 for 甲; 2020 for 甲 80, 乙 60, 丁 45 (fails, marked for exit).
    assessment_record(tenant=park.tenant_a, actor=centre, year=2019, scores=scores(70))
    assessment_record(tenant=park.tenant_a, actor=centre, year=2020, scores=scores(80))
    assessment_record(tenant=park.tenant_b, actor=centre, year=2020, scores=scores(60))
    assessment_record(tenant=ding, actor=centre, year=2020, scores=scores(45))
    # Funding: 甲 funded 20,000; 乙 not.
    for tenant, leader, action in (
        (park.tenant_a, park.leader_a, FundingAction.GRANT),
        (park.tenant_b, park.leader_b, FundingAction.DECLINE),
    ):
        application = funding_apply(
            tenant=tenant, actor=leader, data={"year": 2020, "amount_requested": Decimal("20000")}
        )
        funding_decide(
            funding_id=application.pk, action=action, actor=centre, amount_granted=Decimal("20000")
        )
    return park


def test_the_due_period_is_the_previous_month():
    assert due_period(TODAY) == NOVEMBER
    assert due_period(datetime.date(2021, 1, 1)) == datetime.date(2020, 12, 1)


def test_dashboard_numbers(small_park):
    data = park_dashboard(today=TODAY)

    assert data["tenants"] == {
        "active": 4, "admitted": 3, "marked_for_exit": 1, "pending": 1, "exited": 1, "jobs_created": 5 + 7 + 4 + 3,
    }  # fmt: skip
    sites = [
        (s.site.name, len(s.units), s.occupied_units, s.area, s.used_area, s.free_area, s.used_percent)
        for s in data["sites"]
    ]
    assert sites == [
        ("体育馆创业一条街", 3, 3, Decimal("180.00"), Decimal("180.00"), Decimal("0.00"), Decimal("100.00")),
        ("知行楼一楼", 3, 2, Decimal("105.00"), Decimal("80.00"), Decimal("25.00"), Decimal("76.19")),
    ]
    assert (data["total_area"], data["used_area"], data["free_area"]) == (
        Decimal("285"),
        Decimal("260"),
        Decimal("25"),
    )
    assert data["used_percent"] == Decimal("91.23")
    assert [(b.used_width, b.free_width) for b in data["bars"]] == [
        (Decimal("100.00"), Decimal("0.00")),
        (Decimal("44.44"), Decimal("13.89")),
    ]

    assert data["period"] == NOVEMBER
    assert [t.company_name for t in data["missing_reports"]] == ["丁公司", "乙公司"]
    assert [p.valid_to.day for p in data["expiring_passes"]] == [15, 29]

    assert data["assessment_year"] == 2020
    assert [(a.tenant.company_name, a.total, a.passed) for a in data["assessments"]] == [
        ("丁公司", 45, False), ("乙公司", 60, True), ("甲公司", 80, True),
    ]  # fmt: skip
    assert data["assessments_failed"] == 1
    assert data["funding"] == {"applications": 2, "funded": 1, "granted": Decimal("20000")}
    assert data["waiting"] == {"reports": 1, "resumptions": 0}


def test_dashboard_page_shows_the_numbers(client, small_park):
    client.force_login(small_park.centre)
    response = client.get(reverse("park:dashboard"), {"on": "2020-12-15"})
    body = response.content.decode()
    assert '<span class="stat-value" id="stat-tenants">4</span>' in body
    assert '<span class="stat-value" id="stat-jobs">19</span>' in body
    assert "2020年11月经营报表未交（2 家）" in body
    assert "14 天内到期的临时出入证（2 张）" in body
    assert '<rect class="bar-used" x="0" y="0" width="44.44" height="10">' in body


def test_an_empty_park_has_a_dashboard(client, org):
    client.force_login(org.centre)
    response = client.get(reverse("park:dashboard"))
    assert response.status_code == 200
    assert response.context["used_percent"] is None


@pytest.mark.parametrize("more", [False, True])
def test_the_dashboard_costs_the_same_queries_however_big_the_park(
    client, small_park, django_assert_max_num_queries, more
):
    if more:
        for n in range(15):
            unit = make_unit(small_park.site_b, f"D{n}", "20.00")
            tenant = admitted_tenant(small_park.centre, units=[unit], members=[small_park.leader_b])
            issue_pass(tenant, small_park.centre, datetime.date(2020, 9, 1), datetime.date(2020, 12, 20))
            assessment_record(tenant=tenant, actor=small_park.centre, year=2020, scores=scores(50 + n))
    client.force_login(small_park.centre)
    with django_assert_max_num_queries(13):
        response = client.get(reverse("park:dashboard"), {"on": "2020-12-15"})
    assert response.context["tenants"]["active"] == 4 + (15 if more else 0)
