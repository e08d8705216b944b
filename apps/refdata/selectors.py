"""Reads of the code tables that other apps share."""

from django.db.models import OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from . import seed_data
from .models import AdministrativeDivision, DestinationScheme, DivisionLevel, ReportCategory

DEFAULT_RATE_NAME = "就业率"


def destination_scheme(code: str) -> DestinationScheme:
    """The scheme a cohort names; a code no row describes reads as the 2020 scheme's names (unsaved), so a
    report never fails on it. One query."""
    found = DestinationScheme.objects.filter(code=code).first()
    if found is not None:
        return found
    return DestinationScheme(
        code=code,
        name=code,
        rate_name="就业率",
        placed_name="就业",
        category_scheme=seed_data.CATEGORY_SCHEME,
    )


def report_categories(scheme: DestinationScheme) -> list[ReportCategory]:
    """The scheme's categories in the order its report prints them. One query."""
    return list(
        ReportCategory.objects.filter(scheme=scheme.category_scheme, is_active=True).order_by(
            "sort_order", "code"
        )
    )


def with_rate_names(cohorts: QuerySet) -> QuerySet:
    """Cohorts annotated with their scheme's ``rate_name`` (a subquery: no query of its own)."""
    names = DestinationScheme.objects.filter(code=OuterRef("destination_scheme")).values("rate_name")[:1]
    return cohorts.annotate(rate_name=Coalesce(Subquery(names), Value(DEFAULT_RATE_NAME)))


def province_counties(province_code: str) -> list[tuple[int, str, str]] | None:
    """The active counties of a province in the shipped GB/T 2260 version, as (id, code, full name) by code;
    None when no such province (71, 81 and 82 are provinces without counties: an empty list). One query: the
    province's own row comes with its counties."""
    rows = AdministrativeDivision.objects.filter(
        scheme=seed_data.DIVISION_SCHEME,
        province_code=province_code,
        level__in=(DivisionLevel.PROVINCE, DivisionLevel.COUNTY),
        is_active=True,
    ).values_list("pk", "code", "full_name", "level")
    found = False
    counties = []
    for pk, code, full_name, level in rows.order_by("code"):
        if level == DivisionLevel.PROVINCE:
            found = True
        else:
            counties.append((pk, code, full_name))
    return counties if found else None
