"""Deterministic synthetic graduates for the benchmarks: the same ``size`` gives the same rows on every run and
machine (a seeded generator, no clock, no database), spread over many colleges as a province's cohort is.

``graduate_export_rows(size)`` yields the values of ``apps.graduates.exports.EXPORT_COLUMNS`` one row at a time,
so a benchmark can stream 400,000 rows without holding them; ``build_cohort(year, size, user)`` writes a
cohort of ``size`` graduates with their plans into the database (bulk statements, seeded by the year).
``bench_sizes()``: the sizes every scaled benchmark runs, 5,098 / 50,000 / 400,000 unless ``HPI_BENCH_SIZES``
(e.g. ``5098,50000``) narrows them.
"""

import datetime
import os
import random
from collections.abc import Iterator

DEFAULT_SIZES = "5098,50000,400000"
BATCH = 5000
COLLEGES = 40
MAJORS_PER_COLLEGE = 12
CLASSES_PER_MAJOR = 6
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂"
ETHNICITIES = ["汉族"] * 8 + ["彝族", "苗族"]
ORIGINS = ["贵州省", "四川省", "云南省", "湖南省", "重庆市", "广西壮族自治区"]
LEVELS = ["专科生毕业", "本科生毕业"]
HARDSHIP = ["非困难生"] * 7 + ["低保家庭", "残疾", "零就业家庭"]


def college_name(index: int) -> str:
    return f"第{index + 1:02d}学院"


def graduate_export_rows(size: int, *, year: int = 2026, seed: int = 14) -> Iterator[tuple]:
    """``size`` rows in the export's column order, masked as the export masks them."""
    chance = random.Random(seed)
    for number in range(size):
        college = number % COLLEGES
        major = (number // COLLEGES) % MAJORS_PER_COLLEGE
        klass = (number // (COLLEGES * MAJORS_PER_COLLEGE)) % CLASSES_PER_MAJOR
        phone = f"1{chance.randint(3, 9)}{chance.randint(0, 999999999):09d}"
        hardship = chance.choice(HARDSHIP)
        yield (
            year,
            f"{year % 100:02d}{college:02d}{number:07d}",
            chance.choice(SURNAMES) + chance.choice(GIVEN) + chance.choice(GIVEN),
            chance.choice(("男", "女")),
            f"520{chance.randint(100, 999)}********{chance.randint(0, 9999):04d}",
            chance.choice(ETHNICITIES),
            college_name(college),
            f"{college_name(college)}专业{major + 1:02d}",
            f"{year % 100}级{major + 1:02d}{klass + 1}班",
            chance.choice(ORIGINS),
            chance.choice(LEVELS),
            hardship,
            "是" if hardship != "非困难生" and chance.random() < 0.5 else "否",
            "是" if chance.random() < 0.1 else "否",
            f"{phone[:3]}****{phone[-4:]}",
            f"s{number}@*****.cn",
        )


def bench_sizes(override: str | None = None) -> tuple[int, ...]:
    return tuple(int(n) for n in (override or os.environ.get("HPI_BENCH_SIZES", DEFAULT_SIZES)).split(","))


def build_cohort(year: int, size: int, user):
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
