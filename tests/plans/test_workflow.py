import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from apps.accounts.models import Role
from apps.graduates.models import Graduate
from apps.plans.models import DestinationPlan, EvidenceKind, Notification, PlanEvent, PlanStatus
from apps.plans.selectors import effective_plans, plan_actions_for
from apps.plans.services import (
    MSG_ALREADY_HANDLED,
    MSG_COMMENT_REQUIRED,
    MSG_EVIDENCE_REQUIRED,
    MSG_NOT_ALLOWED,
    MSG_OPEN_PLAN_EXISTS,
    TransitionError,
    evidence_add,
    plan_bulk_approve,
    plan_save_draft,
    plan_transition,
)
from apps.plans.workflow import INTERNAL_ACTIONS, MSG_WINDOW_CLOSED, TRANSITIONS, Action

from ..factories import make_graduate, make_student_user
from .factories import approved_plan, employment_data, pdf, registered_plan, submitted_plan, waiting_data

pytestmark = pytest.mark.django_db

ROLES = [Role.STUDENT, Role.COUNSELLOR, Role.COLLEGE, Role.CENTRE, Role.ADMIN]
USER_ACTIONS = [a for a in Action if a not in INTERNAL_ACTIONS]


def plan_in_status(org, status: PlanStatus) -> DestinationPlan:
    """A plan of org's student brought to ``status`` through the real services."""
    student = org.student
    if status == PlanStatus.DRAFT:
        return plan_save_draft(graduate=org.own_graduate, actor=student, data=waiting_data())
    plan = submitted_plan(org)
    path = {
        PlanStatus.SUBMITTED: [],
        PlanStatus.COUNSELLOR_APPROVED: [(org.counsellor, Action.APPROVE)],
        PlanStatus.COLLEGE_APPROVED: [
            (org.counsellor, Action.APPROVE),
            (org.college_officer, Action.APPROVE),
        ],
        PlanStatus.APPROVED: [
            (org.counsellor, Action.APPROVE),
            (org.college_officer, Action.APPROVE),
            (org.centre, Action.APPROVE),
        ],
        PlanStatus.RETURNED: [(org.counsellor, Action.RETURN)],
    }[status]
    for actor, action in path:
        plan = plan_transition(plan_id=plan.pk, action=action, actor=actor, comment="原因")
    return plan


REACHABLE = [
    PlanStatus.DRAFT,
    PlanStatus.SUBMITTED,
    PlanStatus.COUNSELLOR_APPROVED,
    PlanStatus.COLLEGE_APPROVED,
    PlanStatus.APPROVED,
    PlanStatus.RETURNED,
]


ILLEGAL_MOVES = [
    (status, role, action)
    for status in REACHABLE
    for role in ROLES
    for action in USER_ACTIONS
    if not ((status, action) in TRANSITIONS and role in TRANSITIONS[(status, action)].roles)
]


@pytest.mark.parametrize(("status", "role", "action"), ILLEGAL_MOVES)
def test_every_move_outside_the_table_is_refused_and_changes_nothing(org, status, role, action):
    plan = plan_in_status(org, status)
    events_before = PlanEvent.objects.count()
    with pytest.raises((TransitionError, PermissionDenied)):
        plan_transition(plan_id=plan.pk, action=action, actor=org.user_for(role), comment="x")
    plan.refresh_from_db()
    assert plan.status == status
    assert PlanEvent.objects.count() == events_before


def test_full_path_with_a_return_and_a_resubmission(org, django_capture_on_commit_callbacks):
    # given a submitted plan
    with django_capture_on_commit_callbacks(execute=True):
        plan = submitted_plan(org)
    # when the college returns it, the student edits and resubmits, and all three levels approve
    with django_capture_on_commit_callbacks(execute=True):
        plan_transition(plan_id=plan.pk, action=Action.APPROVE, actor=org.counsellor)
        plan_transition(
            plan_id=plan.pk, action=Action.RETURN, actor=org.college_officer, comment="单位名称有误"
        )
    plan.refresh_from_db()
    assert plan.status == PlanStatus.RETURNED
    plan_save_draft(
        graduate=org.own_graduate,
        actor=org.student,
        plan=plan,
        data=employment_data(employer_name="孝感市第一人民医院"),
    )
    with django_capture_on_commit_callbacks(execute=True):
        for actor, action in [
            (org.student, Action.SUBMIT),
            (org.counsellor, Action.APPROVE),
            (org.college_officer, Action.APPROVE),
            (org.centre, Action.APPROVE),
        ]:
            plan_transition(plan_id=plan.pk, action=action, actor=actor)
    # then it is registered, with every move on record
    plan.refresh_from_db()
    assert plan.status == PlanStatus.APPROVED
    assert plan.employer_name == "孝感市第一人民医院"
    assert plan.approved_on is not None
    moves = list(plan.events.values_list("from_status", "to_status", "actor__username", "comment"))
    assert moves == [
        ("draft", "submitted", org.student.username, ""),
        ("submitted", "counsellor_approved", "counsellor-a1", ""),
        ("counsellor_approved", "returned", "college-a", "单位名称有误"),
        ("returned", "submitted", org.student.username, ""),
        ("submitted", "counsellor_approved", "counsellor-a1", ""),
        ("counsellor_approved", "college_approved", "college-a", ""),
        ("college_approved", "approved", "centre", ""),
    ]
    # and the student heard about the return and the approval, the reviewers about what waits for them
    student_notes = list(Notification.objects.filter(recipient=org.student).values_list("message", flat=True))
    assert any("单位名称有误" in m for m in student_notes)
    assert any("审核通过" in m for m in student_notes)
    assert Notification.objects.filter(recipient=org.counsellor).count() == 2
    assert Notification.objects.filter(recipient=org.centre).count() == 1


def test_notifications_are_not_sent_for_a_rolled_back_move(org, django_capture_on_commit_callbacks):
    plan = submitted_plan(org)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        with pytest.raises(TransitionError):
            plan_transition(plan_id=plan.pk, action=Action.RETURN, actor=org.counsellor, comment="")
    assert callbacks == []


def test_mail_goes_to_the_next_reviewer_on_commit(org, django_capture_on_commit_callbacks):
    org.counsellor.email = "fdy@example.com"
    org.counsellor.save()
    with django_capture_on_commit_callbacks(execute=True):
        submitted_plan(org)
    assert [m.to for m in mail.outbox] == [["fdy@example.com"]]


def test_return_needs_a_reason(org):
    plan = submitted_plan(org)
    with pytest.raises(TransitionError) as error:
        plan_transition(plan_id=plan.pk, action=Action.RETURN, actor=org.counsellor, comment="  ")
    assert error.value.message == str(MSG_COMMENT_REQUIRED)


def test_withdraw_before_first_review_returns_to_draft(org):
    plan = submitted_plan(org)
    plan = plan_transition(plan_id=plan.pk, action=Action.WITHDRAW, actor=org.student)
    assert plan.status == PlanStatus.DRAFT


def test_submission_needs_evidence_for_employment(org):
    plan = plan_save_draft(graduate=org.own_graduate, actor=org.student, data=employment_data())
    with pytest.raises(TransitionError) as error:
        plan_transition(plan_id=plan.pk, action=Action.SUBMIT, actor=org.student)
    assert error.value.message == str(MSG_EVIDENCE_REQUIRED).format(kinds="就业协议/劳动合同或录用通知")


def test_an_internship_certificate_or_a_wrong_kind_of_proof_does_not_prove_employment(org):
    # given an employment plan with only "other" material (an internship certificate) and an admission letter
    plan = plan_save_draft(graduate=org.own_graduate, actor=org.student, data=employment_data())
    evidence_add(plan=plan, actor=org.student, kind=EvidenceKind.OTHER, uploaded=pdf("实习证明.pdf"))
    evidence_add(plan=plan, actor=org.student, kind=EvidenceKind.ADMISSION, uploaded=pdf("录取通知书.pdf"))
    # then it cannot be submitted ("四不准")
    with pytest.raises(TransitionError):
        plan_transition(plan_id=plan.pk, action=Action.SUBMIT, actor=org.student)
    # and with an offer letter it can
    evidence_add(plan=plan, actor=org.student, kind=EvidenceKind.OFFER, uploaded=pdf("录用通知.pdf"))
    assert (
        plan_transition(plan_id=plan.pk, action=Action.SUBMIT, actor=org.student).status
        == PlanStatus.SUBMITTED
    )


def test_waiting_plan_needs_no_evidence_but_a_reason(org):
    with pytest.raises(ValidationError) as error:
        plan_save_draft(
            graduate=org.own_graduate, actor=org.student, data={"destination": waiting_data()["destination"]}
        )
    assert "not_employed_reason" in error.value.message_dict
    plan = plan_save_draft(graduate=org.own_graduate, actor=org.student, data=waiting_data())
    assert (
        plan_transition(plan_id=plan.pk, action=Action.SUBMIT, actor=org.student).status
        == PlanStatus.SUBMITTED
    )


def test_a_value_the_destination_does_not_keep_is_an_error_never_dropped(org):
    data = {**waiting_data(), "employer_name": "某公司", "institution": "某大学"}
    with pytest.raises(ValidationError) as raised:
        plan_save_draft(graduate=org.own_graduate, actor=org.student, data=data)
    assert set(raised.value.message_dict) == {"employer_name", "institution"}
    assert not DestinationPlan.objects.exists()


def test_a_student_cannot_act_for_another_student(org):
    classmate = org.graduates["a1"][1]
    make_student_user(classmate)
    with pytest.raises(PermissionDenied):
        plan_save_draft(graduate=classmate, actor=org.student, data=waiting_data())
    plan = submitted_plan(org)
    with pytest.raises((TransitionError, PermissionDenied)):
        plan_transition(plan_id=plan.pk, action=Action.WITHDRAW, actor=classmate.user)


@pytest.mark.parametrize("role", [Role.COUNSELLOR, Role.COLLEGE])
def test_reviewers_cannot_act_outside_their_scope(org, role):
    outsider = make_graduate(org.class_b1)
    make_student_user(outsider)
    plan = submitted_plan(org, graduate=outsider)
    if role == Role.COLLEGE:
        plan.status = PlanStatus.COUNSELLOR_APPROVED
        plan.save(update_fields=["status"])
    with pytest.raises(PermissionDenied):
        plan_transition(plan_id=plan.pk, action=Action.APPROVE, actor=org.user_for(role))


def test_only_one_open_plan_at_a_time(org):
    submitted_plan(org)
    with pytest.raises(ValidationError) as error:
        plan_save_draft(graduate=org.own_graduate, actor=org.student, data=waiting_data())
    assert error.value.messages == [str(MSG_OPEN_PLAN_EXISTS)]


def test_a_change_keeps_the_old_plan_in_force_until_approved_then_supersedes_it(org):
    # given an approved plan
    first = approved_plan(org)
    # when the student asks for a change, the old one stays in force while the change is reviewed
    change = plan_save_draft(graduate=org.own_graduate, actor=org.student, data=waiting_data("拟升学"))
    assert change.replaces_id == first.pk
    plan_transition(plan_id=change.pk, action=Action.SUBMIT, actor=org.student)
    first.refresh_from_db()
    assert first.status == PlanStatus.APPROVED
    for reviewer in (org.counsellor, org.college_officer, org.centre):
        plan_transition(plan_id=change.pk, action=Action.APPROVE, actor=reviewer)
    # then the change is in force and the old one is kept, superseded, with its approval intact
    first.refresh_from_db()
    change.refresh_from_db()
    assert (first.status, change.status) == (PlanStatus.SUPERSEDED, PlanStatus.APPROVED)
    assert first.approved_on is not None and first.employer_name == "孝感市中心医院"
    assert first.events.last().action == Action.SUPERSEDE


def test_verification_false_ends_the_plan_and_restores_the_one_it_replaced(org):
    first = approved_plan(org)
    change = plan_save_draft(graduate=org.own_graduate, actor=org.student, data=waiting_data())
    plan_transition(plan_id=change.pk, action=Action.SUBMIT, actor=org.student)
    for reviewer in (org.counsellor, org.college_officer, org.centre):
        plan_transition(plan_id=change.pk, action=Action.APPROVE, actor=reviewer)
    plan_transition(
        plan_id=change.pk, action=Action.VERIFY_FALSE, actor=org.centre, comment="电话核实：未就业"
    )
    first.refresh_from_db()
    change.refresh_from_db()
    assert (first.status, change.status) == (PlanStatus.APPROVED, PlanStatus.FALSE)


def test_stale_action_gets_a_clear_message(org):
    plan = submitted_plan(org)
    plan_transition(plan_id=plan.pk, action=Action.WITHDRAW, actor=org.student)
    with pytest.raises(TransitionError) as error:
        plan_transition(
            plan_id=plan.pk, action=Action.APPROVE, actor=org.counsellor, expected_status=PlanStatus.SUBMITTED
        )
    assert error.value.message == MSG_ALREADY_HANDLED.format(status=PlanStatus.DRAFT.label)


def test_registration_window_closes_submission_for_students_not_reviews(org):
    plan = submitted_plan(org)
    cohort = org.own_graduate.cohort
    cohort.registration_closes = datetime.date(2020, 8, 31)
    cohort.save()
    # reviewers still act
    assert plan_transition(plan_id=plan.pk, action=Action.APPROVE, actor=org.counsellor).status == (
        PlanStatus.COUNSELLOR_APPROVED
    )
    # the student cannot start a plan
    other = make_graduate(org.class_a1, cohort=cohort)
    make_student_user(other)
    with pytest.raises(ValidationError) as error:
        plan_save_draft(graduate=other, actor=other.user, data=waiting_data())
    assert "2020-08-31" in error.value.messages[0]
    assert str(MSG_WINDOW_CLOSED).split("{")[0] in error.value.messages[0]


def test_events_are_append_only(org):
    plan = submitted_plan(org)
    event = plan.events.first()
    with pytest.raises(ValueError):
        event.comment = "改写"
        event.save()
    with pytest.raises(ValueError):
        event.delete()


def test_bulk_approve_reports_a_result_per_plan(org):
    mine = submitted_plan(org)
    classmate = org.graduates["a1"][1]
    make_student_user(classmate)
    other = plan_save_draft(graduate=classmate, actor=classmate.user, data=waiting_data())  # still a draft
    results = plan_bulk_approve(plan_ids=[mine.pk, other.pk, 999999], actor=org.counsellor)
    assert [(r.plan_id, r.ok) for r in results] == [(mine.pk, True), (other.pk, False), (999999, False)]
    assert results[1].message == str(MSG_NOT_ALLOWED)


def test_actions_offered_follow_the_table(org):
    plan = submitted_plan(org)
    assert plan_actions_for(org.counsellor, plan) == [Action.APPROVE, Action.RETURN]
    assert plan_actions_for(org.student, plan) == [Action.WITHDRAW]
    assert plan_actions_for(org.college_officer, plan) == []
    assert plan_actions_for(org.admin, plan) == []


def test_effective_destination_at_a_date_is_the_latest_approved_on_or_before_it(org):
    first = approved_plan(org)
    DestinationPlan.objects.filter(pk=first.pk).update(approved_on=datetime.date(2020, 7, 1))
    change = plan_save_draft(graduate=org.own_graduate, actor=org.student, data=waiting_data())
    plan_transition(plan_id=change.pk, action=Action.SUBMIT, actor=org.student)
    for reviewer in (org.counsellor, org.college_officer, org.centre):
        plan_transition(plan_id=change.pk, action=Action.APPROVE, actor=reviewer)
    DestinationPlan.objects.filter(pk=change.pk).update(approved_on=datetime.date(2020, 9, 15))

    assert list(effective_plans(as_of=datetime.date(2020, 6, 30))) == []
    assert [p.pk for p in effective_plans(as_of=datetime.date(2020, 8, 31))] == [first.pk]
    assert [p.pk for p in effective_plans(as_of=datetime.date(2020, 12, 31))] == [change.pk]


@pytest.mark.parametrize("count", [3, 30])
def test_bulk_approve_costs_the_same_queries_for_3_or_30_plans(
    org, count, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    plans = []
    for _ in range(count):
        graduate = make_graduate(org.class_a1)
        make_student_user(graduate)
        plans.append(submitted_plan(org, graduate=graduate))
    with django_assert_max_num_queries(12), django_capture_on_commit_callbacks(execute=True):
        results = plan_bulk_approve(plan_ids=[p.pk for p in plans], actor=org.counsellor)
    assert all(r.ok for r in results)
    assert DestinationPlan.objects.filter(status=PlanStatus.COUNSELLOR_APPROVED).count() == count
    assert PlanEvent.objects.filter(to_status=PlanStatus.COUNSELLOR_APPROVED).count() == count


def test_plans_approved_the_same_day_rank_by_time_then_by_id_a_timeless_one_first(org):
    day = datetime.date(2020, 7, 1)
    noon = datetime.datetime(2020, 7, 1, 12, tzinfo=datetime.UTC)
    graduates = [make_graduate(org.class_a1) for _ in range(3)]
    # the first graduate: a plan with a time beats a later-created one without (imported history)
    timed = registered_plan(graduates[0], "11", day, created_by=org.centre, status=PlanStatus.SUPERSEDED)
    timeless = registered_plan(graduates[0], "70", day, created_by=org.centre)
    DestinationPlan.objects.filter(pk=timeless.pk).update(approved_at=None)
    # the second: the later time wins whatever the ids
    later = registered_plan(graduates[1], "11", day, created_by=org.centre, status=PlanStatus.SUPERSEDED)
    DestinationPlan.objects.filter(pk=later.pk).update(approved_at=noon + datetime.timedelta(hours=3))
    registered_plan(graduates[1], "70", day, created_by=org.centre)
    # the third: the same time, the higher id wins
    registered_plan(graduates[2], "11", day, created_by=org.centre, status=PlanStatus.SUPERSEDED)
    newest = registered_plan(graduates[2], "70", day, created_by=org.centre)

    effective = effective_plans(
        as_of=day, graduates=Graduate.objects.filter(pk__in=[g.pk for g in graduates])
    )

    assert sorted(effective.values_list("pk", flat=True)) == sorted([timed.pk, later.pk, newest.pk])
