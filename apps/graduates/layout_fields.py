"""The graduate fields of the national registration layout (contract §5) that contract §1 takes as optional
columns: one reading of them for both imports.

Their national codes were not found, so they are kept as the text the file has (政治面貌 中共党员, 城乡生源
农村 ...), checked for length. A blank cell leaves the stored value, as for 手机号.
"""

import datetime
import re

from django.utils.translation import gettext_lazy as _

from .dates import MSG_DATE, parse_date

COL_POLITICAL_STATUS = "政治面貌"
COL_URBAN_RURAL = "城乡生源"
COL_ENROLLED = "入学年月"
COL_GRADUATED = "毕业日期"
COL_TRAINING_MODE = "培养方式"
COL_SPONSOR = "委培单位"
COL_STUDY_FORM = "学习形式"
COL_MAJOR_DIRECTION = "专业方向"

TEXT_FIELD_BY_COLUMN = {
    COL_POLITICAL_STATUS: "political_status",
    COL_URBAN_RURAL: "urban_rural_origin",
    COL_TRAINING_MODE: "training_mode",
    COL_SPONSOR: "sponsor",
    COL_STUDY_FORM: "study_form",
    COL_MAJOR_DIRECTION: "major_direction",
}
DATE_FIELD_BY_COLUMN = {COL_ENROLLED: "enrolled_on", COL_GRADUATED: "graduated_on"}
LAYOUT_COLUMNS = (
    COL_POLITICAL_STATUS, COL_URBAN_RURAL, COL_ENROLLED, COL_GRADUATED, COL_TRAINING_MODE, COL_SPONSOR,
    COL_STUDY_FORM, COL_MAJOR_DIRECTION,
)  # fmt: skip
LAYOUT_FIELDS = (*TEXT_FIELD_BY_COLUMN.values(), *DATE_FIELD_BY_COLUMN.values())

MSG_MONTH = _("入学年月应为真实年月，写作 2017-09、201709 或 2017年9月。")
MSG_TOO_LONG = _("不能超过 {limit} 个字符。")

_MONTH_PATTERNS = (
    re.compile(r"^(\d{4})[-/.](\d{1,2})$"),
    re.compile(r"^(\d{4})(\d{2})$"),
    re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月$"),
)


def parse_month(value: str) -> datetime.date | None:
    """The first day of the month ``value`` names (2017-09, 201709, 2017年9月, or a whole date)."""
    value = (value or "").strip()
    for pattern in _MONTH_PATTERNS:
        match = pattern.match(value)
        if match is not None:
            month = int(match[2])
            return datetime.date(int(match[1]), month, 1) if 1 <= month <= 12 else None
    day = parse_date(value)
    return None if day is None else day.replace(day=1)


def format_month(value: datetime.date | None) -> str:
    return "" if value is None else f"{value:%Y-%m}"


def parse_layout_fields(cell, error) -> dict[str, object]:
    """The graduate values of the layout columns a row fills; ``cell(column)`` reads a cell, ``error(column,
    message)`` records a problem with it."""
    from .models import Graduate

    values: dict[str, object] = {}
    for column, attname in TEXT_FIELD_BY_COLUMN.items():
        value = cell(column)
        if not value:
            continue
        limit = Graduate._meta.get_field(attname).max_length
        if len(value) > limit:
            error(column, MSG_TOO_LONG.format(limit=limit))
        else:
            values[attname] = value
    enrolled = cell(COL_ENROLLED)
    if enrolled:
        month = parse_month(enrolled)
        if month is None:
            error(COL_ENROLLED, MSG_MONTH)
        else:
            values["enrolled_on"] = month
    graduated = cell(COL_GRADUATED)
    if graduated:
        day = parse_date(graduated)
        if day is None:
            error(COL_GRADUATED, MSG_DATE)
        else:
            values["graduated_on"] = day
    return values
