"""Writes the demo surveys: the 2020 graduates' and employers' campaigns of seed 2.3 and a 2019 graduates'
campaign, with their responses, through the same import the survey platform's export goes through.

Seeded (the same answers on every machine) and idempotent: a campaign whose stored responses are exactly the
demo's is kept, one without responses gets them; one holding other responses is refused (``DemoSurveysError``)
and only ``reset=True`` imports the demo's again, replacing them (``load_demo_surveys`` also checks the whole
database first: apps/demo/guard.py).
"""

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction

from apps.graduates.models import Cohort, Gender
from apps.graduates.uploads import Table

from .. import imports as cols
from ..imports import college_names, survey_response_import
from ..models import EMPLOYER_DIMENSIONS, EmployerResponse, GraduateResponse, SurveyCampaign, SurveyKind
from . import data as d

Log = Callable[[str], None]
GENDER_WORDS = {Gender.MALE: "男", Gender.FEMALE: "女"}
# The columns of the demo's graduate export, and the response field each fills.
GRADUATE_ANSWER_COLUMNS = {cols.COL_MAJOR_MATCH: "major_match"} | {
    column: attname for column, attname in cols.SATISFACTION_COLUMNS
}
EMPLOYED_ONLY = (cols.COL_MAJOR_MATCH, cols.COL_JOB_SATISFACTION)
SCHEME_2020 = "2020"


class DemoSurveysError(Exception):
    """The demo cannot be written (the demo cohort is not loaded, or its rows do not import)."""


@dataclass
class DemoSurveysResult:
    kept: list[str] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    seconds: float = 0.0


def _quiet(message: str) -> None:
    pass


def _shuffled(rng: random.Random, counts: dict[str, int], length: int) -> list[str]:
    """``counts`` of each answer word, padded with blanks (not answered) to ``length``, in a seeded order."""
    answers = [word for word, n in counts.items() for _ in range(n)]
    if len(answers) > length:
        raise DemoSurveysError(f"{len(answers)} answers for {length} respondents")
    answers += [""] * (length - len(answers))
    rng.shuffle(answers)
    return answers


def graduate_demo_table(spec: dict) -> Table:
    """The survey platform's export of one demo graduates' campaign: one row a respondent."""
    rng = random.Random(f"{d.RANDOM_SEED}-graduates-{spec['year']}")
    people = [
        (college, gender)
        for college, respondents, men in spec["sample"]
        for gender, n in ((Gender.MALE, men), (Gender.FEMALE, respondents - men))
        for _ in range(n)
    ]
    rng.shuffle(people)
    employed = [True] * spec["employed"] + [False] * (len(people) - spec["employed"])
    rng.shuffle(employed)
    columns = {}
    for column in GRADUATE_ANSWER_COLUMNS:
        base = spec["employed"] if column in EMPLOYED_ONLY else len(people)
        columns[column] = iter(_shuffled(rng, spec["answers"].get(column, {}), base))
    records = []
    for number, ((college, gender), is_employed) in enumerate(zip(people, employed, strict=True), start=1):
        record = {
            cols.COL_RESPONSE_NO: f"{spec['year']}{number:05d}",
            cols.COL_GENDER: GENDER_WORDS[gender],
            cols.COL_COLLEGE: college,
            cols.COL_EMPLOYED: cols.YES if is_employed else cols.NO,
        }
        for column, answers in columns.items():
            record[column] = next(answers) if is_employed or column not in EMPLOYED_ONLY else ""
        records.append(record)
    return Table.from_dicts(list(cols.GRADUATE_REQUIRED_COLUMNS), records)


def employer_demo_table(spec: dict) -> Table:
    rng = random.Random(f"{d.RANDOM_SEED}-employers-{spec['year']}")
    respondents = spec["returned"]
    names = [f"{p}{w}{k}" for p in d.EMPLOYER_PLACES for w in d.EMPLOYER_WORDS for k in d.EMPLOYER_KINDS]
    names = rng.sample(names, respondents)
    ratings = {}
    for dimension, (satisfied, average, unsatisfied) in spec["ratings"].items():
        counts = {"满意": satisfied, "一般": average, "不满意": unsatisfied}
        ratings[dimension] = _shuffled(rng, counts, respondents)
        if "" in ratings[dimension]:
            raise DemoSurveysError(f"{dimension}: every employer rates every dimension")
    records = [
        {cols.COL_RESPONSE_NO: f"E{spec['year']}{number:04d}", cols.COL_EMPLOYER: name}
        | {dimension: ratings[dimension][number - 1] for dimension in ratings}
        for number, name in enumerate(names, start=1)
    ]
    return Table.from_dicts(list(cols.EMPLOYER_COLUMNS), records)


def _expected(campaign: SurveyCampaign, table: Table) -> list[tuple]:
    """The rows as the database would hold them, to tell whether the stored responses are the demo's."""
    colleges = college_names()
    rows = [dict(zip(table.header, cells, strict=True)) for _number, cells in table.rows]
    if campaign.is_graduates:
        genders = {word: value for value, word in GENDER_WORDS.items()}
        return sorted(
            (
                row[cols.COL_RESPONSE_NO],
                None,
                genders[row[cols.COL_GENDER]],
                colleges[row[cols.COL_COLLEGE]],
                row[cols.COL_EMPLOYED] == cols.YES,
                *(
                    (cols.MAJOR_MATCHES if column == cols.COL_MAJOR_MATCH else cols.SATISFACTIONS).get(
                        row[column], ""
                    )
                    for column in GRADUATE_ANSWER_COLUMNS
                ),
            )
            for row in rows
        )
    return sorted(
        (
            row[cols.COL_RESPONSE_NO],
            row[cols.COL_EMPLOYER],
            *(cols.RATINGS[row[str(label)]] for _f, label in EMPLOYER_DIMENSIONS),
        )
        for row in rows
    )


def _stored(campaign: SurveyCampaign) -> list[tuple]:
    if campaign.is_graduates:
        fields = (
            "response_no",
            "graduate_id",
            "gender",
            "college_id",
            "employed",
            *GRADUATE_ANSWER_COLUMNS.values(),
        )
        return sorted(GraduateResponse.objects.filter(campaign=campaign).values_list(*fields))
    fields = ("response_no", "employer_name", *(attname for attname, _label in EMPLOYER_DIMENSIONS))
    return sorted(EmployerResponse.objects.filter(campaign=campaign).values_list(*fields))


def _campaign(cohort: Cohort, kind: str, spec: dict) -> SurveyCampaign:
    campaign, _created = SurveyCampaign.objects.update_or_create(
        cohort=cohort,
        kind=kind,
        defaults={
            "title": spec["title"],
            "sent": spec["sent"],
            "returned": spec["returned"],
            "closed_on": spec["closed_on"],
        },
    )
    return campaign


def _check_colleges() -> None:
    known = college_names()
    missing = [college for college, _n, _men in d.SAMPLE_2020 if college not in known]
    if missing:
        raise DemoSurveysError(f"colleges missing ({', '.join(missing)}): run load_demo_cohort first")


@transaction.atomic
def demo_surveys_load(*, reset: bool = False, log: Log = _quiet) -> DemoSurveysResult:
    """The three demo campaigns and their responses (after ``load_demo_cohort``: its cohort and colleges).

    Creates the 2019 cohort (with no graduates) when it is missing. Idempotent, never replaces other responses
    without ``reset``, which imports every campaign's responses again.
    """
    started = time.perf_counter()
    result = DemoSurveysResult()
    if not Cohort.objects.filter(year=2020).exists():
        raise DemoSurveysError("the 2020 cohort is missing: run load_demo_cohort first")
    _check_colleges()
    jobs = [(spec, SurveyKind.GRADUATES, graduate_demo_table) for spec in d.GRADUATE_CAMPAIGNS]
    jobs.append((d.EMPLOYER_CAMPAIGN, SurveyKind.EMPLOYERS, employer_demo_table))
    for spec, kind, build in jobs:
        cohort, created = Cohort.objects.get_or_create(
            year=spec["year"], defaults={"destination_scheme": SCHEME_2020}
        )
        if created:
            log(f"Cohort {cohort.year} created (no graduates: it holds the {cohort.year} survey)")
        campaign = _campaign(cohort, kind, spec)
        table = build(spec)
        stored = _stored(campaign)
        if not reset and stored == _expected(campaign, table):
            result.kept.append(campaign.title)
            log(f"{campaign.title}: {len(table.rows)} responses kept")
            continue
        if not reset and stored:
            raise DemoSurveysError(
                f"{campaign.title}: holds {len(stored)} responses that are not exactly the demo's; nothing was "
                "changed (only --reset replaces them)"
            )
        outcome = survey_response_import(campaign=campaign, rows_source=table, dry_run=False)
        if not outcome.ok:
            first = "; ".join(f"row {e.row} {e.column}: {e.message}" for e in outcome.errors[:5])
            raise DemoSurveysError(f"{campaign.title}: the demo rows do not import ({first})")
        result.written.append(campaign.title)
        log(f"{campaign.title}: {outcome.rows} responses written ({outcome.replaced} replaced)")
    result.seconds = time.perf_counter() - started
    return result
