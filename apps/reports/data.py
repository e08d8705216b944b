"""The annual report as plain data: what every formatter (page, JSON, Excel, Word) renders, so they agree."""

import datetime
from dataclasses import asdict, dataclass, field


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


@dataclass
class AnnualReport:
    cohort: int
    as_of: datetime.date
    college: str | None
    graduates: int
    employed: int
    employment_rate: float
    tables: dict[str, Table] = field(default_factory=dict)
    support: dict = field(default_factory=dict)
    subsidies: dict = field(default_factory=dict)  # 4.2.9 {graduates, amount}
    survey: dict | None = None  # 2.3, school-wide reports with survey data (apps.surveys.selectors)
    park: dict | None = None  # 4.4.1, school-wide reports
    consistency: list[str] = field(default_factory=list)

    def table(self, key: str) -> Table:
        return self.tables[key]
