"""Which plan counts for each graduate at a cut-off date (domain.md), for the report and the progress pages."""

import datetime

from django.db.models import (
    Exists,
    OuterRef,
    Q,
    QuerySet,
    Value,
)
from django.db.models.functions import Coalesce
from django.db.models.lookups import Exact, GreaterThan

from apps.graduates.models import Graduate

from ..models import (
    IN_REVIEW_STATUSES,
    REGISTERED_STATUSES,
    DestinationPlan,
)

# Orders a plan without an approval time (imported history) before any with one on the same day.
EARLIEST_APPROVAL = datetime.datetime(1900, 1, 1, tzinfo=datetime.UTC)


def effective_plans(
    *, as_of: datetime.date, graduates: QuerySet[Graduate] | None = None
) -> QuerySet[DestinationPlan]:
    """Each graduate's destination at ``as_of``: the latest plan approved by the centre on or before that day
    (domain.md), whatever happened to it later. One row per graduate who had one.

    "Latest" orders by approval day, then approval time (a plan without one counts as earliest), then id. The
    rule is written as "no later registered plan of the same graduate" (NOT EXISTS), which PostgreSQL runs as
    one hash anti-join; ranking with ROW_NUMBER and re-selecting the winners by id was 2.7 times slower
    (benchmarks/bench_report.py), and a correlated "latest plan" subquery per row slower still.
    """
    registered = DestinationPlan.objects.filter(status__in=REGISTERED_STATUSES, approved_on__lte=as_of)
    approved_at = Coalesce("approved_at", Value(EARLIEST_APPROVAL))
    outer_approved_at = Coalesce(OuterRef("approved_at"), Value(EARLIEST_APPROVAL))
    later = registered.filter(
        Q(approved_on__gt=OuterRef("approved_on"))
        | Q(approved_on=OuterRef("approved_on"))
        & (
            Q(GreaterThan(approved_at, outer_approved_at))
            | Q(Exact(approved_at, outer_approved_at)) & Q(pk__gt=OuterRef("pk"))
        ),
        graduate_id=OuterRef("graduate_id"),
    )
    if graduates is not None:
        registered = registered.filter(graduate__in=graduates.values("pk"))
    return registered.filter(~Exists(later))


def in_review_at_cutoff(*, graduates: QuerySet[Graduate]) -> QuerySet[Graduate]:
    """Graduates who have a plan on its way through review now (for the consistency panel)."""
    return graduates.filter(
        Exists(DestinationPlan.objects.filter(graduate=OuterRef("pk"), status__in=IN_REVIEW_STATUSES))
    )
