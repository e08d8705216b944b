"""The county-level 单位所在地 table (GB/T 2260, shipped as a versioned file) and 工作职位类别, loaded by
migration so every database has them without a network."""

import pytest

from apps.refdata import seed_data
from apps.refdata.loading import division_rows, load_divisions
from apps.refdata.models import AdministrativeDivision, DivisionLevel, WorkPosition

pytestmark = pytest.mark.django_db


def division(code: str) -> AdministrativeDivision:
    return AdministrativeDivision.objects.get(scheme=seed_data.DIVISION_SCHEME, code=code)


def test_the_migration_loaded_every_row_of_the_shipped_file():
    assert AdministrativeDivision.objects.filter(scheme=seed_data.DIVISION_SCHEME).count() == len(
        division_rows()
    )
    provinces = AdministrativeDivision.objects.filter(level=DivisionLevel.PROVINCE)
    assert provinces.count() == len(seed_data.PROVINCES) == 34
    # every province of the province table is there, under the same two digits and name
    assert set(provinces.values_list("province_code", "name")) == set(seed_data.PROVINCES)


@pytest.mark.parametrize(
    ("code", "full_name", "level", "province_code"),
    [
        ("420111", "湖北省武汉市洪山区", DivisionLevel.COUNTY, "42"),
        ("420902", "湖北省孝感市孝南区", DivisionLevel.COUNTY, "42"),
        ("429004", "湖北省仙桃市", DivisionLevel.COUNTY, "42"),  # 省直辖县级行政区划 is not part of the name
        ("110105", "北京市朝阳区", DivisionLevel.COUNTY, "11"),
        ("220104", "吉林省长春市朝阳区", DivisionLevel.COUNTY, "22"),  # the same name in another province
        ("441900", "广东省东莞市", DivisionLevel.COUNTY, "44"),  # a city without counties
        ("420900", "湖北省孝感市", DivisionLevel.PREFECTURE, "42"),
        ("810000", "香港特别行政区", DivisionLevel.PROVINCE, "81"),
    ],
)
def test_a_division_knows_its_full_name_level_and_province(code, full_name, level, province_code):
    row = division(code)
    assert (row.full_name, row.level, row.province_code) == (full_name, level, province_code)


def test_statistical_only_development_zones_are_not_loaded():
    # 130171 石家庄高新技术产业开发区 is a 统计用区划代码, not a GB/T 2260 division.
    assert not AdministrativeDivision.objects.filter(code="130171").exists()
    assert not any(row["code"][4] == "7" and row["level"] == "county" for row in division_rows())


def test_loading_again_adds_nothing_and_rewrites_nothing():
    from django.apps import apps

    AdministrativeDivision.objects.filter(code="420111").update(name="改过的名称")
    before = AdministrativeDivision.objects.count()

    load_divisions(apps.get_model)

    assert AdministrativeDivision.objects.count() == before
    assert division("420111").name == "改过的名称"


def test_the_work_position_codes_are_those_of_domain_md():
    rows = list(WorkPosition.objects.values_list("code", "name"))
    assert rows == [tuple(row) for row in seed_data.WORK_POSITIONS]
    assert ("90", "其他人员") in rows and len(rows) == 18
