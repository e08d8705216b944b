"""The student's one page: save, upload (and remove or replace a wrong file), submit; forms say what they
need (accepted types, the size limit, required fields) and every dropdown's empty choice is Chinese."""

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apps.plans import services, views
from apps.plans.forms import EvidenceForm, PlanForm
from apps.plans.models import DestinationPlan, PlanStatus
from apps.plans.services import evidence_add, plan_save_draft

from ..factories import make_student_user
from .factories import PDF_BYTES, code, employment_data, pdf, submitted_plan

pytestmark = pytest.mark.django_db

PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def _messages(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.fixture
def draft(org):
    plan = plan_save_draft(graduate=org.own_graduate, actor=org.student, data=employment_data())
    return plan, evidence_add(plan=plan, actor=org.student, kind="contract", uploaded=pdf("错的文件.pdf"))


def _plan_post(**overrides):
    data = employment_data()
    post = {name: getattr(value, "pk", value) for name, value in data.items()}
    post.update(overrides)
    return post


def test_saving_a_plan_lands_on_the_page_where_the_student_uploads_and_submits(client, org):
    client.force_login(org.student)
    response = client.post(reverse("plans:create"), _plan_post())
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("plans:mine"))
    page = client.get(response["Location"]).content.decode()
    plan = DestinationPlan.objects.get()
    assert reverse("plans:evidence_upload", args=[plan.pk]) in page
    assert "提交审核" in page


def test_the_student_can_remove_a_wrong_file_before_submitting(client, org, draft):
    plan, wrong = draft
    client.force_login(org.student)
    response = client.post(reverse("plans:evidence_remove", args=[wrong.pk]))
    assert response.status_code == 302
    assert _messages(response) == [str(views.MSG_EVIDENCE_REMOVED)]
    assert list(plan.evidence.filter(removal__isnull=True)) == []
    page = client.get(reverse("plans:mine")).content.decode()
    assert "错的文件.pdf" not in page
    # nobody gets the removed file any more, and it no longer counts for submission
    assert client.get(reverse("plans:evidence_download", args=[wrong.pk])).status_code == 404
    with pytest.raises(services.TransitionError):
        services.plan_transition(plan_id=plan.pk, action="submit", actor=org.student)


def test_the_student_can_replace_a_wrong_file_with_the_same_kind(client, org, draft):
    plan, wrong = draft
    client.force_login(org.student)
    right = SimpleUploadedFile("劳动合同.png", PNG_BYTES, content_type="image/png")
    response = client.post(reverse("plans:evidence_replace", args=[wrong.pk]), {"file": right})
    assert _messages(response) == [str(views.MSG_EVIDENCE_REPLACED)]
    (current,) = plan.evidence.filter(removal__isnull=True)
    assert (current.kind, current.original_name, current.content_type) == (
        "contract",
        "劳动合同.png",
        "image/png",
    )
    assert wrong.removal.replaced_by == current


def test_only_the_owner_removes_and_only_before_submission(org, draft):
    plan, wrong = draft
    classmate = org.graduates["a1"][1]
    make_student_user(classmate)
    with pytest.raises(services.PermissionDenied):
        services.evidence_remove(evidence_id=wrong.pk, actor=classmate.user)
    with pytest.raises(services.PermissionDenied):
        services.evidence_remove(evidence_id=wrong.pk, actor=org.counsellor)
    submitted = submitted_plan(org, graduate=classmate)
    with pytest.raises(services.ValidationError) as error:
        services.evidence_remove(evidence_id=submitted.evidence.get().pk, actor=classmate.user)
    assert error.value.messages == [str(services.MSG_NOT_EDITABLE)]
    with pytest.raises(services.ValidationError):
        services.evidence_replace(
            evidence_id=submitted.evidence.get().pk, actor=classmate.user, uploaded=pdf()
        )
    assert submitted.evidence.filter(removal__isnull=True).count() == 1


def test_a_removal_of_someone_elses_file_through_the_page_is_not_found(client, org, draft):
    plan, wrong = draft
    classmate = org.graduates["a1"][1]
    client.force_login(make_student_user(classmate))
    assert client.post(reverse("plans:evidence_remove", args=[wrong.pk])).status_code == 404
    client.force_login(org.counsellor)
    assert client.post(reverse("plans:evidence_remove", args=[wrong.pk])).status_code == 403
    assert plan.evidence.filter(removal__isnull=True).count() == 1


def test_a_removed_file_is_removed_once(org, draft):
    plan, wrong = draft
    services.evidence_remove(evidence_id=wrong.pk, actor=org.student)
    with pytest.raises(services.ValidationError) as error:
        services.evidence_remove(evidence_id=wrong.pk, actor=org.student)
    assert error.value.messages == [str(services.MSG_EVIDENCE_ALREADY_REMOVED)]


def test_the_file_input_states_types_and_size_limit(client, org, draft):
    client.force_login(org.student)
    page = client.get(reverse("plans:mine")).content.decode()
    assert 'accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"' in page
    assert "不超过 5 MB" in page


def test_required_fields_are_marked(org):
    plan_form = PlanForm(cohort=org.own_graduate.cohort)
    assert 'class="required"' in plan_form["destination"].label_tag()
    # detail fields are required by destination: each option says which (static/js/plan_form.js marks them)
    html = str(plan_form["destination"])
    assert f'value="{code("11").pk}" data-fields=' in html and "data-required=" in html
    evidence_form = EvidenceForm()
    assert 'class="required"' in evidence_form["file"].label_tag()


def test_no_dropdown_says_select_an_option(client, org, admin_client):
    client.force_login(org.student)
    plan_page = client.get(reverse("plans:create")).content.decode()
    assert "Select an option" not in plan_page
    assert '<option value="" selected>请选择</option>' in plan_page
    client.force_login(org.counsellor)
    queue = client.get(reverse("plans:queue")).content.decode()
    assert "---------" not in queue and "Select an option" not in queue
    assert '<option value="" selected>全部</option>' in queue
    admin_page = admin_client.get(reverse("admin:plans_destinationplan_changelist")).content.decode()
    assert "Select an option" not in admin_page and "---------" not in admin_page


def test_the_removal_keeps_the_record(org, draft):
    plan, wrong = draft
    services.evidence_remove(evidence_id=wrong.pk, actor=org.student)
    wrong.refresh_from_db()
    assert wrong.removal.removed_by == org.student
    assert wrong.file.read() == PDF_BYTES  # append-only: the row and file stay, hidden from every list
    assert plan.status == PlanStatus.DRAFT
