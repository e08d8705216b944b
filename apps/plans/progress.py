"""Employment progress at a cut-off date (domain.md): the rate by college and by major, and its weekly rise.

A graduate is employed at D when their effective plan at D (``selectors.effective_plans``: the latest plan
approved by the centre on or before D) has a destination whose report category counts as employed;
graduates without an effective plan count as not employed. Each table is one aggregate query; the weekly
series is one query of approval dates folded in Python, so the cost grows with neither graduates nor weeks.
Querying is kept apart from formatting: ``employment_progress`` returns plain data, ``rate_chart`` and
``bar_chart`` turn it into SVG geometry for the template.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, QuerySet

from apps.accounts.models import User
from apps.graduates.models import Cohort, Graduate
from apps.graduates.selectors import graduates_visible_to
from apps.reports.rates import percent_decimal

from .models import REGISTERED_STATUSES, DestinationPlan
from .selectors import effective_plans

# The one rounding rule of every rate (progress, verification, the annual report).
rate_percent = percent_decimal


@dataclass(frozen=True)
class RateRow:
    name: str
    graduates: int
    employed: int
    college: str = ""
    # What the row counts, so its 未就业 count can link to the chase list of those graduates.
    college_id: int | None = None
    major_id: int | None = None

    @property
    def rate(self) -> Decimal | None:
        return rate_percent(self.employed, self.graduates)

    @property
    def not_employed(self) -> int:
        return self.graduates - self.employed


@dataclass(frozen=True)
class WeekPoint:
    day: datetime.date
    employed: int
    graduates: int

    @property
    def rate(self) -> Decimal | None:
        return rate_percent(self.employed, self.graduates)


@dataclass
class Progress:
    cohort: Cohort
    as_of: datetime.date
    total: RateRow
    by_college: list[RateRow] = field(default_factory=list)
    by_major: list[RateRow] = field(default_factory=list)
    weekly: list[WeekPoint] = field(default_factory=list)


def default_as_of(cohort: Cohort, today: datetime.date) -> datetime.date:
    """Today while the cohort's year is not over; for an earlier cohort its initial cut-off, 31 August."""
    if today.year <= cohort.year:
        return today
    return datetime.date(cohort.year, 8, 31)


def progress_graduates(*, user: User, cohort: Cohort, college_id: int | None = None) -> QuerySet[Graduate]:
    """The cohort's graduates the user may see (centre: all, college officer: the college, counsellor: the
    classes), optionally one college of them."""
    graduates = graduates_visible_to(user).filter(cohort=cohort)
    if college_id is not None:
        graduates = graduates.filter(class_group__major__college_id=college_id)
    return graduates


def employed_graduate_ids(*, as_of: datetime.date, graduates: QuerySet[Graduate]) -> QuerySet:
    """A subquery: ids of the graduates employed at ``as_of`` (effective plan's category counts as employed)."""
    return (
        effective_plans(as_of=as_of, graduates=graduates)
        .filter(destination__category__counts_as_employed=True)
        .values("graduate_id")
    )


def employment_progress(*, cohort: Cohort, as_of: datetime.date, graduates: QuerySet[Graduate]) -> Progress:
    """The rate at ``as_of`` of ``graduates`` (a cohort's graduates in the user's scope) by college and by
    major, with the total, and the weekly series. Three queries whatever the number of graduates or weeks."""
    employed = Q(pk__in=employed_graduate_ids(as_of=as_of, graduates=graduates))
    college = "class_group__major__college"
    major = "class_group__major"
    college_rows = (
        graduates.order_by()
        .values(f"{college}_id", f"{college}__name", f"{college}__sort_order")
        .annotate(total=Count("pk"), employed=Count("pk", filter=employed))
        .order_by(f"{college}__sort_order", f"{college}__name")
    )
    by_college = [
        RateRow(row[f"{college}__name"], row["total"], row["employed"], college_id=row[f"{college}_id"])
        for row in college_rows
    ]
    major_rows = (
        graduates.order_by()
        .values(
            f"{major}_id",
            f"{major}__name",
            f"{major}__sort_order",
            f"{college}_id",
            f"{college}__name",
            f"{college}__sort_order",
        )
        .annotate(total=Count("pk"), employed=Count("pk", filter=employed))
        .order_by(f"{college}__sort_order", f"{college}__name", f"{major}__sort_order", f"{major}__name")
    )
    by_major = [
        RateRow(
            row[f"{major}__name"],
            row["total"],
            row["employed"],
            college=row[f"{college}__name"],
            college_id=row[f"{college}_id"],
            major_id=row[f"{major}_id"],
        )
        for row in major_rows
    ]
    total = RateRow("合计", sum(row.graduates for row in by_college), sum(row.employed for row in by_college))
    weekly = weekly_series(as_of=as_of, graduates=graduates, total=total.graduates)
    return Progress(cohort, as_of, total, by_college, by_major, weekly)


def week_ends(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    """Every Sunday from the week of ``first`` up to ``last``, then ``last`` itself (the cut-off)."""
    days = []
    day = first + datetime.timedelta(days=6 - first.weekday())
    while day < last:
        days.append(day)
        day += datetime.timedelta(days=7)
    days.append(last)
    return days


def weekly_series(*, as_of: datetime.date, graduates: QuerySet[Graduate], total: int) -> list[WeekPoint]:
    """The rate at the end of each week from the first approval to ``as_of``: one query for the registered
    plans' approvals, then a sweep in date order keeping each graduate's latest plan (the same order as
    ``effective_plans``: approval date, then time, then id), so the last point equals the cut-off tables."""
    approvals = list(
        DestinationPlan.objects.filter(
            status__in=REGISTERED_STATUSES,
            approved_on__lte=as_of,
            graduate__in=graduates.values("pk"),
        )
        .order_by()
        .values_list(
            "approved_on", "approved_at", "pk", "graduate_id", "destination__category__counts_as_employed"
        )
    )
    if not approvals:
        return []
    oldest = datetime.datetime.min.replace(tzinfo=datetime.UTC)
    approvals.sort(key=lambda a: (a[0], a[1] or oldest, a[2]))
    latest: dict[int, bool] = {}
    employed = 0
    position = 0
    points = []
    for end in week_ends(approvals[0][0], as_of):
        while position < len(approvals) and approvals[position][0] <= end:
            _day, _at, _pk, graduate_id, counts = approvals[position]
            employed += int(counts) - int(latest.get(graduate_id, False))
            latest[graduate_id] = counts
            position += 1
        points.append(WeekPoint(end, employed, total))
    return points


# --- formatting: SVG geometry for the template (no script, no style attribute: CSP) -----------------------

CHART_WIDTH, CHART_HEIGHT = 720, 280
_LEFT, _RIGHT, _TOP, _BOTTOM = 48, 32, 16, 40
_MAX_X_LABELS = 7


@dataclass(frozen=True)
class ChartTick:
    position: float
    label: str


@dataclass
class LineChart:
    width: int
    height: int
    points: str  # the polyline's "x,y x,y ..."
    dots: list[tuple[float, float, str]]  # (x, y, tooltip)
    y_ticks: list[ChartTick]
    x_ticks: list[ChartTick]
    left: int
    right: int
    top: int
    bottom: int


def _y(rate: Decimal | None) -> float:
    plot = CHART_HEIGHT - _TOP - _BOTTOM
    return round(_TOP + plot * (1 - float(rate or 0) / 100), 1)


def rate_chart(points: list[WeekPoint]) -> LineChart | None:
    """The weekly series as a line over time (x by date, y 0-100%); None when there is nothing to draw."""
    if not points:
        return None
    first, last = points[0].day, points[-1].day
    span = max((last - first).days, 1)
    plot_width = CHART_WIDTH - _LEFT - _RIGHT

    def x(day: datetime.date) -> float:
        if first == last:
            return round(_LEFT + plot_width / 2, 1)
        return round(_LEFT + plot_width * (day - first).days / span, 1)

    dots = [
        (x(p.day), _y(p.rate), f"{p.day:%Y-%m-%d}：{p.rate or 0}%（{p.employed}/{p.graduates}）")
        for p in points
    ]
    label_format = "%m-%d" if first.year == last.year else "%Y-%m-%d"
    step = max(1, -(-len(points) // _MAX_X_LABELS))
    labelled = points[::step]
    if labelled[-1] is not points[-1]:
        if len(labelled) > 1 and x(points[-1].day) - x(labelled[-1].day) < 80:
            labelled = labelled[:-1]  # keep the cut-off's label readable
        labelled.append(points[-1])
    return LineChart(
        width=CHART_WIDTH,
        height=CHART_HEIGHT,
        points=" ".join(f"{dx},{dy}" for dx, dy, _tip in dots),
        dots=dots,
        y_ticks=[ChartTick(_y(Decimal(v)), f"{v}%") for v in range(0, 101, 20)],
        x_ticks=[ChartTick(x(p.day), f"{p.day:{label_format}}") for p in labelled],
        left=_LEFT,
        right=CHART_WIDTH - _RIGHT,
        top=_TOP,
        bottom=CHART_HEIGHT - _BOTTOM,
    )


BAR_ROW_HEIGHT = 26
_BAR_LABEL_WIDTH = 150
_BAR_VALUE_WIDTH = 64


@dataclass(frozen=True)
class Bar:
    y: float
    width: float
    label: str
    value: str
    text_y: float


@dataclass
class BarChart:
    width: int
    height: int
    bar_left: int
    bar_height: int
    value_x: float
    bars: list[Bar]


def bar_chart(rows: list[RateRow]) -> BarChart | None:
    """Horizontal bars of the rate per row (a college each), 0-100% across."""
    if not rows:
        return None
    plot_width = CHART_WIDTH - _BAR_LABEL_WIDTH - _BAR_VALUE_WIDTH
    bars = []
    for index, row in enumerate(rows):
        top = index * BAR_ROW_HEIGHT + 4
        value = f"{row.rate}%" if row.rate is not None else "—"
        bars.append(
            Bar(
                y=top,
                width=round(plot_width * float(row.rate or 0) / 100, 1),
                label=row.name,
                value=value,
                text_y=top + BAR_ROW_HEIGHT / 2 + 2,
            )
        )
    return BarChart(
        width=CHART_WIDTH,
        height=len(rows) * BAR_ROW_HEIGHT + 8,
        bar_left=_BAR_LABEL_WIDTH,
        bar_height=BAR_ROW_HEIGHT - 8,
        value_x=_BAR_LABEL_WIDTH + plot_width + 6,
        bars=bars,
    )


def default_cohort(*, user: User) -> Cohort | None:
    """The latest cohort with graduates the user may see (else the latest cohort at all)."""
    visible = graduates_visible_to(user).values("cohort_id")
    return Cohort.objects.filter(pk__in=visible).order_by("-year").first() or Cohort.objects.first()
