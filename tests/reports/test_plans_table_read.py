"""The report's plan queries read the temporary table of effective plans itself (issue 14, "Report at 400,000
within 1.2x its best bare SQL"): they group its rows as the floor does, instead of reading the whole plan table
and semi-joining it to a list of ids. ``plans_reading`` is the queryset over such a table: the plan table's
columns, read under the table's own name, with joins from it (and back to the plan table) as any plan query has."""

import datetime

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from apps.plans.models import DestinationPlan
from apps.reports import selectors
from apps.reports.selectors import annual_report

pytestmark = pytest.mark.django_db

AUG = datetime.date(2020, 8, 31)
PLAN_TABLE = DestinationPlan._meta.db_table
TEMPORARY = "report_plans_"


@pytest.mark.parametrize("college", [False, True])
def test_the_plan_queries_read_the_temporary_table_not_the_plan_table(
    org, registered_cohort, college, settings
):
    settings.HPI_WARNING_FLEXIBLE_SHARE = 10.0  # the share signs' names are read too
    with CaptureQueriesContext(connection) as queries:
        report = annual_report(
            cohort=registered_cohort, as_of=AUG, college=org.college_b if college else None
        )
    assert report.warning_signs  # the names behind the signs were queried
    reading = [q["sql"] for q in queries if TEMPORARY in q["sql"] and q["sql"].startswith("SELECT")]
    # the plan counts, the regions, the unit natures and industries, two share-sign and cluster queries
    assert len(reading) >= 5
    for sql in reading:
        assert PLAN_TABLE not in sql, sql  # no semi-join of the whole plan table with the effective ones


def test_plans_reading_reads_the_rows_of_its_table_with_joins_from_them(org, registered_cohort):
    a1, a1b = org.graduates["a1"]
    kept = DestinationPlan.objects.filter(graduate=a1, status="approved").get()
    columns = ", ".join(connection.ops.quote_name(f.column) for f in DestinationPlan._meta.concrete_fields)
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(
                f"CREATE TEMPORARY TABLE report_plans_test AS SELECT {columns} FROM {PLAN_TABLE} WHERE id = %s",
                [kept.pk],
            )
        plans = selectors.plans_reading("report_plans_test", using="default")
        assert list(plans.values_list("pk", flat=True)) == [kept.pk]
        assert list(plans.values_list("graduate__student_no", "destination__code")) == [(a1.student_no, "11")]
        # a join back to the plan table (a1's other plans) is a table of its own, not the temporary one
        assert set(plans.values_list("graduate__plans__status", flat=True)) == {"approved", "superseded"}
        assert plans.filter(graduate=a1b).count() == 0
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE report_plans_test")
