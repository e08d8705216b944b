import threading

import pytest
from django.db import connection, connections

from apps.plans.models import PlanEvent, PlanStatus
from apps.plans.services import MSG_ALREADY_HANDLED, TransitionError, plan_transition
from apps.plans.workflow import Action

from ..factories import make_user
from .factories import submitted_plan

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="row locks are proved on PostgreSQL (make test runs it there)",
    ),
]


def test_two_reviewers_acting_at_once_exactly_one_wins(code_tables, org):
    # given a submitted plan and two counsellors of the same class, one approving and one returning
    plan = submitted_plan(org)
    second = make_user("counsellor", username="counsellor-a1-b")
    second.classes.add(org.class_a1)
    barrier = threading.Barrier(2)
    outcomes: dict[str, object] = {}

    def act(name, actor, action):
        try:
            barrier.wait(timeout=10)
            plan_transition(
                plan_id=plan.pk,
                action=action,
                actor=actor,
                comment="退回原因",
                expected_status=PlanStatus.SUBMITTED,
            )
            outcomes[name] = "ok"
        except TransitionError as exc:
            outcomes[name] = exc.message
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=act, args=("approve", org.counsellor, Action.APPROVE)),
        threading.Thread(target=act, args=("return", second, Action.RETURN)),
    ]
    # when both act at the same moment
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    # then exactly one move happened, one event was written, and the loser was told why
    plan.refresh_from_db()
    winners = [name for name, outcome in outcomes.items() if outcome == "ok"]
    assert len(winners) == 1, outcomes
    loser = "return" if winners == ["approve"] else "approve"
    assert outcomes[loser] == MSG_ALREADY_HANDLED.format(status=PlanStatus(plan.status).label)
    expected = PlanStatus.COUNSELLOR_APPROVED if winners == ["approve"] else PlanStatus.RETURNED
    assert plan.status == expected
    assert PlanEvent.objects.filter(plan=plan).exclude(from_status="draft").count() == 1
