"""The chase list's .xlsx holds what the list's pages show, row for row (status, days, last action, the
phone masked), and costs the same few queries however many rows it has."""

from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from apps.followup.selectors import ChaseKind

from .chase_data import load_waiting_graduates

pytestmark = pytest.mark.django_db

# Session, user, the cohort (default and form), the rows, their last actions, the data-release record.
CHASE_EXPORT_QUERIES = 8


def exported(response) -> list[list]:
    content = b"".join(response.streaming_content)
    sheet = load_workbook(BytesIO(content)).active
    return [[cell.value for cell in row] for row in sheet.iter_rows(min_row=3)]


def page_rows(client, params) -> list[list]:
    rows = client.get(reverse("followup:chase"), {**params, "size": 100}).context["rows"]
    return [
        [
            row.graduate.name,
            row.graduate.student_no,
            row.graduate.class_group.major.college.name,
            row.graduate.class_group.major.name,
            row.graduate.class_group.name,
            row.graduate.phone_masked or None,
            row.status,
            row.days,
            row.last_text,
        ]
        for row in rows
    ]


@pytest.mark.parametrize("kind", [k for k, _label in ChaseKind.CHOICES])
def test_the_export_holds_the_pages_rows(org, client, kind):
    load_waiting_graduates(org, 6)
    client.force_login(org.centre)
    params = {"kind": kind, "as_of": timezone.localdate().isoformat()}
    on_the_page = page_rows(client, params)
    assert on_the_page  # every list has someone in it here
    assert exported(client.get(reverse("followup:chase_export"), params)) == on_the_page


@pytest.mark.parametrize("kind", [ChaseKind.NOT_EMPLOYED, ChaseKind.WAITING])
def test_the_exports_queries_do_not_grow_with_its_rows(org, client, django_assert_max_num_queries, kind):
    client.force_login(org.centre)
    params = {"kind": kind, "as_of": timezone.localdate().isoformat()}
    load_waiting_graduates(org, 3)
    with django_assert_max_num_queries(CHASE_EXPORT_QUERIES):
        small = exported(client.get(reverse("followup:chase_export"), params))
    load_waiting_graduates(org, 30)
    with django_assert_max_num_queries(CHASE_EXPORT_QUERIES):
        large = exported(client.get(reverse("followup:chase_export"), params))
    assert len(large) > len(small) > 0
