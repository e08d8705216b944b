"""The annual report as plain data: what every formatter (page, JSON, Excel, Word) renders, so they agree."""

import datetime
from dataclasses import asdict, dataclass, field

from apps.surveys.models import SATISFIED_ANSWERS, Satisfaction


@dataclass(frozen=True)
class Row:
    name: str
    count: int
    percent: float
    college: str | None = None  # 表 1-2 and the rate by major carry their college
    graduates: int | None = None  # rate tables: the base ...
    employed: int | None = None  # ... and the employed; the rate is in ``percent``

    def as_json(self) -> dict:
        return {key: value for key, value in asdict(self).items() if value is not None}


@dataclass(frozen=True)
class Table:
    key: str  # the contract §4 key
    title: str  # as the seed numbers it
    rows: list[Row]
    base: str  # what the percentages are of, said on the page
    chart: str = ""  # "pie" or "bar" where the seed has a figure
    rates: bool = False  # ``percent`` is a rate of its own base (drawn as such), not a share of the whole
    counted: str = "就业"  # rate tables: what the ``employed`` column is called (2021+: 已落实)


@dataclass
class AnnualReport:
    cohort: int
    as_of: datetime.date
    college: str | None
    graduates: int
    employed: int
    employment_rate: float
    rate_name: str = "就业率"  # the cohort's scheme's: 就业率 (2020), 毕业去向落实率 (2021+)
    placed_name: str = "就业"  # what the graduates it counts are called: 就业 (2020), 已落实 (2021+)
    tables: dict[str, Table] = field(default_factory=dict)
    support: dict = field(default_factory=dict)  # 4.2.8 the seed's group: 建档立卡 and the 52 counties
    support_hardship: dict = field(default_factory=dict)  # ... and with the 困难生类别 (the ledger's group)
    subsidies: dict = field(default_factory=dict)  # 4.2.9 {graduates, amount}
    survey: dict | None = None  # 2.3, school-wide reports with survey data (apps.surveys.selectors)
    park: dict | None = None  # 4.4.1, school-wide reports
    consistency: list[str] = field(default_factory=list)
    # Regulators' warning signs (apps.reports.warning_signs), with the graduates behind each: the page lists
    # them in the consistency panel; the files carry only their one-line summaries (in ``consistency``).
    warning_signs: list = field(default_factory=list)

    def table(self, key: str) -> Table:
        return self.tables[key]


# The seed's figures of 2.3: (key, title, the question's answers in survey["answers"]).
SURVEY_ANSWER_FIGURES = (
    ("survey_major_match", "图 2-8 毕业生就业专业对口率", "major_match"),
    ("survey_job_satisfaction", "图 2-9 毕业生就业满意度", "job_satisfaction"),
)
SCHOOL_SATISFACTION_FIGURE = (
    ("overall", "school_overall", "总体满意度"),
    ("teaching", "teaching", "教学"),
    ("student_affairs", "student_affairs", "学生工作"),
    ("living_services", "living_services", "生活服务"),
)
SATISFIED_LABELS = {str(Satisfaction(answer).label) for answer in SATISFIED_ANSWERS}


def survey_figures(survey: dict | None) -> list[Table]:
    """图 2-8 to 2-11 as tables with their charts, from ``apps.surveys.selectors.survey_summary``'s data: the
    page, Excel and Word draw the same rows. A figure whose question nobody answered is left out."""
    if not survey:
        return []
    figures = []
    answers = survey.get("answers") or {}
    for key, title, question in SURVEY_ANSWER_FIGURES:
        rows = [Row(r["name"], r["count"], r["percent"]) for r in answers.get(question, [])]
        if any(row.count for row in rows):
            figures.append(Table(key, title, rows, "占回答人数", chart="pie"))
    employers = survey.get("employer_satisfaction")
    if employers and employers.get("ratings"):
        rows = [Row(r["name"], r["count"], r["percent"]) for r in employers["by_rating"]]
        figures.append(
            Table("survey_employer_satisfaction", "图 2-10 用人单位对毕业生满意度", rows, "占全部评价", "pie")
        )
    school = survey.get("school_satisfaction") or {}
    rows = []
    for key, question, name in SCHOOL_SATISFACTION_FIGURE:
        rate = (school.get(key) or {}).get("rate")
        if rate is not None:
            satisfied = sum(r["count"] for r in answers.get(question, []) if r["name"] in SATISFIED_LABELS)
            rows.append(Row(name, satisfied, rate))
    if rows:
        figures.append(
            Table(
                "survey_school_satisfaction", "图 2-11 毕业生对母校满意度", rows, "满意度", "bar", rates=True
            )
        )
    return figures
