"""Reads of a company's operations: reports, resumption applications, passes, patrols, meters."""

import datetime

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery

from apps.accounts.models import User

from ..models import (
    AccessPass,
    MeterReading,
    OperatingReport,
    PatrolRecord,
    ResumptionApplication,
    Tenant,
    TenantEvent,
)
from .common import sees_whole_park, tenants_visible_to


def due_period(today: datetime.date) -> datetime.date:
    """The month whose operating report is due now: the previous calendar month (its first day)."""
    first_of_this_month = today.replace(day=1)
    return (first_of_this_month - datetime.timedelta(days=1)).replace(day=1)


def reports_visible_to(user: User) -> QuerySet[OperatingReport]:
    return OperatingReport.objects.filter(tenant__in=tenants_visible_to(user).values("pk"))


def report_list(*, user: User) -> QuerySet[OperatingReport]:
    return (
        reports_visible_to(user)
        .select_related("tenant", "submitted_by")
        .order_by("-period", "tenant__company_name")
    )


def report_get(*, user: User, pk: int) -> OperatingReport | None:
    return (
        reports_visible_to(user).select_related("tenant", "submitted_by", "reviewed_by").filter(pk=pk).first()
    )


def resumptions_visible_to(user: User) -> QuerySet[ResumptionApplication]:
    return ResumptionApplication.objects.filter(tenant__in=tenants_visible_to(user).values("pk"))


def resumption_list(*, user: User) -> QuerySet[ResumptionApplication]:
    return (
        resumptions_visible_to(user).select_related("tenant", "submitted_by").order_by("-submitted_at", "-pk")
    )


def resumption_get(*, user: User, pk: int) -> ResumptionApplication | None:
    return (
        resumptions_visible_to(user)
        .select_related("tenant", "submitted_by", "reviewed_by")
        .filter(pk=pk)
        .first()
    )


def submission_events(submission, subject: str) -> QuerySet[TenantEvent]:
    return TenantEvent.objects.filter(subject=subject, subject_id=submission.pk).select_related("actor")


def pass_list(*, user: User) -> QuerySet[AccessPass]:
    return (
        AccessPass.objects.filter(tenant__in=tenants_visible_to(user).values("pk"))
        .select_related("tenant")
        .order_by("valid_to", "pk")
    )


def patrol_list(*, user: User) -> QuerySet[PatrolRecord]:
    patrols = PatrolRecord.objects.select_related("site", "tenant", "recorded_by")
    if not sees_whole_park(user):
        patrols = patrols.filter(tenant__in=tenants_visible_to(user).values("pk"))
    return patrols.order_by("-patrolled_on", "-pk")


def patrol_get(*, user: User, pk: int) -> PatrolRecord | None:
    return patrol_list(user=user).filter(pk=pk).first()


def meter_readings_with_consumption(readings: QuerySet[MeterReading]) -> QuerySet[MeterReading]:
    """Each reading with the meter's reading before it (``previous_reading``, ``previous_on``), so that
    ``consumption`` gives the kWh used in between (None for a meter's first reading). A correlated subquery
    rather than a window, so the figure stays right when the list is filtered by date; the subtraction is done
    on Decimals in Python (SQLite would do it in floating point)."""
    before = MeterReading.objects.filter(
        meter_no=OuterRef("meter_no"), read_on__lt=OuterRef("read_on")
    ).order_by("-read_on")
    return readings.annotate(
        previous_reading=Subquery(before.values("reading")[:1]),
        previous_on=Subquery(before.values("read_on")[:1]),
    )


def read_during_tenancy(tenants: QuerySet[Tenant]) -> Exists:
    """A reading taken on a unit one of ``tenants`` held, between its move-in and its exit (inclusive). A unit
    stays on the record of the company that left it, so the unit alone would show a company the readings of the
    one that came after it (or before it)."""
    held = Tenant.units.through.objects.filter(
        Q(tenant__exited_on__isnull=True) | Q(tenant__exited_on__gte=OuterRef("read_on")),
        tenant__in=tenants.values("pk"),
        unit=OuterRef("unit"),
        tenant__move_in_on__lte=OuterRef("read_on"),
    )
    return Exists(held)


def meter_reading_list(*, user: User) -> QuerySet[MeterReading]:
    """Every reading for the centre and the administrator; a company's accounts see the readings of its units
    taken while it held them."""
    readings = MeterReading.objects.all()
    if not sees_whole_park(user):
        readings = readings.filter(read_during_tenancy(tenants_visible_to(user)))
    readings = readings.select_related("unit__site")
    return meter_readings_with_consumption(readings).order_by(
        "-read_on", "unit__site__sort_order", "unit__code"
    )
