"""Registration integrity in the workflow (issue 10): a plan found false is kept as checked and corrected by a
new plan, with its content history; a finding is never blocked and the centre can cancel an open plan; the
plan restored after a finding is the one the cut-off selector counts; the registration window and the
correction deadline leave no dead end."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from apps.accounts.models import Role
from apps.graduates.models import Graduate
from apps.plans import verification as v
from apps.plans.history import plan_history
from apps.plans.models import (
    OPEN_STATUSES,
    DestinationPlan,
    Notification,
    PlanEvent,
    PlanStatus,
    VerificationResult,
)
from apps.plans.progress import employment_progress
from apps.plans.selectors import effective_plans, plan_actions_for, student_plans
from apps.plans.services import (
    MSG_CANCEL_REASON_REQUIRED,
    MSG_FALSE_NOT_EDITABLE,
    MSG_NOT_ALLOWED,
    TransitionError,
    evidence_add,
    plan_save_draft,
    plan_transition,
)
from apps.plans.workflow import INTERNAL_ACTIONS, MSG_CORRECTION_CLOSED, MSG_WINDOW_CLOSED, Action

from ..factories import make_student_user
from ..html import assert_no_inline_script_or_style
from .factories import approved_plan, employment_data, pdf, submitted_plan, waiting_data

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate
DAY = datetime.timedelta(days=1)
USER_ACTIONS = [a for a in Action if a not in INTERNAL_ACTIONS]


def find_false(org, plan, note="单位称无此人"):
    """The centre draws the plan's college and records 核查 不属实 on the plan."""
    batch = v.verification_batch_draw(actor=org.centre, cohort=plan.graduate.cohort, college=org.college_a)
    return v.verification_record(
        verification_id=batch.verifications.get(plan=plan).pk,
        actor=org.centre,
        method="employer",
        checked_on=TODAY(),
        result=VerificationResult.FALSE,
        note=note,
    )


def through_reviews(org, plan):
    for reviewer in (org.counsellor, org.college_officer, org.centre):
        plan = plan_transition(plan_id=plan.pk, action=Action.APPROVE, actor=reviewer)
    return plan


def submit(org, plan):
    return plan_transition(plan_id=plan.pk, action=Action.SUBMIT, actor=org.student)


def plan_in_status(org, status):
    """A plan of org's student brought to an open ``status`` through the services."""
    if status == PlanStatus.DRAFT:
        return plan_save_draft(graduate=org.own_graduate, actor=org.student, data=waiting_data())
    plan = submitted_plan(org)
    path = {
        PlanStatus.SUBMITTED: [],
        PlanStatus.COUNSELLOR_APPROVED: [org.counsellor],
        PlanStatus.COLLEGE_APPROVED: [org.counsellor, org.college_officer],
        PlanStatus.RETURNED: [],
    }[status]
    for reviewer in path:
        plan = plan_transition(plan_id=plan.pk, action=Action.APPROVE, actor=reviewer)
    if status == PlanStatus.RETURNED:
        plan = plan_transition(plan_id=plan.pk, action=Action.RETURN, actor=org.counsellor, comment="缺材料")
    return plan


# --- 3. a plan found false is kept as checked; the correction is a new plan ---------------------------------


def test_a_plan_found_false_is_never_edited_never_counted_and_is_corrected_by_a_new_plan(
    org, django_capture_on_commit_callbacks
):
    # given a plan registered through the three reviews, then found false by 核查
    plan = approved_plan(org)
    with django_capture_on_commit_callbacks(execute=True):
        find_false(org, plan, note="单位称无此人")
    plan.refresh_from_db()
    assert plan.status == PlanStatus.FALSE
    assert Notification.objects.filter(recipient=org.student, message__contains="单位称无此人").exists()

    # then the student can neither edit it nor add evidence: it stays as it was checked
    with pytest.raises(ValidationError) as raised:
        plan_save_draft(
            graduate=org.own_graduate,
            actor=org.student,
            plan=plan,
            data=employment_data(employer_name="改写后的单位"),
        )
    assert raised.value.messages == [str(MSG_FALSE_NOT_EDITABLE)]
    with pytest.raises(ValidationError):
        evidence_add(plan=plan, actor=org.student, kind="contract", uploaded=pdf())
    plan.refresh_from_db()
    assert (plan.employer_name, plan.evidence.count()) == ("孝感市中心医院", 1)
    # and it is counted at no date
    assert not effective_plans(as_of=TODAY()).filter(graduate=org.own_graduate).exists()
    page = student_plans(graduate=org.own_graduate)
    assert page["found_false"] == plan and "单位称无此人" in page["finding"]
    assert page["in_force"] is None

    # when the student makes a new plan and it passes the three reviews
    correction = plan_save_draft(
        graduate=org.own_graduate, actor=org.student, data=employment_data(employer_name="孝感市第一人民医院")
    )
    evidence_add(plan=correction, actor=org.student, kind="contract", uploaded=pdf())
    correction = through_reviews(org, submit(org, correction))

    # then the correction is the registered destination and the false plan is untouched
    assert correction.status == PlanStatus.APPROVED and correction.pk != plan.pk
    assert [p.pk for p in effective_plans(as_of=TODAY()).filter(graduate=org.own_graduate)] == [correction.pk]
    plan.refresh_from_db()
    assert (plan.status, plan.employer_name) == (PlanStatus.FALSE, "孝感市中心医院")
    assert student_plans(graduate=org.own_graduate)["found_false"] is None


@pytest.mark.parametrize("status", [PlanStatus.FALSE, PlanStatus.CANCELLED])
def test_the_terminal_statuses_allow_no_move_to_anybody(org, status):
    plan = approved_plan(org)
    if status == PlanStatus.FALSE:
        plan_transition(plan_id=plan.pk, action=Action.VERIFY_FALSE, actor=org.centre, comment="不属实")
    else:
        plan = plan_save_draft(graduate=org.own_graduate, actor=org.student, data=waiting_data())
        plan_transition(plan_id=plan.pk, action=Action.CANCEL, actor=org.centre, comment="误建")
    for role in (Role.STUDENT, Role.COUNSELLOR, Role.COLLEGE, Role.CENTRE, Role.ADMIN):
        user = org.user_for(role)
        assert plan_actions_for(user, DestinationPlan.objects.get(pk=plan.pk)) == []
        for action in USER_ACTIONS:
            with pytest.raises((TransitionError, PermissionDenied)):
                plan_transition(plan_id=plan.pk, action=action, actor=user, comment="x")
    assert DestinationPlan.objects.get(pk=plan.pk).status == status


def test_plan_saves_record_who_changed_what_and_staff_see_it_on_the_plan_page(client, org):
    # given a plan saved by the student, returned, and corrected by them
    plan = submitted_plan(org, data=employment_data(employer_name="孝感市中心医院"))
    plan_transition(plan_id=plan.pk, action=Action.RETURN, actor=org.counsellor, comment="请写全称")
    plan_save_draft(
        graduate=org.own_graduate,
        actor=org.student,
        plan=plan,
        data=employment_data(employer_name="孝感市中心医院（孝感市第一人民医院）"),
    )

    # then each save names the student (called as a service, without a request) and why
    rows = list(plan.history.order_by("history_date", "history_id"))
    assert [(row.history_user, row.history_change_reason) for row in rows] == [
        (org.student, "本人填报"),
        (org.student, "本人修改"),
    ]
    latest, created = plan_history(plan)
    assert (latest.kind, created.kind) == ("修改", "新建")
    assert [(f.label, f.old, f.new) for f in latest.fields] == [
        ("单位名称", "孝感市中心医院", "孝感市中心医院（孝感市第一人民医院）")
    ]
    # and the centre sees it on the plan's page, the student does not
    client.force_login(org.centre)
    html = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert 'id="plan-history"' in html and "孝感市中心医院（孝感市第一人民医院）" in html
    assert_no_inline_script_or_style(html)
    client.force_login(org.student)
    assert 'id="plan-history"' not in client.get(reverse("plans:detail", args=[plan.pk])).content.decode()


def test_the_student_page_shows_the_finding_with_the_button_for_the_correction(client, org):
    plan = approved_plan(org)
    find_false(org, plan, note="本人称未就业")
    client.force_login(org.student)

    html = client.get(reverse("plans:mine")).content.decode()

    assert 'id="false-finding"' in html and "本人称未就业" in html
    assert f'href="{reverse("plans:create")}"' in html and "填报更正方案" in html
    assert f'href="{reverse("plans:edit", args=[plan.pk])}"' not in html
    assert_no_inline_script_or_style(html)
    # and the edit page of the false plan sends the student back with the reason
    response = client.get(reverse("plans:edit", args=[plan.pk]), follow=True)
    assert str(MSG_FALSE_NOT_EDITABLE) in response.content.decode()


def test_lists_filter_and_badge_the_new_statuses(client, org):
    plan = approved_plan(org)
    plan_transition(plan_id=plan.pk, action=Action.VERIFY_FALSE, actor=org.centre, comment="不属实")
    client.force_login(org.centre)

    response = client.get(reverse("plans:list"), {"status": PlanStatus.FALSE})

    assert [p.pk for p in response.context["page"].object_list] == [plan.pk]
    assert '<span class="status status-false">核查不属实</span>' in response.content.decode()
    assert list(client.get(reverse("plans:list"), {"status": "cancelled"}).context["page"].object_list) == []


# --- 4. the centre cancels an open plan ---------------------------------------------------------------------


@pytest.mark.parametrize("status", OPEN_STATUSES)
def test_the_centre_cancels_an_open_plan_with_a_reason_as_an_event(
    org, status, django_capture_on_commit_callbacks
):
    plan = plan_in_status(org, status)

    with pytest.raises(TransitionError) as raised:
        plan_transition(plan_id=plan.pk, action=Action.CANCEL, actor=org.centre, comment="  ")
    assert raised.value.message == str(MSG_CANCEL_REASON_REQUIRED)
    with django_capture_on_commit_callbacks(execute=True):
        plan_transition(plan_id=plan.pk, action=Action.CANCEL, actor=org.centre, comment="学生已确认另行填报")

    plan.refresh_from_db()
    assert plan.status == PlanStatus.CANCELLED
    event = PlanEvent.objects.filter(plan=plan).order_by("-pk").first()
    assert (event.action, event.from_status, event.to_status, event.actor, event.comment) == (
        Action.CANCEL,
        status,
        PlanStatus.CANCELLED,
        org.centre,
        "学生已确认另行填报",
    )
    assert Notification.objects.filter(recipient=org.student, message__contains="学生已确认另行填报").exists()
    # nothing blocks the student any more
    assert plan_save_draft(graduate=org.own_graduate, actor=org.student, data=waiting_data()).pk != plan.pk


@pytest.mark.parametrize("role", [Role.STUDENT, Role.COUNSELLOR, Role.COLLEGE, Role.ADMIN])
def test_only_the_centre_cancels(org, role):
    plan = plan_in_status(org, PlanStatus.SUBMITTED)

    with pytest.raises((TransitionError, PermissionDenied)) as raised:
        plan_transition(plan_id=plan.pk, action=Action.CANCEL, actor=org.user_for(role), comment="撤销")

    if raised.type is TransitionError:
        assert raised.value.message == str(MSG_NOT_ALLOWED)
    assert DestinationPlan.objects.get(pk=plan.pk).status == PlanStatus.SUBMITTED


def test_a_registered_plan_cannot_be_cancelled(org):
    plan = approved_plan(org)
    with pytest.raises(TransitionError):
        plan_transition(plan_id=plan.pk, action=Action.CANCEL, actor=org.centre, comment="撤销")
    assert DestinationPlan.objects.get(pk=plan.pk).status == PlanStatus.APPROVED


def test_the_centre_cancels_through_the_plan_page(client, org):
    plan = plan_in_status(org, PlanStatus.RETURNED)
    client.force_login(org.counsellor)
    assert 'value="cancel"' not in client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    client.force_login(org.centre)
    html = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert 'value="cancel"' in html and "撤销原因（必填）" in html

    response = client.post(
        reverse("plans:act", args=[plan.pk]),
        {"action": "cancel", "expected_status": "returned", "comment": "该生已离校，方案作废"},
    )

    assert response.status_code == 302 and response.url == reverse("plans:detail", args=[plan.pk])
    plan.refresh_from_db()
    assert plan.status == PlanStatus.CANCELLED


# --- 5. the plan restored after a finding is the one the report counts ---------------------------------------


def test_a_false_finding_on_the_plan_in_force_restores_the_latest_registered_plan_not_the_replaced_one(org):
    graduate = org.own_graduate
    # given A in force (registered 20 days ago)
    first = approved_plan(org)
    a_day = TODAY() - 20 * DAY
    DestinationPlan.objects.filter(pk=first.pk).update(
        approved_on=a_day, approved_at=timezone.make_aware(datetime.datetime.combine(a_day, datetime.time(9)))
    )
    # and the student's change B submitted (B replaces A)
    change = submit(org, plan_save_draft(graduate=graduate, actor=org.student, data=waiting_data("拟升学")))
    assert change.replaces_id == first.pk
    # and, while B is in review, a registration I from the provincial platform supersedes A, written as the
    # destination import writes it (imports now refuse this; a plan registered meanwhile can still be there)
    i_day = TODAY() - 10 * DAY
    DestinationPlan.objects.filter(pk=first.pk).update(status=PlanStatus.SUPERSEDED)
    stamp = timezone.make_aware(datetime.datetime.combine(i_day, datetime.time(12)))
    imported = DestinationPlan.objects.create(
        graduate=graduate,
        destination=employment_data()["destination"],
        status=PlanStatus.APPROVED,
        replaces=first,
        created_by=org.centre,
        approved_on=i_day,
        approved_at=stamp,
        status_changed_at=stamp,
        **{k: val for k, val in employment_data(employer_name="武汉某公司").items() if k != "destination"},
    )
    # and B approved (it supersedes I)
    change = through_reviews(org, change)
    imported.refresh_from_db()
    assert (change.status, imported.status) == (PlanStatus.APPROVED, PlanStatus.SUPERSEDED)

    # when B is found false
    plan_transition(plan_id=change.pk, action=Action.VERIFY_FALSE, actor=org.centre, comment="本人称未升学")

    # then I, the latest other registered plan, is in force again, on the graduate's page and in the report
    first.refresh_from_db()
    imported.refresh_from_db()
    assert (first.status, imported.status) == (PlanStatus.SUPERSEDED, PlanStatus.APPROVED)
    assert student_plans(graduate=graduate)["in_force"] == imported
    assert [p.pk for p in effective_plans(as_of=TODAY() + DAY).filter(graduate=graduate)] == [imported.pk]
    assert [p.pk for p in effective_plans(as_of=a_day).filter(graduate=graduate)] == [first.pk]
    restore = imported.events.order_by("-pk").first()
    assert (restore.action, restore.from_status, restore.to_status) == (
        Action.RESTORE,
        PlanStatus.SUPERSEDED,
        PlanStatus.APPROVED,
    )


def test_a_false_finding_on_a_first_plan_restores_nothing(org):
    plan = approved_plan(org)
    plan_transition(plan_id=plan.pk, action=Action.VERIFY_FALSE, actor=org.centre, comment="不属实")
    assert student_plans(graduate=org.own_graduate)["in_force"] is None
    assert not PlanEvent.objects.filter(action=Action.RESTORE).exists()


# --- 9. the registration window and the correction deadline --------------------------------------------------


@pytest.fixture
def close_window(org):
    """Close the registration window yesterday; corrections stay open for 30 days (or ``deadline``)."""
    cohort = org.own_graduate.cohort

    def close(deadline=None):
        cohort.registration_opens = TODAY() - 100 * DAY
        cohort.registration_closes = TODAY() - DAY
        cohort.correction_deadline = deadline or TODAY() + 30 * DAY
        cohort.save()
        return cohort

    return close


def window_message(cohort) -> str:
    return str(MSG_WINDOW_CLOSED.format(opens=cohort.registration_opens, closes=cohort.registration_closes))


def test_outside_the_window_a_first_registration_cannot_be_withdrawn_since_it_could_not_be_resubmitted(
    org, close_window
):
    plan = submitted_plan(org)
    cohort = close_window()

    with pytest.raises(TransitionError) as raised:
        plan_transition(plan_id=plan.pk, action=Action.WITHDRAW, actor=org.student)

    assert raised.value.message == window_message(cohort)
    assert DestinationPlan.objects.get(pk=plan.pk).status == PlanStatus.SUBMITTED
    assert plan_actions_for(org.student, DestinationPlan.objects.get(pk=plan.pk)) == []


def test_a_plan_returned_after_the_window_is_corrected_until_the_correction_deadline(org, close_window):
    # given a plan submitted in the window and returned after it closed
    plan = submitted_plan(org)
    cohort = close_window()
    plan_transition(plan_id=plan.pk, action=Action.RETURN, actor=org.counsellor, comment="请写全称")

    # then the student saves, resubmits, withdraws and resubmits it
    plan_save_draft(
        graduate=org.own_graduate, actor=org.student, plan=plan, data=employment_data(employer_name="全称")
    )
    assert plan_actions_for(org.student, DestinationPlan.objects.get(pk=plan.pk)) == [Action.SUBMIT]
    submit(org, plan)
    plan_transition(plan_id=plan.pk, action=Action.WITHDRAW, actor=org.student)
    assert submit(org, plan).status == PlanStatus.SUBMITTED

    # and once the correction deadline has passed, none of it
    cohort.correction_deadline = TODAY() - DAY
    cohort.registration_closes = TODAY() - 2 * DAY
    cohort.save()
    closed = str(MSG_CORRECTION_CLOSED.format(deadline=TODAY() - DAY))
    with pytest.raises(TransitionError) as raised:
        plan_transition(plan_id=plan.pk, action=Action.WITHDRAW, actor=org.student)
    assert raised.value.message == closed
    plan_transition(plan_id=plan.pk, action=Action.RETURN, actor=org.counsellor, comment="再补充")
    with pytest.raises(ValidationError) as raised:
        plan_save_draft(graduate=org.own_graduate, actor=org.student, plan=plan, data=employment_data())
    assert raised.value.messages == [closed]
    with pytest.raises(TransitionError) as raised:
        submit(org, plan)
    assert raised.value.message == closed


def test_after_a_false_finding_the_correction_plan_follows_the_correction_deadline(org, close_window):
    # given a registered plan found false after the window closed
    plan = approved_plan(org, data=waiting_data())
    cohort = close_window()
    find_false(org, plan)

    # then the student starts a correction, submits, withdraws and resubmits it, and it is registered
    correction = plan_save_draft(graduate=org.own_graduate, actor=org.student, data=waiting_data("拟升学"))
    submit(org, correction)
    plan_transition(plan_id=correction.pk, action=Action.WITHDRAW, actor=org.student)
    correction = through_reviews(org, submit(org, correction))
    assert correction.status == PlanStatus.APPROVED

    # and a voluntary change after that is a matter for the window again
    with pytest.raises(ValidationError) as raised:
        plan_save_draft(graduate=org.own_graduate, actor=org.student, data=waiting_data())
    assert raised.value.messages == [window_message(cohort)]


def test_a_cancelled_correction_does_not_use_up_the_right_to_correct(org, close_window):
    plan = approved_plan(org, data=waiting_data())
    close_window()
    find_false(org, plan)
    first_try = plan_save_draft(graduate=org.own_graduate, actor=org.student, data=waiting_data("拟升学"))
    plan_transition(plan_id=first_try.pk, action=Action.CANCEL, actor=org.centre, comment="填错了人")

    again = plan_save_draft(graduate=org.own_graduate, actor=org.student, data=waiting_data("拟升学"))

    assert submit(org, again).status == PlanStatus.SUBMITTED


def test_outside_the_window_a_voluntary_change_or_a_first_plan_is_refused_naming_the_window(
    org, close_window
):
    approved_plan(org, data=waiting_data())
    cohort = close_window()

    with pytest.raises(ValidationError) as raised:
        plan_save_draft(graduate=org.own_graduate, actor=org.student, data=employment_data())

    assert raised.value.messages == [window_message(cohort)]


def test_the_student_page_says_which_deadline_applies(client, org, close_window):
    plan = submitted_plan(org)
    cohort = close_window()
    client.force_login(org.student)

    html = client.get(reverse("plans:mine")).content.decode()
    assert window_message(cohort) in html and 'value="withdraw"' not in html

    plan_transition(plan_id=plan.pk, action=Action.RETURN, actor=org.counsellor, comment="请写全称")
    html = client.get(reverse("plans:mine")).content.decode()
    assert 'id="correction-open"' in html and f"{cohort.correction_deadline:%Y-%m-%d}" in html
    assert f'href="{reverse("plans:edit", args=[plan.pk])}"' in html and 'value="submit"' in html


def test_the_admin_shows_a_plans_content_history_read_only(client, org, django_user_model):
    plan = plan_save_draft(graduate=org.own_graduate, actor=org.student, data=waiting_data())
    superuser = django_user_model.objects.create_superuser("root", password="Mima-2020-root")
    client.force_login(superuser)

    page = client.get(reverse("admin:plans_destinationplan_history", args=[plan.pk]))

    assert page.status_code == 200 and org.student.username in page.content.decode()
    record = plan.history.get()
    revert = reverse("admin:plans_destinationplan_simple_history", args=[plan.pk, record.history_id])
    assert client.post(revert, {}).status_code == 403
    assert plan.history.count() == 1


def test_progress_does_not_count_a_plan_found_false(org):
    found_false = approved_plan(org)
    plan_transition(plan_id=found_false.pk, action=Action.VERIFY_FALSE, actor=org.centre, comment="不属实")
    classmate = org.graduates["a1"][1]
    make_student_user(classmate)
    employed = approved_plan(org, graduate=classmate)
    cohort = org.own_graduate.cohort

    progress = employment_progress(
        cohort=cohort, as_of=TODAY(), graduates=Graduate.objects.filter(class_group=org.class_a1)
    )

    assert (progress.total.graduates, progress.total.employed) == (2, 1)
    assert progress.weekly[-1].employed == 1
    assert employed.status == PlanStatus.APPROVED
