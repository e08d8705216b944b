"""Builders for the support tests: hardship graduates, registered destinations at a date, log entries."""

import datetime

from django.utils import timezone

from apps.graduates.models import ClassGroup, Graduate
from apps.plans.models import DestinationPlan, PlanStatus
from apps.refdata import seed_data
from apps.refdata.models import HardshipCategory
from apps.support.models import SubsidyScheme
from apps.support.services import support_action_record

from ..factories import make_graduate
from ..plans.factories import code


def category(name: str) -> HardshipCategory:
    return HardshipCategory.objects.get(scheme=seed_data.HARDSHIP_SCHEME, name=name)


def hardship_graduate(klass: ClassGroup, flag: str = "registered_poor", **fields) -> Graduate:
    """A graduate of the hardship group by one of its three rules: ``registered_poor``, ``poverty_county``
    or a 困难生类别 name (e.g. ``家庭困难``)."""
    if flag in ("registered_poor", "poverty_county"):
        fields[flag] = True
    else:
        fields["hardship_category"] = category(flag)
    return make_graduate(klass, **fields)


def registered(graduate: Graduate, destination: str, on: datetime.date, actor, **fields) -> DestinationPlan:
    """A plan the centre approved on ``on`` (as the destination import records one), written directly."""
    return DestinationPlan.objects.create(
        graduate=graduate,
        destination=code(destination),
        status=PlanStatus.APPROVED,
        approved_on=on,
        approved_at=timezone.now(),
        status_changed_at=timezone.now(),
        created_by=actor,
        **fields,
    )


def log(case, actor, kind: str, on: datetime.date, note: str = "电话联系", **fields):
    return support_action_record(case_id=case.pk, actor=actor, kind=kind, acted_on=on, note=note, **fields)


def scheme(cohort, name: str = "一次性求职创业补贴", amount: str = "1500.00", eligibility="hardship"):
    return SubsidyScheme.objects.create(cohort=cohort, name=name, amount=amount, eligibility=eligibility)
