"""Identifier checks: 身份证号 (GB 11643), 统一社会信用代码 (GB 32100) and mainland mobile numbers.

The two national identifiers are checked by python-stdnum (``stdnum.cn.ric``, ``stdnum.cn.uscc``), a
maintained library, rather than by arithmetic of our own; what is added here is what a graduate's record needs
beyond it, with our messages.
"""

import datetime
import functools
import re

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from stdnum import numdb
from stdnum.cn import ric, uscc
from stdnum.exceptions import InvalidChecksum
from stdnum.exceptions import ValidationError as StdnumError

MSG_ID_FORMAT = _("身份证号应为18位：17位数字加1位校验码（数字或X）。")
MSG_ID_CHECK_DIGIT = _("身份证号校验码不正确。")
MSG_ID_BIRTH_DATE = _("身份证号第7-14位的出生日期（{value}）不是真实的出生日期。")
MSG_ID_REGION = _("身份证号前6位的地区码（{value}）不是行政区划代码（GB/T 2260）。")
MSG_PHONE = _("手机号应为以1开头的11位数字。")
MSG_CREDIT_CODE_FORMAT = _(
    "统一社会信用代码应为18位：前8位为数字，其后为数字或大写字母（不含 I、O、Z、S、V）。"
)
MSG_CREDIT_CODE_CHECK = _("统一社会信用代码校验码不正确。")

_ID_PATTERN = re.compile(r"^\d{17}[\dX]$")
_PHONE_PATTERN = re.compile(r"^1[3-9]\d{9}$")
# Nobody alive was born before this; an earlier "birth date" is a typing error.
EARLIEST_BIRTH = datetime.date(1900, 1, 1)


def id_number_check_digit(first17: str) -> str:
    """The GB 11643 check character for the first 17 digits of an ID number (stdnum's)."""
    return ric.calc_check_digit(first17 + "0")  # stdnum takes the whole number and ignores its last character


def normalise_id_number(value: str) -> str:
    return (value or "").strip().upper()


def id_number_birth_date(value: str) -> datetime.date | None:
    try:
        return ric.get_birth_date(normalise_id_number(value))
    except (StdnumError, ValueError):
        return None


def id_number_is_male(value: str) -> bool:
    """GB 11643: the 17th digit (the sequence code's last) is odd for men and even for women."""
    return int(normalise_id_number(value)[16]) % 2 == 1


def validate_id_number(value: str) -> None:
    """18 characters with the right check digit (stdnum), a real birth date in the past (stdnum checks only
    that the date exists), and a region code that GB/T 2260 has or had.

    stdnum also requires the county to have existed in the birth year; that is not required here: a number
    is given when a person is first registered, so a graduate registered late (the 2015-2016 campaign for
    people without a 户口 registered many born around 2000) holds the code of a county created after their
    birth, and the number is still theirs.
    """
    value = normalise_id_number(value)
    if not _ID_PATTERN.match(value):
        raise ValidationError(MSG_ID_FORMAT, code="id_format")
    if value[-1] != ric.calc_check_digit(value):
        raise ValidationError(MSG_ID_CHECK_DIGIT, code="id_check_digit")
    birth = id_number_birth_date(value)
    if birth is None:
        raise ValidationError(MSG_ID_BIRTH_DATE.format(value=value[6:14]), code="id_birth_date")
    # What stdnum's validate() adds to the check digit and the date is the region; looked up once per code
    # (an import of 400,000 numbers has a few thousand), not per number: the lookup was most of the check.
    if not _region_known(value[:6]):
        raise ValidationError(MSG_ID_REGION.format(value=value[:6]), code="id_region")
    if not EARLIEST_BIRTH <= birth <= timezone.localdate():
        raise ValidationError(MSG_ID_BIRTH_DATE.format(value=value[6:14]), code="id_birth_date")


@functools.lru_cache(maxsize=8192)
def _region_known(code: str) -> bool:
    """Whether stdnum's GB/T 2260 table knows the six-digit code, at any time."""
    return any(props for _part, props in numdb.get("cn/loc").info(code)[1:])


def credit_code_check_char(first17: str) -> str:
    """The GB 32100 check character for the first 17 characters of a 统一社会信用代码 (stdnum's)."""
    return uscc.calc_check_digit(first17)


def validate_credit_code(value: str) -> None:
    """Raise ``ValidationError`` (codes ``credit_code_format`` / ``credit_code_check``) unless ``value`` is a
    valid code (stdnum.cn.uscc). An empty value is the field's business (``blank``)."""
    value = (value or "").strip().upper()
    try:
        uscc.validate(value)
    except InvalidChecksum as exc:
        raise ValidationError(MSG_CREDIT_CODE_CHECK, code="credit_code_check") from exc
    except StdnumError as exc:
        raise ValidationError(MSG_CREDIT_CODE_FORMAT, code="credit_code_format") from exc
    if value != uscc.compact(value) or len(value) != 18:
        raise ValidationError(MSG_CREDIT_CODE_FORMAT, code="credit_code_format")


def validate_phone(value: str) -> None:
    if value and not _PHONE_PATTERN.match(value):
        raise ValidationError(MSG_PHONE, code="phone")


def _mask_middle(value: str, *, head: int, shortest: int, tail: int = 4) -> str:
    """``head`` leading and ``tail`` trailing characters readable, the rest starred; all starred if shorter than
    ``shortest`` (too little would be left hidden)."""
    if not value:
        return ""
    if len(value) < shortest:
        return "*" * len(value)
    return f"{value[:head]}{'*' * (len(value) - head - tail)}{value[-tail:]}"


def mask_id_number(value: str) -> str:
    """420***********1234: the region prefix and the last four stay readable."""
    return _mask_middle(value, head=3, shortest=8)


def mask_bank_account(value: str) -> str:
    """6222***********1234 (the bank's prefix and the last four): only the finance export shows the whole."""
    return _mask_middle(value, head=4, shortest=12)


def mask_phone(value: str) -> str:
    """138****1234."""
    return _mask_middle(value, head=3, shortest=7)


def mask_email(value: str) -> str:
    """15*******53@163.com: many addresses are a phone number at a mail host, so the name before the @ is masked
    as hard as a phone (two characters each end at most) and only the host stays readable."""
    if not value:
        return ""
    local, at, domain = value.rpartition("@")
    if not at:
        local, domain = value, ""
    if len(local) <= 2:
        shown = "*" * len(local)
    elif len(local) <= 5:
        shown = f"{local[0]}{'*' * (len(local) - 1)}"
    else:
        shown = f"{local[:2]}{'*' * (len(local) - 4)}{local[-2:]}"
    return f"{shown}{at}{domain}"
