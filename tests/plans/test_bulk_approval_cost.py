"""Bulk approval costs the same number of queries for 2 plans or 8 (no per-plan query), and its notification
mails go out as one task per batch, so a failing mail server never fails the move."""

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.plans import notifications
from apps.plans.models import Notification, PlanEvent, PlanStatus
from apps.plans.services import plan_bulk_approve
from apps.plans.workflow import Action

from ..factories import make_graduate, make_student_user
from .factories import submitted_plan

pytestmark = pytest.mark.django_db


class FailingMailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise ConnectionRefusedError("SMTP server down")


def _waiting(org, count: int) -> list[int]:
    ids = []
    for _ in range(count):
        graduate = make_graduate(org.class_a1)
        make_student_user(graduate)
        ids.append(submitted_plan(org, graduate=graduate).pk)
    return ids


def _approve_counting(org, ids, capture) -> int:
    with CaptureQueriesContext(connection) as queries, capture(execute=True):
        results = plan_bulk_approve(plan_ids=ids, actor=org.counsellor)
    assert all(r.ok for r in results), results
    return len(queries)


def test_bulk_approval_query_count_does_not_grow_with_the_batch(org, django_capture_on_commit_callbacks):
    org.college_officer.email = "xy@example.com"
    org.college_officer.save()
    few = _approve_counting(org, _waiting(org, 2), django_capture_on_commit_callbacks)
    many = _approve_counting(org, _waiting(org, 8), django_capture_on_commit_callbacks)
    assert many == few


def test_bulk_approval_query_count_is_pinned(
    org, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    ids = _waiting(org, 5)
    with django_assert_max_num_queries(12), django_capture_on_commit_callbacks(execute=True):
        plan_bulk_approve(plan_ids=ids, actor=org.counsellor)
    assert PlanEvent.objects.filter(plan_id__in=ids, action=Action.APPROVE).count() == 5


class _EnqueueSpy:
    def __init__(self, task):
        self.task, self.calls = task, []

    def enqueue(self, *args):
        self.calls.append(args)
        return self.task.enqueue(*args)


def test_a_bulk_approval_enqueues_one_mail_task_that_sends_the_mails(
    org, monkeypatch, django_capture_on_commit_callbacks
):
    org.college_officer.email = "xy@example.com"
    org.college_officer.save()
    spy = _EnqueueSpy(notifications.send_notification_mail)
    monkeypatch.setattr(notifications, "send_notification_mail", spy)
    ids = _waiting(org, 3)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        plan_bulk_approve(plan_ids=ids, actor=org.counsellor)
    assert len(spy.calls) == 1
    assert len(spy.calls[0][0]) == 3
    assert [m.to for m in mail.outbox] == [["xy@example.com"]] * 3
    assert Notification.objects.filter(recipient=org.college_officer, plan_id__in=ids).count() == 3


def test_a_failing_mail_server_does_not_fail_the_move(org, settings, django_capture_on_commit_callbacks):
    settings.MAILERS = {"default": {"BACKEND": f"{__name__}.FailingMailBackend"}}
    org.college_officer.email = "xy@example.com"
    org.college_officer.save()
    ids = _waiting(org, 2)
    with django_capture_on_commit_callbacks(execute=True):
        results = plan_bulk_approve(plan_ids=ids, actor=org.counsellor)
    assert all(r.ok for r in results)
    assert set(
        type(PlanEvent.objects.first().plan).objects.filter(pk__in=ids).values_list("status", flat=True)
    ) == {PlanStatus.COUNSELLOR_APPROVED}
    assert Notification.objects.filter(recipient=org.college_officer, plan_id__in=ids).count() == 2


def test_reminders_go_by_the_mail_task_and_survive_a_failing_mail_server(org, settings):
    graduate = org.own_graduate
    org.student.email = "stu@example.com"
    org.student.save()
    mail.outbox.clear()
    assert notifications.notify_graduates([graduate], "【催报】请填报") == 1
    assert [m.to for m in mail.outbox] == [["stu@example.com"]]
    settings.MAILERS = {"default": {"BACKEND": f"{__name__}.FailingMailBackend"}}
    assert notifications.notify_graduates([graduate], "【催报】请填报") == 1
    assert Notification.objects.filter(recipient=org.student).count() == 2
