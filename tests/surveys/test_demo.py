"""The demo surveys reproduce every figure of seed 2.3 exactly, and the changes computed (not the seed's)."""

import pytest

from apps.graduates.demo.data import COLLEGES
from apps.graduates.demo.load import demo_structure_load
from apps.graduates.models import Cohort, College, Major
from apps.surveys.demo import demo_surveys_load
from apps.surveys.demo.data import GRADUATE_CAMPAIGNS
from apps.surveys.models import SurveyCampaign
from apps.surveys.selectors import survey_consistency, survey_summary

pytestmark = pytest.mark.django_db

# 表 2-1 as the seed prints it (旅游与酒店管理学院 is the college the demo cohort names in full).
DEMO_COLLEGES = [name for name, _code, _majors in COLLEGES]
SEED_GENDER = [("男", 1658, 40.01), ("女", 2486, 59.99)]
SEED_COLLEGES = [
    ("教育与艺术学院", 276, 6.66), ("财经学院", 259, 6.25), ("医学院", 847, 20.44), ("口腔医学院", 1033, 24.93),
    ("护理学院", 921, 22.22), ("机电工程学院", 275, 6.64), ("信息技术学院", 220, 5.31),
    ("旅游与酒店管理学院（国际教育学院）", 103, 2.49), ("建筑技术学院", 116, 2.80), ("医学分院", 94, 2.27),
]  # fmt: skip


def _remove_demo() -> None:
    SurveyCampaign.objects.filter(cohort__year__in=(2019, 2020)).delete()
    Major.objects.filter(college__name__in=DEMO_COLLEGES).delete()
    College.objects.filter(name__in=DEMO_COLLEGES).delete()
    Cohort.objects.filter(year__in=(2019, 2020), graduates__isnull=True).delete()


@pytest.fixture(scope="module")
def demo_loaded(django_db_setup, django_db_blocker):
    """Loaded once for the module (the figures only read it), removed after."""
    with django_db_blocker.unblock():
        demo_structure_load(with_classes=False)  # the 2020 cohort and the colleges of load_demo_cohort
        demo_surveys_load()
        yield
        _remove_demo()


@pytest.fixture
def demo(demo_loaded):
    return survey_summary(cohort=Cohort.objects.get(year=2020))


def rows(table: list[dict]) -> list[tuple]:
    return [(row["name"], row["count"], row["percent"]) for row in table]


def test_2_3_1_sent_returned_and_table_2_1(demo):
    assert (demo["sent"], demo["returned"], demo["return_rate"]) == (5089, 4144, 81.43)
    assert demo["closed_on"] == "2020-12-19"
    assert rows(demo["sample"]["by_gender"]) == SEED_GENDER
    assert rows(demo["sample"]["by_college"]) == SEED_COLLEGES


def test_2_3_2_major_match(demo):
    assert demo["major_match_rate"] == 88.26


def test_2_3_3_job_satisfaction_and_the_change_computed(demo):
    # the seed prints "减少 2.27 个百分点"; 87.87 - 89.91 is -2.04
    assert demo["job_satisfaction"] == {"rate": 87.87, "previous": 89.91, "change": -2.04}
    assert demo["previous_cohort"] == 2019


def test_2_3_4_employer_satisfaction(demo):
    employers = demo["employer_satisfaction"]

    assert (employers["satisfied"], employers["average"], employers["unsatisfied"]) == (93.87, 5.40, 0.73)
    assert [row["name"] for row in employers["by_dimension"]] == [
        "品质素质", "社会能力", "专业基础", "专业能力", "发展能力", "综合评价",
    ]  # fmt: skip
    assert {row["count"] for row in employers["by_dimension"]} == {250}


def test_2_3_5_school_satisfaction_and_the_change_computed(demo):
    school = demo["school_satisfaction"]

    # the seed prints "增加 0.99 个百分点"; 93.07 - 92.16 is +0.91
    assert school["overall"] == {"rate": 93.07, "previous": 92.16, "change": 0.91}
    assert (school["teaching"]["rate"], school["student_affairs"]["rate"], school["living_services"]["rate"]) == (
        90.57, 87.28, 89.41,
    )  # fmt: skip


def test_the_2019_campaign_has_its_two_seed_rates(demo):
    summary = survey_summary(cohort=Cohort.objects.get(year=2019))

    assert summary["job_satisfaction"]["rate"] == 89.91
    assert summary["school_satisfaction"]["overall"]["rate"] == 92.16
    assert summary["returned"] == GRADUATE_CAMPAIGNS[1]["returned"]


def test_the_consistency_panel_names_sent_against_the_cohort(demo):
    graduates = Cohort.objects.get(year=2020).graduates.count()

    assert survey_consistency(cohort=Cohort.objects.get(year=2020)) == [
        f"2020届毕业生跟踪调查发出问卷 5089 份，而本届毕业生为 {graduates} 人。"
    ]
