"""Writes of the data-release log."""

import datetime
import decimal
import uuid
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from django.db import models

from .models import DataRelease, ReleaseKind


def _json_value(value: Any) -> Any:
    """Form cleaned data holds dates, decimals and model instances: keep what a reader of the log needs."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, datetime.date | datetime.datetime | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, models.Model):
        return {"id": value.pk, "name": str(value)}
    if isinstance(value, Mapping):
        return {str(key): _json_value(item) for key, item in value.items()}
    if isinstance(value, models.QuerySet | list | tuple | set | frozenset):
        return [_json_value(item) for item in value]
    return str(value)


def release_filters(filters: Mapping | None) -> dict:
    """The filters as JSON: a QueryDict keeps every value of a repeated key; empty values are left out."""
    if not filters:
        return {}
    if hasattr(filters, "lists"):
        items = ((key, values if len(values) > 1 else values[0]) for key, values in filters.lists())
    else:
        items = filters.items()
    return {str(key): _json_value(value) for key, value in items if value not in (None, "", [], ())}


def release_record(
    *, user, kind: str, rows: int, filters: dict | None = None, description: str = ""
) -> DataRelease:
    """Append one release of personal data by `user` (their role at that moment is kept with it).

    Call it in the request that hands the data out, before the response is returned, so that no release
    goes unrecorded; `filters` is the query string or the form's cleaned data.
    """
    release = DataRelease(
        user=user,
        role=user.role,
        kind=ReleaseKind(kind),
        rows=rows,
        filters=release_filters(filters),
        description=description[:300],
    )
    # The user is the signed-in one, no need to look them up again: the release costs one INSERT.
    release.full_clean(exclude=["user"])
    release.save()
    return release


class Counted:
    """Wraps the rows an exporter writes and counts them as they are written, so that the log's count is the
    file's, not a second query's that could see other rows."""

    def __init__(self, rows: Iterable):
        self._rows = rows
        self.count = 0

    def __iter__(self) -> Iterator:
        for row in self._rows:
            self.count += 1
            yield row
