"""The annual report's tables (seed chapters 1 and 2, and 4.2.8), built from a few grouped queries.

The cohort's graduates (already narrowed to a college when asked) are counted once per major, and their
effective plans at the cut-off (found once per report into a temporary table: ``report_plans_once``) once per
major, destination and reason; the tables that are sums of those counts (表 1-1, 1-2, 1.2.3, 2.1.1-2.1.3, 4.2.8
and the warning signs' shares) add them up in Python, the others run one grouped query each. The cost does not
grow with the number of graduates' rows. Querying stays here; formatting (page, JSON, Excel, Word) works on the
returned ``AnnualReport``, which holds only evaluated data.
"""

import datetime
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import connections, transaction
from django.db.models import Case, Count, F, Min, Q, QuerySet, Sum, When
from django.db.models.sql.datastructures import BaseTable

from apps.graduates.models import HARDSHIP_GROUP, POVERTY_GROUP, Cohort, College, Gender, Graduate, Major
from apps.park.selectors.dashboard import park_totals
from apps.plans.models import DestinationPlan
from apps.plans.rules import STUDY_BASE_CODES
from apps.plans.selectors import effective_plans
from apps.refdata import seed_data
from apps.refdata.models import DestinationScheme, NotEmployedReason, ReportCategory
from apps.refdata.selectors import destination_scheme, report_categories
from apps.support.models import SubsidyApplication, SubsidyStatus
from apps.support.selectors import to_fen
from apps.surveys.selectors import survey_consistency, survey_summary

from .data import AnnualReport, Row, Table
from .rates import percent
from .warning_signs import report_warning_signs, warning_sign_summary

TOP_ORIGINS = 10
OTHER = "其他"
NO_PLAN = "未填报去向"
HAN = "汉族"
EMPLOYED = Q(destination__category__counts_as_employed=True)
# The plan columns the report's queries read, all that ``report_plans_once`` copies (the plan table's others,
# its addresses, contacts and notes, would only make the copy slower); a query reading another column fails
# on the temporary table rather than reading something else.
REPORT_PLAN_COLUMNS = (
    "id",
    "graduate_id",
    "destination_id",
    "not_employed_reason_id",
    "work_province_id",
    "institution_province_id",
    "unit_nature_id",
    "industry_id",
    "employer_name",
    "employer_credit_code",
)


def report_graduates(*, cohort: Cohort, college: College | None = None) -> QuerySet[Graduate]:
    graduates = Graduate.objects.filter(cohort=cohort)
    if college is not None:
        graduates = graduates.filter(class_group__major__college=college)
    return graduates


def report_plans(*, graduates: QuerySet[Graduate], as_of: datetime.date) -> QuerySet[DestinationPlan]:
    """The effective plan of each of these graduates at ``as_of`` (see plans.selectors.effective_plans)."""
    return effective_plans(as_of=as_of, graduates=graduates)


@contextmanager
def report_plans_once(
    *, graduates: QuerySet[Graduate], as_of: datetime.date
) -> Iterator[QuerySet[DestinationPlan]]:
    """``report_plans`` computed once: their ``REPORT_PLAN_COLUMNS`` go into a temporary table of the connection,
    and the queryset yielded reads that table in place of the plan table (``plans_reading``), so the tables' queries neither find
    the effective plans again (the anti-join is most of a table's cost) nor join the whole plan table back to
    them. The table's name is unique (a request may build several reports); it is dropped on leaving, and on an
    exception the savepoint around it is rolled back, which takes it away too (both databases' DDL is
    transactional), inside or outside an outer transaction. Nothing read through the queryset may be used after
    leaving: evaluate it inside."""
    using = graduates.db
    connection = connections[using]
    table = f"report_plans_{uuid.uuid4().hex}"
    select, params = (
        report_plans(graduates=graduates, as_of=as_of)
        .order_by()
        .values_list(*REPORT_PLAN_COLUMNS)  # each under its own name, as the plan table has it
        .query.get_compiler(using)
        .as_sql()
    )
    quoted = connection.ops.quote_name(table)
    with transaction.atomic(using=using):
        with connection.cursor() as cursor:
            cursor.execute(f"CREATE TEMPORARY TABLE {quoted} AS {select}", params)
            if connection.vendor == "postgresql":
                cursor.execute(f"ANALYZE {quoted}")  # temporary tables are never analysed by autovacuum
        yield plans_reading(table, using=using)
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE {quoted}")


def plans_reading(table: str, *, using: str) -> QuerySet[DestinationPlan]:
    """Plans read from ``table``, which has (some of) the plan table's columns under their names, instead of from the plan table: the
    queryset's base table (the first entry of its FROM, which every lookup on the plan's own columns and every
    join starts from) is ``table``. A join back to the plan table, should a query need one, gets an alias of its
    own."""
    plans = DestinationPlan.objects.using(using).all()
    plans.query.join(BaseTable(table, None))
    return plans


def _shares(pairs, whole: int) -> list[Row]:
    return [Row(name=name, count=count, percent=percent(count, whole)) for name, count in pairs]


@dataclass(frozen=True)
class ReportUnits:
    """The colleges and majors the report's graduates are in, each in the order the report prints them."""

    colleges: list[tuple[int, str]]  # (id, name) by sort order, then name
    majors: list[tuple[int, str, int, str]]  # (id, name, college id, college name) by college, major, name

    def college_of(self) -> dict[int, int]:
        return {major_id: college_id for major_id, _name, college_id, _college in self.majors}


@dataclass(frozen=True)
class PlanCount:
    """How many effective plans of one major's graduates have one destination (and reason): the unit the
    chapter-2 tables, 4.2.8's employed and the warning signs' shares are sums of."""

    major_id: int
    code: str
    parent_code: str
    category_id: int
    employed: bool
    reason_id: int | None
    plans: int
    poverty: int
    hardship: int


def report_graduate_counts(*, graduates: QuerySet[Graduate]) -> dict[int, dict[str, int]]:
    """The graduates per major: all of them, men, women, and the two support groups (4.2.8). One query over
    the graduates, of which 表 1-1, 表 1-2, 1.2.3, the rates' bases and the warning signs' bases are sums."""
    rows = (
        graduates.values("class_group__major_id")
        .annotate(
            graduates=Count("pk"),
            male=Count("pk", filter=Q(gender=Gender.MALE)),
            female=Count("pk", filter=Q(gender=Gender.FEMALE)),
            poverty=Count("pk", filter=POVERTY_GROUP),
            hardship=Count("pk", filter=HARDSHIP_GROUP),
        )
        .order_by()
    )
    return {row.pop("class_group__major_id"): row for row in rows}


def report_plan_counts(*, plans: QuerySet[DestinationPlan]) -> list[PlanCount]:
    """The plans per major, destination and not-employed reason, with how many of their graduates are in each
    support group. One query (its rows are majors times destinations, however many graduates there are).
    It groups by the destination's id and reads the destination's columns as the group's one value of each
    (``Min``; the category's flag as a count of employed plans): grouped by those columns themselves, PostgreSQL
    cannot tell how few groups there are and sorts every plan instead of hashing (0.89 s against 0.55 s at
    400,000)."""
    rows = (
        plans.values("graduate__class_group__major_id", "destination_id", "not_employed_reason_id")
        .annotate(
            code=Min("destination__code"),
            parent_code=Min("destination__parent_code"),
            category_id=Min("destination__category_id"),
            employed_plans=Count("pk", filter=EMPLOYED),
            n=Count("pk"),
            poverty=Count("pk", filter=_through_graduate(POVERTY_GROUP)),
            hardship=Count("pk", filter=_through_graduate(HARDSHIP_GROUP)),
        )
        .order_by()
    )
    return [
        PlanCount(
            major_id=row["graduate__class_group__major_id"],
            code=row["code"],
            parent_code=row["parent_code"],
            category_id=row["category_id"],
            employed=row["employed_plans"] > 0,
            reason_id=row["not_employed_reason_id"],
            plans=row["n"],
            poverty=row["poverty"],
            hardship=row["hardship"],
        )
        for row in rows
    ]


def report_units(*, major_ids) -> ReportUnits:
    """The majors (and their colleges) of ``major_ids`` in print order. Two small queries: the orders are the
    database's (names compare as the database collates them)."""
    majors = list(
        Major.objects.filter(pk__in=list(major_ids))
        .order_by("college__sort_order", "sort_order", "name")
        .values_list("pk", "name", "college_id", "college__name")
    )
    colleges = list(
        College.objects.filter(pk__in={major[2] for major in majors})
        .order_by("sort_order", "name")
        .values_list("pk", "name")
    )
    return ReportUnits(colleges=colleges, majors=majors)


def _per_college(units: ReportUnits, per_major: dict[int, int]) -> Counter:
    college_of = units.college_of()
    counts = Counter()
    for major_id, n in per_major.items():
        counts[college_of[major_id]] += n
    return counts


def _graduates_per_major(graduate_counts: dict[int, dict[str, int]]) -> dict[int, int]:
    return {major_id: counts["graduates"] for major_id, counts in graduate_counts.items()}


def _employed_per_major(plan_counts: list[PlanCount]) -> Counter:
    employed = Counter()
    for count in plan_counts:
        if count.employed:
            employed[count.major_id] += count.plans
    return employed


def report_by_college(*, units: ReportUnits, graduate_counts: dict, total: int) -> Table:
    """表 1-1: graduates per college, share of all graduates."""
    per_college = _per_college(units, _graduates_per_major(graduate_counts))
    pairs = [(name, per_college[college_id]) for college_id, name in units.colleges]
    return Table("by_college", "表 1-1 毕业生所在学院分布", _shares(pairs, total), "占毕业生总数", "bar")


def report_by_major(*, units: ReportUnits, graduate_counts: dict, total: int) -> Table:
    """表 1-2: graduates per major with its college, share of all graduates."""
    rows = []
    for major_id, name, _college_id, college in units.majors:
        n = graduate_counts[major_id]["graduates"]
        rows.append(Row(name=name, count=n, percent=percent(n, total), college=college))
    return Table("by_major", "表 1-2 毕业生专业分布", rows, "占毕业生总数")


def _ranked(counts: Counter) -> list[tuple[str, int]]:
    """(name, count) of ``counts`` keyed by (name, code): most first, then by code (ASCII digits: Python's
    order is the database's)."""
    return [(name, n) for (name, _code), n in sorted(counts.items(), key=lambda item: (-item[1], item[0][1]))]


def report_origin_ethnicity_counts(*, graduates: QuerySet[Graduate]) -> list[tuple]:
    """(origin name, code, ethnicity name, code, graduates): one query for 1.2.2 and 1.2.4 (provinces times
    ethnic groups, however many graduates there are)."""
    return list(
        graduates.values_list("origin__name", "origin__code", "ethnicity__name", "ethnicity__code")
        .annotate(n=Count("pk"))
        .order_by()
    )


def report_by_origin(*, origin_ethnicity: list[tuple], total: int) -> Table:
    """1.2.2: the ten provinces with most graduates, then 其他; share of all graduates."""
    counts = Counter()
    for name, code, _ethnicity, _ethnicity_code, n in origin_ethnicity:
        counts[(name, code)] += n
    pairs = _ranked(counts)
    top, rest = pairs[:TOP_ORIGINS], pairs[TOP_ORIGINS:]
    if rest:
        top.append((OTHER, sum(n for _, n in rest)))
    return Table("by_origin", "1.2.2 毕业生生源地分布", _shares(top, total), "占毕业生总数", "pie")


def report_by_gender(*, graduate_counts: dict, total: int) -> Table:
    """1.2.3: men, then women."""
    pairs = [
        (str(Gender.MALE.label), sum(counts["male"] for counts in graduate_counts.values())),
        (str(Gender.FEMALE.label), sum(counts["female"] for counts in graduate_counts.values())),
    ]
    return Table("by_gender", "1.2.3 毕业生性别比例", _shares(pairs, total), "占毕业生总数", "pie")


def report_by_ethnicity(*, origin_ethnicity: list[tuple], total: int) -> Table:
    """1.2.4: 汉族 first, then every minority group with at least one graduate, largest first."""
    counts = Counter()
    for _origin, _origin_code, name, code, n in origin_ethnicity:
        counts[(name, code)] += n
    pairs = _ranked(counts)
    pairs.sort(key=lambda pair: pair[0] != HAN)  # stable: keeps the minorities' order
    return Table("by_ethnicity", "1.2.4 少数民族分布比例", _shares(pairs, total), "占毕业生总数", "bar")


def category_title(scheme: DestinationScheme) -> str:
    """2.1.1's title: the seed's for a cohort whose rate is 就业率, the 2021+ wording (毕业去向) otherwise."""
    if scheme.category_scheme == seed_data.CATEGORY_SCHEME:
        return "2.1.1 分类就业情况"
    return "2.1.1 毕业去向分类情况"


def report_by_category(
    *, plan_counts: list[PlanCount], total: int, categories: list[ReportCategory], title: str
) -> tuple[Table, int]:
    """2.1.1: the cohort's scheme's categories in order, and how many graduates the employed ones hold (the
    rate's numerator). The first not-employed category (待就业) also holds the graduates with no registered
    destination: 2020's 待就业 is then everyone not employed, as the seed counts it."""
    counts = Counter()
    for count in plan_counts:
        counts[count.category_id] += count.plans
    counted = sum(counts.get(c.pk, 0) for c in categories)
    employed = sum(counts.get(c.pk, 0) for c in categories if c.counts_as_employed)
    waiting = next((c for c in categories if not c.counts_as_employed), None)
    pairs = [(c.name, counts.get(c.pk, 0) + (total - counted if c is waiting else 0)) for c in categories]
    return Table("by_category", title, _shares(pairs, total), "占毕业生总数", "pie"), employed


def _rate_rows(totals: list[tuple], employed: Counter) -> list[Row]:
    """``totals``: (name, college, key, graduates) in print order; ``employed``: key -> employed."""
    rows = []
    for name, college, key, graduates_count in totals:
        hired = employed.get(key, 0)
        rows.append(
            Row(name=name, count=hired, percent=percent(hired, graduates_count), college=college,
                graduates=graduates_count, employed=hired)
        )  # fmt: skip
    return rows


def report_rate_by_college(
    *, units: ReportUnits, graduate_counts: dict, plan_counts: list[PlanCount], scheme: DestinationScheme
) -> Table:
    """2.1.2: the rate per college (employed, 2021+: placed, over the graduates of that college)."""
    totals = _per_college(units, _graduates_per_major(graduate_counts))
    employed = _per_college(units, _employed_per_major(plan_counts))
    rows = [(name, None, college_id, totals[college_id]) for college_id, name in units.colleges]
    return Table(
        "rate_by_college", f"2.1.2 院系{scheme.rate_name}", _rate_rows(rows, employed), scheme.rate_name, "bar",
        rates=True, counted=scheme.placed_name,
    )  # fmt: skip


def report_rate_by_major(
    *, units: ReportUnits, graduate_counts: dict, plan_counts: list[PlanCount], scheme: DestinationScheme
) -> Table:
    """2.1.2: the rate per major, with its college."""
    employed = _employed_per_major(plan_counts)
    rows = [
        (name, college, major_id, graduate_counts[major_id]["graduates"])
        for major_id, name, _college_id, college in units.majors
    ]
    return Table(
        "rate_by_major", f"2.1.2 分专业{scheme.rate_name}", _rate_rows(rows, employed), scheme.rate_name, "bar",
        rates=True, counted=scheme.placed_name,
    )  # fmt: skip


def report_not_employed_reasons(*, plan_counts: list[PlanCount], total: int, employed: int) -> Table:
    """2.1.3: reasons of the graduates not employed, share of them; those with no destination at all are
    shown as 未填报去向 rather than hidden, so the rows add up to the not-employed count. A retired reason is
    listed while a plan counted here gives it: retiring it must not move those graduates out of the table."""
    not_employed = total - employed
    counts = Counter()
    for count in plan_counts:
        if not count.employed:
            counts[count.reason_id] += count.plans
    reasons = [
        reason
        for reason in NotEmployedReason.objects.order_by("sort_order", "code")
        if reason.is_active or counts.get(reason.pk)
    ]
    pairs = [(r.name, counts.get(r.pk, 0)) for r in reasons]
    without_reason = counts.get(None, 0)
    if without_reason:
        pairs.append(("未填原因", without_reason))
    registered = sum(counts.values())
    if not_employed - registered:
        pairs.append((NO_PLAN, not_employed - registered))
    return Table(
        "not_employed_reasons", "2.1.3 未就业原因", _shares(pairs, not_employed), "占未就业毕业生", "pie"
    )


def report_placed(*, plans: QuerySet[DestinationPlan]) -> QuerySet[DestinationPlan]:
    """The base of 2.2.1: the employed (the unit tables' too), each with the province their destination has,
    升学 (80x) at the admitting school's (``place_name``, ``place_code``), as the provincial platform counts
    them."""
    study = Q(destination__code__in=STUDY_BASE_CODES) | Q(destination__parent_code__in=STUDY_BASE_CODES)
    return plans.filter(EMPLOYED).annotate(
        place_name=Case(When(study, then=F("institution_province__name")), default=F("work_province__name")),
        place_code=Case(When(study, then=F("institution_province__code")), default=F("work_province__code")),
    )


def report_by_region(*, placed: QuerySet[DestinationPlan], total: int) -> Table:
    """2.2.1: the province of every employed graduate whose destination has one (升学 where the school is);
    share of all graduates, as the seed prints it."""
    rows = (
        placed.filter(place_code__isnull=False)
        .values("place_name", "place_code")
        .annotate(n=Count("pk"))
        .order_by("-n", "place_code")
    )
    pairs = [(r["place_name"], r["n"]) for r in rows]
    return Table("by_region", "2.2.1 就业区域分布", _shares(pairs, total), "占毕业生总数", "bar")


def report_unit_counts(*, plans: QuerySet[DestinationPlan]) -> list[tuple]:
    """(unit nature name, code, industry name, code, plans) of the employed: one query for 2.2.2 and 2.2.3
    (unit natures times industries). 46 carries 单位性质 40 部队 and 行业 80 军队 (rules.py)."""
    return list(
        plans.filter(EMPLOYED)
        .values_list("unit_nature__name", "unit_nature__code", "industry__name", "industry__code")
        .annotate(n=Count("pk"))
        .order_by()
    )


def _recorded_field_table(rows: list[tuple], column: int, key: str, title: str) -> Table:
    """The employed whose destination records the field (its name and code at ``column``), most first."""
    counts = Counter()
    for row in rows:
        name, code, n = row[column], row[column + 1], row[-1]
        if code is not None:
            counts[(name, code)] += n
    pairs = _ranked(counts)
    recorded = sum(n for _, n in pairs)
    return Table(key, title, _shares(pairs, recorded), "占填报该项的就业毕业生", "bar")


def report_by_unit_nature(*, unit_counts: list[tuple]) -> Table:
    """2.2.2: unit nature of the employed whose destination records one (46: 部队)."""
    return _recorded_field_table(unit_counts, 0, "by_unit_nature", "2.2.2 就业单位性质分布")


def report_by_industry(*, unit_counts: list[tuple]) -> Table:
    """2.2.3: industry of the employed whose destination records one (46: 军队)."""
    return _recorded_field_table(unit_counts, 2, "by_industry", "2.2.3 就业行业分布")


def _through_graduate(condition: Q) -> Q:
    """A condition on graduates as the same condition on their plans (each lookup under ``graduate__``)."""
    children = [
        _through_graduate(child) if isinstance(child, Q) else (f"graduate__{child[0]}", child[1])
        for child in condition.children
    ]
    return Q(*children, _connector=condition.connector, _negated=condition.negated)


def report_support(
    *,
    graduates: QuerySet[Graduate],
    plans: QuerySet[DestinationPlan],
    graduate_counts: dict | None = None,
    plan_counts: list[PlanCount] | None = None,
) -> dict[str, dict]:
    """4.2.8: ``support``, the seed's group (建档立卡 and the 52 counties), and ``support_hardship``, the wider
    hardship group (also a 困难生类别 other than 非困难生, as the support ledger counts it), each with its rate.
    Sums of the graduates' and the plans' counts (``report_graduate_counts``, ``report_plan_counts``): two
    queries, none when the report passes the counts it made."""
    if graduate_counts is None:
        graduate_counts = report_graduate_counts(graduates=graduates)
    if plan_counts is None:
        plan_counts = report_plan_counts(plans=plans)
    figures = {}
    for key, group in (("support", "poverty"), ("support_hardship", "hardship")):
        size = sum(counts[group] for counts in graduate_counts.values())
        employed = sum(getattr(count, group) for count in plan_counts if count.employed)
        figures[key] = {"graduates": size, "employed": employed, "employment_rate": percent(employed, size)}
    return figures


def report_subsidies(*, graduates: QuerySet[Graduate], as_of: datetime.date) -> dict:
    """4.2.9: one-time job-seeking subsidies paid to these graduates in batches paid on or before ``as_of``,
    summed by the database in Decimal (yuan to the fen). One query."""
    paid = SubsidyApplication.objects.filter(
        graduate__in=graduates.values("pk"), status=SubsidyStatus.PAID, batch__paid_on__lte=as_of
    ).aggregate(graduates=Count("graduate", distinct=True), amount=Sum("amount", default=0))
    return {"graduates": paid["graduates"], "amount": float(to_fen(paid["amount"]))}


def report_park() -> dict:
    """4.4.1: the entrepreneurship park as it stands (sites, area, tenants in residence, jobs they created,
    funded teams and the money granted); school-wide, not a cohort's. A fixed handful of queries."""
    totals = park_totals()
    return {
        "sites": totals["sites"],
        "area": float(totals["area"]),
        "tenants": totals["active"],
        "jobs_created": totals["jobs_created"],
        "funded_teams": totals["funding"]["funded"],
        "funding_granted": float(totals["funding"]["granted"]),
        "competitions": [
            {"year": line.year, "name": line.label, "entries": line.entries, "students": line.students,
             "medals": line.medals, "awards": line.awards}
            for line in totals["competitions"]
        ],
    }  # fmt: skip


def annual_report(*, cohort: Cohort, as_of: datetime.date, college: College | None = None) -> AnnualReport:
    """Every table of the report for a cohort at a cut-off date (optionally one college), in print order.
    The effective plans are found once (``report_plans_once``); what is returned holds only evaluated data."""
    graduates = report_graduates(cohort=cohort, college=college)
    with report_plans_once(graduates=graduates, as_of=as_of) as plans:
        report = _annual_report(cohort=cohort, as_of=as_of, college=college, graduates=graduates, plans=plans)
    if college is None:  # the surveys and the park are the school's, not a college's
        report.survey = survey_summary(cohort=cohort)
        report.consistency += survey_consistency(cohort=cohort)
        report.park = report_park()
    return report


def _annual_report(*, cohort, as_of, college, graduates, plans) -> AnnualReport:
    graduate_counts = report_graduate_counts(graduates=graduates)
    plan_counts = report_plan_counts(plans=plans)
    units = report_units(major_ids=graduate_counts)
    total = sum(counts["graduates"] for counts in graduate_counts.values())
    scheme = destination_scheme(cohort.destination_scheme)
    by_category, employed = report_by_category(
        plan_counts=plan_counts,
        total=total,
        categories=report_categories(scheme),
        title=category_title(scheme),
    )
    origin_ethnicity = report_origin_ethnicity_counts(graduates=graduates)
    unit_counts = report_unit_counts(plans=plans)
    counted = {"units": units, "graduate_counts": graduate_counts}
    tables = [
        report_by_college(**counted, total=total),
        report_by_major(**counted, total=total),
        report_by_origin(origin_ethnicity=origin_ethnicity, total=total),
        report_by_gender(graduate_counts=graduate_counts, total=total),
        report_by_ethnicity(origin_ethnicity=origin_ethnicity, total=total),
        by_category,
        report_rate_by_college(**counted, plan_counts=plan_counts, scheme=scheme),
        report_rate_by_major(**counted, plan_counts=plan_counts, scheme=scheme),
        report_not_employed_reasons(plan_counts=plan_counts, total=total, employed=employed),
        report_by_region(placed=report_placed(plans=plans), total=total),
        report_by_unit_nature(unit_counts=unit_counts),
        report_by_industry(unit_counts=unit_counts),
    ]
    support = report_support(
        graduates=graduates, plans=plans, graduate_counts=graduate_counts, plan_counts=plan_counts
    )
    report = AnnualReport(
        cohort=cohort.year,
        as_of=as_of,
        college=college.name if college else None,
        graduates=total,
        employed=employed,
        employment_rate=percent(employed, total),
        rate_name=scheme.rate_name,
        placed_name=scheme.placed_name,
        tables={table.key: table for table in tables},
        **support,  # support, support_hardship
        subsidies=report_subsidies(graduates=graduates, as_of=as_of),
    )
    report.consistency = report_consistency(report=report, graduates=graduates)
    report.warning_signs = report_warning_signs(
        plans=plans, units=units, graduate_counts=graduate_counts, plan_counts=plan_counts
    )
    report.consistency += [warning_sign_summary(sign) for sign in report.warning_signs]
    return report


def report_consistency(*, report: AnnualReport, graduates: QuerySet[Graduate]) -> list[str]:
    """Facts the data cannot support, shown rather than hidden (the seed's own slips are what this prevents)."""
    from apps.plans.selectors import in_review_at_cutoff

    notes = []
    without_plan = sum(row.count for row in report.table("not_employed_reasons").rows if row.name == NO_PLAN)
    registered = report.graduates - without_plan
    if registered < report.graduates:
        notes.append(
            f"{report.graduates - registered} 名毕业生在截止日期前没有审核通过的就业方案，计入待就业。"
        )
    in_review = in_review_at_cutoff(graduates=graduates).count()
    if in_review:
        notes.append(f"{in_review} 名毕业生有正在审核中的方案（不计入本报告）。")
    category_sum = sum(row.count for row in report.table("by_category").rows)
    if category_sum != report.graduates:
        notes.append(f"分类就业人数合计 {category_sum}，与毕业生总数 {report.graduates} 不符。")
    reasons_sum = sum(row.count for row in report.table("not_employed_reasons").rows)
    if reasons_sum != report.graduates - report.employed:
        notes.append(
            f"未就业原因合计 {reasons_sum}，与未就业人数 {report.graduates - report.employed} 不符。"
        )
    return notes
