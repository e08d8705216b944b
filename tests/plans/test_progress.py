"""The progress page: employment rate by college and by major at a cut-off date, and its weekly rise."""

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.accounts.models import Role
from apps.graduates.models import Graduate
from apps.plans import progress as p
from apps.plans.models import DestinationPlan, PlanStatus

from ..factories import make_cohort, make_graduate
from ..html import assert_no_inline_script_or_style
from .factories import code

pytestmark = pytest.mark.django_db

D = datetime.date
AUG_31 = D(2020, 8, 31)
DEC_31 = D(2020, 12, 31)


def registered(graduate, code_value, day, *, actor, status=PlanStatus.APPROVED):
    """A plan approved by the centre on ``day`` (made directly: these tests are about counting)."""
    stamp = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))
    return DestinationPlan.objects.create(
        graduate=graduate,
        destination=code(code_value),
        status=status,
        approved_on=day,
        approved_at=stamp,
        status_changed_at=stamp,
        created_by=actor,
    )


@pytest.fixture
def cohort(org):
    """Nine graduates of 2020: 护理 (A1) g1-g4, 助产 (A2) g5-g6, both 护理学院; 数控技术 (B1) g7-g9, 机电工程学院.

    At 08-31 employed: g1, g3 (approved that very day), g7, g8 -> 4 of 9. At 12-31: g1, g2 (changed from
    70 to 10 on 09-05), g3, g4 (09-01), g7; g8 changed from 11 to 71 on 09-10 -> 5 of 9.
    """
    g1, g2 = org.graduates["a1"]
    g3, g4 = make_graduate(org.class_a1), make_graduate(org.class_a1)
    g5, g6 = org.graduates["a2"]
    g7, g8 = org.graduates["b1"]
    g9 = make_graduate(org.class_b1)
    centre = org.centre
    registered(g1, "11", D(2020, 6, 10), actor=centre)
    registered(g2, "70", D(2020, 6, 20), actor=centre, status=PlanStatus.SUPERSEDED)
    registered(g2, "10", D(2020, 9, 5), actor=centre)
    registered(g3, "80", AUG_31, actor=centre)
    registered(g4, "11", D(2020, 9, 1), actor=centre)
    registered(g5, "72", D(2020, 7, 1), actor=centre)
    registered(g6, "11", D(2020, 7, 15), actor=centre, status=PlanStatus.RETURNED)  # found false: not counted
    registered(g7, "75", D(2020, 7, 15), actor=centre)
    registered(g8, "11", D(2020, 6, 10), actor=centre, status=PlanStatus.SUPERSEDED)
    registered(g8, "71", D(2020, 9, 10), actor=centre)
    DestinationPlan.objects.create(
        graduate=g9, destination=code("11"), status=PlanStatus.SUBMITTED, created_by=centre
    )
    # a graduate of another cohort, employed: never in 2020's figures
    registered(make_graduate(org.class_a1, cohort=make_cohort(2019)), "11", D(2019, 6, 1), actor=centre)
    return make_cohort(2020)


def rows(table) -> list[tuple]:
    return [(row.name, row.graduates, row.employed, row.rate) for row in table]


def progress_for(user, cohort, as_of, college_id=None):
    graduates = p.progress_graduates(user=user, cohort=cohort, college_id=college_id)
    return p.employment_progress(cohort=cohort, as_of=as_of, graduates=graduates)


# --- the rate helper -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("part", "whole", "rate"),
    [
        (4080, 5098, "80.03"),
        (4345, 5098, "85.23"),
        (2, 3, "66.67"),
        (1, 800, "0.13"),
        (1, 8, "12.50"),
        (0, 5, "0.00"),
    ],
)
def test_rates_are_rounded_half_up_to_two_decimals(part, whole, rate):
    assert p.rate_percent(part, whole) == Decimal(rate)


def test_a_rate_of_nobody_is_none():
    assert p.rate_percent(0, 0) is None


# --- the selector --------------------------------------------------------------------------------------------


def test_rates_at_31_august_by_college_and_by_major(org, cohort):
    progress = progress_for(org.centre, cohort, AUG_31)

    assert rows(progress.by_college) == [
        ("护理学院", 6, 2, Decimal("33.33")),
        ("机电工程学院", 3, 2, Decimal("66.67")),
    ]
    assert [(row.college, *r) for row, r in zip(progress.by_major, rows(progress.by_major), strict=True)] == [
        ("护理学院", "助产", 2, 0, Decimal("0.00")),  # majors of equal sort order go by name
        ("护理学院", "护理", 4, 2, Decimal("50.00")),
        ("机电工程学院", "数控技术", 3, 2, Decimal("66.67")),
    ]
    assert (progress.total.graduates, progress.total.employed, progress.total.rate) == (
        9,
        4,
        Decimal("44.44"),
    )


def test_rates_at_31_december_follow_the_changes(org, cohort):
    progress = progress_for(org.centre, cohort, DEC_31)

    assert rows(progress.by_college) == [
        ("护理学院", 6, 4, Decimal("66.67")),
        ("机电工程学院", 3, 1, Decimal("33.33")),
    ]
    assert (progress.total.employed, progress.total.rate) == (5, Decimal("55.56"))


def test_the_weekly_series_runs_from_the_first_approval_to_the_cut_off(org, cohort):
    progress = progress_for(org.centre, cohort, AUG_31)

    days = [point.day for point in progress.weekly]
    assert days[0] == D(2020, 6, 14) and days[-2:] == [D(2020, 8, 30), AUG_31]
    assert all(day.weekday() == 6 for day in days[:-1]) and len(days) == 13
    assert [point.employed for point in progress.weekly] == [2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3, 4]
    assert {point.graduates for point in progress.weekly} == {9}
    assert progress.weekly[-1].rate == progress.total.rate == Decimal("44.44")


def test_the_weekly_series_keeps_only_each_graduates_latest_plan(org, cohort):
    weekly = {point.day: point.employed for point in progress_for(org.centre, cohort, DEC_31).weekly}

    assert weekly[D(2020, 9, 6)] == 6  # g4 (09-01) and g2's change to 10 (09-05)
    assert weekly[D(2020, 9, 13)] == 5  # g8's change from 11 to 71 (09-10)
    assert weekly[DEC_31] == 5


def test_without_approvals_there_is_no_series(org):
    progress = progress_for(org.centre, make_cohort(2020), AUG_31)

    assert progress.weekly == [] and progress.total.employed == 0 and progress.total.graduates == 6


def test_week_ends_are_sundays_then_the_cut_off():
    assert p.week_ends(D(2020, 8, 30), D(2020, 8, 30)) == [D(2020, 8, 30)]
    assert p.week_ends(D(2020, 8, 26), D(2020, 9, 8)) == [D(2020, 8, 30), D(2020, 9, 6), D(2020, 9, 8)]


@pytest.mark.parametrize(
    ("year", "today", "expected"),
    [
        (2020, D(2026, 11, 25), D(2020, 8, 31)),
        (2026, D(2026, 11, 25), D(2026, 11, 25)),
        (2027, D(2026, 3, 1), D(2026, 3, 1)),
    ],
)
def test_the_default_cut_off(year, today, expected):
    assert p.default_as_of(make_cohort(year), today) == expected


@pytest.mark.parametrize(
    ("role", "colleges", "total"),
    [
        (Role.CENTRE, [("护理学院", 6, 2), ("机电工程学院", 3, 2)], (9, 4)),
        (Role.COLLEGE, [("护理学院", 6, 2)], (6, 2)),
        (Role.COUNSELLOR, [("护理学院", 4, 2)], (4, 2)),
    ],
)
def test_each_role_sees_its_own_scope(org, cohort, role, colleges, total):
    progress = progress_for(org.user_for(role), cohort, AUG_31)

    assert [row[:3] for row in rows(progress.by_college)] == colleges
    assert (progress.total.graduates, progress.total.employed) == total
    assert progress.weekly[-1].graduates == total[0]


# --- the page ------------------------------------------------------------------------------------------------

URL = reverse("plans:progress")


@pytest.mark.parametrize("role", [Role.STUDENT, Role.ADMIN, Role.TENANT])
def test_the_page_is_for_the_centre_colleges_and_counsellors(client, org, role):
    from ..factories import make_user

    user = org.user_for(role) if role != Role.TENANT else make_user(Role.TENANT)
    client.force_login(user)

    assert client.get(URL).status_code == 403


def test_the_page_defaults_to_the_latest_cohort_and_its_31_august(client, org, cohort):
    client.force_login(org.centre)

    response = client.get(URL)

    progress = response.context["progress"]
    assert (progress.cohort, progress.as_of) == (cohort, AUG_31)
    html = response.content.decode()
    assert '<dd id="total-rate">44.44%</dd>' in html
    assert 'value="2020-08-31"' in html


def test_the_page_draws_the_charts_as_svg_without_inline_code(client, org, cohort):
    client.force_login(org.centre)

    response = client.get(URL, {"cohort": cohort.pk, "as_of": "2020-12-31"})

    html = response.content.decode()
    assert response.context["progress"].total.rate == Decimal("55.56")
    (points,) = re.findall(r'<polyline points="([^"]+)"', html)
    assert len(points.split()) == len(response.context["progress"].weekly)
    assert 'id="college-chart"' in html and html.count("<rect ") == 2
    assert_no_inline_script_or_style(html)
    assert "http://" not in html and "https://" not in html


def test_a_college_officer_cannot_choose_another_college(client, org, cohort):
    client.force_login(org.college_officer)

    response = client.get(URL, {"cohort": cohort.pk, "as_of": "2020-08-31", "college": org.college_b.pk})

    assert response.context["progress"] is None
    assert "college" in response.context["form"].errors


def test_the_centre_may_narrow_to_one_college(client, org, cohort):
    client.force_login(org.centre)

    response = client.get(URL, {"cohort": cohort.pk, "as_of": "2020-08-31", "college": org.college_b.pk})

    assert rows(response.context["progress"].by_major) == [("数控技术", 3, 2, Decimal("66.67"))]


def test_a_bad_date_is_a_form_error(client, org, cohort):
    client.force_login(org.centre)

    response = client.get(URL, {"cohort": cohort.pk, "as_of": "2020-02-30"})

    assert response.status_code == 200 and "as_of" in response.context["form"].errors


@pytest.mark.parametrize("role", [Role.CENTRE, Role.COLLEGE, Role.COUNSELLOR])
def test_the_query_count_grows_with_neither_graduates_nor_weeks(
    client, org, cohort, django_assert_max_num_queries, role
):
    client.force_login(org.user_for(role))
    params = {"cohort": cohort.pk, "as_of": "2020-08-31"}
    with django_assert_max_num_queries(PAGE_QUERIES) as small:
        client.get(URL, params)
    # 60 more graduates with approvals spread over a year, and a cut-off 16 months on
    for n in range(60):
        graduate = make_graduate([org.class_a1, org.class_a2, org.class_b1][n % 3])
        registered(
            graduate,
            ["11", "70", "80"][n % 3],
            D(2020, 5, 1) + datetime.timedelta(days=6 * n),
            actor=org.centre,
        )

    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(URL, {**params, "as_of": "2021-12-31"})

    assert len(response.context["progress"].weekly) > 80
    assert Graduate.objects.count() > 60


# session, user, the form's cohort, three tables (college, major, weekly), unread count, the cohort choices
# (twice: Django's Select asks for the first choice to decide on "required"), the college choices
PAGE_QUERIES = 10
