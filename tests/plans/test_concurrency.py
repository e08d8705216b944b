"""Reviewers and imports at the same moment: one wins, the other is told (a message, never a 500).

PostgreSQL (row locks) is proved with threads here when DATABASE_URL points at it (make test runs it there);
SQLite with two processes' worth of connections on a real database file, in a subprocess.
"""

import json
import os
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.db import connection, connections

from apps.plans import services
from apps.plans.destination_import import destination_import
from apps.plans.models import DestinationPlan, PlanEvent, PlanStatus
from apps.plans.services import (
    MSG_ALREADY_HANDLED,
    MSG_REGISTRATION_CHANGED,
    TransitionError,
    plan_bulk_approve,
    plan_transition,
)
from apps.plans.workflow import Action

from ..factories import make_user
from .factories import submitted_plan
from .test_destination_import import waiting_row, xlsx

pytestmark = pytest.mark.django_db(transaction=True)
postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="row locks are proved on PostgreSQL (make test runs it there)",
)
sqlite_only = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's own locking")
PROJECT_ROOT = Path(__file__).resolve().parents[2]


@postgresql_only
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


def to_college_approved(org):
    plan = submitted_plan(org)
    for reviewer in (org.counsellor, org.college_officer):
        plan = plan_transition(plan_id=plan.pk, action=Action.APPROVE, actor=reviewer)
    return plan


@postgresql_only
@pytest.mark.parametrize("how", ["one", "bulk"])
def test_an_import_committing_between_an_approval_lock_and_its_update_is_a_message_not_a_500(
    code_tables, org, tmp_path, monkeypatch, how
):
    # given the student's first plan waiting for the centre, and a file registering the graduate
    plan = to_college_approved(org)
    path = xlsx(tmp_path, [waiting_row(org.own_graduate)])
    locked, imported = threading.Event(), threading.Event()
    real = services._supersede_previous

    def hold_after_locking(*args, **kwargs):
        # The approval has locked what it supersedes (nothing in force yet); the import commits now.
        real(*args, **kwargs)
        locked.set()
        imported.wait(timeout=20)

    monkeypatch.setattr(services, "_supersede_previous", hold_after_locking)
    outcomes: dict[str, object] = {}

    def approve():
        try:
            if how == "one":
                plan_transition(plan_id=plan.pk, action=Action.APPROVE, actor=org.centre)
                outcomes["approve"] = "ok"
            else:
                (result,) = plan_bulk_approve(plan_ids=[plan.pk], actor=org.centre)
                outcomes["approve"] = "ok" if result.ok else result.message
        except TransitionError as exc:
            outcomes["approve"] = exc.message
        except Exception as exc:  # noqa: BLE001 - the test reports what a view would have answered with 500
            outcomes["approve"] = f"{type(exc).__name__}: {exc}"
        finally:
            locked.set()
            connections.close_all()

    def run_import():
        try:
            locked.wait(timeout=20)
            result = destination_import(rows_source=path, dry_run=False, actor=org.centre)
            outcomes["import"] = (result.ok, result.new)
        finally:
            imported.set()
            connections.close_all()

    threads = [threading.Thread(target=approve), threading.Thread(target=run_import)]
    # when the import commits between the approval's lock and its UPDATE
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    # then the import is recorded, and the approval is either told (one plan) or, retried plan by plan
    # (bulk), recorded after the import as the later act; never an uncaught IntegrityError
    assert outcomes["import"] == (True, 1), outcomes
    plan.refresh_from_db()
    imported_plan = DestinationPlan.objects.exclude(pk=plan.pk).get(graduate=org.own_graduate)
    if how == "one":
        assert outcomes["approve"] == str(MSG_REGISTRATION_CHANGED), outcomes
        assert plan.status == PlanStatus.COLLEGE_APPROVED
        assert imported_plan.status == PlanStatus.APPROVED
    else:
        assert outcomes["approve"] == "ok", outcomes
        assert plan.status == PlanStatus.APPROVED and plan.approved_at > imported_plan.approved_at
        assert imported_plan.status == PlanStatus.SUPERSEDED


# Run in a subprocess on a copy of the test database in a file: two threads, each with its own connection,
# act on one plan. Each waits (a little) after reading the plan for the other to have read it too, which is
# how two requests meet; under DEFERRED transactions both then hold a read lock and the second writer fails.
SQLITE_RACE = """
import json, sys, threading
import django
django.setup()
from django.db import connections
from apps.accounts.models import User
from apps.plans import services
from apps.plans.models import DestinationPlan, PlanStatus
from apps.plans.workflow import Action

plan_id, approver, returner = int(sys.argv[1]), sys.argv[2], sys.argv[3]
both_read, start = threading.Barrier(2), threading.Barrier(2)
real_refusal = services._refusal

def refusal_once_both_have_read(*args, **kwargs):
    try:
        both_read.wait(timeout=2)
    except threading.BrokenBarrierError:
        pass  # the other is waiting for the write lock: it will read after this one commits
    return real_refusal(*args, **kwargs)

services._refusal = refusal_once_both_have_read
outcomes = {}

def act(name, username, action):
    try:
        actor = User.objects.get(username=username)
        start.wait(timeout=10)
        services.plan_transition(
            plan_id=plan_id, action=action, actor=actor, comment="退回原因",
            expected_status=PlanStatus.SUBMITTED,
        )
        outcomes[name] = "ok"
    except services.TransitionError as exc:
        outcomes[name] = exc.message
    except Exception as exc:
        outcomes[name] = f"{type(exc).__name__}: {exc}"
    finally:
        connections.close_all()

threads = [
    threading.Thread(target=act, args=("approve", approver, Action.APPROVE)),
    threading.Thread(target=act, args=("return", returner, Action.RETURN)),
]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join(timeout=60)
status = DestinationPlan.objects.get(pk=plan_id).status
print(json.dumps({"outcomes": outcomes, "status": status}, ensure_ascii=False))
"""


@sqlite_only
def test_two_reviewers_at_once_on_a_sqlite_file_one_wins_and_the_other_is_told(code_tables, org, tmp_path):
    # given a submitted plan and two counsellors of its class, in a real SQLite database file
    plan = submitted_plan(org)
    second = make_user("counsellor", username="counsellor-a1-b")
    second.classes.add(org.class_a1)
    path = tmp_path / "race.sqlite3"
    connection.ensure_connection()
    copy = sqlite3.connect(path)
    connection.connection.backup(copy)
    copy.close()

    # when one approves and the other returns at the same moment, each on its own connection
    completed = subprocess.run(
        [sys.executable, "-c", SQLITE_RACE, str(plan.pk), org.counsellor.username, second.username],
        cwd=PROJECT_ROOT,
        env=dict(
            os.environ,
            DJANGO_SETTINGS_MODULE="hpi_employment.settings.test",
            DATABASE_URL=f"sqlite:///{path}",
        ),
        capture_output=True,
        timeout=120,
    )

    # then one wins and the other gets the message, never "database is locked"
    assert completed.returncode == 0, completed.stderr.decode()
    report = json.loads(completed.stdout.decode().splitlines()[-1])
    outcomes, status = report["outcomes"], PlanStatus(report["status"])
    winners = [name for name, outcome in outcomes.items() if outcome == "ok"]
    assert len(winners) == 1, outcomes
    loser = "return" if winners == ["approve"] else "approve"
    assert outcomes[loser] == MSG_ALREADY_HANDLED.format(status=status.label), outcomes
    assert status == (PlanStatus.COUNSELLOR_APPROVED if winners == ["approve"] else PlanStatus.RETURNED)
