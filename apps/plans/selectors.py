"""Reads of destination plans. Every read starts from the plans of graduates the user may see."""

import datetime
import functools

from django.db import connection
from django.db.models import (
    Count,
    Exists,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce
from django.db.models.lookups import Exact, GreaterThan
from django.utils import timezone

from apps.accounts.models import Role, User
from apps.graduates.models import Cohort, Graduate
from apps.graduates.selectors import graduates_visible_to

from .models import (
    IN_REVIEW_STATUSES,
    OPEN_STATUSES,
    REGISTERED_STATUSES,
    DestinationPlan,
    Evidence,
    EvidenceRemoval,
    Notification,
    PlanEvent,
    PlanStatus,
)
from .workflow import INTERNAL_ACTIONS, STATUS_AWAITING, TRANSITIONS, Action, window_refusal

# Orders a plan without an approval time (imported history) before any with one on the same day.
EARLIEST_APPROVAL = datetime.datetime(1900, 1, 1, tzinfo=datetime.UTC)

PLAN_RELATED = (
    "graduate__class_group__major__college",
    "graduate__cohort",
    "destination__category",
    "unit_nature",
    "industry",
    "work_province",
    "not_employed_reason",
)
# The actions a student's window rule governs (``workflow.window_refusal``); saving a draft is the third.
WINDOWED_ACTIONS = (Action.SUBMIT, Action.WITHDRAW)


def plans_visible_to(user: User) -> QuerySet[DestinationPlan]:
    return DestinationPlan.objects.filter(graduate__in=graduates_visible_to(user).values("pk"))


def plan_get(*, user: User, pk: int) -> DestinationPlan | None:
    """One plan with what its page shows, or None when outside the user's scope (callers answer 404)."""
    return plans_visible_to(user).select_related(*PLAN_RELATED).filter(pk=pk).first()


def plan_actions_for(user: User, plan: DestinationPlan) -> list[Action]:
    """The actions the transition table allows this user on this plan now (drives the buttons); a student's
    submit and withdraw also need the window or, for a correction, the correction deadline."""
    if user.role == Role.STUDENT and plan.graduate.user_id != user.pk:
        return []
    actions = [
        action
        for (status, action), move in TRANSITIONS.items()
        if status == plan.status and user.role in move.roles and action not in INTERNAL_ACTIONS
    ]
    if user.role == Role.STUDENT and any(action in WINDOWED_ACTIONS for action in actions):
        if student_window_refusal(graduate=plan.graduate, plan=plan):
            actions = [action for action in actions if action not in WINDOWED_ACTIONS]
    return actions


def plan_is_correction(*, graduate: Graduate, plan: DestinationPlan | None = None) -> bool:
    """Whether the correction deadline rather than the registration window governs the student's ``plan``
    (None: a plan they would start now).

    A plan a reviewer (or, before 核查 had a status of its own, a false finding) returned is a correction; so
    is the plan that follows the graduate's plan found false, i.e. the latest plan made before it (before
    now, for a new one), cancelled ones aside, is the false one. Two queries at most.
    """
    if plan is not None and plan.pk is not None:
        if plan.events.filter(to_status=PlanStatus.RETURNED).exists():
            return True
    earlier = DestinationPlan.objects.filter(graduate=graduate).exclude(status=PlanStatus.CANCELLED)
    if plan is not None and plan.pk is not None:
        earlier = earlier.filter(pk__lt=plan.pk)
    return earlier.order_by("-pk").values_list("status", flat=True).first() == PlanStatus.FALSE


def student_window_refusal(
    *, graduate: Graduate, plan: DestinationPlan | None = None, day=None
) -> str | None:
    """Why the student may not start (``plan`` None), save, withdraw or submit ``plan`` on ``day`` (today);
    None when they may. The rule is ``workflow.window_refusal``."""
    day = day or timezone.localdate()
    cohort = graduate.cohort
    if cohort.registration_open_on(day):
        return None  # no need to ask whether it is a correction
    return window_refusal(cohort, day, correction=plan_is_correction(graduate=graduate, plan=plan))


def review_queue(*, user: User) -> QuerySet[DestinationPlan]:
    """Plans waiting for this user's level of review, oldest first."""
    status = STATUS_AWAITING.get(user.role)
    if status is None:
        return DestinationPlan.objects.none()
    return (
        plans_visible_to(user)
        .filter(status=status)
        .select_related(*PLAN_RELATED)
        .order_by("status_changed_at", "pk")
    )


def plans_for_review_list(*, user: User) -> QuerySet[DestinationPlan]:
    """All plans in the user's scope for the reviewer's list (any status), newest activity first."""
    return plans_visible_to(user).select_related(*PLAN_RELATED).order_by("-status_changed_at", "-pk")


def student_graduate(*, user: User) -> Graduate | None:
    """The student's own graduate record with its cohort (one query), or None when the account has none."""
    return Graduate.objects.select_related("cohort").filter(user=user).first()


# Every code a plan's fields show (plans/_plan_fields.html), so the student's page reads them with the plans.
STUDENT_PLAN_RELATED = (
    "destination__category",
    "unit_nature",
    "industry",
    "work_province",
    "work_county",
    "work_position",
    "institution_province",
    "not_employed_reason",
)


def student_plans(*, graduate: Graduate) -> dict:
    """A student's page: the plan in force, the one on its way (if any), the plan found false whose correction
    is still to be made or on its way (``found_false``) with the finding, and the history of all.

    The page polled through the deadline rush: one query for the plans with their codes, and the events (with
    their actors) and files of only the open plan and the finding, two more when there is one."""
    # Through the graduate's manager, so each plan's ``graduate`` is this one (with its cohort), not a query.
    plans = list(graduate.plans.select_related(*STUDENT_PLAN_RELATED).order_by("-created_at", "-pk"))
    in_force = next((p for p in plans if p.status == PlanStatus.APPROVED), None)
    open_plan = next((p for p in plans if p.status in OPEN_STATUSES), None)
    # The finding stays on the page until its correction is made and leaves review (registered or not).
    found_false = max((p for p in plans if p.status == PlanStatus.FALSE), key=lambda p: p.pk, default=None)
    if found_false is not None and any(
        p.pk > found_false.pk and p.status != PlanStatus.CANCELLED and p is not open_plan for p in plans
    ):
        found_false = None
    shown = [p for p in (open_plan, found_false) if p is not None]
    if shown:
        prefetch_related_objects(
            shown,
            Prefetch("events", queryset=PlanEvent.objects.select_related("actor")),
            Prefetch("evidence", queryset=Evidence.objects.filter(removal=None)),
        )
    return_reason = ""
    if open_plan is not None and open_plan.status == PlanStatus.RETURNED:
        events = list(open_plan.events.all())  # prefetched, oldest first
        return_reason = events[-1].comment if events else ""
    finding = ""
    if found_false is not None:
        findings = [e.comment for e in found_false.events.all() if e.to_status == PlanStatus.FALSE]
        finding = findings[-1] if findings else ""
    return {
        "in_force": in_force,
        "open": open_plan,
        "history": plans,
        "return_reason": return_reason,
        "found_false": found_false,
        "finding": finding,
    }


def _newest(queryset: QuerySet, per: str) -> Subquery:
    """The highest id among ``queryset``'s rows of one ``per`` (append-only rows: each new one raises it).
    ``max`` over the rows of one plan reads them by the plan's index; ``ORDER BY id DESC LIMIT 1`` walked the
    primary key backwards on PostgreSQL (3 ms)."""
    return Subquery(queryset.values(per).annotate(newest=Max("pk")).values("newest")[:1])


# Stands for the student's id while the state's two queries are compiled (selectors._page_state_sql).
_USER_PLACEHOLDER = -7_140_000_001


@functools.cache
def _page_state_sql(vendor: str) -> tuple[tuple[str, tuple], tuple[str, tuple]]:
    """The two queries of ``student_page_state`` compiled once per process and database: building them through
    the ORM (a hundred columns, four subqueries) cost 7 ms of CPU a time, more than running them. Each
    subquery reads one plan's or one user's rows by index, so PostgreSQL plans them in a fraction of a ms."""
    graduate = (
        Graduate.objects.filter(user_id=_USER_PLACEHOLDER)
        .annotate(
            unread=Subquery(
                Notification.objects.filter(recipient_id=OuterRef("user_id"), read_at__isnull=True)
                .values("recipient")
                .annotate(n=Count("pk"))
                .values("n")[:1]
            ),
        )
        .values_list(
            *(f.attname for f in Graduate._meta.concrete_fields),
            *(f"cohort__{f.attname}" for f in Cohort._meta.concrete_fields),
            "unread",
        )
        .order_by()[:1]
    )
    plans = (
        DestinationPlan.objects.filter(graduate__user_id=_USER_PLACEHOLDER)
        .annotate(
            newest_event=_newest(PlanEvent.objects.filter(plan=OuterRef("pk")), "plan"),
            newest_file=_newest(Evidence.objects.filter(plan=OuterRef("pk")), "plan"),
            newest_removal=_newest(
                EvidenceRemoval.objects.filter(evidence__plan=OuterRef("pk")), "evidence__plan"
            ),
        )
        .order_by("pk")
        .values_list(
            *(f.attname for f in DestinationPlan._meta.concrete_fields),
            "newest_event",
            "newest_file",
            "newest_removal",
        )
    )
    return graduate.query.sql_with_params(), plans.query.sql_with_params()


def student_page_state(*, user: User) -> tuple | None:
    """Everything stored that the student's status page shows, as plain values, in two queries: the ground
    of the page's ETag (views.my_plans_view), so that a browser reloading an unchanged page gets a 304
    without the seven queries and the template of a full page.

    The graduate and cohort rows whole (the window dates and deadlines are the cohort's) with the unread
    count of the top bar, and every column of every plan (plans also change by ``QuerySet.update``, which
    does not touch ``updated_at``) with its newest event, file and file removal (append-only rows: each
    change adds one). Not in it: the names of code-table entries and of reviewers, which change rarely and show at the
    next change of the page or the next day (the view adds the date). None: the account has no graduate.
    """
    rows = []
    with connection.cursor() as cursor:
        for sql, params in _page_state_sql(connection.vendor):
            cursor.execute(sql, [user.pk if p == _USER_PLACEHOLDER else p for p in params])
            rows.append(tuple(cursor.fetchall()))
    graduate, plans = rows
    return (graduate[0], plans) if graduate else None


def plan_events(plan: DestinationPlan):
    return plan.events.select_related("actor").order_by("created_at", "pk")


def plan_evidence(plan: DestinationPlan) -> QuerySet[Evidence]:
    """The plan's files in force (a file its owner removed or replaced is left out)."""
    return plan.evidence.filter(removal=None).select_related("uploaded_by").order_by("uploaded_at", "pk")


def evidence_get(*, user: User, pk: int) -> Evidence | None:
    """An evidence file, or None when its plan is outside the user's scope or its owner removed it."""
    return Evidence.objects.filter(pk=pk, removal=None, plan__in=plans_visible_to(user).values("pk")).first()


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


def unread_notifications(*, user: User) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user, read_at__isnull=True)


def notifications_for(*, user: User) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user).select_related("plan")


def waiting_at_least(days: int, now: datetime.datetime) -> Q:
    """Plans that have waited ``days`` or more at their current level (a timestamp cut-off, portable SQL)."""
    return Q(status_changed_at__lte=now - datetime.timedelta(days=days))


def queue_next_after(*, queue: QuerySet[DestinationPlan], plan: DestinationPlan) -> DestinationPlan | None:
    """The plan after ``plan`` in ``queue`` (a filtered ``review_queue``, oldest first), for the 下一份 button;
    None at the end. ``plan`` itself need not be in the queue (a search that leaves it out)."""
    later = Q(status_changed_at__gt=plan.status_changed_at) | Q(
        status_changed_at=plan.status_changed_at, pk__gt=plan.pk
    )
    return queue.filter(later).exclude(pk=plan.pk).first()


def plan_owner_labels(*, user: User, plan_ids: list[int]) -> dict[int, str]:
    """ "姓名 学号" of each plan's graduate, for plans in the user's scope (one query)."""
    rows = (
        plans_visible_to(user)
        .filter(pk__in=plan_ids)
        .values_list("pk", "graduate__name", "graduate__student_no")
    )
    return {pk: f"{name} {student_no}" for pk, name, student_no in rows}
