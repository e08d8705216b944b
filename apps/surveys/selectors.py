"""Reads of the surveys: the report's 2.3 (``survey_summary``), its consistency notes, and the campaign pages.

``survey_summary`` runs a fixed number of queries whatever the number of responses: the campaigns (1), one
grouped aggregate over the graduates' responses of this cohort's and the previous cohort's campaigns (1), the
sample by college (1) and one aggregate over the employers' ratings (1). Every count is a
``Count(filter=Q(...))``; every percentage goes through ``apps.reports.rates``.
"""

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from apps.graduates.models import Cohort, Gender, Graduate
from apps.reports.rates import percent, points

from .models import (
    EMPLOYER_DIMENSIONS,
    MATCHED_ANSWERS,
    SATISFACTION_FIELDS,
    SATISFIED_ANSWERS,
    EmployerRating,
    EmployerResponse,
    GraduateResponse,
    MajorMatch,
    Satisfaction,
    SurveyCampaign,
    SurveyKind,
)

# The keys of the school satisfaction block, with the response field each is computed from.
SCHOOL_SATISFACTION = (
    ("overall", "school_overall"),
    ("teaching", "teaching"),
    ("student_affairs", "student_affairs"),
    ("living_services", "living_services"),
)
# Every question of the graduates' questionnaire with its answer scale, for the answer breakdowns.
GRADUATE_QUESTIONS = (("major_match", MajorMatch),) + tuple(
    (field, Satisfaction) for field in SATISFACTION_FIELDS
)


def _graduate_aggregates() -> dict:
    """Every count the graduates' part of 2.3 needs, as annotations of one grouped query."""
    counts = {
        "responses": Count("pk"),
        "men": Count("pk", filter=Q(gender=Gender.MALE)),
        "women": Count("pk", filter=Q(gender=Gender.FEMALE)),
        "employed_yes": Count("pk", filter=Q(employed=True)),
    }
    for field, scale in GRADUATE_QUESTIONS:
        for answer in scale:
            counts[f"n_{field}_{answer.value}"] = Count("pk", filter=Q(**{field: answer}))
    return counts


def _employer_aggregates() -> dict:
    counts = {"responses": Count("pk")}
    for field, _label in EMPLOYER_DIMENSIONS:
        for rating in EmployerRating:
            counts[f"n_{field}_{rating.value}"] = Count("pk", filter=Q(**{field: rating}))
    return counts


def _answered(counts: dict, field: str, scale) -> int:
    return sum(counts.get(f"n_{field}_{answer.value}", 0) for answer in scale)


def _rate(counts: dict | None, field: str, scale, favourable) -> float | None:
    """(favourable answers) / (answers given) in percent; None when nobody answered (or no campaign)."""
    if counts is None:
        return None
    answered = _answered(counts, field, scale)
    if not answered:
        return None
    return percent(sum(counts.get(f"n_{field}_{answer.value}", 0) for answer in favourable), answered)


def _compared(current: float | None, previous: float | None) -> dict:
    change = points(current, previous) if current is not None and previous is not None else None
    return {"rate": current, "previous": previous, "change": change}


def _satisfaction(counts: dict | None, field: str) -> float | None:
    return _rate(counts, field, Satisfaction, SATISFIED_ANSWERS)


def _rows(pairs, whole: int) -> list[dict]:
    return [{"name": str(name), "count": count, "percent": percent(count, whole)} for name, count in pairs]


def _graduate_counts(campaigns: list[SurveyCampaign]) -> dict[int, dict]:
    """campaign id -> the counts of ``_graduate_aggregates``; one query for all of them."""
    if not campaigns:
        return {}
    rows = (
        GraduateResponse.objects.filter(campaign__in=[c.pk for c in campaigns])
        .values("campaign_id")
        .annotate(**_graduate_aggregates())
        .order_by()
    )
    empty = dict.fromkeys(_graduate_aggregates(), 0)
    found = {row.pop("campaign_id"): row for row in rows}
    return {c.pk: found.get(c.pk, empty) for c in campaigns}


def _sample_by_college(campaign: SurveyCampaign, responses: int) -> list[dict]:
    rows = (
        GraduateResponse.objects.filter(campaign=campaign)
        .values("college__name", "college__sort_order")
        .annotate(n=Count("pk"))
        .order_by("college__sort_order", "college__name")
    )
    return _rows(((row["college__name"], row["n"]) for row in rows), responses)


def graduate_figures(*, campaign: SurveyCampaign, counts: dict, previous: dict | None = None) -> dict:
    """The graduates' part of 2.3 from one campaign's counts (and the previous cohort's, for the changes)."""
    responses = counts["responses"]
    return {
        "sent": campaign.sent,
        "returned": responses,
        "return_rate": percent(responses, campaign.sent),
        "closed_on": campaign.closed_on.isoformat(),
        "employed_respondents": counts["employed_yes"],
        "sample": {
            "by_gender": _rows(
                ((Gender.MALE.label, counts["men"]), (Gender.FEMALE.label, counts["women"])), responses
            ),
            "by_college": _sample_by_college(campaign, responses),
        },
        "major_match_rate": _rate(counts, "major_match", MajorMatch, MATCHED_ANSWERS),
        "job_satisfaction": _compared(
            _satisfaction(counts, "job_satisfaction"), _satisfaction(previous, "job_satisfaction")
        ),
        "school_satisfaction": {
            key: _compared(_satisfaction(counts, field), _satisfaction(previous, field))
            for key, field in SCHOOL_SATISFACTION
        },
        "answers": {
            field: _rows(
                ((answer.label, counts[f"n_{field}_{answer.value}"]) for answer in scale),
                _answered(counts, field, scale),
            )
            for field, scale in GRADUATE_QUESTIONS
        },
    }


def employer_figures(*, campaign: SurveyCampaign) -> dict:
    """2.3.4: each rating's share of all ratings given over the six dimensions, and per dimension."""
    counts = EmployerResponse.objects.filter(campaign=campaign).aggregate(**_employer_aggregates())
    totals = dict.fromkeys(EmployerRating.values, 0)
    by_dimension = []
    for field, label in EMPLOYER_DIMENSIONS:
        ratings = {rating.value: counts[f"n_{field}_{rating.value}"] for rating in EmployerRating}
        given = sum(ratings.values())
        for rating, n in ratings.items():
            totals[rating] += n
        by_dimension.append(
            {
                "name": str(label),
                "count": given,
                "satisfied": percent(ratings[EmployerRating.SATISFIED], given),
                "average": percent(ratings[EmployerRating.AVERAGE], given),
                "unsatisfied": percent(ratings[EmployerRating.DISSATISFIED], given),
            }
        )
    given = sum(totals.values())
    return {
        "sent": campaign.sent,
        "returned": counts["responses"],
        "ratings": given,
        "satisfied": percent(totals[EmployerRating.SATISFIED], given),
        "average": percent(totals[EmployerRating.AVERAGE], given),
        "unsatisfied": percent(totals[EmployerRating.DISSATISFIED], given),
        "by_dimension": by_dimension,
        "by_rating": _rows(((rating.label, totals[rating.value]) for rating in EmployerRating), given),
    }


def _empty_graduate_part() -> dict:
    none = _compared(None, None)
    return {
        "sent": None,
        "returned": None,
        "return_rate": None,
        "closed_on": None,
        "employed_respondents": None,
        "sample": {"by_gender": [], "by_college": []},
        "major_match_rate": None,
        "job_satisfaction": dict(none),
        "school_satisfaction": {key: dict(none) for key, _field in SCHOOL_SATISFACTION},
        "answers": {},
    }


def survey_summary(*, cohort: Cohort) -> dict | None:
    """Seed 2.3 for ``cohort``, as plain data (JSON-ready); None when the cohort has no survey campaign.

    Keys: sent, returned (responses stored), return_rate, closed_on, employed_respondents, sample {by_gender,
    by_college} (表 2-1, rows {name, count, percent} of the responses), major_match_rate, job_satisfaction
    {rate, previous, change}, employer_satisfaction {sent, returned, ratings, satisfied, average, unsatisfied,
    by_dimension} or None, school_satisfaction {overall, teaching, student_affairs, living_services} each
    {rate, previous, change}, answers {question: rows} and previous_cohort. ``previous`` is the rate of the
    graduates' campaign of the cohort one year earlier (None without one, or when nobody answered there);
    ``change`` is ``points(rate, previous)``. The graduates' keys are None without a graduates' campaign.
    At most four queries.
    """
    campaigns = list(
        SurveyCampaign.objects.filter(
            Q(cohort=cohort) | Q(cohort__year=cohort.year - 1, kind=SurveyKind.GRADUATES)
        ).select_related("cohort")
    )
    current = {c.kind: c for c in campaigns if c.cohort_id == cohort.pk}
    if not current:
        return None
    graduates = current.get(SurveyKind.GRADUATES)
    previous = next((c for c in campaigns if c.cohort_id != cohort.pk), None) if graduates else None
    summary = {"cohort": cohort.year, "previous_cohort": previous.cohort.year if previous else None}
    if graduates is not None:
        counts = _graduate_counts([c for c in (graduates, previous) if c is not None])
        summary |= graduate_figures(
            campaign=graduates,
            counts=counts[graduates.pk],
            previous=counts[previous.pk] if previous else None,
        )
    else:
        summary |= _empty_graduate_part()
    employers = current.get(SurveyKind.EMPLOYERS)
    summary["employer_satisfaction"] = employer_figures(campaign=employers) if employers else None
    return summary


def campaign_figures(*, campaign: SurveyCampaign) -> dict:
    """One campaign's own figures (no comparison), for its page: the same computation as the report."""
    if campaign.is_graduates:
        return graduate_figures(campaign=campaign, counts=_graduate_counts([campaign])[campaign.pk])
    return employer_figures(campaign=campaign)


def _stored_count(model) -> Coalesce:
    stored = (
        model.objects.filter(campaign=OuterRef("pk"))
        .order_by()
        .values("campaign")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(stored, output_field=IntegerField()), Value(0))


def campaign_list() -> QuerySet[SurveyCampaign]:
    """Every campaign, newest cohort first, with ``stored``: the responses imported."""
    return (
        SurveyCampaign.objects.select_related("cohort")
        .annotate(stored=_stored_count(GraduateResponse) + _stored_count(EmployerResponse))
        .order_by("-cohort__year", "-kind", "pk")  # graduates before employers, as the seed
    )


def campaign_get(*, pk: int) -> SurveyCampaign | None:
    return campaign_list().filter(pk=pk).first()


def campaign_notes(*, campaign: SurveyCampaign, stored: int, cohort_size: int | None = None) -> list[str]:
    """What does not add up in one campaign (``stored``: its responses in the database)."""
    notes = []
    label = f"{campaign.cohort}{campaign.get_kind_display()}"
    if cohort_size is not None and campaign.is_graduates and campaign.sent != cohort_size:
        notes.append(
            _("%(label)s发出问卷 %(sent)d 份，而本届毕业生为 %(size)d 人。")
            % {"label": label, "sent": campaign.sent, "size": cohort_size}
        )
    if not stored:
        notes.append(_("%(label)s尚未导入答卷。") % {"label": label})
    elif stored > campaign.sent:
        notes.append(
            _("%(label)s导入答卷 %(stored)d 份，多于发出的 %(sent)d 份。")
            % {"label": label, "stored": stored, "sent": campaign.sent}
        )
    if campaign.returned is not None and stored and campaign.returned != stored:
        notes.append(
            _("%(label)s平台统计回收 %(returned)d 份，而导入的答卷为 %(stored)d 份。")
            % {"label": label, "returned": campaign.returned, "stored": stored}
        )
    return notes


def campaign_check(*, campaign: SurveyCampaign) -> list[str]:
    """``campaign_notes`` of one campaign (``campaign`` from ``campaign_get``, which counts its responses)."""
    size = Graduate.objects.filter(cohort=campaign.cohort_id).count()
    return campaign_notes(campaign=campaign, stored=campaign.stored, cohort_size=size)


def survey_consistency(*, cohort: Cohort) -> list[str]:
    """For the report's consistency panel: the cohort's campaigns whose counts do not agree with the data
    (sent differs from the cohort size, the platform's returned count from the responses stored, more
    responses than questionnaires, none imported). Two queries."""
    campaigns = list(campaign_list().filter(cohort=cohort))
    if not campaigns:
        return []
    size = Graduate.objects.filter(cohort=cohort).count()
    notes = []
    for campaign in campaigns:
        notes += campaign_notes(campaign=campaign, stored=campaign.stored, cohort_size=size)
    return notes
