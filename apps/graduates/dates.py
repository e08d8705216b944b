"""The one reading of a date cell, for every import that reads dates (destinations, the national layout ...).

Offices write a day as the ISO form (2018-05-15), as Excel and WPS on Chinese Windows show and save it in
CSV (2018/5/15), or in words (2018年5月15日); a real date cell reaches the importer as ISO text (uploads.
cell_text), with a time of day when it has one. Anything else, and any day that does not exist (2020-02-30),
is not a date.
"""

import datetime
import re

from django.utils.translation import gettext_lazy as _

MSG_DATE = _("日期应为真实日期，写作 2020-08-31、2020/8/31 或 2020年8月31日。")

_DATE_PATTERNS = (
    re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"),
    re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$"),
    re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$"),
    # A date cell with a time of day reads "YYYY-MM-DD HH:MM[:SS[.ffffff]]"; Excel's CSV writes "2018/5/15 9:30".
    re.compile(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?$"),
)


def parse_date(value: str) -> datetime.date | None:
    """The day ``value`` names in one of the accepted forms; None when it is none of them or not a real day."""
    value = (value or "").strip()
    for pattern in _DATE_PATTERNS:
        match = pattern.match(value)
        if match is not None:
            try:
                return datetime.date(int(match[1]), int(match[2]), int(match[3]))
            except ValueError:
                return None
    return None
