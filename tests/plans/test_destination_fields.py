"""Nothing typed is dropped (issue 10, scenario 7): each destination keeps the fields rules.py gives it, a
value for any other field is an error where it was typed (form field, import cell), and 46 / 80 / 85 / 76 keep
what the provincial platform records for them, so that 2.2.1-2.2.3 can count them.
"""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from apps.graduates.imports import RowError
from apps.graduates.validators import credit_code_check_char
from apps.plans import destination_import as di
from apps.plans.destination_import import COLUMNS, destination_import
from apps.plans.models import DestinationPlan
from apps.plans.rules import MSG_FIXED, MSG_NOT_KEPT
from apps.plans.services import MSG_FIELD_REQUIRED, plan_save_draft
from apps.refdata.models import Industry, Province, UnitNature
from apps.reports.selectors import annual_report

from ..graduates.fixtures_import import write_xlsx
from .factories import code, employment_data, registered_plan

pytestmark = pytest.mark.django_db

CREDIT_CODE = "91420900714676543" + credit_code_check_char("91420900714676543")
AUG = datetime.date(2020, 8, 31)


def nature(value: str) -> UnitNature:
    return UnitNature.objects.get(code=value)


def industry(value: str) -> Industry:
    return Industry.objects.get(code=value)


def province(name: str) -> Province:
    return Province.objects.get(name=name)


def save(org, data: dict) -> DestinationPlan:
    graduate = org.own_graduate
    return plan_save_draft(graduate=graduate, actor=graduate.user, data=data)


def field_errors(excinfo) -> dict[str, list[str]]:
    return excinfo.value.message_dict


# --- the plan service ----------------------------------------------------------------------------------------


def test_an_enlisted_plan_records_army_unit_nature_and_industry_when_not_given(org):
    plan = save(org, {"destination": code("46"), "work_province": province("湖北省"), "work_city": "孝感市"})

    plan.refresh_from_db()
    assert (plan.unit_nature.name, plan.industry.name) == ("部队", "军队")
    assert (plan.work_province.name, plan.work_city) == ("湖北省", "孝感市")


def test_an_enlisted_plan_with_another_unit_nature_or_industry_is_an_error_on_those_fields(org):
    data = {"destination": code("46"), "unit_nature": nature("39"), "industry": industry("22")}

    with pytest.raises(ValidationError) as excinfo:
        save(org, data)

    errors = field_errors(excinfo)
    assert errors["unit_nature"] == [str(MSG_FIXED.format(destination="46 应征义务兵", value="部队"))]
    assert errors["industry"] == [str(MSG_FIXED.format(destination="46 应征义务兵", value="军队"))]
    assert not DestinationPlan.objects.exists()


def test_a_study_plan_keeps_the_school_and_its_province_and_requires_the_province(org):
    data = {"destination": code("80"), "institution": "湖北工程学院", "programme": "护理学"}
    with pytest.raises(ValidationError) as excinfo:
        save(org, data)
    assert field_errors(excinfo) == {"institution_province": [str(MSG_FIELD_REQUIRED)]}

    plan = save(org, {**data, "institution_province": province("湖北省")})

    plan.refresh_from_db()
    assert (plan.institution, plan.institution_province.name, plan.programme) == (
        "湖北工程学院",
        "湖北省",
        "护理学",
    )


def test_a_value_the_destination_cannot_keep_is_an_error_not_blanked(org):
    # an employer typed for 80 (a field the form hid after the destination changed): before, silently blanked
    data = {
        "destination": code("80"), "institution": "湖北工程学院", "institution_province": province("湖北省"),
        "programme": "护理学", "employer_name": "孝感市中心医院", "work_province": province("湖北省"),
    }  # fmt: skip

    with pytest.raises(ValidationError) as excinfo:
        save(org, data)

    message = [str(MSG_NOT_KEPT.format(destination="80 升学"))]
    assert field_errors(excinfo) == {"employer_name": message, "work_province": message}
    assert not DestinationPlan.objects.exists()


def test_a_freelance_plan_keeps_its_employer_and_industry(org):
    data = {
        "destination": code("76"), "job_title": "平面设计", "employer_name": "孝感市某文化传媒有限公司",
        "industry": industry("44"), "work_province": province("湖北省"),
    }  # fmt: skip

    plan = save(org, data)

    plan.refresh_from_db()
    assert (plan.employer_name, plan.industry.code) == ("孝感市某文化传媒有限公司", "44")


def test_a_plan_abroad_keeps_the_country_and_school(org):
    data = {
        "destination": code("85"),
        "country": "日本",
        "institution": "东京国际日本语学院",
        "programme": "日语",
    }

    plan = save(org, data)

    plan.refresh_from_db()
    assert (plan.country, plan.institution, plan.institution_province) == ("日本", "东京国际日本语学院", None)


# --- the student's form --------------------------------------------------------------------------------------


def test_the_form_shows_an_errored_field_with_what_was_typed(client, org):
    client.force_login(org.student)
    data = {
        "destination": code("80").pk, "institution": "湖北工程学院",
        "institution_province": province("湖北省").pk, "programme": "护理学", "employer_name": "孝感市中心医院",
    }  # fmt: skip

    response = client.post(reverse("plans:create"), data)

    assert response.status_code == 200 and not DestinationPlan.objects.exists()
    page = response.content.decode()
    row = re.search(r'<div class="field" data-plan-field="employer_name"([^>]*)>(.*?)</div>', page, re.S)
    # the row carries data-plan-error, which plan_form.js never hides, and the input keeps the value
    assert "data-plan-error" in row[1]
    assert 'value="孝感市中心医院"' in row[2]
    assert str(MSG_NOT_KEPT.format(destination="80 升学")) in row[2]
    # the admitting school's province is a field of 80, shown by the script for 80 only
    option = re.search(rf'<option value="{code("80").pk}"[^>]*data-fields="([^"]*)"', page)
    assert option[1].split() == ["institution", "institution_province", "programme"]
    option = re.search(rf'<option value="{code("46").pk}"[^>]*data-fields="([^"]*)"', page)
    assert option[1].split() == [
        "employer_name",
        "employer_credit_code",
        "work_province",
        "work_city",
        "work_county",
    ]


def test_editing_an_enlisted_plan_does_not_send_back_the_codes_the_service_filled_in(client, org):
    plan = save(org, {"destination": code("46"), "work_province": province("湖北省")})
    client.force_login(org.student)

    page = client.get(reverse("plans:edit", args=[plan.pk])).content.decode()

    unit_nature = re.search(r'<select name="unit_nature"[^>]*>(.*?)</select>', page, re.S)[1]
    assert re.findall(r'<option value="([^"]*)" selected>', unit_nature) == [""]


# --- the destination import ----------------------------------------------------------------------------------


def row(graduate, destination: str, day: str = "2020-08-20", **cells) -> dict:
    return {"学号": graduate.student_no, "毕业去向代码": destination, "审核通过日期": day, **cells}


def run(tmp_path, rows, org):
    path = write_xlsx(tmp_path / "d.xlsx", rows, header=list(COLUMNS))
    return destination_import(rows_source=path, dry_run=False, actor=org.centre)


def test_import_records_army_unit_nature_and_industry_for_enlisted_rows(tmp_path, org):
    graduate = org.own_graduate

    result = run(tmp_path, [row(graduate, "46", 单位所在地="湖北省")], org)

    assert result.ok, result.errors
    plan = DestinationPlan.objects.get()
    assert (plan.unit_nature.name, plan.industry.name, plan.work_province.name) == ("部队", "军队", "湖北省")


def test_import_rejects_a_bad_credit_code_and_a_bad_industry_on_an_enlisted_row(tmp_path, org):
    # before: imported without a word, both values dropped
    rows = [
        row(org.own_graduate, "46", 统一社会信用代码="NOT-A-CODE", 单位行业代码="XX", 单位所在地="湖北省")
    ]

    result = run(tmp_path, rows, org)

    assert [(e.row, e.column) for e in result.errors] == [(2, "统一社会信用代码"), (2, "单位行业代码")]
    assert result.errors[1].message == str(MSG_FIXED.format(destination="46 应征义务兵", value="80 军队"))
    assert not DestinationPlan.objects.exists()


def test_import_takes_the_school_and_its_province_for_study_and_the_country_for_abroad(tmp_path, org):
    studying, abroad = org.graduates["a1"][0], org.graduates["a1"][1]
    rows = [
        row(studying, "80", 单位名称="湖北医药学院", 单位所在地="湖北省"),
        row(abroad, "85", 单位名称="马来亚大学", 国家或地区="马来西亚"),
    ]

    result = run(tmp_path, rows, org)

    assert result.ok, result.errors
    study = DestinationPlan.objects.get(graduate=studying)
    assert (study.institution, study.institution_province.name) == ("湖北医药学院", "湖北省")
    assert (study.employer_name, study.work_province) == ("", None)
    away = DestinationPlan.objects.get(graduate=abroad)
    assert (away.institution, away.country) == ("马来亚大学", "马来西亚")


def test_import_refuses_cells_a_destination_has_no_field_for(tmp_path, org):
    a, b, c = org.graduates["a1"][0], org.graduates["a1"][1], org.graduates["a2"][0]
    rows = [
        row(a, "85", 单位名称="马来亚大学", 单位所在地="湖北省"),
        row(b, "80", 单位名称="湖北医药学院", 单位性质代码="21", 国家或地区="日本"),
        row(c, "70", 未就业原因="求职中", 单位名称="某公司"),
    ]

    result = run(tmp_path, rows, org)

    assert result.errors == [
        RowError(2, "单位所在地", str(di.MSG_ABROAD_PLACE)),
        RowError(3, "单位性质代码", str(MSG_NOT_KEPT.format(destination="80 升学"))),
        RowError(3, "国家或地区", str(MSG_NOT_KEPT.format(destination="80 升学"))),
        RowError(4, "单位名称", str(MSG_NOT_KEPT.format(destination="70 待就业"))),
    ]
    assert not DestinationPlan.objects.exists()


def test_import_keeps_a_freelancers_employer_and_industry(tmp_path, org):
    cells = {"单位名称": "孝感市某文化传媒有限公司", "统一社会信用代码": CREDIT_CODE, "单位行业代码": "44"}

    result = run(tmp_path, [row(org.own_graduate, "76", **cells)], org)

    assert result.ok, result.errors
    plan = DestinationPlan.objects.get()
    assert (plan.employer_name, plan.employer_credit_code, plan.industry.code) == (
        "孝感市某文化传媒有限公司", CREDIT_CODE, "44",
    )  # fmt: skip


def test_reimporting_a_study_row_changes_nothing(tmp_path, org):
    rows = [row(org.own_graduate, "80", 单位名称="湖北医药学院", 单位所在地="湖北省")]
    assert run(tmp_path, rows, org).new == 1

    again = run(tmp_path, rows, org)

    assert (again.ok, again.new, again.changed, again.unchanged) == (True, 0, 0, 1)


# --- the report: 2.2.1 to 2.2.3 ----------------------------------------------------------------------------


def test_region_counts_study_where_the_school_is_and_unit_tables_count_the_army(org):
    a1, a1b = org.graduates["a1"]
    a2 = org.graduates["a2"][0]
    user = org.centre
    registered_plan(a1, "80", AUG, created_by=user, institution="华南师范大学", programme="英语",
                    institution_province=province("广东省"))  # fmt: skip
    registered_plan(a1b, "46", AUG, created_by=user, unit_nature=nature("40"), industry=industry("80"),
                    work_province=province("湖北省"))  # fmt: skip
    registered_plan(a2, "11", AUG, created_by=user, **{
        k: v for k, v in employment_data().items() if k != "destination"
    })  # fmt: skip

    report = annual_report(cohort=a1.cohort, as_of=AUG)

    def rows(key):
        return [(r.name, r.count) for r in report.table(key).rows]

    assert rows("by_region") == [("湖北省", 2), ("广东省", 1)]
    assert rows("by_unit_nature") == [("医疗卫生单位", 1), ("部队", 1)]
    assert rows("by_industry") == [("卫生和社会工作", 1), ("军队", 1)]
