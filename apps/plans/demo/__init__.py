"""The demo 2020 cohort's destination plans (``python manage.py load_demo_cohort`` writes them after the
graduates), so that counted at 2020-08-31 and 2020-12-31 the seed report's chapter-2 figures come out.

``data`` holds the seed's figures and the demo's choices, ``weights`` how likely each kind of graduate is to
land where, ``fitting`` the whole-number tables both give, ``assign`` who goes where, ``history`` each
graduate's plans and moves in time, ``places`` the employers and universities, ``generate`` puts them together
(pure and seeded, as the ``records`` dataclasses), ``load`` writes them to the database.
"""

from .generate import DemoEvent, DemoEvidence, DemoPlan, DemoPlans, build_demo_plans
from .load import (
    DemoPlansError,
    DemoPlansResult,
    demo_plans_counts,
    demo_plans_exist,
    demo_plans_load,
    demo_plans_remove,
)

__all__ = [
    "DemoEvent",
    "DemoEvidence",
    "DemoPlan",
    "DemoPlans",
    "DemoPlansError",
    "DemoPlansResult",
    "build_demo_plans",
    "demo_plans_counts",
    "demo_plans_exist",
    "demo_plans_load",
    "demo_plans_remove",
]
