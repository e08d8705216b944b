"""Every list of the park: it pages, searches and filters, and costs the same number of queries however many rows
it shows. Plus what the units list and the meter list show whom."""

import datetime
from decimal import Decimal

import pytest
from django.core.paginator import Page
from django.urls import reverse

from apps.park.models import AccessPass, Assessment, MeterReading
from apps.park.services import (
    assessment_record,
    competition_award_add,
    meter_reading_record,
    tenant_transition,
)
from apps.park.workflow import TenantAction

from .factories import admitted_tenant, make_unit
from .records import records_for, records_of_tenant_a

pytestmark = pytest.mark.django_db

# (url name, who may open it, the filters besides the search "q")
LISTS = [
    ("tenant_list", "all", {"status", "site", "industry", "lease"}),
    ("site_list", "centre", {"site", "state"}),
    ("report_list", "all", {"period", "status"}),
    ("resumption_list", "all", {"status"}),
    ("pass_list", "all", {"state"}),
    ("patrol_list", "all", {"site", "open", "after", "before"}),
    ("meter_list", "all", {"site", "unit", "after", "before"}),
    ("assessment_list", "all", {"year", "passed"}),
    ("funding_list", "all", {"year", "result"}),
    ("competition_list", "centre", {"competition", "year", "stage_reached", "medal"}),
]
SCORES = {
    "score_operations": 20,
    "score_jobs": 12,
    "score_safety": 12,
    "score_compliance": 8,
    "score_participation": 8,
}


def grow(park, count: int) -> None:
    """``count`` more companies for 乙公司's leader, each with one of every record the lists show."""
    centre = park.centre
    for n in range(count):
        unit = make_unit(park.site_b, f"L{n}", "20.00")
        tenant = admitted_tenant(centre, units=[unit], members=[park.leader_b], company_name=f"多{n}公司")
        records = records_for(park, tenant, park.leader_b)
        competition_award_add(
            entry=records.entry,
            actor=centre,
            data={"competition": "chutian", "stage": "provincial", "award": "gold"},
        )
        AccessPass.objects.create(
            tenant=tenant, issued_by=centre, holder_name=f"持证人{n}", holder_phone="13912345678",
            valid_from=datetime.date(2020, 9, 1), valid_to=datetime.date(2021, 1, 15),
        )  # fmt: skip
        for day, value in ((datetime.date(2020, 10, 31), "100"), (datetime.date(2020, 11, 30), "180")):
            meter_reading_record(unit=unit, actor=centre, read_on=day, reading=Decimal(value))
        assessment_record(tenant=tenant, actor=centre, year=2020, scores=SCORES)


@pytest.mark.parametrize(("name", "who", "filters"), LISTS)
def test_every_list_pages_searches_and_filters(client, park, name, who, filters):
    client.force_login(park.centre)
    response = client.get(reverse(f"park:{name}"), {"size": 20})
    assert response.status_code == 200
    assert isinstance(response.context["page"], Page)
    assert set(response.context["filter"].form.fields) == {"q", *filters}
    body = response.content.decode()
    assert 'name="q"' in body and 'name="size"' in body


@pytest.mark.parametrize("more", [0, 12])
@pytest.mark.parametrize(("name", "who", "filters"), LISTS)
def test_every_list_costs_the_same_queries_however_many_rows(
    client, park, django_assert_max_num_queries, name, who, filters, more
):
    # given the park with ``more`` extra companies of 乙公司's leader, each with one record of every kind
    records_of_tenant_a(park)
    grow(park, more)
    # then the centre's page (and the company account's, where it may look) costs at most a fixed number
    for user in [park.centre] + ([park.leader_b] if who == "all" else []):
        client.force_login(user)
        with django_assert_max_num_queries(12):
            response = client.get(reverse(f"park:{name}"), {"size": 50})
        assert response.status_code == 200
        assert len(response.context["page"].object_list) >= min(more, 1)


# ------------------------------------------------------------------------------------------------ units


def test_the_units_list_filters_free_and_used_units_and_finds_a_company(client, park):
    client.force_login(park.centre)

    def listed(**query) -> list[str]:
        page = client.get(reverse("park:site_list"), query).context["page"]
        return [f"{u.site.name[:2]}{u.code}" for u in page.object_list]

    assert listed() == ["体育A1", "体育A2", "体育A3", "知行B1", "知行B2"]
    assert listed(state="free") == ["体育A3", "知行B2"]
    assert listed(state="occupied", site=park.site_b.pk) == ["知行B1"]
    assert listed(q="乙公司") == ["体育A2", "知行B1"]
    assert listed(q=park.units["B2"].meter_no) == ["知行B2"]
    response = client.get(reverse("park:site_list"), {"size": 20})
    assert [(s.site.name, s.used_area, s.free_area) for s in response.context["sites"]] == [
        ("体育馆创业一条街", Decimal("140.00"), Decimal("40.00")),
        ("知行楼一楼", Decimal("50.00"), Decimal("30.00")),
    ]


def test_the_units_list_pages(client, park):
    for n in range(25):
        make_unit(park.site_b, f"P{n:02d}", "10.00")
    client.force_login(park.centre)
    page = client.get(reverse("park:site_list"), {"size": 20, "page": 2}).context["page"]
    assert (page.paginator.count, len(page.object_list)) == (30, 10)


# ------------------------------------------------------------------------------------------------ meters


def _read(park, unit: str, day: datetime.date, value: str) -> MeterReading:
    return meter_reading_record(unit=park.units[unit], actor=park.centre, read_on=day, reading=Decimal(value))


def test_the_meter_list_finds_a_meter(client, park):
    _read(park, "A1", datetime.date(2020, 10, 31), "100")
    _read(park, "B1", datetime.date(2020, 10, 31), "50")
    client.force_login(park.centre)
    rows = (
        client.get(reverse("park:meter_list"), {"q": park.units["B1"].meter_no}).context["page"].object_list
    )
    assert [r.meter_no for r in rows] == [park.units["B1"].meter_no]


def test_a_company_that_left_does_not_see_the_readings_of_the_company_after_it(client, park):
    # given 甲公司 read on A1 while in the park, then leaving, and 丁公司 moving into A1 in 2021
    _read(park, "A1", datetime.date(2020, 10, 31), "100")
    tenant_transition(tenant_id=park.tenant_a.pk, action=TenantAction.EXIT, actor=park.centre, comment="迁出")
    park.tenant_a.refresh_from_db()
    successor = admitted_tenant(
        park.centre, units=[park.units["A1"]], company_name="丁公司",
        move_in_on=park.tenant_a.exited_on + datetime.timedelta(days=1), lease_ends_on=datetime.date(2030, 1, 1),
    )  # fmt: skip
    later = successor.move_in_on + datetime.timedelta(days=30)
    _read(park, "A1", later, "400")
    # when 甲公司's leader looks at the meters and at 甲公司's page
    client.force_login(park.leader_a)
    listed = client.get(reverse("park:meter_list")).context["page"].object_list
    page = client.get(reverse("park:tenant_detail", kwargs={"pk": park.tenant_a.pk})).context["readings"]
    # then only 甲公司's own reading shows
    assert [r.read_on for r in listed] == [datetime.date(2020, 10, 31)]
    assert [r.read_on for r in page] == [datetime.date(2020, 10, 31)]
    # and the centre sees both, the successor's with its consumption since 甲公司's reading
    client.force_login(park.centre)
    listed = client.get(reverse("park:meter_list")).context["page"].object_list
    assert [(r.read_on, r.consumption) for r in listed] == [
        (later, Decimal("300.0")),
        (datetime.date(2020, 10, 31), None),
    ]


def test_a_company_does_not_see_readings_from_before_it_moved_in(client, park):
    _read(park, "A1", park.tenant_a.move_in_on - datetime.timedelta(days=1), "10")
    _read(park, "A1", park.tenant_a.move_in_on, "20")
    client.force_login(park.student_member)
    assert [r.reading for r in client.get(reverse("park:meter_list")).context["page"].object_list] == [
        Decimal("20.0")
    ]


def test_assessments_list_filters_by_year_and_result(client, park):
    assessment_record(tenant=park.tenant_b, actor=park.centre, year=2020, scores=SCORES)
    client.force_login(park.centre)
    assert [
        a.year
        for a in client.get(reverse("park:assessment_list"), {"year": 2020}).context["page"].object_list
    ] == [2020]
    assert not client.get(reverse("park:assessment_list"), {"passed": "false"}).context["page"].object_list
    assert Assessment.objects.count() == 1


@pytest.mark.parametrize("readings", [0, 10])
def test_a_companys_page_costs_the_same_queries_however_many_readings(
    client, park, django_assert_max_num_queries, readings
):
    records_of_tenant_a(park)
    for n in range(readings):
        _read(park, "A1", park.tenant_a.move_in_on + datetime.timedelta(days=30 * n), str(100 * (n + 1)))
    client.force_login(park.leader_a)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("park:tenant_detail", kwargs={"pk": park.tenant_a.pk}))
    assert len(response.context["readings"]) == readings
