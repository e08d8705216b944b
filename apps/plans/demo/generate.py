"""The demo cohort's destination plans as plain data: one pure, seeded function builds every plan and event.

Nothing here touches the database. ``build_demo_plans()`` turns the seed's chapter-2 totals (``data``) into one
history per graduate of ``apps.graduates.demo.build_demo_cohort()``: ``assign`` decides who goes where at
2020-08-31 and who changes in the autumn, ``history`` the plans they registered, in order, each with the moves
that took it through counsellor -> college -> centre (legal moves of ``workflow.TRANSITIONS``).
"""

import random
from functools import lru_cache

from apps.graduates.demo import DEMO_ACCOUNTS

from . import assign
from . import data as d
from .history import histories, open_plans
from .records import DemoEvent, DemoEvidence, DemoPlan, DemoPlans

__all__ = ["DemoEvent", "DemoEvidence", "DemoPlan", "DemoPlans", "build_demo_plans"]


@lru_cache(maxsize=1)
def build_demo_plans() -> DemoPlans:
    """Every plan of the 5,098 demo graduates, the same on every call (see module)."""
    rng = random.Random(d.RANDOM_SEED)
    people = assign.people(rng)
    employed = assign.choose_employed(rng, people)
    assign.assign_codes(rng, people, employed)
    assign.assign_reasons(rng, people, employed)
    assign.assign_autumn(rng, people)
    assign.assign_provinces(rng, people)
    assign.assign_units(rng, people)
    histories(rng, people)
    open_plans(rng, people, DEMO_ACCOUNTS["student"].username)
    plans = []
    for p in people:
        for plan in p.plans:
            plans.append(
                DemoPlan(
                    student_no=p.g.student_no,
                    **{**plan, "events": tuple(plan["events"]), "evidence": tuple(plan["evidence"])},
                )
            )
    return DemoPlans(plans=tuple(plans))
