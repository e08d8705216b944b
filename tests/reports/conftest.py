"""Fixtures shared by the report's tests."""

import datetime

import pytest

from ..factories import make_graduate
from ..plans.factories import registered_plan


@pytest.fixture
def registered_cohort(org):
    """Every org graduate registered; a1's first plan superseded by a later one; 12 graduates of B at one shop
    (a flexible-employment cluster, and a crowded employer for the warning signs)."""
    first, _ = org.graduates["a1"]
    registered_plan(first, "70", datetime.date(2020, 6, 1), created_by=org.centre, status="superseded")
    for graduate in org.graduates["a1"] + org.graduates["a2"]:
        registered_plan(graduate, "11", datetime.date(2020, 7, 1), created_by=org.centre)
    for graduate in org.graduates["b1"] + [make_graduate(org.class_b1) for _ in range(10)]:
        registered_plan(
            graduate, "12", datetime.date(2020, 7, 1), created_by=org.centre, employer_name="某店"
        )
    return org.own_graduate.cohort
