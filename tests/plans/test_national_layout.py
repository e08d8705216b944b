"""The national registration layout both ways (contract §5, issue 13 item 5): the export writes exactly the
contract's columns; the import checks names against codes and refuses a file whole; a round trip (export,
import into an empty cohort, export again) gives the same rows."""

import datetime
import io

import openpyxl
import pytest
from django.db import transaction

from apps.graduates.imports import graduate_import
from apps.graduates.models import Cohort, Graduate
from apps.graduates.uploads import read_table
from apps.graduates.validators import credit_code_check_char
from apps.plans.destination_import import approval_stamp
from apps.plans.models import DestinationPlan, PlanEvent, PlanStatus
from apps.plans.national_layout.columns import COLUMNS
from apps.plans.national_layout.export import layout_rows, write_layout_xlsx
from apps.plans.national_layout.importer import (
    MSG_NAME_DISAGREES,
    MSG_UNKNOWN_PLACE,
    national_layout_import,
)
from apps.refdata import seed_data
from apps.refdata.models import AdministrativeDivision, Industry, Province, UnitNature, WorkPosition

from ..factories import make_user
from ..graduates.fixtures_import import good_row, make_import_org, write_xlsx
from .factories import code

pytestmark = pytest.mark.django_db

YEAR = 2021
APPROVED_ON = datetime.date(2021, 8, 20)
CREDIT_CODE = "91420900714676543"
LAYOUT_GRADUATE = {
    "政治面貌": "共青团员", "城乡生源": "农村", "入学年月": "2018-09", "毕业日期": "2021-06-30",
    "培养方式": "非定向", "学习形式": "普通全日制", "专业方向": "老年护理",
}  # fmt: skip
CONTRACT_COLUMNS = (
    "学号, 姓名, 性别, 生源地名称, 生源地代码, 民族名称, 政治面貌, 城乡生源, 学历层次, 专业名称, 专业方向, 专业代码, "
    "入学年月, 毕业日期, 培养方式, 委培单位, 学习形式, 毕业去向类别代码, 毕业去向, 签约日期, 单位名称, 统一社会信用代码, "
    "留学院校外文名称, 单位性质代码, 单位性质, 单位行业代码, 单位行业, 单位所在地代码, 单位所在地, 单位地址, "
    "工作职位类别代码, 工作职位类别"
).split(", ")


def credit_code() -> str:
    return CREDIT_CODE + credit_code_check_char(CREDIT_CODE)


def import_graduates(tmp_path, count: int, *, layout_fields: bool) -> Cohort:
    rows = [
        good_row(n, {"届别": str(YEAR), **(LAYOUT_GRADUATE if layout_fields else {})})
        for n in range(1, count + 1)
    ]
    result = graduate_import(rows_source=write_xlsx(tmp_path / f"g{layout_fields}.xlsx", rows), dry_run=False)
    assert result.ok, result.errors
    return Cohort.objects.get(year=YEAR)


def register_destinations(cohort: Cohort, centre) -> None:
    graduates = list(Graduate.objects.filter(cohort=cohort).order_by("student_no"))
    county = AdministrativeDivision.objects.get(code="420902")
    hubei = Province.objects.get(code="42")
    employer = {
        "employer_name": "孝感市中心医院", "employer_credit_code": credit_code(),
        "unit_nature": UnitNature.objects.get(code="23"), "industry": Industry.objects.get(code="43"),
        "work_province": hubei, "work_county": county, "work_address": "孝感市孝南区广场街6号",
        "job_title": "护士", "work_position": WorkPosition.objects.get(code="19"), "monthly_pay": 4200,
        "contract_type": "labour", "contract_date": datetime.date(2021, 5, 10),
    }  # fmt: skip
    plans = [
        ("11", employer),
        ("12", {**employer, "employer_name": "=HYPERLINK(\"x\")", "contract_type": "proof"}),
        ("801", {"institution": "湖北工程学院", "institution_province": hubei, "programme": "护理学"}),
        ("85", {"country": "日本", "institution": "Tokyo International Japanese School", "programme": "日语"}),
        ("46", {"unit_nature": UnitNature.objects.get(code="40"), "industry": Industry.objects.get(code="80"),
                "work_province": Province.objects.get(code="53"),
                "work_county": AdministrativeDivision.objects.get(code="530102")}),
        ("75", {"employer_name": "孝感小护士母婴店", "industry": Industry.objects.get(code="31"),
                "work_province": hubei, "work_county": county, "work_address": "孝感市孝南区书院街1号"}),
        ("70", {}),
    ]  # fmt: skip
    for graduate, (value, fields) in zip(graduates, plans, strict=True):
        DestinationPlan.objects.create(
            graduate=graduate, destination=code(value, "2021"), status=PlanStatus.APPROVED,
            approved_on=APPROVED_ON, approved_at=approval_stamp(APPROVED_ON), created_by=centre, **fields,
        )  # fmt: skip


def exported(cohort: Cohort) -> tuple[list[list[str]], bytes]:
    rows = list(layout_rows(cohort=cohort))
    buffer = io.BytesIO()
    write_layout_xlsx(iter(rows), buffer)
    return rows, buffer.getvalue()


def test_the_export_writes_exactly_the_contract_columns_codes_and_names(tmp_path):
    make_import_org()
    centre = make_user("centre", username="centre")
    cohort = import_graduates(tmp_path, 7, layout_fields=True)
    register_destinations(cohort, centre)

    rows, data = exported(cohort)

    assert rows[0] == CONTRACT_COLUMNS == list(COLUMNS)
    employed = dict(zip(COLUMNS, rows[1], strict=True))
    assert (employed["毕业去向类别代码"], employed["毕业去向"]) == ("11", "签劳动合同形式就业")
    assert (employed["单位所在地代码"], employed["单位所在地"]) == ("420902", "湖北省孝感市孝南区")
    assert (employed["工作职位类别代码"], employed["工作职位类别"]) == ("19", "卫生专业技术人员")
    assert (employed["生源地代码"], employed["生源地名称"], employed["入学年月"]) == (
        "420000",
        "湖北省",
        "2018-09",
    )
    study = dict(zip(COLUMNS, rows[3], strict=True))
    assert (study["单位名称"], study["单位所在地代码"], study["单位所在地"]) == (
        "湖北工程学院",
        "420000",
        "湖北省",
    )
    abroad = dict(zip(COLUMNS, rows[4], strict=True))
    assert (abroad["单位名称"], abroad["留学院校外文名称"]) == ("", "Tokyo International Japanese School")
    # every cell is text, a formula is written as text
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    cell = sheet.cell(row=3, column=COLUMNS.index("单位名称") + 1)
    assert (cell.value, cell.data_type) == ('=HYPERLINK("x")', "s")


def test_round_trip_export_import_into_an_empty_cohort_export_gives_the_same_rows(tmp_path):
    make_import_org()
    centre = make_user("centre", username="centre")
    # given the export of a registered cohort ...
    with transaction.atomic():
        cohort = import_graduates(tmp_path, 7, layout_fields=True)
        register_destinations(cohort, centre)
        first_rows, first_file = exported(cohort)
        transaction.set_rollback(True)
    # ... and the same graduates again, with neither destinations nor the layout's graduate fields
    cohort = import_graduates(tmp_path, 7, layout_fields=False)
    assert not DestinationPlan.objects.exists() and not Graduate.objects.exclude(political_status="").exists()

    result = national_layout_import(
        rows_source=io.BytesIO(first_file), dry_run=False, actor=centre, approved_on=APPROVED_ON
    )

    assert result.ok, result.errors
    assert (result.new, result.changed, result.unchanged) == (7, 0, 0)
    second_rows, second_file = exported(cohort)
    assert second_rows == first_rows
    assert read_table(io.BytesIO(second_file)).rows == read_table(io.BytesIO(first_file)).rows
    assert set(DestinationPlan.objects.values_list("status", "approved_on")) == {
        (PlanStatus.APPROVED, APPROVED_ON)
    }
    assert PlanEvent.objects.filter(actor=centre).count() == 7
    # importing the same file again changes nothing
    again = national_layout_import(
        rows_source=io.BytesIO(first_file), dry_run=False, actor=centre, approved_on=APPROVED_ON
    )
    assert (again.ok, again.new, again.changed, again.unchanged) == (True, 0, 0, 7)


def test_a_name_that_disagrees_with_its_code_is_a_row_error_and_nothing_is_written(tmp_path):
    make_import_org()
    centre = make_user("centre", username="centre")
    with transaction.atomic():
        cohort = import_graduates(tmp_path, 7, layout_fields=True)
        register_destinations(cohort, centre)
        rows, _data = exported(cohort)
        transaction.set_rollback(True)
    import_graduates(tmp_path, 7, layout_fields=False)
    place = COLUMNS.index("单位所在地")
    rows[1][place] = "湖北省武汉市洪山区"
    rows[2][COLUMNS.index("单位所在地代码")] = "420999"
    rows[3][COLUMNS.index("毕业去向")] = "境内升学-专升本"
    buffer = io.BytesIO()
    write_layout_xlsx(iter(rows), buffer)

    result = national_layout_import(
        rows_source=io.BytesIO(buffer.getvalue()), dry_run=False, actor=centre, approved_on=APPROVED_ON
    )

    scheme = seed_data.DIVISION_SCHEME
    assert [(e.row, e.column, e.message) for e in result.errors] == [
        (2, "单位所在地", str(MSG_NAME_DISAGREES.format(
            name="湖北省武汉市洪山区", code_column="单位所在地代码", code="420902", expected="湖北省孝感市孝南区"))),
        (3, "单位所在地代码", str(MSG_UNKNOWN_PLACE.format(value="420999", scheme=scheme))),
        (4, "毕业去向", str(MSG_NAME_DISAGREES.format(
            name="境内升学-专升本", code_column="毕业去向类别代码", code="801", expected=code("801", "2021").name))),
    ]  # fmt: skip
    assert not DestinationPlan.objects.exists()
    assert not Graduate.objects.exclude(political_status="").exists()
