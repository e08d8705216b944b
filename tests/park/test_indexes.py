"""What the park's lists filter and sort by is indexed (an index, a unique constraint or a foreign key whose
columns start with those the list narrows by)."""

import pytest
from django.db import models

from apps.park.models import (
    AccessPass,
    Assessment,
    CompetitionEntry,
    FundingApplication,
    MeterReading,
    OperatingReport,
    PatrolRecord,
    ResumptionApplication,
    Tenant,
    Unit,
)

# (model, leading columns): one row per filter of the lists (filters.py) and the dashboard's counts.
FILTERED_BY = [
    (Tenant, ("status",)),
    (Tenant, ("lease_ends_on",)),
    (Tenant, ("industry",)),
    (Unit, ("site",)),
    (OperatingReport, ("period", "status")),
    (OperatingReport, ("status",)),
    (OperatingReport, ("tenant", "period")),
    (ResumptionApplication, ("status",)),
    (AccessPass, ("valid_to",)),
    (PatrolRecord, ("patrolled_on",)),
    (PatrolRecord, ("site",)),
    (MeterReading, ("read_on",)),
    (MeterReading, ("meter_no", "read_on")),
    (MeterReading, ("unit",)),
    (Assessment, ("year", "passed")),
    (FundingApplication, ("year", "result")),
    (CompetitionEntry, ("year", "competition")),
    (CompetitionEntry, ("stage_reached",)),
]


def _column_lists(model) -> list[tuple[str, ...]]:
    meta = model._meta
    lists = [tuple(index.fields) for index in meta.indexes]
    lists += [
        tuple(c.fields)
        for c in meta.constraints
        if isinstance(c, models.UniqueConstraint) and not c.condition
    ]
    lists += [
        (f.name,) for f in meta.get_fields() if getattr(f, "concrete", False) and (f.db_index or f.unique)
    ]
    return lists


@pytest.mark.parametrize(
    ("model", "columns"), FILTERED_BY, ids=[f"{m.__name__}-{'-'.join(c)}" for m, c in FILTERED_BY]
)
def test_what_the_lists_filter_by_is_indexed(model, columns):
    assert any(cols[: len(columns)] == columns for cols in _column_lists(model)), _column_lists(model)


def test_the_open_hazards_filter_has_a_partial_index():
    index = next(i for i in PatrolRecord._meta.indexes if i.name == "patrol_open_hazard_idx")
    assert index.condition is not None
