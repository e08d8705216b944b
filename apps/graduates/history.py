"""The change history of a graduate record, as the detail page shows it: who changed which fields, when, and
through what (the import, the student's own contact edit, the administrator), identifiers masked."""

import datetime
from dataclasses import dataclass

from .models import Graduate
from .validators import mask_id_number, mask_phone

HISTORY_SHOWN = 20
# The historical rows' relations read in the same query, so old and new values show by name.
HISTORY_RELATED = (
    "history_user", "cohort", "class_group", "ethnicity", "origin", "education_level", "hardship_category",
)  # fmt: skip
MASKS = {"id_number": mask_id_number, "phone": mask_phone}
HIDDEN = {"user"}  # the login account is linked by the system, not a fact of the record
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


def _shown(record, name: str) -> str:
    value = getattr(record, name)
    if name in MASKS:
        return MASKS[name](value) if value else ""
    if isinstance(value, bool):
        return "是" if value else "否"
    display = getattr(record, f"get_{name}_display", None)
    return str(display() if display else ("" if value is None else value))


def graduate_history(graduate: Graduate, *, limit: int = HISTORY_SHOWN) -> list[RecordChange]:
    """The latest ``limit`` changes, newest first. One query (the record before the oldest shown is read too,
    to say what that change changed)."""
    records = list(
        graduate.history.select_related(*HISTORY_RELATED).order_by("-history_date", "-history_id")[
            : limit + 1
        ]
    )
    changes = []
    for index, record in enumerate(records[:limit]):
        before = records[index + 1] if index + 1 < len(records) else None
        fields = []
        if before is not None:
            delta = record.diff_against(before, excluded_fields=HIDDEN)
            for change in delta.changes:
                field = Graduate._meta.get_field(change.field)
                fields.append(
                    FieldChange(
                        str(field.verbose_name), _shown(before, change.field), _shown(record, change.field)
                    )
                )
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
