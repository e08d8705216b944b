"""survey_summary and survey_consistency on small hand-built campaigns: every figure exact."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.graduates.models import Gender
from apps.surveys.models import SurveyKind
from apps.surveys.selectors import campaign_figures, survey_consistency, survey_summary

from ..factories import make_cohort
from .factories import answer, make_campaign, rate_employer

pytestmark = pytest.mark.django_db


@pytest.fixture
def surveyed(org):
    """2020: 8 respondents (3 men, 5 women; 5 of college A, 3 of B), 6 employed, 1 of them skipping 对口;
    2019: 4 respondents. Employers 2020: 3 employers."""
    a, b = org.college_a, org.college_b
    current = make_campaign(2020, sent=12, returned=8)
    M = Gender.MALE
    answer(
        current, a, match="对口", job="满意", overall="满意", teaching="满意", affairs="一般", living="满意"
    )
    answer(current, a, match="基本对口", job="基本满意", overall="基本满意", teaching="一般", affairs="满意")
    answer(
        current,
        a,
        match="不对口",
        job="一般",
        overall="不满意",
        teaching="满意",
        affairs="基本满意",
        living="不满意",
    )
    answer(
        current, a, gender=M, match="对口", job="不满意", overall="满意", teaching="基本满意", living="满意"
    )
    answer(
        current, a, gender=M, job="满意", overall="一般", teaching="不满意", affairs="满意", living="基本满意"
    )
    answer(current, b, gender=M, match="基本对口", job="满意", overall="满意")
    answer(current, b, overall="满意", teaching="满意", affairs="不满意")  # not employed
    answer(current, b, employed=False)  # answered nothing but the sample questions

    previous = make_campaign(2019, sent=5)
    answer(previous, a, job="满意", overall="满意")
    answer(previous, a, job="一般", overall="基本满意")
    answer(previous, b, job="基本满意", overall="不满意")
    answer(previous, b, employed=False, overall="满意")

    employers = make_campaign(2020, SurveyKind.EMPLOYERS, sent=4)
    rate_employer(employers, "满意", "满意", "满意", "满意", "满意", "满意")
    rate_employer(employers, "满意", "一般", "满意", "一般", "满意", "满意")
    rate_employer(employers, "不满意", "满意", "一般", "满意", "满意", "一般")
    return current.cohort


def test_sample_of_table_2_1(surveyed, org):
    summary = survey_summary(cohort=surveyed)

    assert (summary["sent"], summary["returned"], summary["return_rate"]) == (12, 8, 66.67)
    assert summary["closed_on"] == "2020-12-19"
    assert summary["employed_respondents"] == 6
    assert summary["sample"]["by_gender"] == [
        {"name": "男", "count": 3, "percent": 37.5},
        {"name": "女", "count": 5, "percent": 62.5},
    ]
    assert summary["sample"]["by_college"] == [
        {"name": org.college_a.name, "count": 5, "percent": 62.5},
        {"name": org.college_b.name, "count": 3, "percent": 37.5},
    ]


def test_major_match_rate_counts_the_answers_given(surveyed):
    # 对口 2 + 基本对口 2 of 5 answers (the sixth employed respondent left it blank)
    assert survey_summary(cohort=surveyed)["major_match_rate"] == 80.0


def test_job_satisfaction_with_the_previous_cohort_and_the_change(surveyed):
    # 2020: 满意 3 + 基本满意 1 of 6 = 66.67; 2019: 2 of 3 = 66.67 -> 0.00 points
    assert survey_summary(cohort=surveyed)["job_satisfaction"] == {
        "rate": 66.67,
        "previous": 66.67,
        "change": 0.0,
    }


def test_school_satisfaction_each_rate_over_its_own_answers(surveyed):
    school = survey_summary(cohort=surveyed)["school_satisfaction"]

    # overall: 满意 4 + 基本满意 1 of 7 answers = 71.43; 2019: 3 of 4 = 75.00; change -3.57
    assert school["overall"] == {"rate": 71.43, "previous": 75.0, "change": -3.57}
    # teaching: 满意 3 + 基本满意 1 of 6 = 66.67; nobody answered in 2019
    assert school["teaching"] == {"rate": 66.67, "previous": None, "change": None}
    # student affairs: 满意 2 + 基本满意 1 of 5 = 60.00
    assert school["student_affairs"]["rate"] == 60.0
    # living services: 满意 2 + 基本满意 1 of 4 = 75.00
    assert school["living_services"]["rate"] == 75.0


def test_answer_breakdowns(surveyed):
    answers = survey_summary(cohort=surveyed)["answers"]

    assert answers["major_match"] == [
        {"name": "对口", "count": 2, "percent": 40.0},
        {"name": "基本对口", "count": 2, "percent": 40.0},
        {"name": "不对口", "count": 1, "percent": 20.0},
    ]
    assert [row["count"] for row in answers["living_services"]] == [2, 1, 0, 1]


def test_employer_satisfaction_over_all_ratings_and_by_dimension(surveyed):
    employers = survey_summary(cohort=surveyed)["employer_satisfaction"]

    # 18 ratings: 13 满意, 4 一般, 1 不满意
    assert (employers["satisfied"], employers["average"], employers["unsatisfied"]) == (72.22, 22.22, 5.56)
    assert (employers["sent"], employers["returned"], employers["ratings"]) == (4, 3, 18)
    assert [row["name"] for row in employers["by_dimension"]] == [
        "品质素质", "社会能力", "专业基础", "专业能力", "发展能力", "综合评价",
    ]  # fmt: skip
    assert employers["by_dimension"][0] == {
        "name": "品质素质", "count": 3, "satisfied": 66.67, "average": 0.0, "unsatisfied": 33.33,
    }  # fmt: skip
    assert employers["by_dimension"][4] == {
        "name": "发展能力", "count": 3, "satisfied": 100.0, "average": 0.0, "unsatisfied": 0.0,
    }  # fmt: skip


def test_the_change_is_computed_in_points_with_the_report_rounding(org):
    # given 2020: 7 of 8 satisfied (87.50), 2019: 8 of 9 (88.89)
    current, previous = make_campaign(2020), make_campaign(2019)
    for index in range(8):
        answer(current, org.college_a, job="满意" if index else "一般")
    for index in range(9):
        answer(previous, org.college_a, job="满意" if index else "不满意")

    job = survey_summary(cohort=current.cohort)["job_satisfaction"]

    assert job == {"rate": 87.5, "previous": 88.89, "change": -1.39}


def test_no_campaign_means_no_survey(org):
    assert survey_summary(cohort=make_cohort(2020)) is None


def test_previous_is_the_cohort_one_year_earlier_only(org):
    current = make_campaign(2020)
    older = make_campaign(2018)
    answer(current, org.college_a, job="满意")
    answer(older, org.college_a, job="一般")

    summary = survey_summary(cohort=current.cohort)

    assert summary["previous_cohort"] is None
    assert summary["job_satisfaction"] == {"rate": 100.0, "previous": None, "change": None}


def test_an_employers_campaign_alone(org):
    employers = make_campaign(2020, SurveyKind.EMPLOYERS)
    rate_employer(employers, "满意", "满意", "满意", "满意", "一般", "不满意")

    summary = survey_summary(cohort=employers.cohort)

    assert summary["sent"] is None and summary["major_match_rate"] is None
    assert summary["sample"] == {"by_gender": [], "by_college": []}
    assert summary["employer_satisfaction"]["satisfied"] == 66.67


def test_a_campaign_without_responses_has_no_rates(org):
    campaign = make_campaign(2020, sent=100)

    summary = survey_summary(cohort=campaign.cohort)

    assert (summary["returned"], summary["return_rate"], summary["major_match_rate"]) == (0, 0.0, None)
    assert summary["school_satisfaction"]["overall"] == {"rate": None, "previous": None, "change": None}


def test_campaign_figures_are_the_report_figures_without_comparison(surveyed):
    campaign = surveyed.survey_campaigns.get(kind=SurveyKind.GRADUATES)

    figures = campaign_figures(campaign=campaign)

    assert figures["job_satisfaction"] == {"rate": 66.67, "previous": None, "change": None}
    assert figures["sample"] == survey_summary(cohort=surveyed)["sample"]


def _queries(cohort) -> int:
    with CaptureQueriesContext(connection) as queries:
        survey_summary(cohort=cohort)
    return len(queries)


def test_the_number_of_queries_is_pinned_whatever_the_number_of_responses(surveyed, org):
    assert _queries(surveyed) == 4
    # given ten times as many responses, over more colleges
    graduates = surveyed.survey_campaigns.get(kind=SurveyKind.GRADUATES)
    employers = surveyed.survey_campaigns.get(kind=SurveyKind.EMPLOYERS)
    for index in range(80):
        answer(graduates, org.college_a if index % 3 else org.college_b, job="满意", overall="一般")
    for _ in range(30):
        rate_employer(employers, "满意", "满意", "满意", "满意", "满意", "满意")
    # then the same number of queries
    assert _queries(surveyed) == 4


def test_consistency_notes(org):
    # given a cohort of 6 graduates (the org fixture), 5 questionnaires sent, 3 stored of 4 reported
    campaign = make_campaign(2020, sent=5, returned=4)
    for _ in range(3):
        answer(campaign, org.college_a, overall="满意")
    employers = make_campaign(2020, SurveyKind.EMPLOYERS, sent=1)
    rate_employer(employers, *["满意"] * 6)
    rate_employer(employers, *["满意"] * 6)

    notes = survey_consistency(cohort=campaign.cohort)

    assert notes == [
        "2020届毕业生跟踪调查发出问卷 5 份，而本届毕业生为 6 人。",
        "2020届毕业生跟踪调查平台统计回收 4 份，而导入的答卷为 3 份。",
        "2020届用人单位满意度调查导入答卷 2 份，多于发出的 1 份。",
    ]


def test_consistency_of_a_campaign_without_responses_and_of_a_cohort_without_campaigns(org):
    assert survey_consistency(cohort=make_cohort(2020)) == []
    make_campaign(2020, sent=6)

    assert survey_consistency(cohort=make_cohort(2020)) == ["2020届毕业生跟踪调查尚未导入答卷。"]


def test_consistency_is_silent_when_everything_agrees(org):
    campaign = make_campaign(2020, sent=6, returned=1)
    answer(campaign, org.college_a, overall="满意")

    assert survey_consistency(cohort=campaign.cohort) == []


def test_the_summary_is_plain_json_data(surveyed):
    summary = survey_summary(cohort=surveyed)

    assert json.loads(json.dumps(summary, ensure_ascii=False)) == summary
