"""Reads of companies, their pages and the sites' units."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Exists, OuterRef, Prefetch, QuerySet, Subquery

from apps.accounts.models import User

from ..models import ACTIVE_STATUSES, FundingApplication, MeterReading, Site, Tenant, Unit
from ..workflow import (
    FUNDING_TRANSITIONS,
    REVIEW_BUTTON_ACTIONS,
    REVIEW_TRANSITIONS,
    TENANT_INTERNAL_ACTIONS,
    TENANT_TRANSITIONS,
    FundingAction,
    ReviewAction,
    TenantAction,
)
from .common import ZERO, is_member_of, rate_percent, tenants_visible_to
from .operations import meter_readings_with_consumption, read_during_tenancy

TENANT_LIST_RELATED = ("industry", "leader_graduate")


def _with_units() -> Prefetch:
    return Prefetch(
        "units", queryset=Unit.objects.select_related("site").order_by("site__sort_order", "code")
    )


def tenant_list(*, user: User) -> QuerySet[Tenant]:
    """The user's tenants with what the list shows (industry, leader, units and their sites), in a constant
    number of queries at any size; narrow it with ``TenantFilter``."""
    return (
        tenants_visible_to(user)
        .select_related(*TENANT_LIST_RELATED)
        .prefetch_related(_with_units())
        .order_by("company_name", "pk")
    )


def tenant_get(*, user: User, pk: int) -> Tenant | None:
    """One tenant, or None when it does not exist or is outside the user's scope (callers answer 404)."""
    return (
        tenants_visible_to(user)
        .select_related(*TENANT_LIST_RELATED, "leader_graduate__class_group")
        .prefetch_related(_with_units(), "members")
        .filter(pk=pk)
        .first()
    )


def tenant_actions_for(user: User, tenant: Tenant) -> list[TenantAction]:
    """The admission actions the table allows this user on this tenant now (drives the buttons)."""
    return [
        TenantAction(action)
        for (status, action), move in TENANT_TRANSITIONS.items()
        if status == tenant.status and user.role in move.roles and action not in TENANT_INTERNAL_ACTIONS
    ]


def review_actions_for(user: User, submission) -> list[ReviewAction]:
    """Approve / return buttons for the centre on a submitted report or application."""
    return [
        ReviewAction(action)
        for (status, action), move in REVIEW_TRANSITIONS.items()
        if status == submission.status and user.role in move.roles and action in REVIEW_BUTTON_ACTIONS
    ]


def can_resubmit(user: User, submission) -> bool:
    move = REVIEW_TRANSITIONS.get((submission.status, ReviewAction.RESUBMIT))
    return move is not None and user.role in move.roles and is_member_of(user, submission.tenant)


def funding_actions_for(user: User, application: FundingApplication) -> list[FundingAction]:
    return [
        FundingAction(action)
        for (status, action), move in FUNDING_TRANSITIONS.items()
        if status == application.result and user.role in move.roles
    ]


def tenant_page(*, tenant: Tenant) -> dict:
    """Everything the tenant's page lists, newest first, each list capped; one query per list. The meter
    readings are those of its units while it held them."""
    held = read_during_tenancy(Tenant.objects.filter(pk=tenant.pk))
    return {
        "team": list(tenant.team.select_related("graduate")),
        "reports": list(tenant.reports.order_by("-period")[:12]),
        "resumptions": list(tenant.resumptions.order_by("-submitted_at")[:5]),
        "passes": list(tenant.passes.order_by("-valid_to", "pk")[:20]),
        "patrols": list(tenant.patrols.select_related("site").order_by("-patrolled_on", "-pk")[:10]),
        "readings": list(
            meter_readings_with_consumption(
                MeterReading.objects.filter(held).select_related("unit")
            ).order_by("-read_on", "unit__code")[:12]
        ),
        "assessments": list(tenant.assessments.order_by("-year")),
        "funding": list(tenant.funding.order_by("-year", "-pk")),
        "entries": list(tenant.competition_entries.prefetch_related("awards").order_by("-year", "pk")),
        "events": list(tenant.events.select_related("actor").order_by("created_at", "pk")),
    }


# ---------------------------------------------------------------------------------------------- sites


@dataclass
class SiteOccupancy:
    site: Site
    units: list[Unit] = field(default_factory=list)
    area: Decimal = ZERO
    used_area: Decimal = ZERO
    occupied_units: int = 0

    @property
    def free_area(self) -> Decimal:
        return self.area - self.used_area

    @property
    def free_units(self) -> int:
        return len(self.units) - self.occupied_units

    @property
    def used_percent(self) -> Decimal | None:
        return rate_percent(self.used_area, self.area)


def units_with_holder() -> QuerySet[Unit]:
    """Every unit with its site and its current holder (``holder_id``, ``holder_name``: the active tenant, in the
    park or marked for exit, that holds it; None when the unit is free), in site and room order."""
    holder = Tenant.objects.filter(units=OuterRef("pk"), status__in=ACTIVE_STATUSES).order_by("pk")
    return (
        Unit.objects.select_related("site")
        .annotate(
            holder_id=Subquery(holder.values("pk")[:1]),
            holder_name=Subquery(holder.values("company_name")[:1]),
        )
        .order_by("site__sort_order", "code", "pk")
    )


def site_occupancy() -> list[SiteOccupancy]:
    """Each site with its units, total, used and free area. A unit is used while an active tenant (in the park
    or marked for exit) holds it. Two queries: the sites, and the units with their current holder."""
    sites = {site.pk: SiteOccupancy(site=site) for site in Site.objects.order_by("sort_order", "name")}
    for unit in units_with_holder():
        entry = sites[unit.site_id]
        entry.units.append(unit)
        entry.area += unit.area
        if unit.holder_id is not None:
            entry.occupied_units += 1
            entry.used_area += unit.area
    return list(sites.values())


def units_taken_by_others(*, units, tenant: Tenant | None) -> list[Unit]:
    """Of ``units``, those an active tenant other than ``tenant`` holds."""
    others = Tenant.objects.filter(status__in=ACTIVE_STATUSES)
    if tenant is not None and tenant.pk:
        others = others.exclude(pk=tenant.pk)
    return list(
        Unit.objects.filter(pk__in=[u.pk for u in units], tenants__in=others)
        .select_related("site")
        .distinct()
    )


def units_available_to(tenant: Tenant | None = None) -> QuerySet[Unit]:
    """Units no active company other than ``tenant`` holds: what the centre may give ``tenant``."""
    taken = Tenant.objects.filter(units=OuterRef("pk"), status__in=ACTIVE_STATUSES)
    if tenant is not None and tenant.pk:
        taken = taken.exclude(pk=tenant.pk)
    return Unit.objects.select_related("site").filter(~Exists(taken)).order_by("site__sort_order", "code")
