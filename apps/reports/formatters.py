"""Formatters over one ``AnnualReport``: the JSON of contract §4 (page ?format=json and the command)."""

from .data import AnnualReport

JSON_TABLES = (
    "by_college", "by_major", "by_origin", "by_gender", "by_ethnicity", "by_category",
    "rate_by_college", "rate_by_major", "not_employed_reasons", "by_region", "by_unit_nature", "by_industry",
)  # fmt: skip


def report_to_json(report: AnnualReport) -> dict:
    data = {
        "cohort": report.cohort,
        "as_of": report.as_of.isoformat(),
        "graduates": report.graduates,
        "employed": report.employed,
        "employment_rate": report.employment_rate,
        "rate_name": report.rate_name,  # what employment_rate is: 就业率, or 毕业去向落实率 for 2021+ cohorts
    }
    if report.college:
        data["college"] = report.college
    for key in JSON_TABLES:
        data[key] = [row.as_json() for row in report.table(key).rows]
    data["support"] = dict(report.support)
    data["support_hardship"] = dict(report.support_hardship)
    data["subsidies"] = dict(report.subsidies)
    if report.survey is not None:
        data["survey"] = report.survey
    if report.park is not None:
        data["park"] = report.park
    return data
