import pytest

from apps.refdata import seed_data
from apps.refdata.loading import load_code_tables
from apps.refdata.models import (
    DestinationCode,
    DestinationScheme,
    EducationLevel,
    Ethnicity,
    HardshipCategory,
    Industry,
    NotEmployedReason,
    Province,
    ReportCategory,
    UnitNature,
)

pytestmark = pytest.mark.django_db


def test_every_database_has_the_code_tables_from_the_migration():
    assert Province.objects.count() == 34
    assert Ethnicity.objects.count() == 56
    assert DestinationCode.objects.filter(scheme="2020").count() == 14


@pytest.mark.parametrize(
    ("code", "name"), [("01", "汉族"), ("07", "彝族"), ("14", "白族"), ("15", "土家族"), ("56", "基诺族")]
)
def test_ethnic_codes_follow_gb_t_3304(code, name):
    assert Ethnicity.objects.get(code=code).name == name


@pytest.mark.parametrize(("code", "name"), [("42", "湖北省"), ("53", "云南省"), ("65", "新疆维吾尔自治区")])
def test_province_codes_follow_gb_t_2260(code, name):
    assert Province.objects.get(code=code).name == name


@pytest.mark.parametrize(
    ("codes", "category"),
    [
        (["10", "11", "27", "46", "50", "51"], "协议就业"),
        (["12", "76"], "灵活就业"),
        (["80", "85"], "升学、出国"),
        (["75"], "自主创业"),
        (["70", "71", "72"], "待就业"),
    ],
)
def test_2020_codes_map_to_the_seed_categories(codes, category):
    mapped = set(
        DestinationCode.objects.filter(scheme="2020", code__in=codes).values_list("category__name", flat=True)
    )
    assert mapped == {category}


def test_only_the_waiting_category_counts_as_not_employed():
    seed_categories = ReportCategory.objects.filter(scheme=seed_data.CATEGORY_SCHEME)
    assert list(seed_categories.filter(counts_as_employed=False).values_list("name", flat=True)) == ["待就业"]


def test_only_non_hardship_category_is_outside_the_group():
    assert list(HardshipCategory.objects.filter(is_hardship=False).values_list("name", flat=True)) == [
        "非困难生"
    ]


def test_loading_again_changes_nothing():
    from django.apps import apps

    before = Ethnicity.objects.count() + DestinationCode.objects.count()
    load_code_tables(apps.get_model)
    assert Ethnicity.objects.count() + DestinationCode.objects.count() == before
    assert len(seed_data.ETHNICITIES) == 56


CODE_TABLES = (Province, Ethnicity, ReportCategory, DestinationCode, UnitNature, Industry, HardshipCategory,
               EducationLevel, NotEmployedReason)  # fmt: skip


@pytest.mark.parametrize("model", CODE_TABLES, ids=lambda model: model.__name__)
def test_every_shipped_code_names_its_source(model):
    assert model.objects.exists()
    assert not model.objects.filter(source="").exists()


def test_the_2021_codes_come_from_the_national_export():
    sources = set(DestinationCode.objects.filter(scheme="2021").values_list("source", flat=True))
    assert sources == {"教学厅函〔2021〕19号; 2024届全国毕业去向登记系统导出"}


# domain.md "Since 2021": the codes verified in a 2024届 national export and the two-digit parents; nothing else.
VERIFIED_2021 = {
    "10": "单位就业", "11": "单位就业", "12": "单位就业", "46": "单位就业",
    "27": "单位就业", "271": "单位就业", "50": "单位就业", "502": "单位就业", "503": "单位就业",
    "51": "单位就业", "512": "单位就业", "519": "单位就业",
    "75": "自主创业", "76": "自由职业", "80": "升学", "801": "升学", "802": "升学", "85": "升学",
    "70": "待就业", "71": "暂不就业", "72": "暂不就业",
}  # fmt: skip


def test_the_2021_scheme_ships_the_verified_codes_and_parents_in_their_categories():
    shipped = dict(DestinationCode.objects.filter(scheme="2021").values_list("code", "category__name"))
    assert shipped == VERIFIED_2021
    assert DestinationCode.objects.get(scheme="2021", code="801").name == "境内升学—研究生"
    assert DestinationCode.objects.get(scheme="2021", code="80").name == "境内升学"


def test_each_scheme_names_its_rate_and_its_categories():
    schemes = {s.code: s for s in DestinationScheme.objects.all()}
    assert (schemes["2020"].rate_name, schemes["2021"].rate_name) == ("就业率", "毕业去向落实率")
    placed = ReportCategory.objects.filter(scheme=schemes["2021"].category_scheme).order_by("sort_order")
    assert [(c.name, c.counts_as_employed) for c in placed] == [
        ("单位就业", True), ("自主创业", True), ("自由职业", True), ("升学", True), ("待就业", False), ("暂不就业", False)
    ]  # fmt: skip
