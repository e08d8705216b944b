import pytest

from apps.refdata import seed_data
from apps.refdata.loading import load_code_tables
from apps.refdata.models import DestinationCode, Ethnicity, HardshipCategory, Province, ReportCategory

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
    assert list(ReportCategory.objects.filter(counts_as_employed=False).values_list("name", flat=True)) == [
        "待就业"
    ]


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
