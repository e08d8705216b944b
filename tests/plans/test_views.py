import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apps.accounts.models import Role
from apps.plans import views
from apps.plans.models import DestinationPlan, PlanStatus
from apps.plans.services import MSG_COMMENT_REQUIRED, MSG_EVIDENCE_TYPE
from apps.plans.views import MSG_SAVED

from ..factories import make_graduate, make_student_user
from .factories import PDF_BYTES, approved_plan, code, submitted_plan, waiting_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def outsider_plans(org):
    """A submitted plan in each class: A1 (the student's classmate), A2 and B1."""
    plans = {}
    for key, klass in (("a1_other", org.class_a1), ("a2", org.class_a2), ("b1", org.class_b1)):
        graduate = org.graduates["a1"][1] if key == "a1_other" else make_graduate(klass)
        make_student_user(graduate)
        plans[key] = submitted_plan(org, graduate=graduate)
    return plans


OUTSIDE = {
    Role.STUDENT: ["a1_other", "a2", "b1"],
    Role.COUNSELLOR: ["a2", "b1"],
    Role.COLLEGE: ["b1"],
}
CASES = [(role, key) for role, keys in OUTSIDE.items() for key in keys]


@pytest.mark.parametrize(("role", "key"), CASES)
def test_plans_outside_scope_are_not_found_for_view_act_and_evidence(client, org, outsider_plans, role, key):
    plan = outsider_plans[key]
    evidence = plan.evidence.first()
    client.force_login(org.user_for(role))
    assert client.get(reverse("plans:detail", args=[plan.pk])).status_code == 404
    assert client.get(reverse("plans:evidence_download", args=[evidence.pk])).status_code == 404
    response = client.post(
        reverse("plans:act", args=[plan.pk]),
        {"action": "approve", "expected_status": plan.status, "comment": ""},
    )
    assert response.status_code == 404
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SUBMITTED


@pytest.mark.parametrize("role", [Role.COUNSELLOR, Role.COLLEGE, Role.CENTRE, Role.STUDENT])
def test_plans_in_scope_and_their_evidence_are_shown(client, org, role):
    plan = submitted_plan(org)
    client.force_login(org.user_for(role))
    assert client.get(reverse("plans:detail", args=[plan.pk])).status_code == 200
    response = client.get(reverse("plans:evidence_download", args=[plan.evidence.first().pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Type"] == "application/pdf"


def test_queue_shows_only_what_waits_at_my_level_in_my_scope(client, org, outsider_plans):
    mine = submitted_plan(org)
    client.force_login(org.counsellor)
    listed = {p.pk for p in client.get(reverse("plans:queue")).context["page"].object_list}
    assert listed == {mine.pk, outsider_plans["a1_other"].pk}
    client.force_login(org.college_officer)
    assert list(client.get(reverse("plans:queue")).context["page"].object_list) == []


@pytest.mark.parametrize("role", [Role.STUDENT, Role.ADMIN])
def test_queue_is_for_reviewers_only(client, org, role):
    client.force_login(org.user_for(role))
    assert client.get(reverse("plans:queue")).status_code == 403


def test_a_post_that_sets_status_or_owner_is_ignored(client, org):
    other = org.graduates["b1"][0]
    client.force_login(org.student)
    data = {
        "destination": code("70").pk,
        "not_employed_reason": waiting_data()["not_employed_reason"].pk,
        "status": "approved",
        "graduate": other.pk,
        "approved_on": "2020-08-01",
        "created_by": org.centre.pk,
    }
    response = client.post(reverse("plans:create"), data, follow=True)
    assert str(MSG_SAVED) in response.content.decode()
    plan = DestinationPlan.objects.get()
    assert (plan.status, plan.graduate_id, plan.approved_on, plan.created_by_id) == (
        PlanStatus.DRAFT,
        org.own_graduate.pk,
        None,
        org.student.pk,
    )


def test_reviewer_approves_and_returns_through_the_page(client, org):
    plan = submitted_plan(org)
    client.force_login(org.counsellor)
    response = client.post(
        reverse("plans:act", args=[plan.pk]),
        {"action": "return", "expected_status": "submitted", "comment": ""},
        follow=True,
    )
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SUBMITTED  # a return without a reason is refused
    assert str(MSG_COMMENT_REQUIRED) in response.content.decode()
    client.post(reverse("plans:act", args=[plan.pk]), {"action": "approve", "expected_status": "submitted"})
    plan.refresh_from_db()
    assert plan.status == PlanStatus.COUNSELLOR_APPROVED


def test_a_stale_page_gets_a_clear_message(client, org):
    plan = submitted_plan(org)
    client.force_login(org.counsellor)
    client.post(reverse("plans:act", args=[plan.pk]), {"action": "approve", "expected_status": "submitted"})
    response = client.post(
        reverse("plans:act", args=[plan.pk]),
        {"action": "approve", "expected_status": "submitted"},
        follow=True,
    )
    assert "已被他人处理" in response.content.decode()


def test_evidence_must_be_pdf_or_image_by_content(client, org):
    client.force_login(org.student)
    client.post(
        reverse("plans:create"),
        {"destination": code("70").pk, "not_employed_reason": waiting_data()["not_employed_reason"].pk},
    )
    plan = DestinationPlan.objects.get()
    fake = SimpleUploadedFile("合同.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = client.post(
        reverse("plans:evidence_upload", args=[plan.pk]), {"kind": "contract", "file": fake}, follow=True
    )
    assert str(MSG_EVIDENCE_TYPE) in response.content.decode()
    assert plan.evidence.count() == 0


def test_student_page_shows_the_return_reason(client, org):
    from apps.plans.services import plan_transition
    from apps.plans.workflow import Action

    plan = submitted_plan(org)
    plan_transition(
        plan_id=plan.pk, action=Action.RETURN, actor=org.counsellor, comment="请上传盖章的就业协议"
    )
    client.force_login(org.student)
    body = client.get(reverse("plans:mine")).content.decode()
    assert "请上传盖章的就业协议" in body


def test_bulk_approve_page_reports_each_plan(client, org, outsider_plans):
    mine = submitted_plan(org)
    client.force_login(org.counsellor)
    response = client.post(
        reverse("plans:bulk_approve"), {"plan": [mine.pk, outsider_plans["b1"].pk]}, follow=True
    )
    results = {r["graduate"]: r["ok"] for r in response.context["bulk_results"]}
    outside = str(views.MSG_OUT_OF_SCOPE.format(pk=outsider_plans["b1"].pk))
    assert results == {f"{mine.graduate.name} {mine.graduate.student_no}": True, outside: False}
    outsider_plans["b1"].refresh_from_db()
    assert outsider_plans["b1"].status == PlanStatus.SUBMITTED


@pytest.mark.parametrize("extra", [0, 30])
def test_queue_query_count_is_constant(client, org, django_assert_max_num_queries, extra):
    for _ in range(extra):
        graduate = make_graduate(org.class_a1)
        make_student_user(graduate)
        submitted_plan(org, graduate=graduate)
    client.force_login(org.counsellor)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("plans:queue"))
    assert len(response.context["page"].object_list) == extra


def test_plan_list_query_count_is_constant(client, org, django_assert_max_num_queries):
    for _ in range(20):
        graduate = make_graduate(org.class_b1)
        make_student_user(graduate)
        approved_plan_for_b1 = submitted_plan(org, graduate=graduate)
        assert approved_plan_for_b1.pk
    client.force_login(org.centre)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("plans:list")).status_code == 200


def test_change_request_from_the_student_page(client, org):
    approved_plan(org)
    client.force_login(org.student)
    page = client.get(reverse("plans:mine")).content.decode()
    assert "申请变更去向" in page
