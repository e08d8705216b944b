"""Reads of assessments, funding applications and competition entries."""

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum

from apps.accounts.models import User

from ..models import MEDALS, Assessment, Competition, CompetitionAward, CompetitionEntry, FundingApplication
from .common import tenants_visible_to


def assessment_list(*, user: User) -> QuerySet[Assessment]:
    return (
        Assessment.objects.filter(tenant__in=tenants_visible_to(user).values("pk"))
        .select_related("tenant")
        .order_by("-year", "-total", "tenant__company_name")
    )


def funding_list(*, user: User) -> QuerySet[FundingApplication]:
    return (
        FundingApplication.objects.filter(tenant__in=tenants_visible_to(user).values("pk"))
        .select_related("tenant")
        .order_by("-year", "tenant__company_name", "pk")
    )


def funding_get(*, user: User, pk: int) -> FundingApplication | None:
    return funding_list(user=user).filter(pk=pk).first()


def competition_entry_list() -> QuerySet[CompetitionEntry]:
    """Every entry (the centre's register), with its awards and company, medal-winners first within a year."""
    medals = CompetitionAward.objects.filter(entry=OuterRef("pk"), award__in=MEDALS)
    return (
        CompetitionEntry.objects.select_related("tenant")
        .prefetch_related("awards")
        .annotate(has_medal=Exists(medals))
        .order_by("-year", "-has_medal", "competition", "project_name", "pk")
    )


def competition_entry_get(*, pk: int) -> CompetitionEntry | None:
    return CompetitionEntry.objects.select_related("tenant").prefetch_related("awards").filter(pk=pk).first()


@dataclass(frozen=True)
class CompetitionLine:
    year: int
    competition: str
    label: str
    entries: int
    students: int
    medals: int
    awards: int


def competition_summary(*, entries: QuerySet[CompetitionEntry] | None = None) -> list[CompetitionLine]:
    """Entries and students per year and competition entered, and the medals and other awards those entries
    won (whatever competition awarded them). Two grouped queries."""
    entries = CompetitionEntry.objects.all() if entries is None else entries
    counts = entries.values("year", "competition").annotate(entries=Count("pk"), students=Sum("team_size"))
    won = (
        CompetitionAward.objects.filter(entry__in=entries.values("pk"))
        .values("entry__year", "entry__competition")
        .annotate(medals=Count("pk", filter=Q(award__in=MEDALS)), awards=Count("pk"))
    )
    by_key = {(row["entry__year"], row["entry__competition"]): row for row in won}
    lines = []
    for row in counts.order_by("-year", "competition"):
        prizes = by_key.get((row["year"], row["competition"]), {})
        lines.append(
            CompetitionLine(
                year=row["year"],
                competition=row["competition"],
                label=str(Competition(row["competition"]).label),
                entries=row["entries"],
                students=row["students"] or 0,
                medals=prizes.get("medals", 0),
                awards=prizes.get("awards", 0),
            )
        )
    return lines
