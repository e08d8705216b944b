"""The annual report finds the effective plans once (issue 14, "Report at 400,000"): a temporary table of their
ids that every table reads, gone when the report is built, also when building it fails, inside the test's
transaction as inside any other; what the report returns holds only evaluated data."""

import dataclasses
import datetime

import pytest
from django.db import DatabaseError, connection
from django.db.models import QuerySet
from django.test.utils import CaptureQueriesContext

from apps.reports import selectors
from apps.reports.formatters import report_to_json
from apps.reports.selectors import annual_report

pytestmark = pytest.mark.django_db

AUG = datetime.date(2020, 8, 31)
# effective_plans' rule, "no later registered plan of the same graduate", as the SQL says it
ANTI_JOIN = "NOT EXISTS"


def report_tables() -> list[str]:
    """The report's temporary tables the connection still has."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT tablename FROM pg_tables WHERE tablename LIKE 'report\\_plans\\_%%'")
        else:
            cursor.execute("SELECT name FROM sqlite_temp_master WHERE name LIKE 'report_plans_%'")
        return [name for (name,) in cursor.fetchall()]


@pytest.mark.parametrize("college", [False, True])
def test_the_report_finds_the_effective_plans_once(org, registered_cohort, college):
    with CaptureQueriesContext(connection) as queries:
        report = annual_report(
            cohort=registered_cohort, as_of=AUG, college=org.college_b if college else None
        )
    anti_joins = [q["sql"] for q in queries if ANTI_JOIN in q["sql"]]
    assert len(anti_joins) == 1
    assert anti_joins[0].startswith("CREATE TEMPORARY TABLE")
    assert report.graduates == (12 if college else 16)
    assert report_tables() == []


def test_two_reports_in_one_transaction_each_have_their_own_table(org, registered_cohort):
    school = annual_report(cohort=registered_cohort, as_of=AUG)
    college_b = annual_report(cohort=registered_cohort, as_of=AUG, college=org.college_b)
    assert (school.graduates, college_b.graduates) == (16, 12)
    assert report_tables() == []


def _evaluated(value) -> bool:
    """Whether ``value`` holds nothing that would still query the database (no queryset, however deep)."""
    if isinstance(value, QuerySet):
        return False
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return all(_evaluated(getattr(value, f.name)) for f in dataclasses.fields(value))
    if isinstance(value, dict):
        return all(_evaluated(k) and _evaluated(v) for k, v in value.items())
    if isinstance(value, list | tuple | set):
        return all(_evaluated(item) for item in value)
    return True


def test_the_report_holds_only_evaluated_data(org, registered_cohort, settings, django_assert_num_queries):
    settings.HPI_WARNING_FLEXIBLE_SHARE = 10.0
    report = annual_report(cohort=registered_cohort, as_of=AUG)
    assert {sign.sign for sign in report.warning_signs} >= {"疑似小企业扎堆就业"}
    assert all(sign.graduates for sign in report.warning_signs)
    assert _evaluated(report)
    with django_assert_num_queries(0):
        report_to_json(report)


@pytest.mark.parametrize("failure", [RuntimeError("a table's code failed"), "database"])
def test_a_failing_report_leaves_no_table_and_the_transaction_usable(
    org, registered_cohort, monkeypatch, failure
):
    def broken_table(*, placed, total):
        if failure == "database":  # the database refuses a query: PostgreSQL aborts the transaction
            with connection.cursor() as cursor:
                cursor.execute("SELECT no_such_column FROM plans_destinationplan")
        raise failure

    monkeypatch.setattr(selectors, "report_by_region", broken_table)
    with pytest.raises(DatabaseError if failure == "database" else RuntimeError):
        annual_report(cohort=registered_cohort, as_of=AUG)
    assert report_tables() == []
    monkeypatch.undo()
    assert (
        annual_report(cohort=registered_cohort, as_of=AUG).graduates == 16
    )  # the outer transaction still works
