"""Reads of the support ledger and the subsidies. Every read starts from what the user may see (deny by default):
counsellors their classes, college officers their college, the centre all; students only their own subsidy
applications, and no case at all.

The ledger is plain data built by ``ledger_rows`` and ``ledger_summary``; the page and the .xlsx export are
two formatters over it. Its cost does not grow with the cases: a few queries for a page or for all of them.
"""

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import (
    BooleanField,
    Count,
    ExpressionWrapper,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce

from apps.accounts.models import Role, User
from apps.graduates.models import HARDSHIP_GROUP, Cohort, Graduate
from apps.graduates.selectors import graduates_visible_to
from apps.plans.models import DestinationPlan
from apps.plans.progress import RateRow, employed_graduate_ids
from apps.plans.selectors import effective_plans

from .models import (
    ActionKind,
    CaseStatus,
    SubsidyApplication,
    SubsidyScheme,
    SubsidyStatus,
    SupportAction,
    SupportCase,
)
from .workflow import TRANSITIONS, SubsidyAction

SUPPORT_ROLES = (Role.COUNSELLOR, Role.COLLEGE, Role.CENTRE)
# Flagged: an open case whose graduate has no destination that counts as employed at the ledger's date and
# nothing done for them in the FLAG_WINDOW_DAYS days that end on that date (the date itself included).
FLAG_WINDOW_DAYS = 14

CASE_RELATED = (
    "graduate__class_group__major__college",
    "graduate__hardship_category",
    "graduate__origin",
    "responsible",
)
COLLEGE = "graduate__class_group__major__college"


def cases_visible_to(user: User) -> QuerySet[SupportCase]:
    """The cases ``user`` may see: nothing for students, tenants and administrators (the ledger is the
    support staff's), otherwise the cases of the graduates in their scope."""
    if not user.is_authenticated or not user.is_active or user.role not in SUPPORT_ROLES:
        return SupportCase.objects.none()
    return SupportCase.objects.filter(graduate__in=graduates_visible_to(user).values("pk"))


def case_get(*, user: User, pk: int) -> SupportCase | None:
    """One case with what its page shows, or None when outside the user's scope (callers answer 404)."""
    return cases_visible_to(user).select_related(*CASE_RELATED, "opened_by").filter(pk=pk).first()


def case_actions(case: SupportCase) -> QuerySet[SupportAction]:
    """The case's log, oldest first, each entry with its author and the entry that corrects it (if any)."""
    return case.actions.select_related("author", "correction").order_by("acted_on", "pk")


def responsible_choices(graduate: Graduate) -> QuerySet[User]:
    """Who may be responsible for a graduate's case: their class's counsellors, their college's officers and
    the centre's staff (active accounts only)."""
    return User.objects.filter(
        Q(role=Role.COUNSELLOR, classes=graduate.class_group_id)
        | Q(role=Role.COLLEGE, college=graduate.class_group.major.college_id)
        | Q(role=Role.CENTRE),
        is_active=True,
    ).distinct()


def group_without_case(*, user: User, cohort: Cohort) -> QuerySet[Graduate]:
    """Graduates of the hardship group in the user's scope who have no case yet (for opening by hand)."""
    if user.role not in SUPPORT_ROLES:
        return Graduate.objects.none()
    return graduates_visible_to(user).filter(HARDSHIP_GROUP, cohort=cohort, support_case__isnull=True)


def counted_actions(as_of: datetime.date) -> QuerySet[SupportAction]:
    """Log entries that count as support done by ``as_of``: dated on or before it, not a status change, and
    not an entry a later one corrects (the correction counts instead)."""
    return SupportAction.objects.filter(acted_on__lte=as_of, correction__isnull=True).exclude(
        kind=ActionKind.STATUS
    )


def ledger_cases(*, user: User, cohort: Cohort, as_of: datetime.date) -> QuerySet[SupportCase]:
    """The user's cases of ``cohort`` as the ledger shows them at ``as_of``, each annotated with
    ``last_action_id``, ``last_action_on``, ``action_count``, ``employed`` (a destination that counts as
    employed at ``as_of``) and ``flagged``; ordered by college, class and 学号. One query."""
    counted = counted_actions(as_of).filter(case=OuterRef("pk"))
    latest = counted.order_by("-acted_on", "-pk")
    count = counted.order_by().values("case").annotate(n=Count("pk")).values("n")
    employed = Q(
        graduate_id__in=employed_graduate_ids(as_of=as_of, graduates=Graduate.objects.filter(cohort=cohort))
    )
    window_start = as_of - datetime.timedelta(days=FLAG_WINDOW_DAYS - 1)
    quiet = Q(last_action_on__isnull=True) | Q(last_action_on__lt=window_start)
    return (
        cases_visible_to(user)
        .filter(graduate__cohort=cohort)
        .select_related(*CASE_RELATED)
        .annotate(
            last_action_id=Subquery(latest.values("pk")[:1]),
            last_action_on=Subquery(latest.values("acted_on")[:1]),
            action_count=Coalesce(Subquery(count, output_field=IntegerField()), Value(0)),
            employed=ExpressionWrapper(employed, output_field=BooleanField()),
        )
        .annotate(
            flagged=ExpressionWrapper(
                Q(status=CaseStatus.OPEN) & ~employed & quiet, output_field=BooleanField()
            )
        )
        .order_by(
            f"{COLLEGE}__sort_order",
            f"{COLLEGE}__name",
            "graduate__class_group__major__sort_order",
            "graduate__class_group__name",
            "graduate__student_no",
        )
    )


@dataclass(frozen=True)
class LedgerRow:
    """One graduate on the ledger at a date."""

    case: SupportCase
    destination: DestinationPlan | None
    last_action: SupportAction | None
    action_count: int
    days_since: int | None
    employed: bool
    flagged: bool

    @property
    def graduate(self) -> Graduate:
        return self.case.graduate


def ledger_rows(cases, *, as_of: datetime.date) -> list[LedgerRow]:
    """``cases`` (annotated by ``ledger_cases``: a page of them or all) with their destination at ``as_of``
    and their last counted action: two queries however many cases."""
    cases = list(cases)
    plans = {
        plan.graduate_id: plan
        for plan in effective_plans(
            as_of=as_of, graduates=Graduate.objects.filter(pk__in=[c.graduate_id for c in cases])
        ).select_related("destination__category")
    }
    action_ids = [c.last_action_id for c in cases if c.last_action_id]
    actions = SupportAction.objects.in_bulk(action_ids) if action_ids else {}
    return [
        LedgerRow(
            case=case,
            destination=plans.get(case.graduate_id),
            last_action=actions.get(case.last_action_id),
            action_count=case.action_count,
            days_since=(as_of - case.last_action_on).days if case.last_action_on else None,
            employed=case.employed,
            flagged=case.flagged,
        )
        for case in cases
    ]


@dataclass(frozen=True)
class LedgerSummaryRow:
    """A college (or a total): its hardship group's employment beside all its graduates', and its cases."""

    name: str
    group: RateRow
    everyone: RateRow
    cases: int = 0
    flagged: int = 0
    by_status: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class LedgerSummary:
    cohort: Cohort
    as_of: datetime.date
    by_college: list[LedgerSummaryRow]
    total: LedgerSummaryRow  # the user's scope
    school: LedgerSummaryRow  # the whole cohort: the school average the seed compares with (4.2.8)


def ledger_summary(*, user: User, cohort: Cohort, as_of: datetime.date) -> LedgerSummary:
    """Per college in the user's scope: the hardship group's employment rate at ``as_of`` beside all
    graduates' (the same rule as the progress page: employed / all, half-up to 2 decimals), the cases and
    how many are flagged; the scope's total; and the school-wide figures. Three queries."""
    cohort_graduates = Graduate.objects.filter(cohort=cohort)
    employed = Q(pk__in=employed_graduate_ids(as_of=as_of, graduates=cohort_graduates))
    counts = {
        "total": Count("pk"),
        "employed": Count("pk", filter=employed),
        "group": Count("pk", filter=HARDSHIP_GROUP),
        "group_employed": Count("pk", filter=HARDSHIP_GROUP & employed),
    }
    college = "class_group__major__college"
    rows = (
        graduates_visible_to(user)
        .filter(cohort=cohort)
        .order_by()
        .values(f"{college}_id", f"{college}__name", f"{college}__sort_order")
        .annotate(**counts)
        .order_by(f"{college}__sort_order", f"{college}__name")
    )
    status_counts = {f"status_{s}": Count("pk", filter=Q(status=s)) for s in CaseStatus.values}
    cases = {
        row[f"{COLLEGE}_id"]: row
        for row in ledger_cases(user=user, cohort=cohort, as_of=as_of)
        .order_by()
        .values(f"{COLLEGE}_id")
        .annotate(cases=Count("pk"), flagged_count=Count("pk", filter=Q(flagged=True)), **status_counts)
    }
    by_college = []
    for row in rows:
        name = row[f"{college}__name"]
        case_row = cases.get(row[f"{college}_id"], {})
        by_college.append(
            LedgerSummaryRow(
                name=name,
                group=RateRow(name, row["group"], row["group_employed"]),
                everyone=RateRow(name, row["total"], row["employed"]),
                cases=case_row.get("cases", 0),
                flagged=case_row.get("flagged_count", 0),
                by_status={s: case_row.get(f"status_{s}", 0) for s in CaseStatus.values},
            )
        )
    school = cohort_graduates.aggregate(**counts)
    return LedgerSummary(
        cohort=cohort,
        as_of=as_of,
        by_college=by_college,
        total=_sum_rows("合计", by_college),
        school=LedgerSummaryRow(
            name="全校",
            group=RateRow("全校", school["group"], school["group_employed"]),
            everyone=RateRow("全校", school["total"], school["employed"]),
        ),
    )


def _sum_rows(name: str, rows: list[LedgerSummaryRow]) -> LedgerSummaryRow:
    return LedgerSummaryRow(
        name=name,
        group=RateRow(name, sum(r.group.graduates for r in rows), sum(r.group.employed for r in rows)),
        everyone=RateRow(
            name, sum(r.everyone.graduates for r in rows), sum(r.everyone.employed for r in rows)
        ),
        cases=sum(r.cases for r in rows),
        flagged=sum(r.flagged for r in rows),
        by_status={s: sum(r.by_status.get(s, 0) for r in rows) for s in CaseStatus.values},
    )


# --- subsidies --------------------------------------------------------------------------------------------

SUBSIDY_ROLES = (Role.STUDENT, *SUPPORT_ROLES)
SUBSIDY_RELATED = ("graduate__class_group__major__college", "graduate__hardship_category", "scheme", "batch")


def subsidies_visible_to(user: User) -> QuerySet[SubsidyApplication]:
    """Applications of the graduates in the user's scope; a student's own only."""
    if not user.is_authenticated or not user.is_active or user.role not in SUBSIDY_ROLES:
        return SubsidyApplication.objects.none()
    return SubsidyApplication.objects.filter(graduate__in=graduates_visible_to(user).values("pk"))


def subsidy_list(*, user: User) -> QuerySet[SubsidyApplication]:
    return (
        subsidies_visible_to(user)
        .select_related(*SUBSIDY_RELATED)
        .order_by(
            f"{COLLEGE}__sort_order",
            "graduate__class_group__major__sort_order",
            "graduate__class_group__name",
            "graduate__student_no",
            "pk",
        )
    )


def subsidy_get(*, user: User, pk: int) -> SubsidyApplication | None:
    """One application, or None when outside the user's scope (callers answer 404)."""
    return subsidies_visible_to(user).select_related(*SUBSIDY_RELATED, "applied_by").filter(pk=pk).first()


def subsidy_events(application: SubsidyApplication):
    return application.events.select_related("actor").order_by("created_at", "pk")


def subsidy_actions_for(user: User, application: SubsidyApplication) -> list[SubsidyAction]:
    """The single-application actions the table allows this user now (payment is done in batches)."""
    if user.role == Role.STUDENT and application.graduate.user_id != user.pk:
        return []
    return [
        action
        for (status, action), move in TRANSITIONS.items()
        if status == application.status and user.role in move.roles and action != SubsidyAction.PAY
    ]


def schemes_for(graduate: Graduate) -> QuerySet[SubsidyScheme]:
    """The subsidy schemes of a graduate's cohort (whether they may apply is ``SubsidyScheme.admits``)."""
    return SubsidyScheme.objects.filter(cohort_id=graduate.cohort_id).order_by("name")


def student_subsidies(*, graduate: Graduate) -> list[SubsidyApplication]:
    return list(
        SubsidyApplication.objects.filter(graduate=graduate)
        .select_related("scheme", "batch")
        .prefetch_related("events__actor")
        .order_by("-created_at", "-pk")
    )


FEN = Decimal("0.01")


def to_fen(value) -> Decimal:
    """A database sum as yuan to the fen. SQLite stores decimals as floating point and sums them so (an exact
    integer when every amount is whole); PostgreSQL sums exactly. Either way the result has 2 decimals."""
    return Decimal(str(value)).quantize(FEN, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class MoneyRow:
    name: str
    count: int
    amount: Decimal
    paid_on: datetime.date | None = None


@dataclass(frozen=True)
class SubsidyTotals:
    """What was paid, per college and per batch. Both add up to ``total`` to the fen (``reconciled``)."""

    by_college: list[MoneyRow]
    by_batch: list[MoneyRow]
    total: MoneyRow
    by_status: dict[str, int]

    @property
    def status_counts(self) -> list[tuple[str, int]]:
        return [(SubsidyStatus(s).label, n) for s, n in self.by_status.items()]

    @property
    def reconciled(self) -> bool:
        return (
            sum((r.amount for r in self.by_college), Decimal("0")) == self.total.amount
            and sum((r.amount for r in self.by_batch), Decimal("0")) == self.total.amount
            and sum(r.count for r in self.by_college) == self.total.count
            and sum(r.count for r in self.by_batch) == self.total.count
        )


def subsidy_totals(applications: QuerySet[SubsidyApplication]) -> SubsidyTotals:
    """Paid money of ``applications`` (the user's, filtered) per college, per batch and in all, summed by the
    database in Decimal; and how many applications are in each status. Four queries."""
    paid = applications.filter(status=SubsidyStatus.PAID).order_by()
    by_college = [
        MoneyRow(row[f"{COLLEGE}__name"], row["n"], to_fen(row["amount"]))
        for row in paid.values(f"{COLLEGE}__name", f"{COLLEGE}__sort_order")
        .annotate(n=Count("pk"), amount=Sum("amount", default=0))
        .order_by(f"{COLLEGE}__sort_order", f"{COLLEGE}__name")
    ]
    by_batch = [
        MoneyRow(
            f"{row['scheme__name']} {row['batch__name']}",
            row["n"],
            to_fen(row["amount"]),
            row["batch__paid_on"],
        )
        for row in paid.values("scheme__name", "batch__name", "batch__paid_on", "batch_id")
        .annotate(n=Count("pk"), amount=Sum("amount", default=0))
        .order_by("batch__paid_on", "batch_id")
    ]
    total = paid.aggregate(n=Count("pk"), amount=Sum("amount", default=0))
    by_status = dict(
        applications.order_by().values_list("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    return SubsidyTotals(
        by_college=by_college,
        by_batch=by_batch,
        total=MoneyRow("合计", total["n"], to_fen(total["amount"])),
        by_status={s: by_status.get(s, 0) for s in SubsidyStatus.values},
    )
