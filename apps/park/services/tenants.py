"""Writes to tenants: the centre's register of applications and companies, and the admission workflow.
``tenant_transition`` is the only code that changes a tenant's status."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import User

from ..models import EventSubject, TeamMember, Tenant, TenantStatus, Unit
from ..selectors import units_taken_by_others
from ..workflow import TenantAction, tenant_transition_for
from .common import (
    MSG_ALREADY_HANDLED,
    MSG_COMMENT_REQUIRED,
    MSG_NOT_ALLOWED,
    TransitionError,
    check_centre,
    check_in_scope,
    check_member_or_centre,
    record_event,
)

MSG_UNITS_TAKEN = _("以下单元已由其他在园企业使用：{units}。")
MSG_ADMIT_NEEDS = _("批准入园前请先在企业信息中分配场地单元，并填写入驻日期和租期截止。")
MSG_RENEW_DATE = _("续租须填写新的租期截止日期，且晚于当前租期截止（{current}）。")
MSG_CLOSED_RECORD = _("已退园或未通过的企业记录不能修改。")
# One message for an unknown 学号 and for a 学号 under another name, so the form tells nobody which exist.
MSG_MEMBER_NOT_MATCHED = _(
    "学号与姓名不符：请填写本校学生或毕业生本人的学号和姓名；不是本校学生的成员请不填学号。"
)

TENANT_FIELDS = (
    "company_name",
    "credit_code",
    "industry",
    "business",
    "leader_graduate",
    "leader_name",
    "leader_phone",
    "applied_on",
    "move_in_on",
    "lease_ends_on",
    "jobs_created",
)
TEAM_MEMBER_FIELDS = ("name", "duty", "graduate", "phone")


def _check_units_free(tenant: Tenant, units) -> None:
    """Lock the units, then refuse any an active company other than ``tenant`` holds."""
    list(Unit.objects.select_for_update().filter(pk__in=[u.pk for u in units]).order_by("pk"))
    taken = units_taken_by_others(units=units, tenant=tenant)
    if taken:
        raise ValidationError({"units": MSG_UNITS_TAKEN.format(units="、".join(str(u) for u in taken))})


@transaction.atomic
def tenant_save(*, actor: User, data: dict, tenant: Tenant | None = None) -> Tenant:
    """The centre registers an application (status 已申请, with its event) or edits a company's record.

    ``data`` holds ``TENANT_FIELDS`` and optionally ``units`` and ``members``; the status is never taken from it.
    A unit an active company holds is refused to another active company. Closed records (exited, rejected)
    are not edited.
    """
    check_centre(actor)
    creating = tenant is None
    if creating:
        tenant = Tenant(status=TenantStatus.APPLIED)
    else:
        tenant = Tenant.objects.select_for_update().get(pk=tenant.pk)
        if tenant.status in (TenantStatus.EXITED, TenantStatus.REJECTED):
            raise ValidationError(MSG_CLOSED_RECORD)
    for name in TENANT_FIELDS:
        if name in data:
            setattr(tenant, name, data[name])
    if tenant.leader_graduate is not None and not tenant.leader_name:
        tenant.leader_name = tenant.leader_graduate.name
    tenant.full_clean()
    units = data.get("units")
    if units is not None and tenant.is_active:
        _check_units_free(tenant, units)
    tenant.save()
    if units is not None:
        tenant.units.set(units)
    if "members" in data:
        tenant.members.set(data["members"])
    if creating:
        record_event(
            tenant_id=tenant.pk, subject=EventSubject.TENANT, subject_id=tenant.pk, action=TenantAction.APPLY,
            from_status="", to_status=tenant.status, actor=actor,
        )  # fmt: skip
    return tenant


def _current_status_label(tenant_id: int) -> str:
    status = Tenant.objects.filter(pk=tenant_id).values_list("status", flat=True).first()
    return TenantStatus(status).label if status else "—"


def tenant_transition(
    *,
    tenant_id: int,
    action: str,
    actor: User,
    comment: str = "",
    lease_ends_on: datetime.date | None = None,
    expected_status: str | None = None,
) -> Tenant:
    """Move a tenant by ``TENANT_TRANSITIONS`` for an actor in scope, atomically, and append the event.

    Admission needs units (free ones), a move-in date and a lease end; renewal a later lease end; exit a reason
    (kept on the tenant). The row is locked and the move is a compare-and-set on the status, so of two people
    acting at once exactly one wins and the other gets ``MSG_ALREADY_HANDLED``.
    """
    with transaction.atomic():
        tenant = Tenant.objects.select_for_update().filter(pk=tenant_id).first()
        if tenant is None:
            raise PermissionDenied
        check_in_scope(actor, tenant.pk)
        from_status = tenant.status
        if expected_status is not None and from_status != expected_status:
            raise TransitionError(MSG_ALREADY_HANDLED.format(status=tenant.get_status_display()))
        move = tenant_transition_for(from_status, action)
        if move is None or actor.role not in move.roles:
            raise TransitionError(MSG_NOT_ALLOWED)
        comment = comment.strip()
        if move.needs_comment and not comment:
            raise TransitionError(MSG_COMMENT_REQUIRED)

        now = timezone.now()
        changes: dict = {"status": move.to, "status_changed_at": now, "updated_at": now}
        if action == TenantAction.ADMIT:
            units = list(tenant.units.all())
            if not units or tenant.move_in_on is None or tenant.lease_ends_on is None:
                raise TransitionError(MSG_ADMIT_NEEDS)
            try:
                _check_units_free(tenant, units)
            except ValidationError as exc:
                raise TransitionError("；".join(exc.messages)) from exc
        elif action == TenantAction.RENEW:
            current = tenant.lease_ends_on
            if lease_ends_on is None or (current is not None and lease_ends_on <= current):
                raise TransitionError(MSG_RENEW_DATE.format(current=current or "—"))
            changes["lease_ends_on"] = lease_ends_on
            comment = comment or f"续租至 {lease_ends_on:%Y-%m-%d}"
        elif action == TenantAction.EXIT:
            changes.update(exited_on=timezone.localdate(now), exit_reason=comment)

        updated = Tenant.objects.filter(pk=tenant.pk, status=from_status).update(**changes)
        if updated != 1:
            raise TransitionError(MSG_ALREADY_HANDLED.format(status=_current_status_label(tenant.pk)))
        for name, value in changes.items():
            setattr(tenant, name, value)
        record_event(
            tenant_id=tenant.pk, subject=EventSubject.TENANT, subject_id=tenant.pk, action=action,
            from_status=from_status, to_status=move.to, actor=actor, comment=comment,
        )  # fmt: skip
    return tenant


@transaction.atomic
def team_member_add(*, tenant: Tenant, actor: User, data: dict) -> TeamMember:
    """The centre or the company's own accounts add a member of its team. A member linked to a student or
    graduate is named as that graduate is: the name is never taken from the record (that would tell a company
    the real name behind any 学号)."""
    check_member_or_centre(actor, tenant)
    member = TeamMember(tenant=tenant, **{name: data[name] for name in TEAM_MEMBER_FIELDS if name in data})
    if member.graduate is not None and member.name != member.graduate.name:
        raise ValidationError({"name": MSG_MEMBER_NOT_MATCHED})
    member.full_clean()
    member.save()
    return member
