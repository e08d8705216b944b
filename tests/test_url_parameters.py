"""Issue 12.3: every date and number a URL carries is bounded through a form. Year 1, year 9999, a day that does
not exist and plain garbage are a form error or a message on every view that reads one, never a 500, and a far
date cannot make a page work for minutes (``?as_of=9998-12-25`` walked 520,000 weeks on the progress page)."""

import datetime

import pytest
from django.urls import reverse

from apps.bounds import MSG_DATE_OUTSIDE_COHORT, MSG_DATE_OUTSIDE_WINDOW
from apps.graduates.models import Cohort
from apps.reports.models import ReportPublication
from apps.support.services import support_case_open

from .factories import make_cohort, make_graduate
from .support.factories import hardship_graduate, registered

pytestmark = pytest.mark.django_db

EDGE_DATES = ["0001-01-01", "9999-12-31", "9998-12-25"]
GARBAGE = ["2020-02-30", "garbage", "99999-01-01", "２０２０-０８-３１"]


@pytest.fixture
def year(org):
    """Cohort 2020 with an approved plan (the progress page's weekly series starts there) and a case in the
    support ledger; cohort 2019 to compare with."""
    cohort = Cohort.objects.get(year=2020)
    registered(org.graduates["a1"][0], "11", datetime.date(2020, 6, 10), org.centre)
    hardship_graduate(org.class_a1)
    make_graduate(org.class_a1, cohort=make_cohort(2019))
    return cohort


def _cohort_date_views(cohort):
    """(url name, the query with the date under test as {day})."""
    return [
        ("plans:progress", {"cohort": cohort.pk, "as_of": "{day}"}),
        ("reports:annual", {"cohort": cohort.year, "as_of": "{day}"}),
        ("reports:annual", {"cohort": cohort.year, "compare_as_of": "{day}"}),
        ("reports:annual", {"cohort": cohort.year, "as_of": "{day}", "compare_cohort": 2019}),
        ("reports:annual", {"cohort": cohort.year, "as_of": "{day}", "format": "json"}),
        ("reports:annual", {"cohort": cohort.year, "as_of": "{day}", "format": "xlsx"}),
        ("support:ledger", {"cohort": cohort.pk, "as_of": "{day}"}),
    ]


def _filled(query: dict, day: str) -> dict:
    return {k: (day if v == "{day}" else v) for k, v in query.items()}


@pytest.mark.parametrize("day", EDGE_DATES + GARBAGE)
@pytest.mark.parametrize("view", range(7))
def test_a_date_outside_the_cohort_or_not_a_date_is_a_form_error(client, org, year, view, day):
    name, query = _cohort_date_views(year)[view]
    client.force_login(org.centre)
    response = client.get(reverse(name), _filled(query, day))
    assert response.status_code == 200
    field = next(k for k, v in query.items() if v == "{day}")
    assert field in response.context["form"].errors
    if day in EDGE_DATES:
        assert (
            str(MSG_DATE_OUTSIDE_COHORT.format(first="2019-01-01", last="2025-12-31"))
            in (response.context["form"].errors[field])
        )


@pytest.mark.parametrize("day", EDGE_DATES + GARBAGE)
def test_the_ledger_export_sends_a_bad_date_back_to_the_ledger(client, org, year, day):
    client.force_login(org.centre)
    response = client.get(reverse("support:ledger_export"), {"cohort": year.pk, "as_of": day}, follow=True)
    assert response.status_code == 200
    assert response.request["PATH_INFO"] == reverse("support:ledger")
    assert "as_of" in response.context["form"].errors


@pytest.mark.parametrize("day", EDGE_DATES + GARBAGE)
def test_opening_missing_cases_with_a_bad_date_opens_nothing(client, org, year, day):
    client.force_login(org.centre)
    url = reverse("support:cases_open_missing") + f"?cohort={year.pk}&as_of={day}"
    response = client.post(url, follow=True)
    assert response.status_code == 200
    assert "as_of" in response.context["form"].errors


def test_a_leap_day_compares_with_28_february_of_a_common_year(client, org, year):
    client.force_login(org.centre)
    response = client.get(
        reverse("reports:annual"), {"cohort": 2020, "as_of": "2020-02-29", "compare_cohort": 2019}
    )
    assert response.status_code == 200
    ((label, other, _categories),) = response.context["comparisons"]
    assert other.as_of == datetime.date(2019, 2, 28)


@pytest.mark.parametrize("day", EDGE_DATES + GARBAGE)
def test_publishing_at_a_date_outside_the_cohort_is_refused(client, org, year, day):
    client.force_login(org.centre)
    response = client.post(
        reverse("reports:publish"), {"cohort": 2020, "as_of": day, "confirm": "on"}, follow=True
    )
    assert response.status_code == 200
    assert not ReportPublication.objects.exists()


@pytest.mark.parametrize("day", EDGE_DATES + GARBAGE)
def test_the_park_dashboard_refuses_a_far_date_with_a_message(client, org, year, day):
    client.force_login(org.centre)
    response = client.get(reverse("park:dashboard"), {"on": day})
    assert response.status_code == 200
    texts = [str(m) for m in response.context["messages"]]
    assert any("日期" in t for t in texts)


@pytest.mark.parametrize(
    ("name", "field"),
    [("park:patrol_list", "after"), ("park:patrol_list", "before"), ("park:meter_list", "after"),
     ("park:meter_list", "before")],
)  # fmt: skip
@pytest.mark.parametrize("day", EDGE_DATES)
def test_a_park_list_date_filter_outside_the_window_is_a_filter_error(client, org, year, name, field, day):
    client.force_login(org.centre)
    response = client.get(reverse(name), {field: day})
    assert response.status_code == 200
    errors = response.context["filter"].form.errors[field]
    today = datetime.date.today()
    window = MSG_DATE_OUTSIDE_WINDOW.format(first=f"{today.year - 10}-01-01", last=f"{today.year + 1}-12-31")
    assert str(window) in errors


@pytest.mark.parametrize("name", ["park:assessment_list", "park:funding_list", "park:competition_list"])
@pytest.mark.parametrize("value", ["1", "99999999999999999999", "1e400", "-5", "garbage"])
def test_a_park_list_year_outside_the_window_is_a_filter_error(client, org, year, name, value):
    client.force_login(org.centre)
    response = client.get(reverse(name), {"year": value})
    assert response.status_code == 200
    assert "year" in response.context["filter"].form.errors


@pytest.mark.parametrize("value", ["99999999999", "1e400", "-1", "garbage"])
def test_days_waiting_beyond_ten_years_is_a_filter_error(client, org, year, value):
    client.force_login(org.centre)
    response = client.get(reverse("plans:list"), {"waiting_days": value})
    assert response.status_code == 200
    assert "waiting_days" in response.context["filter"].form.errors


@pytest.mark.parametrize("value", ["²", "99999999999999999999", "-1", "x"])
def test_a_bad_correction_number_on_a_case_page_is_ignored(client, org, year, value):
    case = support_case_open(graduate=hardship_graduate(org.class_a1), actor=org.centre)
    client.force_login(org.centre)
    response = client.get(reverse("support:case_detail", args=[case.pk]), {"corrects": value})
    assert response.status_code == 200


@pytest.mark.parametrize("value", ["0", "-1", "99999999999999999999", "1e9", "x"])
@pytest.mark.parametrize("name", ["graduates:list", "plans:list", "park:tenant_list", "support:ledger"])
def test_page_and_page_size_are_bounded(client, org, year, name, value):
    client.force_login(org.centre)
    assert client.get(reverse(name), {"page": value, "size": value}).status_code == 200
