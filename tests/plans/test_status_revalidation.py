"""The status page students reload through the deadline rush (issue 14): a browser that asks again with the
page's ETag gets 304 without the page being built while nothing it shows has changed, and the whole page as
soon as anything has: the plan's status or any of its fields, a file, an event, a notification, the cohort's
dates, the student's record, the day, a message waiting to be shown, the release."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.graduates.models import Graduate
from apps.plans.models import DestinationPlan, Notification
from apps.plans.services import evidence_add, evidence_remove, notifications_mark_read, plan_transition
from apps.plans.workflow import Action
from hpi_employment import release

from ..factories import make_student_user
from .factories import pdf, submitted_plan

pytestmark = pytest.mark.django_db

# user, the graduate with its cohort and unread count, the plans with their newest event and files (the
# session comes from its cache: tests/accounts/test_cached_sessions.py).
REVALIDATION_QUERIES = 3
MINE = reverse("plans:mine")


@pytest.fixture
def student(client, org):
    submitted_plan(org)
    client.force_login(org.student)
    client.get(MINE)  # the first request stamps the session's activity and sets the CSRF cookie
    return org.student


def _tag(client) -> str:
    response = client.get(MINE)
    assert response.status_code == 200
    return response["ETag"]


def _reload(client, tag: str):
    return client.get(MINE, HTTP_IF_NONE_MATCH=tag)


def test_an_unchanged_page_is_answered_304_in_three_queries(client, student, django_assert_max_num_queries):
    response = client.get(MINE)
    assert response["ETag"]
    # The browser keeps it for this user only and asks again at every reload: no stale status is ever shown.
    assert set(response["Cache-Control"].split(", ")) == {"private", "no-cache"}
    with django_assert_max_num_queries(REVALIDATION_QUERIES):
        again = _reload(client, response["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == response["ETag"]


def test_a_browser_without_the_tag_or_with_an_old_one_gets_the_page(client, student):
    tag = _tag(client)
    assert client.get(MINE).status_code == 200
    assert _reload(client, '"not-this-page"').status_code == 200
    assert _reload(client, tag).status_code == 304


def test_every_change_the_page_shows_gives_the_whole_page_again(client, org, student):
    plan = DestinationPlan.objects.get(graduate=org.own_graduate)
    changes = {
        "the counsellor approves": lambda: plan_transition(
            plan_id=plan.pk, action=Action.APPROVE, actor=org.counsellor
        ),
        "the college returns it with a reason": lambda: plan_transition(
            plan_id=plan.pk, action=Action.RETURN, actor=org.college_officer, comment="合同不清晰"
        ),
        "the student uploads a file": lambda: evidence_add(
            plan=plan, actor=org.student, kind="contract", uploaded=pdf("清晰的合同.pdf")
        ),
        "the student removes it": lambda: evidence_remove(
            evidence_id=plan.evidence.latest("pk").pk, actor=org.student
        ),
        "a field changed by an UPDATE that leaves updated_at": lambda: DestinationPlan.objects.filter(
            pk=plan.pk
        ).update(employer_name="孝感市第一人民医院"),
        "a notification arrives": lambda: Notification.objects.create(
            recipient=org.student, message="请补充材料"
        ),
        "the student reads it": lambda: notifications_mark_read(user=org.student),
        "the centre moves the cohort's deadline": lambda: (
            type(org.own_graduate.cohort)
            .objects.filter(pk=org.own_graduate.cohort_id)
            .update(correction_deadline=datetime.date(2021, 1, 31))
        ),
        "the student's record is corrected": lambda: Graduate.objects.filter(pk=org.own_graduate.pk).update(
            phone="13900000000"
        ),
    }
    for change, make in changes.items():
        tag = _tag(client)
        make()
        response = _reload(client, tag)
        assert response.status_code == 200, change
        assert response["ETag"] != tag, change
        assert _reload(client, response["ETag"]).status_code == 304, change
    page = client.get(MINE).content.decode()
    assert "合同不清晰" in page and "孝感市第一人民医院" in page


def test_a_message_waiting_to_be_shown_is_never_lost_in_a_304(client, org, student):
    tag = _tag(client)
    plan = DestinationPlan.objects.get(graduate=org.own_graduate)
    response = client.post(
        reverse("plans:act", args=[plan.pk]), {"action": Action.WITHDRAW, "expected_status": "submitted"}
    )
    assert response.status_code == 302
    shown = _reload(client, tag)
    assert shown.status_code == 200
    assert "已撤回" in shown.content.decode()
    assert "已撤回" not in client.get(MINE).content.decode()  # shown once, not kept for later


def test_the_next_day_and_the_next_release_give_the_page_again(client, student, monkeypatch):
    tag = _tag(client)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: tomorrow)
    assert _reload(client, tag).status_code == 200
    tag = _tag(client)
    monkeypatch.setattr(release, "release_tag", lambda: "another-release")
    monkeypatch.setattr("apps.plans.views.release_tag", release.release_tag)
    assert _reload(client, tag).status_code == 200


def test_one_students_tag_opens_nothing_of_another(client, org, student):
    tag = _tag(client)
    other = make_student_user(org.graduates["a1"][1])
    client.force_login(other)
    response = _reload(client, tag)
    assert response.status_code == 200
    assert org.own_graduate.name not in response.content.decode()


def test_logging_in_again_renders_the_page_with_the_new_forms_token(client, org, student):
    tag = _tag(client)
    client.logout()
    client.force_login(org.student)
    client.get(MINE)
    assert _reload(client, tag).status_code == 200
