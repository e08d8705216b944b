"""Graduates for the chase lists' tests: some registered as 待就业, some waiting at the counsellor, some
returned to the student, all last moved ten days ago."""

import datetime

from django.utils import timezone

from apps.plans.models import DestinationPlan
from apps.plans.services import plan_transition
from apps.plans.workflow import Action

from ..factories import make_graduate, make_student_user
from ..plans.factories import registered_plan, submitted_plan, waiting_data


def ago(days: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days, hours=1)


def load_waiting_graduates(org, extra: int) -> None:
    """``extra`` graduates of A1 in turn registered as 待就业, waiting at the counsellor, returned."""
    for n in range(extra):
        graduate = make_graduate(org.class_a1, phone="13900001111")
        make_student_user(graduate)
        if n % 3 == 0:
            registered_plan(graduate, "70", timezone.localdate(), created_by=org.centre)
            continue
        plan = submitted_plan(org, graduate, data=waiting_data())
        if n % 3 == 2:
            plan_transition(plan_id=plan.pk, action=Action.RETURN, actor=org.counsellor, comment="补材料")
    DestinationPlan.objects.update(status_changed_at=ago(10), updated_at=ago(10))
