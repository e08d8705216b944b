"""The change history of a graduate record, as the detail page shows it: who changed which fields, when, and
through what (the import, the student's own contact edit, the administrator), identifiers masked."""

from apps.history import HISTORY_SHOWN, RecordChange, record_changes

from .models import Graduate
from .validators import mask_email, mask_id_number, mask_phone

# The historical rows' relations read in the same query, so old and new values show by name.
HISTORY_RELATED = (
    "history_user", "cohort", "class_group", "ethnicity", "origin", "education_level", "hardship_category",
)  # fmt: skip
MASKS = {"id_number": mask_id_number, "phone": mask_phone, "email": mask_email}
HIDDEN = {"user"}  # the login account is linked by the system, not a fact of the record


def _shown(record, name: str) -> str:
    value = getattr(record, name)
    if name in MASKS:
        return MASKS[name](value) if value else ""
    if isinstance(value, bool):
        return "是" if value else "否"
    display = getattr(record, f"get_{name}_display", None)
    return str(display() if display else ("" if value is None else value))


def graduate_history(graduate: Graduate, *, limit: int = HISTORY_SHOWN) -> list[RecordChange]:
    """The latest ``limit`` changes, newest first, in one query."""
    return record_changes(
        graduate.history, model=Graduate, related=HISTORY_RELATED, shown=_shown, limit=limit,
        excluded_fields=HIDDEN,
    )  # fmt: skip
