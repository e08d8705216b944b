"""The student's registration record (就业登记记录): the destination in force, its review trail and a
verification number the centre can check.

The number is the plan's id and an HMAC of it (Django's ``salted_hmac`` over SECRET_KEY), so it cannot be made
up for another plan and needs no table; rotating SECRET_KEY invalidates printed numbers, which is why the
lookup also says which plan a number names once it is valid.
"""

import re
from dataclasses import dataclass

from django.utils.crypto import constant_time_compare, salted_hmac

from apps.graduates.models import Graduate
from apps.plans.models import OPEN_STATUSES, DestinationPlan, PlanEvent, PlanStatus
from apps.plans.selectors import PLAN_RELATED

SALT = "apps.followup.record"
DIGEST_LENGTH = 12
NUMBER_PATTERN = re.compile(r"^HPI-(\d{1,10})-([0-9A-F]{4})-([0-9A-F]{4})-([0-9A-F]{4})$")


def _digest(plan_id: int) -> str:
    return salted_hmac(SALT, f"plan:{plan_id}", algorithm="sha256").hexdigest()[:DIGEST_LENGTH].upper()


def record_number(plan: DestinationPlan) -> str:
    """HPI-<plan id>-XXXX-XXXX-XXXX."""
    digest = _digest(plan.pk)
    return f"HPI-{plan.pk}-{digest[0:4]}-{digest[4:8]}-{digest[8:12]}"


def plan_of_number(number: str) -> DestinationPlan | None:
    """The registered plan a verification number names, or None when the number is not one we issued."""
    match = NUMBER_PATTERN.match(number.strip().upper().replace(" ", ""))
    if match is None:
        return None
    plan_id = int(match.group(1))
    if not constant_time_compare("".join(match.groups()[1:]), _digest(plan_id)):
        return None
    return (
        DestinationPlan.objects.select_related(*PLAN_RELATED)
        .filter(pk=plan_id, status__in=(PlanStatus.APPROVED, PlanStatus.SUPERSEDED, PlanStatus.FALSE))
        .first()
    )


@dataclass
class Record:
    graduate: Graduate
    plan: DestinationPlan | None  # the destination in force (approved by the centre)
    events: list[PlanEvent]
    number: str
    open_plan: DestinationPlan | None  # a plan on its way (a change, or the first registration)


def student_record(*, graduate: Graduate) -> Record:
    """What the record page and the home card show: three queries at most."""
    plans = list(
        DestinationPlan.objects.filter(graduate=graduate, status__in=(PlanStatus.APPROVED, *OPEN_STATUSES))
        .select_related(*PLAN_RELATED)
        .order_by("-pk")
    )
    in_force = next((p for p in plans if p.status == PlanStatus.APPROVED), None)
    open_plan = next((p for p in plans if p.status in OPEN_STATUSES), None)
    events = []
    if in_force is not None:
        events = list(in_force.events.select_related("actor").order_by("created_at", "pk"))
    return Record(
        graduate=graduate,
        plan=in_force,
        events=events,
        number=record_number(in_force) if in_force else "",
        open_plan=open_plan,
    )
