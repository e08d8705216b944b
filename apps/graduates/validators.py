"""Identifier checks: 身份证号 (GB 11643), 统一社会信用代码 (GB 32100) and mainland mobile numbers."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MSG_ID_FORMAT = _("身份证号应为18位：17位数字加1位校验码（数字或X）。")
MSG_ID_CHECK_DIGIT = _("身份证号校验码不正确。")
MSG_PHONE = _("手机号应为以1开头的11位数字。")
MSG_CREDIT_CODE_FORMAT = _("统一社会信用代码应为18位数字或大写字母（不含 I、O、Z、S、V）。")
MSG_CREDIT_CODE_CHECK = _("统一社会信用代码校验码不正确。")

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


_CREDIT_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_CREDIT_PATTERN = re.compile(rf"^[{_CREDIT_CHARS}]{{18}}$")


def credit_code_check_char(first17: str) -> str:
    """The GB 32100 check character for the first 17 characters of a 统一社会信用代码."""
    total = sum(
        _CREDIT_CHARS.index(char) * weight for char, weight in zip(first17, _CREDIT_WEIGHTS, strict=True)
    )
    return _CREDIT_CHARS[(31 - total % 31) % 31]


def validate_credit_code(value: str) -> None:
    value = (value or "").strip().upper()
    if not _CREDIT_PATTERN.match(value):
        raise ValidationError(MSG_CREDIT_CODE_FORMAT, code="credit_code_format")
    if credit_code_check_char(value[:17]) != value[17]:
        raise ValidationError(MSG_CREDIT_CODE_CHECK, code="credit_code_check")


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
