"""The student's own page: their record, their plans, and the state its ETag digests."""

import functools

from django.db import connection
from django.db.models import (
    Count,
    Max,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
    prefetch_related_objects,
)

from apps.accounts.models import User
from apps.graduates.models import Cohort, Graduate

from ..models import (
    OPEN_STATUSES,
    DestinationPlan,
    Evidence,
    EvidenceRemoval,
    Notification,
    PlanEvent,
    PlanStatus,
)


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
