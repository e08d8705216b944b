"""The demo support data (load_demo_support after load_demo_cohort): seed 4.2.3's 510 cases with a history, and
4.2.9's 5,551,700 yuan of subsidies, reconciled per college and per batch; running it again changes nothing.
On it, the ledger shows seed 4.2.8's figures (the group above 83.91% beside the school's 80.03% at 08-31), and
its page and export for all 510 cases cost the queries pinned for 5 and 50 in test_views.py.

One test, inside the test's transaction: the cohort demo (graduates, staff and, when present, their destination
plans) and this demo are rolled back afterwards, whatever other apps add to the cohort demo.
"""

import datetime
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from apps.accounts.models import User
from apps.graduates.demo import DEMO_ACCOUNTS
from apps.graduates.models import HARDSHIP_GROUP, Cohort, Graduate
from apps.reports.selectors import annual_report
from apps.support.demo import SCHEME_NAME
from apps.support.models import (
    ActionKind,
    SubsidyApplication,
    SubsidyBatch,
    SubsidyEvent,
    SubsidyStatus,
    SupportAction,
    SupportCase,
)
from apps.support.selectors import ledger_summary, subsidy_totals

from .test_views import LEDGER_EXPORT_QUERIES, LEDGER_PAGE_QUERIES

pytestmark = pytest.mark.django_db


def _snapshot():
    return (
        set(
            SupportCase.objects.values_list(
                "graduate_id", "responsible_id", "status", "priority", "personal_plan"
            )
        ),
        set(
            SupportAction.objects.values_list(
                "case_id", "kind", "acted_on", "note", "employer_name", "corrects_id"
            )
        ),
        set(SubsidyApplication.objects.values_list("graduate_id", "status", "amount", "batch__name")),
        SubsidyEvent.objects.count(),
    )


def _local_day(moment: datetime.datetime) -> datetime.date:
    return timezone.localtime(moment).date()


def _assert_dated_in_the_story(applications) -> None:
    events = SubsidyEvent.objects.filter(application__in=applications).select_related("application__batch")
    steps = {"apply": datetime.date(2020, 5, 20), "reject": datetime.date(2020, 6, 5)}
    for event in events:
        day = _local_day(event.created_at)
        if event.action == "pay":
            assert day == event.application.batch.paid_on
        elif event.action == "approve":
            assert day == (
                datetime.date(2020, 6, 5) if event.actor_role == "college" else datetime.date(2020, 6, 15)
            )
        else:
            assert day == steps[event.action], event.action
    for application in applications.select_related("batch"):
        assert _local_day(application.created_at) == datetime.date(2020, 5, 20)
        if application.batch is not None:
            assert _local_day(application.status_changed_at) == application.batch.paid_on
    for batch in SubsidyBatch.objects.filter(applications__in=applications).distinct():
        assert _local_day(batch.created_at) == batch.paid_on
    for entry in SupportAction.objects.all():
        expected = entry.acted_on + (
            datetime.timedelta(days=3) if entry.corrects_id else datetime.timedelta()
        )
        assert _local_day(entry.created_at) == expected
    for case in SupportCase.objects.all():
        assert _local_day(case.created_at) == case.opened_on
        assert case.updated_at.year == 2020


def test_the_demo_ledger_and_subsidies(client, django_assert_num_queries):
    call_command("load_demo_cohort", stdout=StringIO())
    out = StringIO()
    call_command("load_demo_support", stdout=out)

    # 510 cases (seed 4.2.3), each with a responsible counsellor, a personal plan and a history
    cases = SupportCase.objects.filter(graduate__cohort__year=2020)
    assert cases.count() == 510
    assert not Graduate.objects.filter(HARDSHIP_GROUP, cohort__year=2020, support_case__isnull=True).exists()
    assert not cases.filter(actions=None).exists()
    assert not cases.filter(responsible=None).exists() and not cases.filter(personal_plan="").exists()
    assert {ActionKind.CALL, ActionKind.JOB, ActionKind.SUBSIDY} <= set(
        SupportAction.objects.values_list("kind", flat=True)
    )
    jobs = SupportAction.objects.filter(kind=ActionKind.JOB)
    assert not jobs.filter(employer_name="").exists() and not jobs.filter(position="").exists()
    assert SupportAction.objects.filter(corrects__isnull=False).count() == 12  # every 40th of 510

    # 5,551,700 yuan (seed 4.2.9) = 5,047 × 1,100, the same per college and per batch
    applications = SubsidyApplication.objects.filter(scheme__name=SCHEME_NAME)
    totals = subsidy_totals(applications)
    assert (totals.total.count, totals.total.amount) == (5047, Decimal("5551700.00"))
    assert totals.reconciled
    assert sum(row.amount for row in totals.by_college) == Decimal("5551700.00")
    assert [(r.count, r.amount) for r in totals.by_batch] == [
        (510, Decimal("561000.00")),
        (2600, Decimal("2860000.00")),
        (1937, Decimal("2130700.00")),
    ]
    assert totals.by_status == {
        "submitted": 0, "college_approved": 0, "approved": 0, "paid": 5047, "rejected": 19, "withdrawn": 0,
    }  # fmt: skip
    # the hardship group first, and every payment through both reviews
    group_paid = applications.filter(status=SubsidyStatus.PAID, graduate__support_case__isnull=False)
    assert group_paid.count() == 510 and set(group_paid.values_list("batch__name", flat=True)) == {"第一批"}
    moves = SubsidyEvent.objects.filter(application__status=SubsidyStatus.PAID, application__in=applications)
    assert dict(moves.values_list("action").annotate(n=Count("pk")).values_list("action", "n")) == {
        "apply": 5047, "approve": 2 * 5047, "pay": 5047,
    }  # fmt: skip
    assert "5551700.00 yuan" in out.getvalue()

    # the audit trail tells the demo's story (2020), not the day it was loaded: each subsidy event at its step
    # (applied 05-20, reviewed 06-05 and 06-15, paid on its batch's date), each support entry on its day
    _assert_dated_in_the_story(applications)

    # the ledger at the first count: the group (428 / 510, "超过 83.91%") beside the school (4,080 / 5,098)
    centre = User.objects.get(username=DEMO_ACCOUNTS["centre"].username)
    cohort = Cohort.objects.get(year=2020)
    summary = ledger_summary(user=centre, cohort=cohort, as_of=datetime.date(2020, 8, 31))
    school = summary.school
    assert (school.group.graduates, school.group.employed, school.group.rate) == (510, 428, Decimal("83.92"))
    assert (school.everyone.graduates, school.everyone.employed, school.everyone.rate) == (
        5098, 4080, Decimal("80.03"),
    )  # fmt: skip
    assert (summary.total.cases, summary.total.flagged) == (510, 9)
    # the report's 4.2.8 (the seed's 建档立卡 and 52 counties) and its second line (the ledger's wider group)
    # are the same 510 in the demo, which gives 困难生类别 only inside the seed's group
    report = annual_report(cohort=cohort, as_of=datetime.date(2020, 8, 31))
    assert report.support == report.support_hardship == {
        "graduates": 510, "employed": 428, "employment_rate": 83.92,
    }  # fmt: skip
    assert summary.total.by_status == {"open": 43, "employed": 446, "closed": 21}

    # the page and the export of all 510 cases cost the same queries as of 5 or 50
    client.force_login(centre)
    query = {"as_of": "2020-08-31"}  # the latest cohort by default, as in test_views.py
    with django_assert_num_queries(LEDGER_PAGE_QUERIES):
        assert client.get(reverse("support:ledger"), query).context["page"].paginator.count == 510
    with django_assert_num_queries(LEDGER_EXPORT_QUERIES):
        export = client.get(reverse("support:ledger_export"), query)
    assert export.status_code == 200

    # running it again changes nothing
    before = _snapshot()
    call_command("load_demo_support", stdout=StringIO())
    assert _snapshot() == before
