"""The plan fields the national layout needs (issue 13): 单位所在地 at county level with its province kept
consistent, 单位地址, 工作职位类别, 月薪."""

import pytest
from django.core.exceptions import ValidationError

from apps.plans.rules import MSG_NOT_KEPT
from apps.plans.services import MSG_COUNTY_NOT_IN_PROVINCE, plan_save_draft
from apps.refdata.models import AdministrativeDivision, Province, WorkPosition

from .factories import code, employment_data

pytestmark = pytest.mark.django_db


def county(code_value: str) -> AdministrativeDivision:
    return AdministrativeDivision.objects.get(code=code_value)


def save(org, data: dict):
    graduate = org.own_graduate
    return plan_save_draft(graduate=graduate, actor=graduate.user, data=data)


def test_the_county_fills_in_its_province_when_none_was_chosen(org):
    data = employment_data(
        work_province=None, work_county=county("420902"), work_address="孝感市孝南区槐荫大道"
    )
    data["work_position"] = WorkPosition.objects.get(code="19")
    data["monthly_pay"] = 4200

    plan = save(org, data)

    plan.refresh_from_db()
    assert plan.work_province == Province.objects.get(code="42")
    assert (plan.work_county.code, plan.work_address, plan.work_position.name, plan.monthly_pay) == (
        "420902", "孝感市孝南区槐荫大道", "卫生专业技术人员", 4200,
    )  # fmt: skip


def test_a_county_outside_the_chosen_province_is_an_error_on_the_county(org):
    data = employment_data(work_province=Province.objects.get(code="44"), work_county=county("420902"))

    with pytest.raises(ValidationError) as excinfo:
        save(org, data)

    message = MSG_COUNTY_NOT_IN_PROVINCE.format(county="湖北省孝感市孝南区", province="广东省")
    assert excinfo.value.message_dict["work_county"] == [message]


def test_further_study_keeps_no_employer_county(org):
    data = {
        "destination": code("80"),
        "institution": "湖北工程学院",
        "institution_province": Province.objects.get(code="42"),
        "programme": "护理学",
        "work_county": county("420902"),
    }

    with pytest.raises(ValidationError) as excinfo:
        save(org, data)

    assert excinfo.value.message_dict["work_county"] == [MSG_NOT_KEPT.format(destination="80 升学")]
