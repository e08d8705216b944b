"""Builders for survey test data: a campaign, and responses given as compact answer words."""

import datetime

from apps.graduates.models import Cohort, College, Gender
from apps.surveys.imports import MAJOR_MATCHES, RATINGS, SATISFACTIONS
from apps.surveys.models import (
    EMPLOYER_DIMENSIONS,
    EmployerResponse,
    GraduateResponse,
    SurveyCampaign,
    SurveyKind,
)

from ..factories import make_cohort

_numbers = iter(range(1, 10**9))


def make_campaign(
    cohort: Cohort | int = 2020,
    kind: str = SurveyKind.GRADUATES,
    *,
    sent: int = 10,
    returned: int | None = None,
) -> SurveyCampaign:
    if isinstance(cohort, int):
        cohort = make_cohort(cohort)
    return SurveyCampaign.objects.create(
        cohort=cohort,
        kind=kind,
        title=f"{cohort.year}届{SurveyKind(kind).label}",
        sent=sent,
        returned=returned,
        closed_on=datetime.date(cohort.year, 12, 19),
    )


def answer(
    campaign: SurveyCampaign,
    college: College,
    *,
    gender: str = Gender.FEMALE,
    match: str = "",
    job: str = "",
    overall: str = "",
    teaching: str = "",
    affairs: str = "",
    living: str = "",
    employed: bool | None = None,
    graduate=None,
) -> GraduateResponse:
    """One graduate's questionnaire; answers as the export words them (满意, 对口 ...), "" for blank.
    Employed unless said otherwise when a job question is answered."""
    if employed is None:
        employed = bool(match or job)
    return GraduateResponse.objects.create(
        campaign=campaign,
        response_no=str(next(_numbers)),
        graduate=graduate,
        gender=gender,
        college=college,
        employed=employed,
        major_match=MAJOR_MATCHES.get(match, ""),
        job_satisfaction=SATISFACTIONS.get(job, ""),
        school_overall=SATISFACTIONS.get(overall, ""),
        teaching=SATISFACTIONS.get(teaching, ""),
        student_affairs=SATISFACTIONS.get(affairs, ""),
        living_services=SATISFACTIONS.get(living, ""),
    )


def rate_employer(campaign: SurveyCampaign, *ratings: str, name: str = "孝感市中心医院") -> EmployerResponse:
    """Six ratings in the seed's order of dimensions (品质素质 ... 综合评价), as words."""
    assert len(ratings) == len(EMPLOYER_DIMENSIONS)
    values = {
        attname: RATINGS[word] for (attname, _label), word in zip(EMPLOYER_DIMENSIONS, ratings, strict=True)
    }
    return EmployerResponse.objects.create(
        campaign=campaign, response_no=str(next(_numbers)), employer_name=name, **values
    )
