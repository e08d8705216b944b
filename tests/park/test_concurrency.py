"""Two people of the centre acting on the same record at the same moment: exactly one wins, the other is told
it was handled. Real threads and row locks, so PostgreSQL (make test runs it there)."""

import datetime
import threading
from decimal import Decimal

import pytest
from django.db import connection, connections

from apps.accounts.models import Role
from apps.park.models import FundingResult, ReviewStatus, TenantEvent
from apps.park.services import (
    MSG_ALREADY_HANDLED,
    TransitionError,
    funding_apply,
    funding_decide,
    report_submit,
    submission_transition,
)
from apps.park.workflow import FundingAction, ReviewAction

from ..factories import make_user

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="row locks are proved on PostgreSQL (make test runs it there)",
    ),
]


def _at_once(calls: dict) -> dict[str, object]:
    """Run each call in its own thread, released together; 'ok', the TransitionError's message, or any other
    exception's class name."""
    barrier = threading.Barrier(len(calls))
    outcomes: dict[str, object] = {}

    def run(name, call):
        try:
            barrier.wait(timeout=10)
            call()
            outcomes[name] = "ok"
        except TransitionError as exc:
            outcomes[name] = exc.message
        except Exception as exc:  # noqa: BLE001 - the test reports what a thread raised
            outcomes[name] = type(exc).__name__
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=item) for item in calls.items()]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


def test_two_reviewers_of_a_report_exactly_one_wins(code_tables, park):
    # given a submitted report and two people of the centre, one approving and one returning it
    report = report_submit(
        tenant=park.tenant_a, actor=park.leader_a,
        data={"period": datetime.date(2020, 11, 1), "revenue": Decimal("1"), "staff": 1, "graduates_employed": 1},
    )  # fmt: skip
    second = make_user(Role.CENTRE, username="jyzx-2")

    def act(actor, action):
        return lambda: submission_transition(
            subject="report", pk=report.pk, action=action, actor=actor, comment="退回原因",
            expected_status=ReviewStatus.SUBMITTED,
        )  # fmt: skip

    # when both act at the same moment
    outcomes = _at_once(
        {"approve": act(park.centre, ReviewAction.APPROVE), "return": act(second, ReviewAction.RETURN)}
    )

    # then one move happened, one event was written, and the other was told the status it found
    report.refresh_from_db()
    winners = [name for name, outcome in outcomes.items() if outcome == "ok"]
    assert len(winners) == 1, outcomes
    loser = "return" if winners == ["approve"] else "approve"
    assert outcomes[loser] == MSG_ALREADY_HANDLED.format(status=ReviewStatus(report.status).label)
    assert report.status == (ReviewStatus.APPROVED if winners == ["approve"] else ReviewStatus.RETURNED)
    assert (
        TenantEvent.objects.filter(subject="report", subject_id=report.pk).exclude(action="submit").count()
        == 1
    )


def test_two_people_recording_a_funding_result_exactly_one_wins(code_tables, park):
    application = funding_apply(
        tenant=park.tenant_a, actor=park.leader_a, data={"year": 2020, "amount_requested": Decimal("20000")}
    )
    second = make_user(Role.CENTRE, username="jyzx-2")

    def decide(actor, action):
        return lambda: funding_decide(
            funding_id=application.pk, action=action, actor=actor, amount_granted=Decimal("20000"),
            expected_result=FundingResult.PENDING,
        )  # fmt: skip

    outcomes = _at_once(
        {"grant": decide(park.centre, FundingAction.GRANT), "decline": decide(second, FundingAction.DECLINE)}
    )

    application.refresh_from_db()
    winners = [name for name, outcome in outcomes.items() if outcome == "ok"]
    assert len(winners) == 1, outcomes
    loser = "decline" if winners == ["grant"] else "grant"
    assert outcomes[loser] == MSG_ALREADY_HANDLED.format(status=FundingResult(application.result).label)
    assert application.result == (FundingResult.FUNDED if winners == ["grant"] else FundingResult.NOT_FUNDED)
    assert (
        TenantEvent.objects.filter(subject="funding", subject_id=application.pk).count() == 2
    )  # apply + one
