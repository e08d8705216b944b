"""Two people acting on one subsidy application at the same moment: exactly one wins (PostgreSQL row locks)."""

import datetime
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from apps.support.models import Eligibility, SubsidyApplication, SubsidyEvent, SubsidyStatus
from apps.support.subsidies import (
    MSG_ALREADY_HANDLED,
    MSG_APPLIED_IN_COHORT,
    TransitionError,
    subsidy_apply,
    subsidy_pay,
    subsidy_transition,
)
from apps.support.workflow import SubsidyAction

from ..factories import make_user
from .factories import hardship_graduate, scheme

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="row locks are proved on PostgreSQL (make test runs it there)",
    ),
]


def _race(*calls) -> list[object]:
    """Run the calls at the same moment in threads of their own; each outcome is "ok" or the refusal."""
    barrier = threading.Barrier(len(calls))
    outcomes: list[object] = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait(timeout=10)
            call()
            outcomes[index] = "ok"
        except TransitionError as exc:
            outcomes[index] = exc.message
        except ValidationError as exc:  # subsidy_apply's refusals
            outcomes[index] = exc.messages
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


def test_two_college_officers_one_approving_one_refusing_exactly_one_wins(code_tables, org):
    (application,) = subsidy_apply(
        scheme=scheme(org.own_graduate.cohort),
        graduates=[hardship_graduate(org.class_a1)],
        actor=org.counsellor,
    )
    second = make_user("college", username="college-a-2", college=org.college_a)

    outcomes = _race(
        lambda: subsidy_transition(application_ids=[application.pk], action=SubsidyAction.APPROVE,
                                   actor=org.college_officer, expected_status=SubsidyStatus.SUBMITTED),
        lambda: subsidy_transition(application_ids=[application.pk], action=SubsidyAction.REJECT, actor=second,
                                   comment="材料不全", expected_status=SubsidyStatus.SUBMITTED),
    )  # fmt: skip

    application.refresh_from_db()
    assert outcomes.count("ok") == 1, outcomes
    loser = outcomes[1] if outcomes[0] == "ok" else outcomes[0]
    assert loser == str(MSG_ALREADY_HANDLED).format(status=application.get_status_display())
    assert application.status in (SubsidyStatus.COLLEGE_APPROVED, SubsidyStatus.REJECTED)
    assert (
        SubsidyEvent.objects.filter(application=application).exclude(action=SubsidyAction.APPLY).count() == 1
    )


def test_two_payments_of_one_application_at_once_pay_it_once(code_tables, org):
    (application,) = subsidy_apply(
        scheme=scheme(org.own_graduate.cohort),
        graduates=[hardship_graduate(org.class_a1)],
        actor=org.counsellor,
    )
    subsidy_transition(
        application_ids=[application.pk], action=SubsidyAction.APPROVE, actor=org.college_officer
    )
    subsidy_transition(application_ids=[application.pk], action=SubsidyAction.APPROVE, actor=org.centre)
    paid_on = datetime.date(2020, 6, 30)

    outcomes = _race(
        lambda: subsidy_pay(
            application_ids=[application.pk], batch_name="第一批", paid_on=paid_on, actor=org.centre
        ),
        lambda: subsidy_pay(
            application_ids=[application.pk], batch_name="第二批", paid_on=paid_on, actor=org.centre
        ),
    )

    application.refresh_from_db()
    assert outcomes.count("ok") == 1, outcomes
    assert application.status == SubsidyStatus.PAID
    assert SubsidyEvent.objects.filter(application=application, action=SubsidyAction.PAY).count() == 1


def test_two_schemes_of_one_cohort_applied_for_one_graduate_at_once_take_one(code_tables, org):
    """Both offices pass the check before either has written; the database takes the first insert and the
    second is told, in the check's words, which scheme holds the graduate's one-time subsidy."""
    cohort = org.own_graduate.cohort
    hardship = scheme(cohort, name="困难毕业生一次性求职补贴")
    everyone = scheme(cohort, name="全体毕业生一次性求职补贴", amount="1100.00", eligibility=Eligibility.ALL)
    graduate = hardship_graduate(org.class_a1)

    outcomes = _race(
        lambda: subsidy_apply(scheme=hardship, graduates=[graduate], actor=org.counsellor),
        lambda: subsidy_apply(scheme=everyone, graduates=[graduate], actor=org.centre),
    )

    assert outcomes.count("ok") == 1, outcomes
    (kept,) = SubsidyApplication.objects.filter(graduate=graduate)
    loser = outcomes[1] if outcomes[0] == "ok" else outcomes[0]
    assert loser == [str(MSG_APPLIED_IN_COHORT).format(graduate=graduate, other=kept.scheme.name)]
