"""load_demo_surveys: idempotent, deterministic, never replaces other responses without reset, needs the demo
cohort."""

import io

import pytest
from django.core.management import CommandError, call_command

from apps.demo.guard import demo_load_record
from apps.graduates.demo.load import demo_structure_load
from apps.graduates.models import Cohort
from apps.surveys.demo import DemoSurveysError, demo_surveys_load
from apps.surveys.models import GraduateResponse, SurveyCampaign, SurveyKind
from apps.surveys.selectors import survey_summary

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    demo_structure_load(with_classes=False)
    demo_surveys_load()


def test_the_demo_is_idempotent_and_deterministic(demo):
    before = sorted(
        GraduateResponse.objects.values_list("response_no", "gender", "college_id", "job_satisfaction")
    )
    ids = set(GraduateResponse.objects.values_list("pk", flat=True))

    again = demo_surveys_load()

    assert again.written == [] and len(again.kept) == 3
    assert set(GraduateResponse.objects.values_list("pk", flat=True)) == ids  # not even rewritten
    demo_surveys_load(reset=True)
    after = sorted(
        GraduateResponse.objects.values_list("response_no", "gender", "college_id", "job_satisfaction")
    )
    assert after == before and SurveyCampaign.objects.count() == 3


def test_a_changed_response_is_never_put_back_but_reset_does(demo):
    response = GraduateResponse.objects.filter(campaign__cohort__year=2020, employed=True).first()
    GraduateResponse.objects.filter(pk=response.pk).update(
        job_satisfaction="dissatisfied", major_match="unmatched"
    )

    with pytest.raises(DemoSurveysError, match="only --reset replaces them"):
        demo_surveys_load()
    assert GraduateResponse.objects.get(pk=response.pk).job_satisfaction == "dissatisfied"

    result = demo_surveys_load(reset=True)

    assert "2020届毕业生就业跟踪调查" in result.written
    assert survey_summary(cohort=Cohort.objects.get(year=2020))["job_satisfaction"]["rate"] == 87.87


def test_the_command_prints_the_figures(db):
    demo_structure_load(with_classes=False)
    # the cohort and colleges stand for load_demo_cohort's (5,098 graduates are not needed here): recorded as its
    demo_load_record(loader="load_demo_cohort", parts=["cohort"])
    out = io.StringIO()

    call_command("load_demo_surveys", stdout=out)

    text = out.getvalue()
    assert "job satisfaction 87.87% (2019 89.91%, -2.04 points)" in text
    assert "school 93.07% (2019 92.16%, +0.91 points)" in text
    assert "employers 93.87% / 5.40% / 0.73%" in text
    assert SurveyCampaign.objects.filter(kind=SurveyKind.EMPLOYERS).count() == 1


def test_the_command_needs_the_demo_cohort_first(db):
    with pytest.raises(CommandError, match="load_demo_cohort"):
        call_command("load_demo_surveys", stdout=io.StringIO())
