"""The demo park: counted from the database, the seed report's 4.4 figures come out exactly.

The expected numbers are copied here from the seed report (4.4.1-4.4.3), not read from the demo's data module,
so a typo in either place fails a test. The park is loaded once for the module and removed afterwards.
"""

import datetime
from decimal import Decimal
from io import StringIO

import pytest
from django.contrib.auth.hashers import check_password
from django.core.management import call_command

from apps.accounts.models import Role, User
from apps.graduates.validators import validate_phone
from apps.park.demo import build_demo_park
from apps.park.demo.load import PARK_MODELS
from apps.park.models import (
    ACTIVE_STATUSES,
    MEDALS,
    AccessPass,
    Assessment,
    CompetitionAward,
    CompetitionEntry,
    FundingApplication,
    FundingResult,
    MeterReading,
    OperatingReport,
    Site,
    Tenant,
    TenantEvent,
    TenantStatus,
    Unit,
)
from apps.park.selectors import park_dashboard, park_totals
from apps.park.validators import validate_credit_code

from ..factories import log_in

pytestmark = pytest.mark.django_db

SITES = {"体育馆创业一条街", "知行楼一楼"}  # 4.4.1
TENANTS_IN_PARK = 46  # 4.4.1 现有入驻创业公司 46 个
JOBS_CREATED = 312  # 4.4.1 带动就业 312 人
FUNDED = {"刘坤团队": Decimal("20000"), "郑茜团队": Decimal("20000"), "张军军团队": Decimal("20000")}  # 4.4.2
FUNDING_APPLICANTS = 10  # 4.4.2 10 个符合条件的创业公司完成申报
INTERNET_PLUS = (492, 1521, 8)  # 4.4.3 项目, 参赛学生人次, 奖牌
MEDAL_TABLE = {  # 4.4.3: 国赛铜奖 1, 省赛金奖 2, 省赛银奖 1, 楚天创客金奖 1, 楚天创客铜奖 3
    ("internet_plus", "national", "bronze"): 1,
    ("internet_plus", "provincial", "gold"): 2,
    ("internet_plus", "provincial", "silver"): 1,
    ("chutian", "provincial", "gold"): 1,
    ("chutian", "provincial", "bronze"): 3,
}
PASSWORD = "Demo@2020hp"


def _remove_demo() -> None:
    for model in PARK_MODELS:
        model.objects.all().delete()
    User.objects.filter(role=Role.TENANT, username__startswith="cyy").delete()
    User.objects.filter(username="jyzx").delete()


@pytest.fixture(scope="module")
def demo_output(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        out = StringIO()
        call_command("load_demo_park", stdout=out)
        yield out.getvalue()
        _remove_demo()


def test_two_sites_close_to_4000_square_metres(demo_output):
    assert set(Site.objects.values_list("name", flat=True)) == SITES
    total = sum(Unit.objects.values_list("area", flat=True))
    assert Decimal("3900") <= total < Decimal("4000")


def test_46_companies_in_the_park_creating_312_jobs(demo_output):
    in_park = Tenant.objects.filter(status__in=ACTIVE_STATUSES)
    assert in_park.count() == TENANTS_IN_PARK
    assert sum(in_park.values_list("jobs_created", flat=True)) == JOBS_CREATED
    totals = park_totals()
    assert (totals["active"], totals["jobs_created"]) == (TENANTS_IN_PARK, JOBS_CREATED)


def test_three_funded_teams_of_20000_yuan(demo_output):
    funded = FundingApplication.objects.filter(result=FundingResult.FUNDED)
    assert dict(funded.values_list("team_name", "amount_granted")) == FUNDED
    assert sum(funded.values_list("amount_granted", flat=True)) == Decimal("60000")
    assert FundingApplication.objects.count() == FUNDING_APPLICANTS
    assert park_totals()["funding"]["granted"] == Decimal("60000")


def test_internet_plus_entries_students_and_medals(demo_output):
    entries = CompetitionEntry.objects.filter(competition="internet_plus", year=2020)
    medals = CompetitionAward.objects.filter(entry__in=entries, award__in=MEDALS)
    assert (
        entries.count(),
        sum(entries.values_list("team_size", flat=True)),
        medals.count(),
    ) == INTERNET_PLUS
    table = {}
    for key in medals.values_list("competition", "stage", "award"):
        table[key] = table.get(key, 0) + 1
    assert table == MEDAL_TABLE
    assert medals.values("entry").distinct().count() == 6  # 6 个大学生创新创业项目获得 8 个奖牌
    line = next(line for line in park_totals()["competitions"] if line.competition == "internet_plus")
    assert (line.entries, line.students, line.medals) == INTERNET_PLUS


def test_wang_bins_chuangyi_results(demo_output):
    entry = CompetitionEntry.objects.get(competition="chuangyi", leader_name="王彬")
    assert set(entry.awards.values_list("stage", "award")) == {
        ("city", "first_place"),
        ("provincial", "excellent"),
    }


def test_no_unit_is_held_by_two_companies_in_the_park(demo_output):
    held = list(
        Tenant.units.through.objects.filter(tenant__status__in=ACTIVE_STATUSES).values_list("unit", flat=True)
    )
    assert len(held) == len(set(held))
    assert Unit.objects.exclude(pk__in=held).exists()  # some area is free


def test_identifiers_are_valid(demo_output):
    for code, phone in Tenant.objects.values_list("credit_code", "leader_phone"):
        if code:
            validate_credit_code(code)
        validate_phone(phone)
    for phone in AccessPass.objects.values_list("holder_phone", flat=True):
        validate_phone(phone)


def test_every_meter_counts_up(demo_output):
    last = {}
    for meter, reading in MeterReading.objects.order_by("meter_no", "read_on").values_list(
        "meter_no", "reading"
    ):
        assert reading >= last.get(meter, Decimal("0"))
        last[meter] = reading


def test_the_assessment_eliminated_those_that_failed(demo_output):
    failed = Assessment.objects.filter(passed=False).select_related("tenant")
    assert {(a.year, a.tenant.status) for a in failed} == {
        (2019, TenantStatus.EXITED),
        (2020, TenantStatus.MARKED_FOR_EXIT),
    }
    for assessment in failed:
        assert TenantEvent.objects.filter(tenant=assessment.tenant, action="mark_for_exit").exists()


def test_every_status_of_every_record_has_its_event(demo_output):
    for tenant in Tenant.objects.all():
        last = TenantEvent.objects.filter(tenant=tenant, subject="tenant").order_by("created_at", "pk").last()
        assert last.to_status == tenant.status, tenant
    for report in OperatingReport.objects.all():
        last = (
            TenantEvent.objects.filter(subject="report", subject_id=report.pk)
            .order_by("created_at", "pk")
            .last()
        )
        assert last.to_status == report.status


def test_every_record_is_dated_in_the_demo_story_not_at_the_load(demo_output):
    """Issue 11 item 17: a company applied in 2019 was not created on the day the demo was loaded."""
    from django.utils import timezone

    def day(moment):
        return timezone.localtime(moment).date()

    loaded_on = timezone.localdate()
    for model in PARK_MODELS:
        if "created_at" in {f.name for f in model._meta.concrete_fields}:
            years = set(model.objects.values_list("created_at__year", flat=True))
            assert years and max(years) < loaded_on.year, model
    for tenant in Tenant.objects.all():
        assert day(tenant.created_at) == tenant.applied_on and tenant.updated_at >= tenant.created_at
    for reading in MeterReading.objects.all():
        assert day(reading.created_at) == reading.read_on
    for assessment in Assessment.objects.all():
        assert day(assessment.created_at) == assessment.assessed_on
    for access in AccessPass.objects.all():
        assert day(access.created_at) == access.valid_from
    for report in OperatingReport.objects.all():
        assert report.created_at == report.submitted_at


def test_the_dashboard_of_mid_december_2020(demo_output):
    data = park_dashboard(today=datetime.date(2020, 12, 15))
    assert data["tenants"]["active"] == TENANTS_IN_PARK
    assert data["tenants"]["jobs_created"] == JOBS_CREATED
    assert len(data["missing_reports"]) == 6  # five not in, one returned
    assert len(data["expiring_passes"]) == 5
    assert data["assessment_year"] == 2020 and data["assessments_failed"] == 2


def test_the_demo_company_account_logs_in(demo_output, client):
    user = User.objects.get(username="cyy01")
    assert user.role == Role.TENANT
    assert check_password(PASSWORD, user.password)
    assert "cyy01 / Demo@2020hp" in demo_output
    assert log_in(client, "cyy01", PASSWORD)
    response = client.get("/park/", follow=True)
    assert response.context["tenant"].company_name == "孝感市坤元网络科技有限公司"


def test_loading_again_keeps_the_park_as_it_is(demo_output):
    before = (
        Tenant.objects.count(),
        TenantEvent.objects.count(),
        list(Tenant.objects.values_list("pk", flat=True)),
    )
    out = StringIO()
    call_command("load_demo_park", stdout=out)
    assert "Checked" in out.getvalue()
    assert (
        Tenant.objects.count(),
        TenantEvent.objects.count(),
        list(Tenant.objects.values_list("pk", flat=True)),
    ) == before


def test_the_demo_is_the_same_every_time():
    first, second = build_demo_park(), build_demo_park()
    assert first == second
    assert len({t.company_name for t in first.tenants}) == len(first.tenants)
