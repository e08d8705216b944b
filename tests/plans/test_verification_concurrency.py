"""Two centre officers at once: a plan is drawn into one pending batch only, and recorded once."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.utils import timezone

from apps.accounts.models import Role
from apps.plans import verification as v
from apps.plans.models import PlanEvent, Verification, VerificationBatch, VerificationResult

from ..factories import make_cohort, make_user
from .factories import approved_plan

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="row locks are proved on PostgreSQL (make test runs it there)",
    ),
]


def at_once(*calls) -> list[object]:
    """Run the calls in two threads released together; each outcome is "ok" or the refusal's messages."""
    barrier = threading.Barrier(len(calls))
    outcomes: list[object] = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait(timeout=10)
            call()
            outcomes[index] = "ok"
        except ValidationError as exc:
            outcomes[index] = exc.messages
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


def test_two_draws_at_once_do_not_take_the_same_plan(code_tables, org):
    approved_plan(org)
    cohort = make_cohort(2020)
    second = make_user(Role.CENTRE, username="centre-2")

    outcomes = at_once(
        lambda: v.verification_batch_draw(actor=org.centre, cohort=cohort, college=org.college_a),
        lambda: v.verification_batch_draw(actor=second, cohort=cohort, college=org.college_a),
    )

    assert sorted(outcomes, key=str) == sorted(["ok", [str(v.MSG_NOTHING_TO_DRAW)]], key=str)
    assert VerificationBatch.objects.count() == 1 and Verification.objects.count() == 1


def test_two_records_at_once_exactly_one_wins(code_tables, org):
    plan = approved_plan(org)
    verification = v.verification_batch_draw(
        actor=org.centre, cohort=make_cohort(2020), college=org.college_a
    ).verifications.get()
    second = make_user(Role.CENTRE, username="centre-2")
    events = PlanEvent.objects.filter(plan=plan).count()

    def record(actor, result, note):
        return lambda: v.verification_record(
            verification_id=verification.pk,
            actor=actor,
            method="phone",
            checked_on=timezone.localdate(),
            result=result,
            note=note,
        )

    outcomes = at_once(
        record(org.centre, VerificationResult.FALSE, "单位称无此人"),
        record(second, VerificationResult.CONFIRMED, ""),
    )

    assert outcomes.count("ok") == 1, outcomes
    verification.refresh_from_db()
    loser = outcomes[1] if outcomes[0] == "ok" else outcomes[0]
    assert loser == [v.MSG_ALREADY_RECORDED.format(result=verification.get_result_display())]
    returned = verification.result == VerificationResult.FALSE
    assert PlanEvent.objects.filter(plan=plan).count() == events + returned
