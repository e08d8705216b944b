"""How SQLite runs the graduate list's pages within one cohort (issue 14): the rows of a page come off an index
in 学号 order, in either direction, instead of every row of the cohort being joined and sorted first (at
400,000 graduates the last page took 2.44 s against the first's 0.45 s, and the first was most of its time
sorting). SQLite's plan without statistics does not depend on the number of rows, so a few graduates show it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.graduates.models import Graduate

from ..factories import make_graduate

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's query plan"),
]

LIST = "graduates:list"


def rows_query_plan(client, params: dict) -> str:
    """EXPLAIN QUERY PLAN of the page's query of graduate rows (the one ordered by 学号)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse(LIST), params)
    assert response.status_code == 200
    [sql] = [q["sql"] for q in queries.captured_queries if 'FROM "graduates_graduate"' in q["sql"]
             and '"graduates_graduate"."student_no" ' in q["sql"].split("ORDER BY")[-1]]  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
        return "\n".join(str(row[-1]) for row in cursor.fetchall())


@pytest.fixture
def cohort_pages(org):
    for _ in range(30):
        make_graduate(org.class_b1)
    return {"cohort": org.own_graduate.cohort_id, "size": 20}


# Not named ``page``: pytest-playwright's fixture of that name would make these browser tests, run among
# (and reordered with) the live-server ones, after which the code tables are gone for the tests that follow.
@pytest.mark.parametrize(
    "which_page", [{}, {"last": 1}, {"page": 2}], ids=["first page", "last page", "old page link"]
)
def test_a_cohorts_page_is_read_off_the_student_no_index_not_sorted(client, org, cohort_pages, which_page):
    client.force_login(org.centre)
    plan = rows_query_plan(client, {**cohort_pages, **which_page})
    assert "USE TEMP B-TREE FOR ORDER BY" not in plan, plan
    assert "graduate_cohort_student_no_idx" in plan, plan


def test_a_page_after_a_key_seeks_into_the_index(client, org, cohort_pages):
    client.force_login(org.centre)
    first = client.get(reverse(LIST), cohort_pages).context["page"]
    plan = rows_query_plan(client, {**cohort_pages, "after": first.next_key, "n": 2})
    assert "USE TEMP B-TREE FOR ORDER BY" not in plan, plan
    assert "student_no>?" in plan.replace(" ", ""), plan
    assert Graduate.objects.filter(cohort_id=cohort_pages["cohort"]).count() > cohort_pages["size"]


def test_a_class_of_a_cohort_is_read_off_its_own_index_in_student_no_order(client, org, cohort_pages):
    # Walking the whole cohort in 学号 order for one class's rows: 0.011 -> 0.17 s at 400,000 without it.
    client.force_login(org.centre)
    for page in ({}, {"last": 1}):
        plan = rows_query_plan(client, {**cohort_pages, "class_group": org.class_b1.pk, **page})
        assert "USE TEMP B-TREE FOR ORDER BY" not in plan, plan
        assert "graduate_cohort_class_no_idx (cohort_id=? AND class_group_id=?)" in plan, plan
