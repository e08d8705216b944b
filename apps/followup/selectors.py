"""Reads of the chase lists (催报) and the leavers' handover. Every read starts from ``graduates_visible_to``.

A chase list is the cohort's graduates in the user's scope who need a nudge at a chosen date:
- ``not_registered``: no registered destination at the date (no plan approved by the centre on or before it);
- ``not_employed_category``: the destination in force at the date is 待就业 / 暂不就业 (a category not counted
  as employed);
- ``not_employed``: either of the two, i.e. exactly the progress page's 未就业 count;
- ``returned``: a plan returned to the student and left untouched for at least N days;
- ``waiting``: a plan in review, waiting at its level for at least N days.
Returned and waiting plans are the plans' current state; their days are counted up to the chosen date's end
(or now, whichever is earlier). Each list is a single query for any number of graduates; the last action of
the rows shown is one more (``last_actions``).
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from apps.accounts.models import Role, User
from apps.graduates.models import Cohort, Graduate
from apps.graduates.selectors import graduates_visible_to
from apps.plans.models import IN_REVIEW_STATUSES, OPEN_STATUSES, DestinationPlan, PlanEvent, PlanStatus
from apps.plans.selectors import effective_plans
from apps.plans.workflow import Action


class ChaseKind:
    NOT_REGISTERED = "not_registered"
    NOT_EMPLOYED_CATEGORY = "not_employed_category"
    NOT_EMPLOYED = "not_employed"
    RETURNED = "returned"
    WAITING = "waiting"

    CHOICES = [
        (NOT_EMPLOYED, "未落实去向（未登记或待就业、暂不就业）"),
        (NOT_REGISTERED, "尚未登记去向"),
        (NOT_EMPLOYED_CATEGORY, "登记为待就业、暂不就业"),
        (RETURNED, "方案被退回后未处理"),
        (WAITING, "方案待审核"),
    ]
    # The lists whose days field means something (days untouched, days waiting).
    WITH_DAYS = (RETURNED, WAITING)


CHASE_RELATED = ("class_group__major__college", "cohort")
# The lists' orders; each ends with the unique 学号, so the pages can go by key (``apps.paging``).
CHASE_ORDERING = ("class_group__major__college__sort_order", "class_group__name", "student_no")
WAITING_ORDERING = ("since", "class_group__name", "student_no")


def chase_ordering(kind: str) -> tuple[str, ...]:
    """The order of a chase list: by class then 学号, the waiting list by the longest wait first."""
    return WAITING_ORDERING if kind == ChaseKind.WAITING else CHASE_ORDERING


def end_of_day(day: datetime.date) -> datetime.datetime:
    """The last moment of ``day`` in the site's time zone, but never later than now."""
    end = timezone.make_aware(datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time()))
    return min(end, timezone.now())


@dataclass(frozen=True)
class ChaseQuery:
    cohort: Cohort
    as_of: datetime.date
    kind: str
    days: int = 3
    college_id: int | None = None
    major_id: int | None = None
    class_group_id: int | None = None
    level: str = ""
    search: str = ""

    def as_filters(self) -> dict:
        """What the list was asked for, in plain values (logged with an export)."""
        values = {
            "cohort": self.cohort.year,
            "as_of": self.as_of.isoformat(),
            "kind": self.kind,
            "days": self.days,
            "college": self.college_id,
            "major": self.major_id,
            "class_group": self.class_group_id,
            "level": self.level,
            "q": self.search,
        }
        return {key: value for key, value in values.items() if value not in (None, "")}


def chase_scope(*, user: User, query: ChaseQuery) -> QuerySet[Graduate]:
    """The cohort's graduates the user may see, narrowed by the place filters and the search."""
    graduates = graduates_visible_to(user).filter(cohort=query.cohort)
    if query.college_id:
        graduates = graduates.filter(class_group__major__college_id=query.college_id)
    if query.major_id:
        graduates = graduates.filter(class_group__major_id=query.major_id)
    if query.class_group_id:
        graduates = graduates.filter(class_group_id=query.class_group_id)
    term = query.search.strip()
    if term:
        graduates = graduates.filter(Q(student_no__icontains=term) | Q(name__icontains=term))
    return graduates


def chase_list(*, user: User, query: ChaseQuery) -> QuerySet[Graduate]:
    """The graduates of one chase list, each annotated with ``open_status`` (of the plan on its way, if any),
    ``effective_category`` (of the destination in force at the date) and, for the returned and waiting lists,
    ``since`` (when the plan reached its status or was last touched); by class then 学号, the waiting list by
    the longest wait. One query whatever the number of graduates."""
    scope = chase_scope(user=user, query=query)
    effective = effective_plans(as_of=query.as_of, graduates=scope).filter(graduate_id=OuterRef("pk"))
    open_plans = DestinationPlan.objects.filter(graduate_id=OuterRef("pk"), status__in=OPEN_STATUSES)
    graduates = scope.select_related(*CHASE_RELATED).annotate(
        open_status=Subquery(open_plans.values("status")[:1]),
        effective_category=Subquery(effective.values("destination__category__name")[:1]),
    )
    cutoff = end_of_day(query.as_of) - datetime.timedelta(days=query.days)
    if query.kind == ChaseKind.NOT_REGISTERED:
        graduates = graduates.filter(~Exists(effective))
    elif query.kind == ChaseKind.NOT_EMPLOYED_CATEGORY:
        graduates = graduates.filter(
            Exists(effective.filter(destination__category__counts_as_employed=False))
        )
    elif query.kind == ChaseKind.NOT_EMPLOYED:
        graduates = graduates.filter(
            ~Exists(effective.filter(destination__category__counts_as_employed=True))
        )
    elif query.kind == ChaseKind.RETURNED:
        # Untouched: neither moved nor edited since (a student's edit of a returned plan saves it).
        returned = DestinationPlan.objects.filter(graduate_id=OuterRef("pk"), status=PlanStatus.RETURNED)
        returned = returned.annotate(
            # SQLite's GREATEST is NULL when either side is: a plan without a status time counts its edit.
            touched=Greatest(Coalesce("status_changed_at", "updated_at"), F("updated_at"))
        )
        graduates = graduates.filter(Exists(returned.filter(touched__lte=cutoff)))
        graduates = graduates.annotate(since=Subquery(returned.values("touched")[:1]))
    elif query.kind == ChaseKind.WAITING:
        statuses = (query.level,) if query.level in IN_REVIEW_STATUSES else IN_REVIEW_STATUSES
        waiting = DestinationPlan.objects.filter(
            graduate_id=OuterRef("pk"), status__in=statuses, status_changed_at__lte=cutoff
        )
        graduates = graduates.filter(Exists(waiting))
        graduates = graduates.annotate(since=Subquery(waiting.values("status_changed_at")[:1]))
    else:
        return graduates.none()
    return graduates.order_by(*chase_ordering(query.kind))


# What the export shows of each row (``rows.chase_export_rows``), read as plain values.
CHASE_EXPORT_FIELDS = (
    "pk",
    "name",
    "student_no",
    "class_group__major__college__name",
    "class_group__major__name",
    "class_group__name",
    "phone",
    "open_status",
    "effective_category",
)


def chase_export_values(*, user: User, query: ChaseQuery) -> QuerySet:
    """``chase_list``'s rows as named tuples of ``CHASE_EXPORT_FIELDS`` (and ``since`` for the lists with
    days), in the list's order: one query, and no model instances (five per row with the related ones, which
    were most of a school-wide export's time)."""
    fields = CHASE_EXPORT_FIELDS + (("since",) if query.kind in ChaseKind.WITH_DAYS else ())
    return chase_list(user=user, query=query).values_list(*fields, named=True)


@dataclass(frozen=True)
class LastAction:
    action: str
    to_status: str
    actor: str
    role: str
    at: datetime.datetime


# Graduates whose events one statement reads: a page's in one, a school-wide export's (137,723 at 400,000
# graduates) never in one IN list (SQLite limits a statement's variables; PostgreSQL plans a long list slowly).
# A subquery of the list instead would run the list's query a second time (0.2 s of a 1 s export at 50,000).
LAST_ACTIONS_CHUNK = 2000


def last_actions(*, graduate_ids: list[int], as_of: datetime.date) -> dict[int, LastAction]:
    """Graduate id -> the latest move of any of their plans up to the end of ``as_of``: one query per
    ``LAST_ACTIONS_CHUNK`` graduates (a graduate's plans have a handful of events, so the newest is picked
    here rather than per row in SQL; plain values, since building thousands of model instances for an export
    cost more than the query)."""
    end = end_of_day(as_of)
    latest: dict[int, tuple] = {}
    for start in range(0, len(graduate_ids), LAST_ACTIONS_CHUNK):
        chunk = graduate_ids[start : start + LAST_ACTIONS_CHUNK]
        events = (
            PlanEvent.objects.filter(plan__graduate_id__in=chunk, created_at__lte=end)
            .order_by()
            .values_list(
                "plan__graduate_id",
                "created_at",
                "pk",
                "action",
                "to_status",
                "actor_role",
                "actor__first_name",
                "actor__last_name",
                "actor__username",
            )
        )
        for event in events:
            known = latest.get(event[0])
            if known is None or event[1:3] > known[1:3]:
                latest[event[0]] = event
    actions, statuses, roles = dict(Action.choices), dict(PlanStatus.choices), dict(Role.choices)
    return {
        graduate_id: LastAction(
            action=str(actions.get(action, action)),
            to_status=str(statuses.get(to_status, to_status)),
            # Chinese names are written family name first with no space (User.get_full_name).
            actor=f"{last}{first}".strip() or username,
            role=str(roles.get(role, role)),
            at=at,
        )
        for graduate_id, at, _pk, action, to_status, role, first, last, username in latest.values()
    }


def leavers_list(*, user: User, query: ChaseQuery) -> QuerySet[Graduate]:
    """The leavers' handover (离校未就业毕业生实名服务): the graduates without a destination at the date
    (待就业 / 暂不就业 in force, or nothing registered), each with ``reason``, the 未就业原因 of the plan in
    force. One query, with the relations the HR office's layout shows."""
    leavers = ChaseQuery(**{**query.__dict__, "kind": ChaseKind.NOT_EMPLOYED})
    effective = effective_plans(as_of=query.as_of, graduates=chase_scope(user=user, query=leavers))
    return (
        chase_list(user=user, query=leavers)
        .select_related("origin", "education_level")
        .annotate(
            reason=Subquery(
                effective.filter(graduate_id=OuterRef("pk")).values("not_employed_reason__name")[:1]
            )
        )
    )


@dataclass(frozen=True)
class SupportReceived:
    actions: dict[str, int]  # kind label -> how many times
    subsidies: list[tuple[str, str]]  # (amount, status label)

    def __str__(self) -> str:
        parts = []
        if self.actions:
            kinds = "、".join(f"{kind}{count}次" for kind, count in self.actions.items())
            parts.append(f"帮扶：{kinds}")
        for amount, status in self.subsidies:
            parts.append(f"求职补贴 {amount} 元（{status}）")
        return "；".join(parts) or "—"


def support_received(*, graduate_ids: list[int]) -> dict[int, SupportReceived]:
    """Graduate id -> what the support ledger and the subsidies did for them: two queries for any number."""
    from apps.support.models import (
        ACTIVE_SUBSIDY_STATUSES,
        ActionKind,
        SubsidyApplication,
        SupportAction,
    )

    actions: dict[int, dict[str, int]] = {}
    counted = (
        SupportAction.objects.filter(case__graduate_id__in=graduate_ids)
        .exclude(kind=ActionKind.STATUS)
        .values_list("case__graduate_id", "kind")
        .annotate(n=Count("pk"))
        .order_by("case__graduate_id", "kind")
    )
    for graduate_id, kind, count in counted:
        label = ActionKind(kind).label if kind in ActionKind.values else kind
        actions.setdefault(graduate_id, {})[str(label)] = count
    subsidies: dict[int, list[tuple[str, str]]] = {}
    applications = (
        SubsidyApplication.objects.filter(graduate_id__in=graduate_ids, status__in=ACTIVE_SUBSIDY_STATUSES)
        .order_by("graduate_id", "pk")
        .only("graduate_id", "amount", "status")
    )
    for application in applications:
        subsidies.setdefault(application.graduate_id, []).append(
            (f"{application.amount:,.2f}", str(application.get_status_display()))
        )
    return {
        pk: SupportReceived(actions.get(pk, {}), subsidies.get(pk, []))
        for pk in graduate_ids
        if pk in actions or pk in subsidies
    }
