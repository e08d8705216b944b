"""The reviewer's day in the queue: redirect after every POST, filters kept, errors on the plan page,
the next plan, bulk approval that names graduates and asks for a selection."""

from urllib.parse import urlencode

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from apps.plans import views
from apps.plans.models import PlanStatus
from apps.plans.services import MSG_COMMENT_REQUIRED

from ..factories import make_graduate, make_student_user
from .factories import submitted_plan

pytestmark = pytest.mark.django_db


def _messages(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.fixture
def three_waiting(org):
    """Three plans waiting for the A1 counsellor, oldest first: the student's and two classmates'."""
    plans = [submitted_plan(org)]
    for _ in range(2):
        graduate = make_graduate(org.class_a1)
        make_student_user(graduate)
        plans.append(submitted_plan(org, graduate=graduate))
    return plans


def test_bulk_approve_redirects_back_to_the_queue_with_its_filters(client, org, three_waiting):
    client.force_login(org.counsellor)
    queue = f"{reverse('plans:queue')}?{urlencode({'q': '2020', 'class_group': org.class_a1.pk})}"
    response = client.post(reverse("plans:bulk_approve"), {"plan": [three_waiting[0].pk], "next": queue})
    assert response.status_code == 302
    assert response["Location"] == queue
    three_waiting[0].refresh_from_db()
    assert three_waiting[0].status == PlanStatus.COUNSELLOR_APPROVED


def test_bulk_approve_results_name_the_graduate_after_the_redirect(client, org, three_waiting):
    client.force_login(org.counsellor)
    first = three_waiting[0]
    response = client.post(reverse("plans:bulk_approve"), {"plan": [first.pk]}, follow=True)
    body = response.content.decode()
    assert response.redirect_chain[-1][0].startswith(reverse("plans:queue"))
    assert f"{first.graduate.name} {first.graduate.student_no}" in body
    assert f"方案 #{first.pk}" not in body
    # shown once: a reload of the queue does not show the results again
    assert first.graduate.name not in client.get(reverse("plans:queue")).content.decode()


def test_bulk_approve_with_nothing_ticked_asks_to_tick_rows_and_does_nothing(client, org, three_waiting):
    client.force_login(org.counsellor)
    response = client.post(reverse("plans:bulk_approve"), {})
    assert response.status_code == 302
    assert _messages(response) == [str(views.MSG_BULK_NONE_SELECTED)]
    assert all(p.status == PlanStatus.SUBMITTED for p in type(three_waiting[0]).objects.all())


def test_an_unsafe_next_is_ignored(client, org, three_waiting):
    client.force_login(org.counsellor)
    response = client.post(
        reverse("plans:bulk_approve"), {"plan": [three_waiting[0].pk], "next": "https://evil.example/queue/"}
    )
    assert response["Location"] == reverse("plans:queue")


def test_a_return_without_a_reason_stays_on_the_plan_page_with_the_error(client, org, three_waiting):
    plan = three_waiting[0]
    client.force_login(org.counsellor)
    response = client.post(
        reverse("plans:act", args=[plan.pk]),
        {"action": "return", "expected_status": "submitted", "comment": "  ", "next": reverse("plans:queue")},
    )
    assert response.status_code == 200
    assert response.templates[0].name == "plans/plan_detail.html"
    assert str(MSG_COMMENT_REQUIRED) in response.content.decode()
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SUBMITTED


def test_a_refused_approval_keeps_what_was_typed(client, org, three_waiting):
    plan = three_waiting[0]
    client.force_login(org.counsellor)
    client.post(reverse("plans:act", args=[plan.pk]), {"action": "approve", "expected_status": "submitted"})
    # a stale page: the reviewer had typed a reason to return it
    response = client.post(
        reverse("plans:act", args=[plan.pk]),
        {"action": "return", "expected_status": "submitted", "comment": "请补充盖章页"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "已被他人处理" in body and "请补充盖章页" in body


def test_after_approve_the_reviewer_is_back_in_the_filtered_queue(client, org, three_waiting):
    plan = three_waiting[1]
    client.force_login(org.counsellor)
    queue = f"{reverse('plans:queue')}?{urlencode({'q': plan.graduate.student_no})}"
    response = client.post(
        reverse("plans:act", args=[plan.pk]),
        {"action": "approve", "expected_status": "submitted", "next": queue},
    )
    assert response["Location"] == queue


def test_the_queue_links_plans_with_the_queue_as_next(client, org, three_waiting):
    client.force_login(org.counsellor)
    queue = f"{reverse('plans:queue')}?{urlencode({'class_group': org.class_a1.pk})}"
    body = client.get(queue).content.decode()
    detail = reverse("plans:detail", args=[three_waiting[0].pk])
    assert f'href="{detail}?{urlencode({"next": queue})}"' in body


def test_next_plan_button_follows_the_queue_order_and_filters(client, org, three_waiting):
    first, second, third = three_waiting
    client.force_login(org.counsellor)
    query = {"q": "", "class_group": org.class_a1.pk}
    queue = f"{reverse('plans:queue')}?{urlencode(query)}"
    response = client.get(reverse("plans:detail", args=[first.pk]), {"next": queue})
    assert response.context["next_plan"].pk == second.pk
    response = client.get(reverse("plans:detail", args=[second.pk]), {"next": queue})
    assert response.context["next_plan"].pk == third.pk
    response = client.get(reverse("plans:detail", args=[third.pk]), {"next": queue})
    assert response.context["next_plan"] is None
    # a search that keeps only the third: next after the first is the third
    filtered = f"{reverse('plans:queue')}?{urlencode({'q': third.graduate.student_no})}"
    response = client.get(reverse("plans:detail", args=[first.pk]), {"next": filtered})
    assert response.context["next_plan"].pk == third.pk
    assert f"{reverse('plans:detail', args=[third.pk])}?{urlencode({'next': filtered})}" in (
        response.content.decode().replace("&amp;", "&")
    )


def test_the_plan_list_links_plans_back_to_the_filtered_list(client, org, three_waiting):
    client.force_login(org.centre)
    listing = f"{reverse('plans:list')}?{urlencode({'class_group': org.class_a1.pk})}"
    body = client.get(listing).content.decode()
    detail = reverse("plans:detail", args=[three_waiting[0].pk])
    assert f'href="{detail}?{urlencode({"next": listing})}"' in body
    page = client.get(detail, {"next": listing})
    assert page.context["back"] == listing and page.context["next_plan"] is None
