"""统一社会信用代码 (GB 32100-2015) of park companies.

Eighteen characters from the 31-character set (digits and capitals without I, O, Z, S, V); the last is a check
character over the first 17 with weights 3^i mod 31: check = 31 - (sum mod 31), where 31 is written '0'.
The same code is asked of employers in destination plans, so the arithmetic lives once, in
``apps.graduates.validators``; this module is what the park's models and forms use.
"""

from apps.graduates.validators import (
    MSG_CREDIT_CODE_CHECK,
    MSG_CREDIT_CODE_FORMAT,
    credit_code_check_char,
)
from apps.graduates.validators import validate_credit_code as _validate_credit_code

__all__ = [
    "MSG_CREDIT_CODE_CHECK",
    "MSG_CREDIT_CODE_FORMAT",
    "credit_code_check_char",
    "normalise_credit_code",
    "validate_credit_code",
]


def normalise_credit_code(value: str) -> str:
    """What people type: spaces and lower case are forgiven; the stored code is upper case."""
    return "".join((value or "").split()).upper()


def validate_credit_code(value: str) -> None:
    """Raise ``ValidationError`` (codes ``credit_code_format`` / ``credit_code_check``) unless ``value`` is a
    well-formed code whose check character is right. An empty value is the field's business (``blank``)."""
    _validate_credit_code(normalise_credit_code(value))
