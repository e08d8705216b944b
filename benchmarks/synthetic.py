"""Deterministic synthetic graduates for the benchmarks: the same ``size`` gives the same rows on every run and
machine (a seeded generator, no clock, no database), spread over many colleges as a province's cohort is.

``graduate_export_rows(size)`` yields the values of ``apps.graduates.exports.EXPORT_COLUMNS`` one row at a time,
so a benchmark can stream 400,000 rows without holding them.
"""

import random
from collections.abc import Iterator

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
