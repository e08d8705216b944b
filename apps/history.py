"""The change history of a record kept by django-simple-history, as a page shows it to staff: who saved which
values, when and why. Shared by the graduate record and the destination plan; each says which fields count and
how a value is shown (masked, by name)."""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import models

HISTORY_SHOWN = 20
KIND = {"+": "新建", "~": "修改", "-": "删除"}


@dataclass(frozen=True)
class FieldChange:
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class RecordChange:
    at: datetime.datetime
    by: str
    kind: str
    reason: str
    fields: list[FieldChange]


def record_changes(
    history: models.QuerySet,
    *,
    model: type[models.Model],
    related: Iterable[str],
    shown: Callable[[object, str], str],
    limit: int = HISTORY_SHOWN,
    included_fields: Iterable[str] | None = None,
    excluded_fields: Iterable[str] | None = None,
) -> list[RecordChange]:
    """The latest ``limit`` saves, newest first, each with the fields it changed. One query (the row before
    the oldest shown is read too, to say what that save changed)."""
    records = list(history.select_related(*related).order_by("-history_date", "-history_id")[: limit + 1])
    diff_options = {}
    if included_fields is not None:
        diff_options["included_fields"] = list(included_fields)
    if excluded_fields is not None:
        diff_options["excluded_fields"] = list(excluded_fields)
    changes = []
    for index, record in enumerate(records[:limit]):
        before = records[index + 1] if index + 1 < len(records) else None
        fields = []
        if before is not None:
            for change in record.diff_against(before, **diff_options).changes:
                label = str(model._meta.get_field(change.field).verbose_name)
                fields.append(FieldChange(label, shown(before, change.field), shown(record, change.field)))
        user = record.history_user
        changes.append(
            RecordChange(
                at=record.history_date,
                by=(user.get_full_name() or user.username) if user else "系统",
                kind=KIND.get(record.history_type, record.history_type),
                reason=record.history_change_reason or "",
                fields=fields,
            )
        )
    return changes
