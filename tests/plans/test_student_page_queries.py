"""The pages a student polls during the deadline rush (issue 14: /plans/mine/ and the home) stay a handful of
queries, whatever their plans show, and the top bar counts the unread notifications once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.plans.models import Notification
from apps.plans.services import plan_save_draft
from apps.refdata import seed_data
from apps.refdata.models import AdministrativeDivision, WorkPosition

from .factories import approved_plan, employment_data, submitted_plan

pytestmark = pytest.mark.django_db

# user, the two of the page's ETag (test_status_revalidation.py), graduate with its cohort, plans with every
# code their fields show, the open plan's events with their actors, its evidence, the unread count (the session
# comes from its cache: tests/accounts/test_cached_sessions.py).
STATUS_PAGE_QUERIES = 8
# user, graduate: the home sends a student on.
STUDENT_HOME_QUERIES = 2


@pytest.fixture
def busy_student(org):
    """A student with a plan in force showing every code field, a change on its way with a file and events,
    and unread notifications: everything the status page can show."""
    county = AdministrativeDivision.objects.get(scheme=seed_data.DIVISION_SCHEME, code="420902")
    in_force = employment_data(work_county=county, work_position=WorkPosition.objects.first())
    approved_plan(org, data=in_force)
    submitted_plan(org, data=employment_data(employer_name="孝感市第一人民医院"))
    for text in ("一", "二"):
        Notification.objects.create(recipient=org.student, message=f"通知{text}")
    return org.student


def _unread_count_queries(queries) -> int:
    """The counts of unread notifications for the top bar (the notifications page's paginator counts all of
    them, and the status page's ETag reads the count inside its graduate query: neither is one)."""
    return sum(
        1
        for q in queries
        if q["sql"].upper().startswith("SELECT COUNT(")
        and 'FROM "plans_notification"' in q["sql"]
        and '"read_at" IS NULL' in q["sql"]
    )


def test_the_status_page_is_a_handful_of_queries_and_counts_unread_once(
    client, busy_student, django_assert_max_num_queries
):
    client.force_login(busy_student)
    client.get(reverse("plans:mine"))  # the first request stamps the session's activity (a write)
    with django_assert_max_num_queries(STATUS_PAGE_QUERIES) as captured:
        response = client.get(reverse("plans:mine"))
    page = response.content.decode()
    assert response.status_code == 200
    assert '<span class="count-badge">2</span>' in page
    assert "420902" in page and "孝感市第一人民医院" in page  # the plan in force and the change both show
    assert _unread_count_queries(captured.captured_queries) == 1


def test_a_student_without_an_open_plan_pays_for_no_events_or_files(
    client, org, django_assert_max_num_queries
):
    plan_save_draft(graduate=org.own_graduate, actor=org.student, data=employment_data())
    client.force_login(org.student)
    client.get(reverse("plans:mine"))
    # a draft is open: its events and files are read; a student with nothing open reads neither
    with django_assert_max_num_queries(STATUS_PAGE_QUERIES):
        assert client.get(reverse("plans:mine")).status_code == 200
    org.own_graduate.plans.all().delete()
    with django_assert_max_num_queries(STATUS_PAGE_QUERIES - 2):
        assert "填报就业方案" in client.get(reverse("plans:mine")).content.decode()


def test_every_page_in_the_layout_counts_unread_once(client, busy_student):
    client.force_login(busy_student)
    client.get(reverse("plans:notifications"))
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("plans:notifications"))
    assert '<span class="count-badge">2</span>' in response.content.decode()
    assert _unread_count_queries(captured.captured_queries) == 1


def test_the_student_home_sends_them_on_in_two_queries(client, busy_student, django_assert_max_num_queries):
    client.force_login(busy_student)
    client.get(reverse("home"))
    with django_assert_max_num_queries(STUDENT_HOME_QUERIES):
        assert client.get(reverse("home")).status_code == 302
