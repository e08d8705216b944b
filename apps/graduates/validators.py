"""Identifier checks: 身份证号 (GB 11643 check digit) and mainland mobile numbers."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MSG_ID_FORMAT = _("身份证号应为18位：17位数字加1位校验码（数字或X）。")
MSG_ID_CHECK_DIGIT = _("身份证号校验码不正确。")
MSG_PHONE = _("手机号应为以1开头的11位数字。")

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK_CHARS = "10X98765432"
_ID_PATTERN = re.compile(r"^\d{17}[\dX]$")
_PHONE_PATTERN = re.compile(r"^1[3-9]\d{9}$")


def id_number_check_digit(first17: str) -> str:
    """The GB 11643 check character for the first 17 digits of an ID number."""
    total = sum(int(digit) * weight for digit, weight in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK_CHARS[total % 11]


def normalise_id_number(value: str) -> str:
    return (value or "").strip().upper()


def validate_id_number(value: str) -> None:
    value = normalise_id_number(value)
    if not _ID_PATTERN.match(value):
        raise ValidationError(MSG_ID_FORMAT, code="id_format")
    if id_number_check_digit(value[:17]) != value[17]:
        raise ValidationError(MSG_ID_CHECK_DIGIT, code="id_check_digit")


def validate_phone(value: str) -> None:
    if value and not _PHONE_PATTERN.match(value):
        raise ValidationError(MSG_PHONE, code="phone")


def mask_id_number(value: str) -> str:
    """420***********1234: the region prefix and the last four stay readable."""
    if not value:
        return ""
    if len(value) < 8:
        return "*" * len(value)
    return f"{value[:3]}{'*' * (len(value) - 7)}{value[-4:]}"


def mask_phone(value: str) -> str:
    """138****1234."""
    if not value:
        return ""
    if len(value) < 7:
        return "*" * len(value)
    return f"{value[:3]}{'*' * (len(value) - 7)}{value[-4:]}"
