"""The whole annual report (JSON) for synthetic cohorts of 5,098, 50,000 and 500,000 graduates, next to the
bare SQL GROUP BY queries the same tables need, run side by side. Target: under 0.5 s at 5,098 and within 2x
of the bare queries at every size. ``HPI_BENCH_REPORT_SIZES=5098,50000`` picks the sizes."""

import datetime
import os
import random
from time import perf_counter

SIZES = tuple(int(n) for n in os.environ.get("HPI_BENCH_REPORT_SIZES", "5098,50000,500000").split(","))
AS_OF = datetime.date(2020, 8, 31)
BATCH = 5000

# What the report's tables need, as plain SQL: the effective plan per graduate (the latest approved on or
# before the date), then one GROUP BY per table.
EFFECTIVE = """
WITH ranked AS (
  SELECT p.*, ROW_NUMBER() OVER (PARTITION BY p.graduate_id ORDER BY p.approved_on DESC, p.approved_at DESC, p.id DESC) AS rn
  FROM plans_destinationplan p
  JOIN graduates_graduate g ON g.id = p.graduate_id
  WHERE g.cohort_id = %s AND p.status IN ('approved', 'superseded') AND p.approved_on <= %s
), eff AS (SELECT * FROM ranked WHERE rn = 1)
"""
BARE_QUERIES = [
    "SELECT COUNT(*) FROM graduates_graduate WHERE cohort_id = %s",
    "SELECT m.college_id, COUNT(*) FROM graduates_graduate g JOIN graduates_classgroup c ON c.id = g.class_group_id "
    "JOIN graduates_major m ON m.id = c.major_id WHERE g.cohort_id = %s GROUP BY m.college_id",
    "SELECT c.major_id, COUNT(*) FROM graduates_graduate g JOIN graduates_classgroup c ON c.id = g.class_group_id "
    "WHERE g.cohort_id = %s GROUP BY c.major_id",
    "SELECT origin_id, COUNT(*) FROM graduates_graduate WHERE cohort_id = %s GROUP BY origin_id",
    "SELECT gender, COUNT(*) FROM graduates_graduate WHERE cohort_id = %s GROUP BY gender",
    "SELECT ethnicity_id, COUNT(*) FROM graduates_graduate WHERE cohort_id = %s GROUP BY ethnicity_id",
    EFFECTIVE
    + "SELECT d.category_id, COUNT(*) FROM eff JOIN refdata_destinationcode d ON d.id = eff.destination_id GROUP BY d.category_id",
    EFFECTIVE + "SELECT m.college_id, COUNT(*) FROM eff JOIN graduates_graduate g ON g.id = eff.graduate_id "
    "JOIN graduates_classgroup c ON c.id = g.class_group_id JOIN graduates_major m ON m.id = c.major_id "
    "JOIN refdata_destinationcode d ON d.id = eff.destination_id JOIN refdata_reportcategory rc ON rc.id = d.category_id "
    "WHERE rc.counts_as_employed GROUP BY m.college_id",
    EFFECTIVE + "SELECT c.major_id, COUNT(*) FROM eff JOIN graduates_graduate g ON g.id = eff.graduate_id "
    "JOIN graduates_classgroup c ON c.id = g.class_group_id JOIN refdata_destinationcode d ON d.id = eff.destination_id "
    "JOIN refdata_reportcategory rc ON rc.id = d.category_id WHERE rc.counts_as_employed GROUP BY c.major_id",
    EFFECTIVE + "SELECT not_employed_reason_id, COUNT(*) FROM eff GROUP BY not_employed_reason_id",
    EFFECTIVE + "SELECT work_province_id, COUNT(*) FROM eff GROUP BY work_province_id",
    EFFECTIVE + "SELECT unit_nature_id, COUNT(*) FROM eff GROUP BY unit_nature_id",
    EFFECTIVE + "SELECT industry_id, COUNT(*) FROM eff GROUP BY industry_id",
]


def _build_cohort(year: int, size: int, user):
    """A synthetic cohort over the demo's colleges and majors: graduates, each with one approved plan (80%
    employed), a tenth also with an earlier superseded one. Written with bulk_create in batches."""
    from apps.graduates.models import ClassGroup, Cohort, Graduate
    from apps.graduates.validators import id_number_check_digit
    from apps.plans.models import DestinationPlan, PlanStatus
    from apps.refdata.models import (
        DestinationCode,
        EducationLevel,
        Ethnicity,
        HardshipCategory,
        Industry,
        NotEmployedReason,
        Province,
        UnitNature,
    )  # fmt: skip

    rng = random.Random(year)
    cohort = Cohort.objects.create(year=year)
    classes = list(ClassGroup.objects.values_list("pk", flat=True))
    provinces = list(Province.objects.values_list("pk", flat=True))
    ethnicities = list(Ethnicity.objects.values_list("pk", flat=True))
    education = EducationLevel.objects.get(code="41").pk
    hardship = HardshipCategory.objects.get(code="0").pk
    codes = {c.code: c.pk for c in DestinationCode.objects.filter(scheme="2020")}
    natures = list(UnitNature.objects.values_list("pk", flat=True))
    industries = list(Industry.objects.values_list("pk", flat=True))
    reasons = list(NotEmployedReason.objects.values_list("pk", flat=True))
    approved_at = datetime.datetime(2020, 7, 1, 12, tzinfo=datetime.UTC)
    for start in range(0, size, BATCH):
        graduates = []
        for n in range(start, min(size, start + BATCH)):
            first17 = f"9{year % 10}0000{n:011d}"  # 9x is no province code: never the demo's numbers
            graduates.append(
                Graduate(
                    cohort=cohort,
                    student_no=f"{year}{n:08d}",
                    name=f"生{n}",
                    gender="MF"[n % 2],
                    id_number=first17 + id_number_check_digit(first17),
                    class_group_id=rng.choice(classes),
                    origin_id=rng.choice(provinces),
                    ethnicity_id=rng.choice(ethnicities),
                    education_level_id=education,
                    hardship_category_id=hardship,
                    registered_poor=n % 10 == 0,
                )  # fmt: skip
            )
        Graduate.objects.bulk_create(graduates)
        ids = Graduate.objects.filter(
            cohort=cohort, student_no__in=[g.student_no for g in graduates]
        ).values_list("pk", flat=True)
        plans = []
        for graduate_id in ids:
            employed = rng.random() < 0.8
            code = rng.choice(["10", "11", "12", "76", "80"]) if employed else "70"
            fields = (
                {"work_province_id": rng.choice(provinces), "unit_nature_id": rng.choice(natures),
                 "industry_id": rng.choice(industries), "employer_name": "某单位"}
                if employed else {"not_employed_reason_id": rng.choice(reasons)}
            )  # fmt: skip
            day = datetime.date(2020, 5, 1) + datetime.timedelta(days=rng.randrange(150))
            if rng.random() < 0.1:
                plans.append(
                    DestinationPlan(
                        graduate_id=graduate_id,
                        destination_id=codes["70"],
                        status=PlanStatus.SUPERSEDED,
                        approved_on=day - datetime.timedelta(days=20),
                        approved_at=approved_at,
                        created_by=user,
                        not_employed_reason_id=reasons[0],
                    )  # fmt: skip
                )
            plans.append(
                DestinationPlan(
                    graduate_id=graduate_id,
                    destination_id=codes[code],
                    status=PlanStatus.APPROVED,
                    approved_on=day,
                    approved_at=approved_at,
                    created_by=user,
                    **fields,
                )  # fmt: skip
            )
        DestinationPlan.objects.bulk_create(plans, batch_size=2000)
    return cohort


def _best_of(runs: int, work) -> float:
    best = float("inf")
    for _ in range(runs):
        started = perf_counter()
        work()
        best = min(best, perf_counter() - started)
    return best


def main() -> None:
    from django.core.management import call_command
    from django.db import connection

    from apps.accounts.models import Role, User
    from apps.reports.formatters import report_to_json
    from apps.reports.selectors import annual_report

    if not __import__("apps.graduates.models", fromlist=["College"]).College.objects.exists():
        from io import StringIO

        call_command("load_demo_cohort", stdout=StringIO())  # the colleges, majors and classes to spread over
    user = User.objects.filter(role=Role.CENTRE).first() or User.objects.create_user(
        "bench", role=Role.CENTRE
    )
    print(f"annual report on {connection.vendor}; best of 3 runs each")
    print(f"{'graduates':>10}{'report s':>10}{'bare SQL s':>12}{'ratio':>8}  target")
    for index, size in enumerate(SIZES):
        started = perf_counter()
        cohort = _build_cohort(2040 + index, size, user)
        built = perf_counter() - started
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")

        def ours(cohort=cohort):
            report_to_json(annual_report(cohort=cohort, as_of=AS_OF))

        def bare(cohort=cohort):
            with connection.cursor() as cursor:
                for sql in BARE_QUERIES:
                    cursor.execute(sql, [cohort.pk] if "WITH ranked" not in sql else [cohort.pk, AS_OF])
                    cursor.fetchall()

        runs = 3 if size <= 50_000 else 1
        ours_s, bare_s = _best_of(runs, ours), _best_of(runs, bare)
        ratio = ours_s / bare_s
        target = ("ok" if ours_s < 0.5 else "SLOW") + " <0.5 s, " if size <= 5098 else ""
        target += "ok" if ratio <= 2 else "over 2x"
        print(f"{size:>10,}{ours_s:>10.3f}{bare_s:>12.3f}{ratio:>8.2f}  {target}   (built in {built:.0f} s)")
