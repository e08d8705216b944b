"""The demo support data (load_demo_support after load_demo_cohort): seed 4.2.3's 510 cases with a history, and
4.2.9's 5,551,700 yuan of subsidies, reconciled per college and per batch; running it again changes nothing.

One test, inside the test's transaction: the cohort demo (graduates, staff and, when present, their destination
plans) and this demo are rolled back afterwards, whatever other apps add to the cohort demo.
"""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count

from apps.graduates.models import Graduate
from apps.support.demo import SCHEME_NAME
from apps.support.models import (
    HARDSHIP_GROUP,
    ActionKind,
    SubsidyApplication,
    SubsidyEvent,
    SubsidyStatus,
    SupportAction,
    SupportCase,
)
from apps.support.selectors import subsidy_totals

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


def test_the_demo_ledger_and_subsidies():
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

    # running it again changes nothing
    before = _snapshot()
    call_command("load_demo_support", stdout=StringIO())
    assert _snapshot() == before
