"""The centre's overview and the park's headline figures (plain data; templates format it)."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, DecimalField, Exists, OuterRef, Q, Sum
from django.db.models.functions import Coalesce

from ..models import (
    ACTIVE_STATUSES,
    PASS_EXPIRY_WARNING_DAYS,
    PENDING_STATUSES,
    AccessPass,
    Assessment,
    FundingApplication,
    FundingResult,
    OperatingReport,
    ResumptionApplication,
    ReviewStatus,
    Site,
    Tenant,
    TenantStatus,
    Unit,
)
from .common import HUNDREDTH, ZERO, rate_percent
from .operations import due_period
from .programmes import competition_summary
from .tenants import SiteOccupancy, site_occupancy


@dataclass(frozen=True)
class Bar:
    label: str
    used: Decimal
    free: Decimal
    used_width: Decimal  # of 100 units of chart width
    free_width: Decimal
    y: int


BAR_HEIGHT = 28
BAR_GAP = 16


def area_bars(sites: list[SiteOccupancy]) -> list[Bar]:
    """Horizontal stacked bars (used, free) per site, scaled to the largest site, for a server-side SVG."""
    largest = max((s.area for s in sites), default=ZERO)
    bars = []
    for index, s in enumerate(sites):
        scale = (Decimal(100) / largest) if largest else ZERO
        bars.append(
            Bar(
                label=s.site.name,
                used=s.used_area,
                free=s.free_area,
                used_width=(s.used_area * scale).quantize(HUNDREDTH),
                free_width=(s.free_area * scale).quantize(HUNDREDTH),
                y=index * (BAR_HEIGHT + BAR_GAP),
            )
        )
    return bars


def park_dashboard(*, today: datetime.date) -> dict:
    """The centre's overview on ``today``: tenants by status, area per site, jobs created, the companies whose
    report for the due month is missing, passes that run out within 14 days, the latest assessment, funding.

    A report counts as in when it is submitted or approved; a returned one is still missing. Companies that
    moved in after the due month are not expected to report for it.
    """
    sites = site_occupancy()
    tenants = Tenant.objects.aggregate(
        active=Count("pk", filter=Q(status__in=ACTIVE_STATUSES)),
        admitted=Count("pk", filter=Q(status=TenantStatus.ADMITTED)),
        marked_for_exit=Count("pk", filter=Q(status=TenantStatus.MARKED_FOR_EXIT)),
        pending=Count("pk", filter=Q(status__in=PENDING_STATUSES)),
        exited=Count("pk", filter=Q(status=TenantStatus.EXITED)),
        jobs_created=Coalesce(Sum("jobs_created", filter=Q(status__in=ACTIVE_STATUSES)), 0),
    )
    period = due_period(today)
    reported = OperatingReport.objects.filter(
        tenant=OuterRef("pk"), period=period, status__in=(ReviewStatus.SUBMITTED, ReviewStatus.APPROVED)
    )
    period_ends = (period + datetime.timedelta(days=31)).replace(day=1)
    missing_reports = list(
        Tenant.objects.filter(status__in=ACTIVE_STATUSES)
        .filter(Q(move_in_on__isnull=True) | Q(move_in_on__lt=period_ends))
        .filter(~Exists(reported))
        .order_by("company_name")
        .only("pk", "company_name", "leader_name")
    )
    expiring = list(
        AccessPass.objects.filter(
            valid_to__gte=today,
            valid_to__lte=today + datetime.timedelta(days=PASS_EXPIRY_WARNING_DAYS),
            valid_from__lte=today,
        )
        .select_related("tenant")
        .order_by("valid_to", "pk")
    )
    latest_year = Assessment.objects.order_by("-year").values_list("year", flat=True).first()
    assessments = (
        list(
            Assessment.objects.filter(year=latest_year)
            .select_related("tenant")
            .order_by("passed", "total", "pk")
        )
        if latest_year
        else []
    )
    funding = FundingApplication.objects.aggregate(
        applications=Count("pk"),
        funded=Count("pk", filter=Q(result=FundingResult.FUNDED)),
        granted=Coalesce(
            Sum("amount_granted"), ZERO, output_field=DecimalField(max_digits=12, decimal_places=2)
        ),
    )
    waiting = {
        "reports": OperatingReport.objects.filter(status=ReviewStatus.SUBMITTED).count(),
        "resumptions": ResumptionApplication.objects.filter(status=ReviewStatus.SUBMITTED).count(),
    }
    total_area = sum((s.area for s in sites), ZERO)
    used_area = sum((s.used_area for s in sites), ZERO)
    bars = area_bars(sites)
    return {
        "today": today,
        "sites": sites,
        "bars": bars,
        "chart_height": max(len(bars) * (BAR_HEIGHT + BAR_GAP) - BAR_GAP, BAR_HEIGHT),
        "bar_height": BAR_HEIGHT,
        "total_area": total_area,
        "used_area": used_area,
        "free_area": total_area - used_area,
        "used_percent": rate_percent(used_area, total_area),
        "tenants": tenants,
        "period": period,
        "missing_reports": missing_reports,
        "expiring_passes": expiring,
        "assessment_year": latest_year,
        "assessments": assessments,
        "assessments_failed": sum(1 for a in assessments if not a.passed),
        "funding": funding,
        "waiting": waiting,
    }


def park_totals() -> dict:
    """The park's headline figures as the seed report states them (4.4.1-4.4.3), counted from the database."""
    tenants = Tenant.objects.aggregate(
        active=Count("pk", filter=Q(status__in=ACTIVE_STATUSES)),
        jobs_created=Coalesce(Sum("jobs_created", filter=Q(status__in=ACTIVE_STATUSES)), 0),
    )
    area = Unit.objects.aggregate(total=Coalesce(Sum("area"), ZERO, output_field=DecimalField()))["total"]
    funding = FundingApplication.objects.aggregate(
        applications=Count("pk"),
        funded=Count("pk", filter=Q(result=FundingResult.FUNDED)),
        granted=Coalesce(
            Sum("amount_granted"), ZERO, output_field=DecimalField(max_digits=12, decimal_places=2)
        ),
    )
    return {
        "sites": Site.objects.count(),
        "area": area,
        **tenants,
        "funding": funding,
        "competitions": competition_summary(),
    }
