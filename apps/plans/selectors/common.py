"""Every read starts from the plans of graduates the user may see; one plan, its actions, events and files."""

from django.db.models import (
    QuerySet,
)
from django.utils import timezone

from apps.accounts.models import Role, User
from apps.graduates.models import Graduate
from apps.graduates.selectors import graduates_visible_to

from ..models import (
    DestinationPlan,
    Evidence,
    PlanStatus,
)
from ..workflow import INTERNAL_ACTIONS, TRANSITIONS, Action, window_refusal

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


def plan_events(plan: DestinationPlan):
    return plan.events.select_related("actor").order_by("created_at", "pk")


def plan_evidence(plan: DestinationPlan) -> QuerySet[Evidence]:
    """The plan's files in force (a file its owner removed or replaced is left out)."""
    return plan.evidence.filter(removal=None).select_related("uploaded_by").order_by("uploaded_at", "pk")


def evidence_get(*, user: User, pk: int) -> Evidence | None:
    """An evidence file, or None when its plan is outside the user's scope or its owner removed it."""
    return Evidence.objects.filter(pk=pk, removal=None, plan__in=plans_visible_to(user).values("pk")).first()


def plan_owner_labels(*, user: User, plan_ids: list[int]) -> dict[int, str]:
    """ "姓名 学号" of each plan's graduate, for plans in the user's scope (one query)."""
    rows = (
        plans_visible_to(user)
        .filter(pk__in=plan_ids)
        .values_list("pk", "graduate__name", "graduate__student_no")
    )
    return {pk: f"{name} {student_no}" for pk, name, student_no in rows}
