"""Scope (who sees which companies) and the one rounding rule of the park's rates."""

from decimal import Decimal

from django.db.models import QuerySet

from apps.accounts.models import Role, User
from apps.reports.rates import percent_decimal as rate_percent  # noqa: F401 (re-exported: the report's one rounding rule)

from ..models import Tenant, Unit

HUNDREDTH = Decimal("0.01")
ZERO = Decimal("0")


def sees_whole_park(user: User) -> bool:
    return user.is_authenticated and user.is_active and (user.is_superuser or user.role == Role.CENTRE)


def tenants_visible_to(user: User) -> QuerySet[Tenant]:
    """Every tenant for the centre and the administrator; the tenants a member account belongs to; none else."""
    tenants = Tenant.objects.all()
    if not user.is_authenticated or not user.is_active:
        return tenants.none()
    if sees_whole_park(user):
        return tenants
    if user.role in (Role.TENANT, Role.STUDENT):
        return tenants.filter(members=user)
    return tenants.none()


def is_park_member(user: User) -> bool:
    return user.is_authenticated and Tenant.objects.filter(members=user).exists()


def is_member_of(user: User, tenant: Tenant) -> bool:
    return tenant.members.filter(pk=user.pk).exists()


def units_visible_to(user: User) -> QuerySet[Unit]:
    units = Unit.objects.all()
    if sees_whole_park(user):
        return units
    return units.filter(tenants__in=tenants_visible_to(user).values("pk")).distinct()
