"""Published figures (发布数据): the centre publishes the school's report at a cut-off, as sent to the province,
and can later show, at 核查, what was published beside today's recomputation and who changed since and why.

Service: ``report_publish``. Selectors: ``publication_for``, ``publication_get``, ``publication_list``,
``publication_headline``, ``publication_comparison`` and ``publication_changes``. Each costs a fixed number
of queries whatever the number of graduates: the snapshot is written by one INSERT ... SELECT, the changed graduates are
found by the database, and only the page of them shown is read in detail.
"""

import datetime
import json
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, connection, connections, models, transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import Role, User
from apps.graduates.models import Cohort, Graduate
from apps.plans.models import DestinationPlan, PlanEvent, PlanStatus
from apps.plans.selectors import effective_plans
from apps.plans.workflow import Action
from apps.refdata.models import DestinationCode

from .data import AnnualReport
from .formatters import JSON_TABLES, report_to_json
from .models import PublishedDestination, ReportPublication
from .rates import points
from .selectors import annual_report, report_graduates

MSG_PUBLISHED = _("已发布 {cohort}届 截至 {day} 的报告数据（{graduates} 名毕业生），发布后不可修改。")
MSG_ALREADY_PUBLISHED = _(
    "{cohort}届 截至 {day} 的报告数据已于 {when} 由 {who} 发布，同一截止日期只能发布一次，发布的数据不可修改。"
)
MSG_FUTURE_CUT_OFF = _("截止日期 {day} 晚于今天，尚不能发布。")

HEADLINE = (
    ("graduates", _("毕业生总数")),
    ("employed", _("就业人数")),
    ("employment_rate", _("就业率")),
)


class ChangeReason(models.TextChoices):
    FOUND_FALSE = "found_false", _("核查不属实")
    CORRECTED = "corrected", _("更正经审核通过")
    IMPORTED = "imported", _("导入登记")
    LEFT = "left", _("已不在本届")
    ADDED = "added", _("发布后新增至本届")
    NO_LONGER_COUNTED = "no_longer_counted", _("原方案不再计入")


def _check_centre(actor: User) -> None:
    if not actor.is_active or actor.role != Role.CENTRE:
        raise PermissionDenied


def _already_published(publication: ReportPublication) -> ValidationError:
    return ValidationError(
        MSG_ALREADY_PUBLISHED.format(
            cohort=publication.cohort.year,
            day=publication.as_of.isoformat(),
            when=f"{timezone.localtime(publication.published_at):%Y-%m-%d %H:%M}",
            who=publication.published_by.get_full_name() or publication.published_by.username,
        ),
        code="already_published",
    )


def _read_one_snapshot() -> None:
    """On PostgreSQL, make the report and the per-graduate snapshot read the same data: under READ COMMITTED
    an approval committed between their queries would be in one and not the other. Only possible as the first
    statement of a transaction, so only when this service opens it; inside a caller's transaction (tests
    included) the caller's isolation holds. SQLite reads one snapshot per transaction anyway."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")


def report_publish(*, actor: User, cohort: Cohort, as_of: datetime.date, note: str = "") -> ReportPublication:
    """Publish the school's report of ``cohort`` at ``as_of`` as it is computed now: the whole JSON of contract
    §4, exactly as the page's ``?format=json`` serves it, with who and when; and, in the same transaction, the
    plan each graduate of the cohort was counted with (none: no registered destination).

    Promises: centre only (PermissionDenied); once per cohort and cut-off (a second attempt, concurrent ones
    included, is a ValidationError naming the first); a cut-off in the future is refused; nothing is written
    unless everything is. The rows are never changed afterwards.
    """
    _check_centre(actor)
    note = note.strip()
    if as_of > timezone.localdate():
        raise ValidationError({"as_of": MSG_FUTURE_CUT_OFF.format(day=as_of.isoformat())})
    existing = publication_for(cohort=cohort, as_of=as_of)
    if existing is not None:
        raise _already_published(existing)
    outermost = not connection.in_atomic_block
    try:
        with transaction.atomic():
            if outermost:
                _read_one_snapshot()
            publication = _publish(actor=actor, cohort=cohort, as_of=as_of, note=note)
    except IntegrityError:
        # Another publication of this cut-off committed between the check above and this insert.
        existing = publication_for(cohort=cohort, as_of=as_of)
        if existing is None:
            raise
        raise _already_published(existing) from None
    return publication


def _publish(*, actor: User, cohort: Cohort, as_of: datetime.date, note: str) -> ReportPublication:
    graduates = report_graduates(cohort=cohort)
    report = annual_report(cohort=cohort, as_of=as_of)
    # Through the same encoder as JsonResponse, so the stored data is what ``?format=json`` answered.
    data = json.loads(json.dumps(report_to_json(report), cls=DjangoJSONEncoder))
    publication = ReportPublication(cohort=cohort, as_of=as_of, data=data, published_by=actor, note=note)
    # Not validated here: the one-per-cut-off constraint (report_publish looked already; a race is decided by
    # the database's IntegrityError), nor the cohort and user, rows in hand (two more queries).
    publication.full_clean(exclude=["cohort", "published_by"], validate_constraints=False)
    publication.save()
    _write_snapshot(publication, graduates=graduates, as_of=as_of)
    return publication


def _write_snapshot(
    publication: ReportPublication, *, graduates: QuerySet[Graduate], as_of: datetime.date
) -> None:
    """One row per graduate of the report with the plan counted at the cut-off (none: no registered
    destination), written by the database in one ``INSERT ... SELECT`` from the same two querysets the report
    reads: a province's 400,000 graduates never pass through Python (building the rows in batches took
    7-14 s at 50,000 on PostgreSQL). The SQL is the ORM's own, so the rule is the one the report applies."""
    using = graduates.db
    snapshot_graduates = graduates.order_by().values(snapshot_graduate=F("pk"))
    counted = (
        effective_plans(as_of=as_of, graduates=graduates)
        .order_by()
        .values(
            counted_graduate=F("graduate_id"), counted_plan=F("pk"), counted_destination=F("destination_id")
        )
    )
    graduates_sql, graduate_params = snapshot_graduates.query.get_compiler(using).as_sql()
    counted_sql, counted_params = counted.query.get_compiler(using).as_sql()
    quote = connections[using].ops.quote_name
    table = quote(PublishedDestination._meta.db_table)
    columns = ", ".join(
        quote(name) for name in ("publication_id", "graduate_id", "plan_id", "destination_id")
    )
    sql = (
        f"INSERT INTO {table} ({columns}) "
        f"SELECT %s, g.snapshot_graduate, e.counted_plan, e.counted_destination FROM ({graduates_sql}) g "
        f"LEFT JOIN ({counted_sql}) e ON e.counted_graduate = g.snapshot_graduate"
    )
    with connections[using].cursor() as cursor:
        cursor.execute(sql, [publication.pk, *graduate_params, *counted_params])


# --- selectors -------------------------------------------------------------------------------------------


def publication_for(*, cohort: Cohort, as_of: datetime.date) -> ReportPublication | None:
    """The publication of this cohort at this cut-off, if any."""
    return (
        ReportPublication.objects.select_related("cohort", "published_by")
        .filter(cohort=cohort, as_of=as_of)
        .first()
    )


def publication_get(*, pk: int) -> ReportPublication | None:
    return ReportPublication.objects.select_related("cohort", "published_by").filter(pk=pk).first()


def publication_list(*, cohort: Cohort | None = None) -> QuerySet[ReportPublication]:
    """Every publication (optionally of one cohort), newest cohort and cut-off first."""
    publications = ReportPublication.objects.select_related("cohort", "published_by")
    if cohort is not None:
        publications = publications.filter(cohort=cohort)
    return publications.order_by("-cohort__year", "-as_of", "-pk")


@dataclass(frozen=True)
class RowDiff:
    """One row of a table as published and as recomputed now (None: the row is not on that side)."""

    name: str
    college: str | None
    published_count: int | None
    published_percent: float | None
    current_count: int | None
    current_percent: float | None
    published_graduates: int | None = None  # rate tables: the base of the rate
    current_graduates: int | None = None

    @property
    def count_diff(self) -> int:
        return (self.current_count or 0) - (self.published_count or 0)

    @property
    def percent_diff(self) -> float:
        return points(self.current_percent or 0.0, self.published_percent or 0.0)

    @property
    def graduates_diff(self) -> int:
        return (self.current_graduates or 0) - (self.published_graduates or 0)

    @property
    def changed(self) -> bool:
        return (
            self.published_count != self.current_count
            or self.published_percent != self.current_percent
            or self.published_graduates != self.current_graduates
        )


@dataclass(frozen=True)
class TableDiff:
    key: str
    title: str
    base: str
    rates: bool
    rows: list[RowDiff]

    @property
    def changed(self) -> bool:
        return any(row.changed for row in self.rows)


@dataclass
class Comparison:
    publication: ReportPublication
    current: AnnualReport
    headline: list[RowDiff]
    tables: list[TableDiff] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return any(row.changed for row in self.headline) or any(table.changed for table in self.tables)


def publication_headline(publication: ReportPublication, report: AnnualReport) -> list[RowDiff]:
    """Graduates, employed and the employment rate as published and in ``report`` (today's recomputation of
    the same cohort and cut-off, school-wide). No query."""
    data = publication.data
    current = {
        "graduates": report.graduates,
        "employed": report.employed,
        "employment_rate": report.employment_rate,
    }
    # The cohort's scheme's words: 就业人数/就业率 (2020), 已落实人数/毕业去向落实率 (2021+).
    labels = {"employed": f"{report.placed_name}人数", "employment_rate": report.rate_name}
    rows = []
    for key, default_label in HEADLINE:
        label = labels.get(key, default_label)
        if key == "employment_rate":
            rows.append(RowDiff(str(label), None, None, data.get(key), None, current[key]))
        else:
            rows.append(RowDiff(str(label), None, data.get(key), None, current[key], None))
    return rows


def _row_key(row: dict) -> tuple[str, str]:
    return (row.get("college") or "", row["name"])


def _table_diff(key: str, title: str, base: str, rates: bool, published: list[dict], current: list[dict]):
    old_rows = {_row_key(row): row for row in published}
    new_rows = {_row_key(row): row for row in current}
    # The published order first (the figure that was sent), then the rows that exist only now.
    order = list(old_rows) + [row_key for row_key in new_rows if row_key not in old_rows]
    rows = []
    for row_key in order:
        old, new = old_rows.get(row_key), new_rows.get(row_key)
        rows.append(
            RowDiff(
                name=row_key[1],
                college=row_key[0] or None,
                published_count=old["count"] if old else None,
                published_percent=old["percent"] if old else None,
                current_count=new["count"] if new else None,
                current_percent=new["percent"] if new else None,
                published_graduates=old.get("graduates") if old else None,
                current_graduates=new.get("graduates") if new else None,
            )
        )
    return TableDiff(key, title, base, rates, rows)


def publication_comparison(publication: ReportPublication) -> Comparison:
    """The publication beside today's recomputation of the same report (cohort, cut-off, school-wide): the
    headline and every table of contract §4, row by row (matched by name, and college where rows carry one),
    with the differences. The report's own queries and nothing more."""
    report = annual_report(cohort=publication.cohort, as_of=publication.as_of)
    now = report_to_json(report)
    tables = []
    for key in JSON_TABLES:
        table = report.tables.get(key)
        tables.append(
            _table_diff(
                key,
                table.title if table else key,
                table.base if table else "",
                bool(table and table.rates),
                publication.data.get(key, []),
                now[key],
            )
        )
    return Comparison(publication, report, publication_headline(publication, report), tables)


# --- who changed since --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reason:
    kind: ChangeReason
    day: datetime.date | None = None
    detail: str = ""

    @property
    def label(self) -> str:
        return str(self.kind.label)


@dataclass(frozen=True)
class Change:
    """A graduate whose destination at the publication's cut-off is not the one published."""

    graduate: Graduate
    published_plan: DestinationPlan | None
    published_destination: DestinationCode | None
    current_plan: DestinationPlan | None
    in_cohort: bool  # still a graduate of the publication's cohort
    reasons: tuple[Reason, ...]

    @property
    def current_destination(self) -> DestinationCode | None:
        return self.current_plan.destination if self.current_plan else None


def changed_graduates(publication: ReportPublication) -> QuerySet[Graduate]:
    """The graduates whose destination at the cut-off is now another plan than the one published (or none,
    or one where none was), who left the cohort, or who joined it: one query, run by the database.

    Written with IN / NOT IN subqueries rather than correlated EXISTS: under the OR, PostgreSQL hashes each
    subquery once instead of probing it for each of the cohort's rows."""
    snapshot = PublishedDestination.objects.filter(publication=publication)
    current = effective_plans(
        as_of=publication.as_of, graduates=Graduate.objects.filter(cohort_id=publication.cohort_id)
    )
    changed = snapshot.filter(
        Q(plan__isnull=False) & ~Q(plan_id__in=current.values("pk"))
        | Q(plan__isnull=True) & Q(graduate_id__in=current.values("graduate_id"))
        | ~Q(graduate__cohort_id=publication.cohort_id)
    )
    return (
        Graduate.objects.filter(
            Q(pk__in=changed.values("graduate_id"))
            | Q(cohort_id=publication.cohort_id) & ~Q(pk__in=snapshot.values("graduate_id"))
        )
        .select_related("cohort", "class_group__major__college")
        .order_by(
            "class_group__major__college__sort_order",
            "class_group__major__college__name",
            "class_group__major__sort_order",
            "class_group__major__name",
            "class_group__name",
            "student_no",
        )
    )


def _finding(events: list[PlanEvent]) -> PlanEvent | None:
    """The 核查 finding that took a plan out (status 核查不属实; before it existed, a return by 核查)."""
    return next(
        (e for e in events if e.to_status == PlanStatus.FALSE or e.action == Action.VERIFY_FALSE), None
    )


def _registration(events: list[PlanEvent]) -> PlanEvent | None:
    """The event that registered a plan: the centre's approval or the import."""
    return next(
        (
            e
            for e in reversed(events)
            if e.to_status == PlanStatus.APPROVED and e.action in (Action.APPROVE, Action.IMPORT)
        ),
        None,
    )


def _reasons(publication, graduate, snapshot, current, events) -> tuple[Reason, ...]:
    reasons = []
    in_cohort = graduate.cohort_id == publication.cohort_id
    if snapshot is None:
        reasons.append(Reason(ChangeReason.ADDED))
    elif not in_cohort:
        reasons.append(Reason(ChangeReason.LEFT, detail=f"现为 {graduate.cohort.year}届"))
    published = snapshot.plan if snapshot is not None else None
    if published is not None and (current is None or current.pk != published.pk):
        finding = _finding(events.get(published.pk, []))
        if finding is not None:
            day = timezone.localdate(finding.created_at)
            reasons.append(Reason(ChangeReason.FOUND_FALSE, day=day, detail=finding.comment))
    if current is not None and (published is None or current.pk != published.pk):
        registration = _registration(events.get(current.pk, []))
        registered_at = registration.created_at if registration is not None else current.approved_at
        # A plan registered before the publication is one that was already there and counts again now that
        # the published one is gone (found false): the finding above says why.
        if registered_at is not None and registered_at > publication.published_at:
            imported = registration is not None and registration.action == Action.IMPORT
            kind = ChangeReason.IMPORTED if imported else ChangeReason.CORRECTED
            detail = f"登记日期 {current.approved_on:%Y-%m-%d}"
            reasons.append(Reason(kind, day=timezone.localdate(registered_at), detail=detail))
    if not reasons:  # none of the above: say what the published plan is now, rather than nothing
        detail = f"原方案现为“{published.get_status_display()}”" if published is not None else ""
        reasons.append(Reason(ChangeReason.NO_LONGER_COUNTED, detail=detail))
    return tuple(reasons)


def changes_detail(publication: ReportPublication, graduates: list[Graduate]) -> list[Change]:
    """What changed for each of ``graduates`` (a page of ``changed_graduates``): published and current plan and
    destination and why. Three queries whatever the page's size."""
    ids = [graduate.pk for graduate in graduates]
    snapshots = {
        row.graduate_id: row
        for row in PublishedDestination.objects.filter(
            publication=publication, graduate_id__in=ids
        ).select_related("plan", "destination")
    }
    current = {
        plan.graduate_id: plan
        for plan in effective_plans(
            as_of=publication.as_of,
            graduates=Graduate.objects.filter(pk__in=ids, cohort_id=publication.cohort_id),
        ).select_related("destination")
    }
    plan_ids = {row.plan_id for row in snapshots.values() if row.plan_id} | {p.pk for p in current.values()}
    events = defaultdict(list)
    for event in PlanEvent.objects.filter(plan_id__in=plan_ids).order_by("created_at", "pk"):
        events[event.plan_id].append(event)
    changes = []
    for graduate in graduates:
        snapshot = snapshots.get(graduate.pk)
        plan = current.get(graduate.pk)
        changes.append(
            Change(
                graduate=graduate,
                published_plan=snapshot.plan if snapshot else None,
                published_destination=snapshot.destination if snapshot else None,
                current_plan=plan,
                in_cohort=graduate.cohort_id == publication.cohort_id,
                reasons=_reasons(publication, graduate, snapshot, plan, events),
            )
        )
    return changes


class PublicationChanges:
    """The changed graduates of a publication as a sequence a ``Paginator`` pages: ``count()`` is one query
    and each slice reads only its own graduates in detail (``changes_detail``)."""

    def __init__(self, publication: ReportPublication):
        self.publication = publication
        self.graduates = changed_graduates(publication)

    def count(self) -> int:
        return self.graduates.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if isinstance(index, slice):
            return changes_detail(self.publication, list(self.graduates[index]))
        return changes_detail(self.publication, [self.graduates[index]])[0]


def publication_changes(publication: ReportPublication) -> PublicationChanges:
    """The graduates whose destination at the publication's cut-off differs now, with the published and the
    current destination and why: the published plan was found false (with the finding's date), a plan was
    registered after the publication with a registration date on or before the cut-off (a correction through
    review, or an import), or the graduate left or joined the cohort. Page it; each page costs the same."""
    return PublicationChanges(publication)
