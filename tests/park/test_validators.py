"""统一社会信用代码 (GB 32100-2015): the check character, computed here independently of the code under test."""

import pytest
from django.core.exceptions import ValidationError

from apps.park.validators import (
    MSG_CREDIT_CODE_CHECK,
    MSG_CREDIT_CODE_FORMAT,
    credit_code_check_char,
    normalise_credit_code,
    validate_credit_code,
)

CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = [3**i % 31 for i in range(17)]  # 1, 3, 9, 27, 19, 26, ... as the standard tabulates them


def expected_check(first17: str) -> str:
    remainder = sum(CHARSET.index(c) * w for c, w in zip(first17, WEIGHTS, strict=True)) % 31
    return CHARSET[(31 - remainder) % 31]


def test_the_weights_are_the_standards():
    assert WEIGHTS == [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


# Real codes printed on business licences (华为技术有限公司, 深圳市腾讯计算机系统有限公司, 小米科技有限责任公司),
# and the standard's own worked example.
REAL_CODES = ["914403001922038216", "91440300708461136T", "91110108551385082Q", "91350100M000100Y43"]


@pytest.mark.parametrize("code", REAL_CODES)
def test_real_codes_are_valid(code):
    assert expected_check(code[:17]) == code[17]
    assert credit_code_check_char(code[:17]) == code[17]
    validate_credit_code(code)


def test_a_code_computed_here_is_valid_and_every_other_check_character_is_not():
    # given the first 17 characters of a 孝南区 company registered after 2015
    first17 = "91420902MA4AB12CD"
    check = expected_check(first17)
    # then exactly that check character is accepted
    validate_credit_code(first17 + check)
    for other in CHARSET.replace(check, ""):
        with pytest.raises(ValidationError) as error:
            validate_credit_code(first17 + other)
        assert error.value.messages == [str(MSG_CREDIT_CODE_CHECK)]


def test_remainder_zero_gives_check_character_zero():
    # the sum of weights times values is a multiple of 31 when every character is '0': 31 - 0 = 31, written '0'
    assert credit_code_check_char("0" * 17) == "0"
    validate_credit_code("0" * 18)


@pytest.mark.parametrize(
    "value",
    [
        "91440300708461136",  # 17 characters
        "9144030070846113600",  # 19 characters
        "91440300708461136I",  # I is not in the character set
        "914403007084611O6T",  # neither is O
        "91440300708461136S",  # nor S
        "9144030070846113-T",
    ],
)
def test_malformed_codes_are_refused_with_the_format_message(value):
    with pytest.raises(ValidationError) as error:
        validate_credit_code(value)
    assert error.value.messages == [str(MSG_CREDIT_CODE_FORMAT)]


def test_spaces_and_lower_case_are_forgiven():
    assert normalise_credit_code(" 9144 0300 7084 6113 6t ") == "91440300708461136T"
    validate_credit_code("91440300708461136t")
