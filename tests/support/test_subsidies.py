"""Subsidy applications: eligibility, review by college then centre, payment in batches, never twice, totals."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from apps.accounts.models import Role
from apps.plans.services import TransitionError
from apps.support.models import (
    Eligibility,
    SubsidyApplication,
    SubsidyBatch,
    SubsidyEvent,
    SubsidyStatus,
)
from apps.support.selectors import subsidy_totals
from apps.support.services import subsidy_apply, subsidy_pay, subsidy_transition
from apps.support.subsidies import (
    MSG_ALREADY_APPLIED,
    MSG_ALREADY_HANDLED,
    MSG_ALREADY_PAID,
    MSG_BATCH_DATE,
    MSG_COMMENT_REQUIRED,
    MSG_NOT_ALLOWED,
    MSG_NOT_ELIGIBLE,
)
from apps.support.workflow import TRANSITIONS, SubsidyAction

from ..factories import make_user
from .factories import hardship_graduate, scheme

pytestmark = pytest.mark.django_db

PAID_ON = datetime.date(2020, 6, 30)


def _rule(s):
    return s.get_eligibility_display()


def test_a_hardship_scheme_admits_only_the_group(org):
    hardship = scheme(org.own_graduate.cohort)
    poor = hardship_graduate(org.class_a1)
    outsider = org.graduates["a1"][1]
    with pytest.raises(ValidationError) as error:
        subsidy_apply(scheme=hardship, graduates=[outsider], actor=org.counsellor)
    assert error.value.messages == [
        str(MSG_NOT_ELIGIBLE).format(graduate=outsider, scheme=hardship, rule=_rule(hardship))
    ]
    (application,) = subsidy_apply(scheme=hardship, graduates=[poor], actor=org.counsellor)
    assert (application.amount, application.status, application.applied_by) == (
        Decimal("1500.00"), SubsidyStatus.SUBMITTED, org.counsellor,
    )  # fmt: skip
    assert list(application.events.values_list("action", "to_status")) == [("apply", "submitted")]


def test_a_student_applies_for_themself_only_and_staff_within_scope(org):
    everyone = scheme(org.own_graduate.cohort, eligibility=Eligibility.ALL)
    with pytest.raises(PermissionDenied):
        subsidy_apply(scheme=everyone, graduates=[org.graduates["a1"][1]], actor=org.student)
    with pytest.raises(PermissionDenied):
        subsidy_apply(scheme=everyone, graduates=[org.graduates["b1"][0]], actor=org.college_officer)
    with pytest.raises(PermissionDenied):
        subsidy_apply(scheme=everyone, graduates=[org.own_graduate], actor=org.admin)
    (own,) = subsidy_apply(scheme=everyone, graduates=[org.own_graduate], actor=org.student)
    assert own.applied_by == org.student


def _through_review(org, application, *, pay=True):
    subsidy_transition(
        application_ids=[application.pk], action=SubsidyAction.APPROVE, actor=org.college_officer
    )
    subsidy_transition(application_ids=[application.pk], action=SubsidyAction.APPROVE, actor=org.centre)
    if pay:
        subsidy_pay(application_ids=[application.pk], batch_name="第一批", paid_on=PAID_ON, actor=org.centre)
    application.refresh_from_db()
    return application


def test_review_by_college_then_centre_then_payment_each_leaves_an_event(org):
    (application,) = subsidy_apply(scheme=scheme(org.own_graduate.cohort), graduates=[hardship_graduate(
        org.class_a1)], actor=org.counsellor)  # fmt: skip
    with pytest.raises(TransitionError) as error:  # the counsellor does not review subsidies
        subsidy_transition(
            application_ids=[application.pk], action=SubsidyAction.APPROVE, actor=org.counsellor
        )
    assert error.value.message == str(MSG_NOT_ALLOWED)
    application = _through_review(org, application)
    assert application.status == SubsidyStatus.PAID
    assert (application.batch.name, application.batch.paid_on) == ("第一批", PAID_ON)
    assert list(application.events.values_list("action", "from_status", "to_status", "actor_role")) == [
        ("apply", "", "submitted", Role.COUNSELLOR),
        ("approve", "submitted", "college_approved", Role.COLLEGE),
        ("approve", "college_approved", "approved", Role.CENTRE),
        ("pay", "approved", "paid", Role.CENTRE),
    ]


STATUSES = list(SubsidyStatus)
ACTIONS = [a for a in SubsidyAction if a != SubsidyAction.APPLY]
ROLES = [Role.STUDENT, Role.COUNSELLOR, Role.COLLEGE, Role.CENTRE]
ILLEGAL = [
    (status, action, role)
    for status in STATUSES
    for action in ACTIONS
    for role in ROLES
    if (status, action) not in TRANSITIONS or role not in TRANSITIONS[(status, action)].roles
]


@pytest.mark.parametrize(("status", "action", "role"), ILLEGAL)
def test_every_move_outside_the_table_is_refused(org, status, action, role):
    # given the student's own application forced into ``status`` (paid ones with a batch)
    everyone = scheme(org.own_graduate.cohort, eligibility=Eligibility.ALL)
    (application,) = subsidy_apply(scheme=everyone, graduates=[org.own_graduate], actor=org.student)
    batch = SubsidyBatch.objects.create(
        scheme=everyone, name="第一批", paid_on=PAID_ON, created_by=org.centre
    )
    SubsidyApplication.objects.filter(pk=application.pk).update(
        status=status, batch=batch if status == SubsidyStatus.PAID else None
    )
    # when anybody in scope tries the move, with a reason and a batch
    with pytest.raises(TransitionError) as error:
        subsidy_transition(
            application_ids=[application.pk],
            action=action,
            actor=org.user_for(role),
            comment="原因",
            batch=batch,
        )
    # then it is refused and nothing changes
    assert error.value.message == str(MSG_NOT_ALLOWED)
    application.refresh_from_db()
    assert application.status == status
    assert application.events.count() == 1


def test_a_student_withdraws_their_own_application_only(org):
    everyone = scheme(org.own_graduate.cohort, eligibility=Eligibility.ALL)
    (own,) = subsidy_apply(scheme=everyone, graduates=[org.own_graduate], actor=org.student)
    (other,) = subsidy_apply(scheme=everyone, graduates=[org.graduates["a1"][1]], actor=org.counsellor)
    with pytest.raises(PermissionDenied):
        subsidy_transition(application_ids=[other.pk], action=SubsidyAction.WITHDRAW, actor=org.student)
    (own,) = subsidy_transition(application_ids=[own.pk], action=SubsidyAction.WITHDRAW, actor=org.student)
    assert own.status == SubsidyStatus.WITHDRAWN
    (again,) = subsidy_apply(scheme=everyone, graduates=[org.own_graduate], actor=org.student)  # may reapply
    assert again.pk != own.pk


def test_a_refusal_needs_a_reason(org):
    (application,) = subsidy_apply(
        scheme=scheme(org.own_graduate.cohort),
        graduates=[hardship_graduate(org.class_a1)],
        actor=org.counsellor,
    )
    with pytest.raises(TransitionError) as error:
        subsidy_transition(
            application_ids=[application.pk], action=SubsidyAction.REJECT, actor=org.college_officer
        )
    assert error.value.message == str(MSG_COMMENT_REQUIRED)
    (application,) = subsidy_transition(
        application_ids=[application.pk],
        action=SubsidyAction.REJECT,
        actor=org.college_officer,
        comment="学籍不符",
    )
    assert application.status == SubsidyStatus.REJECTED
    assert application.events.last().comment == "学籍不符"


def test_eligibility_is_checked_again_at_review(org):
    graduate = hardship_graduate(org.class_a1)
    (application,) = subsidy_apply(scheme=scheme(graduate.cohort), graduates=[graduate], actor=org.counsellor)
    graduate.registered_poor = False  # the record was corrected after the application
    graduate.save(update_fields=["registered_poor"])
    with pytest.raises(TransitionError) as error:
        subsidy_transition(
            application_ids=[application.pk], action=SubsidyAction.APPROVE, actor=org.college_officer
        )
    assert error.value.message == str(MSG_NOT_ELIGIBLE).format(
        graduate=graduate, scheme=application.scheme, rule=_rule(application.scheme)
    )


def test_a_stale_page_is_told_the_application_was_handled(org):
    (application,) = subsidy_apply(
        scheme=scheme(org.own_graduate.cohort),
        graduates=[hardship_graduate(org.class_a1)],
        actor=org.counsellor,
    )
    subsidy_transition(
        application_ids=[application.pk], action=SubsidyAction.APPROVE, actor=org.college_officer
    )
    with pytest.raises(TransitionError) as error:
        subsidy_transition(
            application_ids=[application.pk], action=SubsidyAction.REJECT, actor=org.college_officer,
            comment="x", expected_status=SubsidyStatus.SUBMITTED,
        )  # fmt: skip
    assert error.value.message == str(MSG_ALREADY_HANDLED).format(status=SubsidyStatus.COLLEGE_APPROVED.label)


def test_a_graduate_is_never_paid_twice_in_one_scheme(org):
    # given a graduate paid once
    hardship = scheme(org.own_graduate.cohort)
    graduate = hardship_graduate(org.class_a1)
    (paid,) = subsidy_apply(scheme=hardship, graduates=[graduate], actor=org.counsellor)
    paid = _through_review(org, paid)
    # when the same application is paid again, or a new one is made
    with pytest.raises(TransitionError) as error:
        subsidy_pay(application_ids=[paid.pk], batch_name="第二批", paid_on=PAID_ON, actor=org.centre)
    assert error.value.message == str(MSG_NOT_ALLOWED)
    with pytest.raises(ValidationError) as error:
        subsidy_apply(scheme=hardship, graduates=[graduate], actor=org.counsellor)
    # then both are refused with a clear message, and the database refuses a second paid row too
    assert error.value.messages == [str(MSG_ALREADY_PAID).format(graduate=graduate, scheme=hardship)]
    assert not SubsidyBatch.objects.filter(name="第二批").exists()
    with pytest.raises(IntegrityError), transaction.atomic():
        SubsidyApplication.objects.create(
            scheme=hardship, cohort=hardship.cohort, graduate=graduate, amount="1500.00",
            status=SubsidyStatus.PAID, applied_on=PAID_ON, applied_by=org.centre, batch=paid.batch,
        )  # fmt: skip
    # nor may another scheme of the cohort pay them (the one-time subsidy is once per cohort:
    # test_once_per_cohort.py)
    other = scheme(graduate.cohort, name="其他补贴", amount="500.00")
    with pytest.raises(ValidationError):
        subsidy_apply(scheme=other, graduates=[graduate], actor=org.counsellor)


def test_a_second_application_in_review_is_refused(org):
    hardship = scheme(org.own_graduate.cohort)
    graduate = hardship_graduate(org.class_a1)
    subsidy_apply(scheme=hardship, graduates=[graduate], actor=org.counsellor)
    with pytest.raises(ValidationError) as error:
        subsidy_apply(scheme=hardship, graduates=[graduate], actor=org.college_officer)
    assert error.value.messages == [str(MSG_ALREADY_APPLIED).format(graduate=graduate, scheme=hardship)]


def test_a_batch_is_paid_wholly_or_not_at_all_and_keeps_its_date(org):
    hardship = scheme(org.own_graduate.cohort)
    ready, pending = (hardship_graduate(org.class_a1), hardship_graduate(org.class_a1))
    ready_app, pending_app = subsidy_apply(scheme=hardship, graduates=[ready, pending], actor=org.counsellor)
    _through_review(org, ready_app, pay=False)
    with pytest.raises(TransitionError):
        subsidy_pay(application_ids=[ready_app.pk, pending_app.pk], batch_name="第一批", paid_on=PAID_ON,
                    actor=org.centre)  # fmt: skip
    assert not SubsidyApplication.objects.filter(status=SubsidyStatus.PAID).exists()
    assert not SubsidyBatch.objects.exists() and not SubsidyEvent.objects.filter(action="pay").exists()
    subsidy_pay(application_ids=[ready_app.pk], batch_name="第一批", paid_on=PAID_ON, actor=org.centre)
    _through_review(org, pending_app, pay=False)
    later = PAID_ON + datetime.timedelta(days=1)
    with pytest.raises(TransitionError) as error:
        subsidy_pay(application_ids=[pending_app.pk], batch_name="第一批", paid_on=later, actor=org.centre)
    assert error.value.message == MSG_BATCH_DATE.format(name="第一批", date="2020-06-30")
    with pytest.raises(PermissionDenied):
        subsidy_pay(
            application_ids=[pending_app.pk], batch_name="第二批", paid_on=later, actor=org.college_officer
        )


def test_totals_per_college_and_per_batch_reconcile_to_the_fen(org):
    # given a hardship scheme of 1,500.00 and a scheme for all of 333.33 (three of which make 999.99)
    cohort = org.own_graduate.cohort
    hardship = scheme(cohort, name="困难毕业生求职创业补贴", amount="1500.00")
    everyone = scheme(cohort, name="全体毕业生求职补贴", amount="333.33", eligibility=Eligibility.ALL)
    h1, h3 = hardship_graduate(org.class_a1), hardship_graduate(org.class_a2)
    h7 = hardship_graduate(org.class_b1)
    a1, a2, b1 = org.graduates["a1"][0], org.graduates["a2"][0], org.graduates["b1"][0]

    officer_b = make_user(Role.COLLEGE, username="college-b", college=org.college_b)

    def paid(s, graduates, batch, day):
        applications = subsidy_apply(scheme=s, graduates=graduates, actor=org.centre)
        for officer in (org.college_officer, officer_b):
            mine = [
                a.pk for a in applications if a.graduate.class_group.major.college_id == officer.college_id
            ]
            if mine:
                subsidy_transition(application_ids=mine, action=SubsidyAction.APPROVE, actor=officer)
        ids = [a.pk for a in applications]
        subsidy_transition(application_ids=ids, action=SubsidyAction.APPROVE, actor=org.centre)
        subsidy_pay(application_ids=ids, batch_name=batch, paid_on=day, actor=org.centre)

    paid(hardship, [h1, h3, h7], "第一批", datetime.date(2020, 6, 30))
    paid(everyone, [a1, b1], "第一批", datetime.date(2020, 7, 15))
    paid(everyone, [a2, org.graduates["a1"][1]], "第二批", datetime.date(2020, 7, 31))  # not h1: paid once
    subsidy_apply(scheme=everyone, graduates=[org.graduates["b1"][1]], actor=org.centre)  # not paid

    # when the totals are read
    totals = subsidy_totals(SubsidyApplication.objects.all())

    # then each table and the total agree to the fen
    assert [(r.name, r.count, r.amount) for r in totals.by_college] == [
        ("护理学院", 5, Decimal("3999.99")),
        ("机电工程学院", 2, Decimal("1833.33")),
    ]
    assert [(r.name, r.paid_on, r.count, r.amount) for r in totals.by_batch] == [
        ("困难毕业生求职创业补贴 第一批", datetime.date(2020, 6, 30), 3, Decimal("4500.00")),
        ("全体毕业生求职补贴 第一批", datetime.date(2020, 7, 15), 2, Decimal("666.66")),
        ("全体毕业生求职补贴 第二批", datetime.date(2020, 7, 31), 2, Decimal("666.66")),
    ]
    assert (totals.total.count, totals.total.amount) == (7, Decimal("5833.32"))
    assert totals.reconciled
    assert totals.by_status["submitted"] == 1 and totals.by_status["paid"] == 7
