"""What every park service shares: the error a refused move raises, scope checks and the event log."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import Role, User

from ..models import Tenant, TenantEvent
from ..selectors import is_member_of, tenants_visible_to
from ..workflow import MEMBER_ROLES

MSG_NOT_ALLOWED = _("当前状态下您不能执行此操作。")
MSG_ALREADY_HANDLED = _("该事项已被他人处理（当前状态：{status}），请刷新后查看。")
MSG_COMMENT_REQUIRED = _("请填写意见或原因。")
MSG_NOT_IN_PARK = _("只有在园企业可以办理此事项。")


class TransitionError(Exception):
    """A move the table, the state or a concurrent reviewer does not allow; ``message`` is for the user."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = str(message)


def check_centre(actor: User) -> None:
    if actor.role != Role.CENTRE:
        raise PermissionDenied


def check_in_scope(actor: User, tenant_id: int) -> None:
    """Outside the actor's park scope: the callers answer 404 (existence is not revealed)."""
    if not tenants_visible_to(actor).filter(pk=tenant_id).exists():
        raise PermissionDenied


def check_member(actor: User, tenant: Tenant) -> None:
    """Only the company's own accounts act for it (the centre reviews, it does not submit for a company)."""
    if actor.role not in MEMBER_ROLES or not is_member_of(actor, tenant):
        raise PermissionDenied


def check_member_or_centre(actor: User, tenant: Tenant) -> None:
    if actor.role != Role.CENTRE:
        check_member(actor, tenant)


def record_event(
    *,
    tenant_id: int,
    subject: str,
    subject_id: int,
    action: str,
    from_status: str,
    to_status: str,
    actor: User,
    comment: str = "",
) -> TenantEvent:
    return TenantEvent.objects.create(
        tenant_id=tenant_id, subject=subject, subject_id=subject_id, action=action, from_status=from_status,
        to_status=to_status, actor=actor, actor_role=actor.role, comment=comment,
    )  # fmt: skip
