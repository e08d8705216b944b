"""Identifiers (issue 10, scenario 11): 身份证号 and 统一社会信用代码 checked by python-stdnum with our messages, a
real birth date and a known region required; a gender that disagrees with the ID number is a warning listed in
the dry run (page and command), the row still imported; the plan form checks the credit code as the import."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from stdnum.cn import ric, uscc

from apps.accounts.models import Role
from apps.graduates.imports import (
    COL_GENDER,
    COL_ID_NUMBER,
    MSG_GENDER_DISAGREES_WITH_ID,
    RowError,
    graduate_import,
)
from apps.graduates.models import Gender, Graduate
from apps.graduates.validators import (
    MSG_CREDIT_CODE_FORMAT,
    MSG_ID_BIRTH_DATE,
    MSG_ID_CHECK_DIGIT,
    MSG_ID_REGION,
    credit_code_check_char,
    id_number_check_digit,
    validate_credit_code,
    validate_id_number,
)
from apps.plans.forms import PlanForm

from ..factories import make_cohort, make_user
from ..html import assert_no_inline_script_or_style
from ..plans.factories import code
from .fixtures_import import good_row, make_import_org, write_xlsx

pytestmark = pytest.mark.django_db


def id_number(region: str = "420902", birth: str = "20000101", sequence: str = "001") -> str:
    """An ID number whose check digit is right (computed by stdnum itself, not by the code under test)."""
    first17 = f"{region}{birth}{sequence}"
    return first17 + ric.calc_check_digit(first17 + "0")


def messages_of(value: str) -> list[str]:
    with pytest.raises(ValidationError) as error:
        validate_id_number(value)
    return error.value.messages


# --- the validator -------------------------------------------------------------------------------------------


def test_a_birth_date_that_does_not_exist_is_refused_though_the_check_digit_is_right():
    assert messages_of(id_number(birth="19491331")) == [str(MSG_ID_BIRTH_DATE.format(value="19491331"))]
    assert messages_of(id_number(birth="20000230")) == [str(MSG_ID_BIRTH_DATE.format(value="20000230"))]


@pytest.mark.parametrize("birth", ["18991231", "20990101"])
def test_a_birth_date_before_1900_or_in_the_future_is_refused(birth):
    assert messages_of(id_number(birth=birth)) == [str(MSG_ID_BIRTH_DATE.format(value=birth))]


def test_the_day_after_tomorrow_is_refused_and_today_is_a_birth_date():
    today = datetime.date.today()
    validate_id_number(id_number(birth=f"{today:%Y%m%d}"))
    tomorrow = today + datetime.timedelta(days=2)  # two: the server's date may be behind Asia/Shanghai's
    assert messages_of(id_number(birth=f"{tomorrow:%Y%m%d}")) == [
        str(MSG_ID_BIRTH_DATE.format(value=f"{tomorrow:%Y%m%d}"))
    ]


@pytest.mark.parametrize("region", ["999999", "000000", "429999"])
def test_a_region_that_gb_t_2260_never_had_is_refused(region):
    assert messages_of(id_number(region=region)) == [str(MSG_ID_REGION.format(value=region))]


def test_a_county_created_after_the_birth_year_is_accepted():
    # 421303 随州市曾都区 exists since 2009: a graduate born in 2000 and first registered later holds it
    validate_id_number(id_number(region="421303", birth="20000101"))


def test_a_wrong_check_digit_keeps_its_message():
    good = id_number()
    wrong = good[:17] + ("0" if good[17] != "0" else "1")

    assert messages_of(wrong) == [str(MSG_ID_CHECK_DIGIT)]


def test_our_check_characters_are_stdnums():
    assert id_number_check_digit("42090220000101003") == "X"
    assert credit_code_check_char("91350100M000100Y4") == uscc.calc_check_digit("91350100M000100Y4") == "3"


@pytest.mark.parametrize(
    "value", ["ABC123", "91350100M000100Y4", "9135-0100M000100Y43", "A1350100M000100Y43"]
)
def test_a_credit_code_that_is_not_one_keeps_the_format_message(value):
    with pytest.raises(ValidationError) as error:
        validate_credit_code(value)

    assert error.value.messages == [str(MSG_CREDIT_CODE_FORMAT)]


# --- the import ----------------------------------------------------------------------------------------------


@pytest.fixture
def majors():
    return make_import_org()


def test_the_import_refuses_an_impossible_birth_date_and_an_unknown_region(majors, tmp_path):
    rows = [
        good_row(1, {"身份证号": id_number(birth="19491331", sequence="001")}),
        good_row(2, {"身份证号": id_number(region="999999", sequence="002")}),
    ]

    result = graduate_import(rows_source=write_xlsx(tmp_path / "g.xlsx", rows), dry_run=False)

    assert result.errors == [
        RowError(2, COL_ID_NUMBER, str(MSG_ID_BIRTH_DATE.format(value="19491331"))),
        RowError(3, COL_ID_NUMBER, str(MSG_ID_REGION.format(value="999999"))),
    ]
    assert Graduate.objects.count() == 0


def gender_rows() -> list[dict]:
    """Row 2: 女 with a man's number (17th digit 1); row 3: 男 with a man's number; row 4: 男 with a woman's."""
    return [
        good_row(1, {"性别": "女", "身份证号": id_number(sequence="001")}),
        good_row(2, {"性别": "男", "身份证号": id_number(sequence="003")}),
        good_row(3, {"性别": "男", "身份证号": id_number(sequence="004")}),
    ]


def expected_gender_warnings() -> list[RowError]:
    return [
        RowError(
            2, COL_GENDER, str(MSG_GENDER_DISAGREES_WITH_ID.format(gender="女", digit="1", expected="男"))
        ),
        RowError(
            4, COL_GENDER, str(MSG_GENDER_DISAGREES_WITH_ID.format(gender="男", digit="4", expected="女"))
        ),
    ]


def test_a_gender_that_disagrees_with_the_id_number_is_a_warning_and_the_row_is_imported(majors, tmp_path):
    path = write_xlsx(tmp_path / "g.xlsx", gender_rows())

    dry = graduate_import(rows_source=path, dry_run=True)
    result = graduate_import(rows_source=path, dry_run=False)

    assert dry.ok and dry.warnings == expected_gender_warnings()
    assert result.ok and result.new == 3 and result.warnings == expected_gender_warnings()
    # the file's 性别 is what is stored: the warning asks a person to look, it does not decide
    assert Graduate.objects.get(student_no="201700001").gender == Gender.FEMALE


def test_the_dry_run_page_lists_the_warnings_and_still_offers_to_import(majors, client, tmp_path):
    client.force_login(make_user(Role.CENTRE, username="centre"))
    path = write_xlsx(tmp_path / "g.xlsx", gender_rows())

    response = client.post(
        reverse("graduates:import"), {"file": SimpleUploadedFile("g.xlsx", path.read_bytes())}
    )

    html = response.content.decode()
    assert response.context["result"].warnings == expected_gender_warnings()
    assert 'id="import-warnings"' in html and 'id="import-confirm"' in html
    for warning in expected_gender_warnings():
        assert warning.message in html
    assert_no_inline_script_or_style(html)


def test_the_command_prints_the_warnings(majors, tmp_path):
    out, err = io.StringIO(), io.StringIO()

    call_command(
        "import_graduates", str(write_xlsx(tmp_path / "g.xlsx", gender_rows())), stdout=out, stderr=err
    )

    for warning in expected_gender_warnings():
        assert f"第 {warning.row} 行 {warning.column}：{warning.message}" in out.getvalue()
    assert "新增 3 人" in out.getvalue() and err.getvalue() == ""


# --- the student's plan form ---------------------------------------------------------------------------------


def test_the_plan_form_refuses_a_credit_code_the_import_refuses():
    cohort = make_cohort(2020)
    data = {"destination": code("11").pk, "employer_name": "孝感市中心医院", "employer_credit_code": "ABC123"}

    form = PlanForm(data=data, cohort=cohort)

    assert not form.is_valid()
    assert form.errors["employer_credit_code"] == [str(MSG_CREDIT_CODE_FORMAT)]


def test_the_plan_form_takes_a_valid_credit_code():
    cohort = make_cohort(2020)
    data = {"destination": code("11").pk, "employer_credit_code": "91350100M000100Y43"}

    form = PlanForm(data=data, cohort=cohort)
    form.is_valid()

    assert "employer_credit_code" not in form.errors
