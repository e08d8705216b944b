"""The admission workflow: application -> review -> admitted / rejected, renewal, exit; one table decides."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.accounts.models import Role
from apps.park.models import Tenant, TenantEvent, TenantStatus
from apps.park.selectors import tenant_actions_for
from apps.park.services import (
    MSG_ADMIT_NEEDS,
    MSG_ALREADY_HANDLED,
    MSG_COMMENT_REQUIRED,
    MSG_NOT_ALLOWED,
    MSG_RENEW_DATE,
    MSG_UNITS_TAKEN,
    TransitionError,
    tenant_save,
    tenant_transition,
)
from apps.park.workflow import TENANT_INTERNAL_ACTIONS, TENANT_TRANSITIONS, TenantAction

from ..factories import make_user
from .factories import admitted_tenant, applied_tenant, tenant_data

pytestmark = pytest.mark.django_db

ROLES = [Role.STUDENT, Role.COUNSELLOR, Role.COLLEGE, Role.CENTRE, Role.ADMIN, Role.TENANT]
ACTIONS = [a for a in TenantAction if a not in TENANT_INTERNAL_ACTIONS]


def tenant_in_status(park, status: TenantStatus) -> Tenant:
    """A company brought to ``status`` through the real services; its members are leader_a and the student."""
    centre = park.centre
    if status in (TenantStatus.APPLIED, TenantStatus.UNDER_REVIEW, TenantStatus.REJECTED):
        tenant = applied_tenant(centre, units=[park.units["A3"]])
        tenant.members.set([park.leader_a, park.student_member])
        if status != TenantStatus.APPLIED:
            tenant_transition(tenant_id=tenant.pk, action=TenantAction.REVIEW, actor=centre)
        if status == TenantStatus.REJECTED:
            tenant_transition(
                tenant_id=tenant.pk, action=TenantAction.REJECT, actor=centre, comment="项目不成熟"
            )
        return Tenant.objects.get(pk=tenant.pk)
    tenant = park.tenant_a
    if status in (TenantStatus.MARKED_FOR_EXIT, TenantStatus.EXITED):
        tenant_transition(
            tenant_id=tenant.pk, action=TenantAction.MARK_FOR_EXIT, actor=centre, comment="考评不合格"
        )
    if status == TenantStatus.EXITED:
        tenant_transition(tenant_id=tenant.pk, action=TenantAction.EXIT, actor=centre, comment="淘汰")
    return Tenant.objects.get(pk=tenant.pk)


def actor_for(park, org, role: Role):
    """The member accounts of the company for 创业园企业 and student; org's users for the rest."""
    if role == Role.TENANT:
        return park.leader_a
    if role == Role.STUDENT:
        return park.student_member
    return org.user_for(role)


def illegal_actions(status: TenantStatus, role: Role) -> list[TenantAction]:
    return [
        action
        for action in ACTIONS
        if not ((status, action) in TENANT_TRANSITIONS and role in TENANT_TRANSITIONS[(status, action)].roles)
    ]


# Every status and every role; inside, every action the table does not give that role in that status (one
# company per status and role keeps the 200-odd refusals fast; each is asserted on its own).
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("status", list(TenantStatus))
def test_every_move_outside_the_table_is_refused_and_changes_nothing(park, org, status, role):
    # given a company in ``status``
    tenant = tenant_in_status(park, status)
    events_before = TenantEvent.objects.count()
    actor = actor_for(park, org, role)
    refused_actions = illegal_actions(status, role)
    assert refused_actions, "every role has something it may not do"
    for action in refused_actions:
        # when someone tries a move the table does not give their role
        with pytest.raises((TransitionError, PermissionDenied)) as refused:
            tenant_transition(
                tenant_id=tenant.pk, action=action, actor=actor, comment="原因",
                lease_ends_on=datetime.date(2030, 1, 1),
            )  # fmt: skip
        # then it is refused (out of scope, or not allowed) and nothing changed
        if isinstance(refused.value, TransitionError):
            assert refused.value.message == str(MSG_NOT_ALLOWED), action
        tenant.refresh_from_db()
        assert tenant.status == status, action
        assert TenantEvent.objects.count() == events_before, action


def test_the_illegal_moves_cover_every_pair_outside_the_table():
    legal = sum(len(move.roles) for move in TENANT_TRANSITIONS.values())
    illegal = sum(len(illegal_actions(status, role)) for status in TenantStatus for role in ROLES)
    assert legal + illegal == len(TenantStatus) * len(ROLES) * len(ACTIONS)


def test_only_the_centre_has_buttons(park, org):
    for role in ROLES:
        actions = tenant_actions_for(actor_for(park, org, role), park.tenant_a)
        assert actions == (
            [TenantAction.RENEW, TenantAction.MARK_FOR_EXIT, TenantAction.EXIT] if role == Role.CENTRE else []
        )


def test_application_review_admission_writes_one_event_per_move(park):
    # given an application with a free unit and dates
    tenant = applied_tenant(park.centre, units=[park.units["A3"]])
    # when the centre reviews and admits it
    tenant_transition(tenant_id=tenant.pk, action=TenantAction.REVIEW, actor=park.centre)
    tenant = tenant_transition(tenant_id=tenant.pk, action=TenantAction.ADMIT, actor=park.centre)
    # then it is in the park, with the history of each move
    assert tenant.status == TenantStatus.ADMITTED
    history = list(
        TenantEvent.objects.filter(tenant=tenant).values_list(
            "action", "from_status", "to_status", "actor_role"
        )
    )
    assert history == [
        ("apply", "", "applied", "centre"),
        ("review", "applied", "under_review", "centre"),
        ("admit", "under_review", "admitted", "centre"),
    ]


def test_events_are_append_only(park):
    event = TenantEvent.objects.filter(tenant=park.tenant_a).first()
    event.comment = "改写"
    with pytest.raises(ValueError):
        event.save()
    with pytest.raises(ValueError):
        event.delete()


def test_admission_needs_units_and_dates(park):
    tenant = applied_tenant(park.centre, move_in_on=None, lease_ends_on=None)
    tenant_transition(tenant_id=tenant.pk, action=TenantAction.REVIEW, actor=park.centre)
    with pytest.raises(TransitionError) as refused:
        tenant_transition(tenant_id=tenant.pk, action=TenantAction.ADMIT, actor=park.centre)
    assert refused.value.message == str(MSG_ADMIT_NEEDS)


def test_a_unit_held_by_a_company_in_the_park_is_not_given_to_another(park):
    # given an application that was offered A1, which 甲公司 holds
    tenant = applied_tenant(park.centre, units=[park.units["A1"]])
    tenant_transition(tenant_id=tenant.pk, action=TenantAction.REVIEW, actor=park.centre)
    # then admitting it is refused, naming the unit
    with pytest.raises(TransitionError) as refused:
        tenant_transition(tenant_id=tenant.pk, action=TenantAction.ADMIT, actor=park.centre)
    assert "A1" in refused.value.message
    # and giving A1 to 乙公司 (in the park) is refused as well
    with pytest.raises(ValidationError) as error:
        tenant_save(actor=park.centre, tenant=park.tenant_b, data={"units": [park.units["A1"]]})
    assert str(MSG_UNITS_TAKEN).split("：")[0] in error.value.message_dict["units"][0]


def test_a_unit_is_free_again_once_its_company_has_left(park):
    tenant_transition(
        tenant_id=park.tenant_a.pk, action=TenantAction.EXIT, actor=park.centre, comment="合同到期"
    )
    newcomer = admitted_tenant(park.centre, units=[park.units["A1"]])
    assert newcomer.status == TenantStatus.ADMITTED


def test_renewal_needs_a_later_lease_end(park):
    current = park.tenant_a.lease_ends_on
    with pytest.raises(TransitionError) as refused:
        tenant_transition(
            tenant_id=park.tenant_a.pk, action=TenantAction.RENEW, actor=park.centre, lease_ends_on=current
        )
    assert refused.value.message == str(MSG_RENEW_DATE).format(current=current)
    tenant = tenant_transition(
        tenant_id=park.tenant_a.pk, action=TenantAction.RENEW, actor=park.centre,
        lease_ends_on=datetime.date(2024, 3, 31),
    )  # fmt: skip
    assert (tenant.status, tenant.lease_ends_on) == (TenantStatus.ADMITTED, datetime.date(2024, 3, 31))
    assert TenantEvent.objects.filter(tenant=tenant, action="renew").get().comment == "续租至 2024-03-31"


def test_exit_keeps_the_reason_and_the_date(park):
    with pytest.raises(TransitionError) as refused:
        tenant_transition(tenant_id=park.tenant_a.pk, action=TenantAction.EXIT, actor=park.centre)
    assert refused.value.message == str(MSG_COMMENT_REQUIRED)
    tenant = tenant_transition(
        tenant_id=park.tenant_a.pk, action=TenantAction.EXIT, actor=park.centre, comment="公司迁出校外"
    )
    tenant.refresh_from_db()
    assert tenant.status == TenantStatus.EXITED
    assert tenant.exit_reason == "公司迁出校外"
    assert tenant.exited_on is not None


def test_a_stale_page_does_not_move_a_company_twice(park):
    tenant_transition(
        tenant_id=park.tenant_a.pk, action=TenantAction.MARK_FOR_EXIT, actor=park.centre, comment="x"
    )
    with pytest.raises(TransitionError) as refused:
        tenant_transition(
            tenant_id=park.tenant_a.pk, action=TenantAction.MARK_FOR_EXIT, actor=park.centre, comment="x",
            expected_status=TenantStatus.ADMITTED,
        )  # fmt: skip
    assert refused.value.message == str(MSG_ALREADY_HANDLED).format(status=TenantStatus.MARKED_FOR_EXIT.label)


def test_only_the_centre_registers_companies(park, org):
    for user in (park.leader_a, org.counsellor, org.admin, make_user(Role.TENANT)):
        with pytest.raises(PermissionDenied):
            tenant_save(actor=user, data=tenant_data())


def test_credit_code_is_checked_and_unique(park):
    with pytest.raises(ValidationError) as error:
        tenant_save(actor=park.centre, data=tenant_data(credit_code="91420902MA4000001X"))
    assert "credit_code" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        tenant_save(actor=park.centre, data=tenant_data(credit_code=park.tenant_a.credit_code.lower()))
    assert "credit_code" in error.value.message_dict or "__all__" in error.value.message_dict


def test_a_team_without_a_registered_company_may_apply_without_a_code(park):
    first = applied_tenant(park.centre, credit_code="")
    second = applied_tenant(park.centre, credit_code="")
    assert first.credit_code == second.credit_code == ""


def test_lease_cannot_end_before_moving_in(park):
    with pytest.raises(ValidationError) as error:
        tenant_save(
            actor=park.centre,
            data=tenant_data(move_in_on=datetime.date(2020, 5, 1), lease_ends_on=datetime.date(2020, 4, 30)),
        )
    assert "lease_ends_on" in error.value.message_dict
