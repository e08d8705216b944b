"""Regulators' warning signs (issue 13, item 7) in the report's consistency panel, per college with the
graduates behind each: flexible forms and 其他录用形式 above a share, many graduates at one small employer."""

import datetime

import pytest
from django.urls import reverse

from apps.plans.models import DestinationPlan
from apps.refdata.models import UnitNature
from apps.reports.selectors import annual_report
from apps.reports.warning_signs import SIGN_CLUSTER, SIGN_FLEXIBLE, SIGN_OTHER_HIRE, warning_sign_summary

from ..factories import make_graduate
from ..plans.factories import code, registered_plan

pytestmark = pytest.mark.django_db

AUG = datetime.date(2020, 8, 31)


def register(org, graduate, code: str, **fields):
    return registered_plan(graduate, code, datetime.date(2020, 7, 1), created_by=org.centre, **fields)


def signs_of(report):
    return [(s.college, s.sign, s.count, s.base) for s in report.warning_signs]


@pytest.fixture
def flexible_college_b(org, settings):
    """College B: 4 of its 6 graduates in flexible forms (2 of them 12), college A: 1 of 4."""
    settings.HPI_WARNING_FLEXIBLE_SHARE = 50.0
    settings.HPI_WARNING_OTHER_HIRE_SHARE = 30.0
    b = org.graduates["b1"] + [make_graduate(org.class_b1) for _ in range(4)]
    for graduate, value in zip(b, ["12", "12", "76", "75", "11", "70"], strict=True):
        register(org, graduate, value)
    a = org.graduates["a1"] + org.graduates["a2"]
    for graduate, value in zip(a, ["76", "11", "11", "80"], strict=True):
        register(org, graduate, value)
    return b


def test_flexible_and_other_hire_shares_above_their_thresholds_are_flagged_per_college(
    org, flexible_college_b
):
    report = annual_report(cohort=org.own_graduate.cohort, as_of=AUG)
    assert signs_of(report) == [
        ("机电工程学院", SIGN_FLEXIBLE, 4, 6),  # 66.67% > 50%
        ("机电工程学院", SIGN_OTHER_HIRE, 2, 6),  # 33.33% > 30%
    ]  # 护理学院: 1 of 4 (25%) is below both
    flexible, other_hire = report.warning_signs
    assert [g.student_no for g in flexible.graduates] == sorted(g.student_no for g in flexible_college_b[:4])
    assert [g.student_no for g in other_hire.graduates] == sorted(
        g.student_no for g in flexible_college_b[:2]
    )
    assert flexible.percent == 66.67
    # the files carry the one-line summary, without names
    assert warning_sign_summary(flexible) in report.consistency
    assert flexible_college_b[0].name not in " ".join(report.consistency)


def test_no_sign_below_the_thresholds(org, flexible_college_b, settings):
    settings.HPI_WARNING_FLEXIBLE_SHARE = 70.0
    settings.HPI_WARNING_OTHER_HIRE_SHARE = 40.0
    assert annual_report(cohort=org.own_graduate.cohort, as_of=AUG).warning_signs == []


def test_many_graduates_at_one_small_employer_are_flagged_with_their_colleges(org, settings):
    settings.HPI_WARNING_CLUSTER_MIN_GRADUATES = 3
    private = UnitNature.objects.get(code="39")
    hospital = UnitNature.objects.get(code="23")
    crowd = [*org.graduates["a1"], org.graduates["b1"][0]]
    for graduate in crowd:  # no credit code recorded: the same name is the same employer
        register(org, graduate, "11", employer_name="某某科技", employer_credit_code="", unit_nature=private)
    for graduate in [*org.graduates["a2"], org.graduates["b1"][1]]:  # a hospital is not a small employer
        register(org, graduate, "11", employer_name="孝感市中心医院", unit_nature=hospital)
    report = annual_report(cohort=org.own_graduate.cohort, as_of=AUG)
    clusters = [s for s in report.warning_signs if s.sign == SIGN_CLUSTER]
    assert [(s.college, s.detail, s.count, s.base) for s in clusters] == [
        ("护理学院", "某某科技", 2, 3),
        ("机电工程学院", "某某科技", 1, 3),
    ]
    settings.HPI_WARNING_CLUSTER_MIN_GRADUATES = 4
    assert not [s for s in annual_report(cohort=org.own_graduate.cohort, as_of=AUG).warning_signs]


def test_the_2021_scheme_reads_sub_codes_by_their_base(org, settings):
    from apps.graduates.models import Cohort

    settings.HPI_WARNING_FLEXIBLE_SHARE = 50.0
    cohort = Cohort.objects.create(year=2025, destination_scheme="2021")
    graduates = [make_graduate(org.class_b1, cohort=cohort) for _ in range(4)]
    for graduate, value in zip(graduates, ["75", "76", "12", "801"], strict=True):
        plan = registered_plan(graduate, "11", datetime.date(2025, 7, 1), created_by=org.centre)
        DestinationPlan.objects.filter(pk=plan.pk).update(destination=code(value, scheme="2021"))
    report = annual_report(cohort=cohort, as_of=datetime.date(2025, 8, 31))
    assert signs_of(report)[0] == ("机电工程学院", SIGN_FLEXIBLE, 3, 4)


def test_the_panel_lists_each_sign_with_the_graduates_behind_it(client, org, flexible_college_b):
    client.force_login(org.centre)
    response = client.get(reverse("reports:annual"), {"cohort": 2020, "as_of": "2020-08-31"})
    page = response.content.decode()
    assert 'id="warning-signs"' in page and str(SIGN_FLEXIBLE) in page
    for graduate in flexible_college_b[:4]:
        assert f"{graduate.name} {graduate.student_no}" in page
