"""The responses import: all or nothing, every row error listed, the whole campaign replaced; the command."""

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from apps.graduates.models import Gender
from apps.graduates.uploads import Table
from apps.surveys import imports
from apps.surveys.imports import survey_response_import
from apps.surveys.management.commands.import_survey_responses import MSG_DRY_RUN
from apps.surveys.models import (
    EmployerRating,
    EmployerResponse,
    GraduateResponse,
    MajorMatch,
    Satisfaction,
    SurveyKind,
)

from ..factories import make_college
from .exports import EMPLOYER_HEADER, GRADUATE_HEADER, employer_row, graduate_row, write_csv, write_xlsx
from .factories import answer, make_campaign

pytestmark = pytest.mark.django_db


def graduates_table(rows: list[dict], header: list[str] = GRADUATE_HEADER) -> Table:
    return Table.from_dicts(header, rows)


@pytest.fixture
def campaign(org):
    make_college("旅游与酒店管理学院（国际教育学院）", 8)
    return make_campaign(2020, sent=10)


@pytest.fixture
def employers(org):
    return make_campaign(2020, SurveyKind.EMPLOYERS, sent=10)


def test_a_good_export_is_written_as_answered(campaign, org):
    rows = [
        graduate_row(1),
        graduate_row(2, {"性别": "男", "学院": "机电工程学院", "学号": org.graduates["b1"][0].student_no}),
        graduate_row(3, {"是否就业": "否", "专业对口程度": "", "就业满意度": "", "教学满意度": ""}),
    ]

    result = survey_response_import(campaign=campaign, rows_source=graduates_table(rows), dry_run=False)

    assert result.ok and (result.rows, result.replaced) == (3, 0)
    first, second, third = GraduateResponse.objects.order_by("response_no")
    assert (first.gender, first.college, first.employed) == (Gender.FEMALE, org.college_a, True)
    assert (first.major_match, first.job_satisfaction) == (MajorMatch.MATCHED, Satisfaction.SATISFIED)
    assert (first.school_overall, first.teaching) == (Satisfaction.FAIRLY_SATISFIED, Satisfaction.SATISFIED)
    assert (first.student_affairs, first.living_services) == (Satisfaction.NEUTRAL, Satisfaction.DISSATISFIED)
    assert (second.gender, second.college, second.graduate) == (
        Gender.MALE,
        org.college_b,
        org.graduates["b1"][0],
    )
    assert (third.employed, third.major_match, third.job_satisfaction, third.teaching) == (False, "", "", "")


def test_a_dry_run_counts_and_writes_nothing(campaign):
    answer(campaign, make_college("护理学院"), overall="满意")

    result = survey_response_import(
        campaign=campaign, rows_source=graduates_table([graduate_row(1)]), dry_run=True
    )

    assert result.ok and not result.written and (result.rows, result.replaced) == (1, 1)
    assert GraduateResponse.objects.get().school_overall == Satisfaction.SATISFIED


def test_a_good_export_replaces_the_campaigns_responses_and_only_its_own(campaign, org):
    other = make_campaign(2019)
    answer(other, org.college_a, overall="满意")
    for _ in range(3):
        answer(campaign, org.college_a, overall="不满意")

    result = survey_response_import(
        campaign=campaign, rows_source=graduates_table([graduate_row(1), graduate_row(2)]), dry_run=False
    )

    assert (result.rows, result.replaced) == (2, 3)
    assert set(campaign.graduate_responses.values_list("response_no", flat=True)) == {"G0001", "G0002"}
    assert other.graduate_responses.count() == 1


def test_the_same_export_twice_leaves_the_same_responses(campaign):
    table = graduates_table([graduate_row(1), graduate_row(2)])
    survey_response_import(campaign=campaign, rows_source=table, dry_run=False)

    survey_response_import(campaign=campaign, rows_source=table, dry_run=False)

    assert campaign.graduate_responses.count() == 2


def test_a_college_may_be_named_without_its_bracketed_second_name(campaign):
    rows = [graduate_row(1, {"学院": "旅游与酒店管理学院"})]

    survey_response_import(campaign=campaign, rows_source=graduates_table(rows), dry_run=False)

    assert GraduateResponse.objects.get().college.name == "旅游与酒店管理学院（国际教育学院）"


BAD_GRADUATE_CELLS = [
    ("答卷编号", "", imports.MSG_REQUIRED),
    ("答卷编号", "x" * 41, imports.MSG_TOO_LONG.format(limit=40)),
    ("性别", "", imports.MSG_REQUIRED),
    ("性别", "M", imports.MSG_GENDER),
    ("学院", "火星学院", imports.MSG_UNKNOWN_COLLEGE.format(value="火星学院")),
    ("是否就业", "可能", imports.MSG_YES_NO),
    ("是否就业", "", imports.MSG_REQUIRED),
    ("专业对口程度", "很对口", imports.MSG_CHOICE.format(choices="对口、基本对口、不对口")),
    ("就业满意度", "非常满意", imports.MSG_CHOICE.format(choices="满意、基本满意、一般、不满意")),
    ("母校总体满意度", "好", imports.MSG_CHOICE.format(choices="满意、基本满意、一般、不满意")),
    ("教学满意度", "5", imports.MSG_CHOICE.format(choices="满意、基本满意、一般、不满意")),
    ("学生工作满意度", "满意 ", imports.MSG_CHOICE.format(choices="满意、基本满意、一般、不满意")),
    ("生活服务满意度", "?", imports.MSG_CHOICE.format(choices="满意、基本满意、一般、不满意")),
    ("学号", "2017999999", imports.MSG_UNKNOWN_STUDENT.format(value="2017999999", cohort="2020届")),
]


@pytest.mark.parametrize(("column", "value", "message"), BAD_GRADUATE_CELLS)
def test_a_bad_cell_rejects_the_whole_file_and_writes_nothing(campaign, column, value, message):
    answer(campaign, make_college("护理学院"), overall="满意")  # stored before: must survive
    rows = [graduate_row(1), graduate_row(2, {column: value}), graduate_row(3)]

    result = survey_response_import(campaign=campaign, rows_source=graduates_table(rows), dry_run=False)

    assert [(e.row, e.column, e.message) for e in result.errors] == [(3, column, str(message))]
    assert not result.written and result.rows == 0
    assert list(campaign.graduate_responses.values_list("school_overall", flat=True)) == [
        Satisfaction.SATISFIED
    ]


def test_every_error_of_every_row_is_listed_in_row_and_column_order(campaign):
    rows = [
        graduate_row(1, {"性别": "x", "学院": "无"}),
        graduate_row(2),
        graduate_row(3, {"是否就业": "否"}),  # but answered the job questions
        graduate_row(1),  # the same 答卷编号 as the first row
    ]

    result = survey_response_import(campaign=campaign, rows_source=graduates_table(rows), dry_run=False)

    assert [(e.row, e.column) for e in result.errors] == [
        (2, "答卷编号"), (2, "性别"), (2, "学院"), (4, "专业对口程度"), (4, "就业满意度"), (5, "答卷编号"),
    ]  # fmt: skip
    assert result.errors[0].message == imports.MSG_DUPLICATE_RESPONSE_NO.format(rows="5")
    assert result.errors[3].message == str(imports.MSG_NOT_EMPLOYED_ANSWER)
    assert GraduateResponse.objects.count() == 0


def test_a_graduate_answers_once_and_only_for_their_own_cohort(campaign, org):
    student_no = org.graduates["a1"][0].student_no
    rows = [graduate_row(1, {"学号": student_no}), graduate_row(2, {"学号": student_no})]

    result = survey_response_import(campaign=campaign, rows_source=graduates_table(rows), dry_run=False)

    assert [(e.row, e.column) for e in result.errors] == [(2, "学号"), (3, "学号")]
    # a graduate of 2020 is unknown to a 2019 campaign
    older = make_campaign(2019)
    result = survey_response_import(
        campaign=older, rows_source=graduates_table([graduate_row(1, {"学号": student_no})]), dry_run=True
    )
    assert result.errors[0].message == imports.MSG_UNKNOWN_STUDENT.format(value=student_no, cohort="2019届")


def test_a_missing_column_rejects_the_file(campaign):
    header = [name for name in GRADUATE_HEADER if name not in ("教学满意度", "是否就业")]

    result = survey_response_import(
        campaign=campaign, rows_source=graduates_table([graduate_row()], header), dry_run=False
    )

    assert [(e.row, e.message) for e in result.errors] == [
        (None, imports.MSG_MISSING_COLUMNS.format(columns="是否就业、教学满意度"))
    ]


def test_an_employers_export_in_a_graduates_campaign_is_rejected(campaign):
    result = survey_response_import(
        campaign=campaign, rows_source=Table.from_dicts(EMPLOYER_HEADER, [employer_row()]), dry_run=False
    )

    assert result.errors[0].row is None and "答卷编号" not in result.errors[0].message
    assert GraduateResponse.objects.count() == EmployerResponse.objects.count() == 0


def test_an_empty_file_is_rejected(campaign, tmp_path):
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")

    result = survey_response_import(campaign=campaign, rows_source=path, dry_run=False)

    assert [e.row for e in result.errors] == [None]


def test_a_header_without_rows_is_rejected(campaign):
    result = survey_response_import(campaign=campaign, rows_source=graduates_table([]), dry_run=False)

    assert [e.message for e in result.errors] == [str(imports.MSG_NO_ROWS)]


def test_employer_ratings_are_imported(employers):
    rows = [employer_row(1), employer_row(2, {"专业能力": "一般", "综合评价": "不满意"})]

    result = survey_response_import(
        campaign=employers, rows_source=Table.from_dicts(EMPLOYER_HEADER, rows), dry_run=False
    )

    assert result.ok
    second = EmployerResponse.objects.get(response_no="E0002")
    assert (second.employer_name, second.quality) == ("孝感市第2医院", EmployerRating.SATISFIED)
    assert (second.professional_ability, second.overall) == (
        EmployerRating.AVERAGE,
        EmployerRating.DISSATISFIED,
    )


@pytest.mark.parametrize("value", ["", "基本满意", "很好"])
def test_an_employer_must_rate_every_dimension_on_the_three_point_scale(employers, value):
    rows = [employer_row(1), employer_row(2, {"发展能力": value})]

    result = survey_response_import(
        campaign=employers, rows_source=Table.from_dicts(EMPLOYER_HEADER, rows), dry_run=False
    )

    assert [(e.row, e.column, e.message) for e in result.errors] == [
        (3, "发展能力", imports.MSG_RATING.format(choices="满意、一般、不满意"))
    ]
    assert EmployerResponse.objects.count() == 0


def test_an_employer_needs_a_name(employers):
    rows = [employer_row(1, {"单位名称": ""})]

    result = survey_response_import(
        campaign=employers, rows_source=Table.from_dicts(EMPLOYER_HEADER, rows), dry_run=False
    )

    assert [(e.row, e.column) for e in result.errors] == [(2, "单位名称")]


@pytest.mark.parametrize("writer", [write_xlsx, write_csv])
def test_xlsx_and_csv_files_are_read(campaign, tmp_path, writer):
    path = writer(
        tmp_path / f"export.{'xlsx' if writer is write_xlsx else 'csv'}", [graduate_row(1)], GRADUATE_HEADER
    )

    result = survey_response_import(campaign=campaign, rows_source=path, dry_run=False)

    assert result.ok and campaign.graduate_responses.count() == 1


# --- the command ---------------------------------------------------------------------------------------------


def run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_survey_responses", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_the_command_imports_and_counts(campaign, tmp_path):
    path = write_xlsx(tmp_path / "g.xlsx", [graduate_row(1), graduate_row(2)], GRADUATE_HEADER)

    out, err = run(str(campaign.pk), str(path))

    assert "答卷 2 份（替换原有 0 份）" in out and err == ""
    assert campaign.graduate_responses.count() == 2


def test_the_command_dry_run_writes_nothing(campaign, tmp_path):
    path = write_xlsx(tmp_path / "g.xlsx", [graduate_row(1)], GRADUATE_HEADER)

    out, _err = run(str(campaign.pk), str(path), "--dry-run")

    assert out.startswith(str(MSG_DRY_RUN))
    assert campaign.graduate_responses.count() == 0


def test_the_command_rejects_bad_rows_with_exit_1_and_every_error_on_stderr(campaign, tmp_path):
    rows = [graduate_row(1, {"性别": "x"}), graduate_row(2), graduate_row(3, {"学院": "无"})]
    path = write_xlsx(tmp_path / "bad.xlsx", rows, GRADUATE_HEADER)
    err = io.StringIO()

    with pytest.raises(CommandError) as raised:
        call_command("import_survey_responses", str(campaign.pk), str(path), stderr=err)

    assert raised.value.returncode == 1
    assert err.getvalue().splitlines() == [
        f"第 2 行 性别：{imports.MSG_GENDER}",
        f"第 4 行 学院：{imports.MSG_UNKNOWN_COLLEGE.format(value='无')}",
    ]
    assert GraduateResponse.objects.count() == 0


@pytest.mark.parametrize("bad", ["campaign", "file"])
def test_an_unknown_campaign_or_a_missing_file_exits_2(campaign, tmp_path, bad):
    path = write_xlsx(tmp_path / "g.xlsx", [graduate_row(1)], GRADUATE_HEADER)
    args = ["999999", str(path)] if bad == "campaign" else [str(campaign.pk), str(tmp_path / "nope.xlsx")]

    with pytest.raises(CommandError) as raised:
        run(*args)

    assert raised.value.returncode == 2


def test_a_campaign_id_that_is_not_a_number_exits_2_from_the_command_line():
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="hpi_employment.settings.test")
    completed = subprocess.run(
        [sys.executable, "manage.py", "import_survey_responses", "abc", "export.xlsx"],
        cwd=Path(__file__).resolve().parents[2],
        env=env,
        capture_output=True,
        timeout=60,
    )

    assert completed.returncode == 2
    assert b"campaign_id" in completed.stderr
