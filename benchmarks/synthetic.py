"""Deterministic synthetic graduates for the benchmarks: the same ``size`` gives the same rows on every run and
machine (a seeded generator, no clock, no database), spread over many colleges as a province's cohort is.

``graduate_export_rows(size)`` yields the values of ``apps.graduates.exports.EXPORT_COLUMNS`` one row at a time,
so a benchmark can stream 400,000 rows without holding them; ``build_cohort(year, size, user)`` writes a
cohort of ``size`` graduates with their plans into the database (bulk statements, seeded by the year).
``import_rows(size)`` yields the same province's rows as the graduate import reads them (contract §1 columns,
valid 身份证号 with matching 性别), over the colleges, majors and classes ``synthetic_structure()`` writes.
``bench_sizes()``: the sizes every scaled benchmark runs, 5,098 / 50,000 / 400,000 unless ``HPI_BENCH_SIZES``
(e.g. ``5098,50000``) narrows them.
"""

import datetime
import os
import random
from collections.abc import Iterator
from contextlib import contextmanager

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


def class_name(major: int, klass: int, year: int = 2026) -> str:
    return f"{year % 100}级{major + 1:02d}{klass + 1}班"


def synthetic_structure(year: int = 2026) -> int:
    """The synthetic colleges (``COLLEGES``), their majors and classes, written once (bulk, idempotent);
    returns how many classes there are. The import resolves its rows against them."""
    from apps.graduates.models import ClassGroup, College, Major

    College.objects.bulk_create(
        [College(name=college_name(c), sort_order=100 + c) for c in range(COLLEGES)], ignore_conflicts=True
    )
    colleges = dict(
        College.objects.filter(name__in=[college_name(c) for c in range(COLLEGES)]).values_list("name", "pk")
    )
    Major.objects.bulk_create(
        [Major(college_id=pk, name=f"{name}专业{m + 1:02d}") for name, pk in colleges.items()
         for m in range(MAJORS_PER_COLLEGE)],
        ignore_conflicts=True,
    )  # fmt: skip
    majors = Major.objects.filter(college_id__in=colleges.values())
    ClassGroup.objects.bulk_create(
        [ClassGroup(major_id=major.pk, name=class_name(int(major.name[-2:]) - 1, k, year))
         for major in majors for k in range(CLASSES_PER_MAJOR)],
        ignore_conflicts=True,
    )  # fmt: skip
    return ClassGroup.objects.filter(major__in=majors).count()


def import_rows(size: int, *, year: int = 2026, seed: int = 14) -> Iterator[dict[str, str]]:
    """``size`` valid rows of a §1 workbook (column name -> cell text), deterministic: 学号 and 身份证号 unique
    up to 1,000,000 rows (birth dates from 2000-01-01, 500 numbers a day), 性别 agreeing with the number."""
    from apps.graduates import imports as col
    from apps.graduates.validators import id_number_check_digit
    from apps.refdata import seed_data

    chance = random.Random(seed)
    ethnicities = [name for _code, name in seed_data.ETHNICITIES[:10]]
    provinces = [name for _code, name in seed_data.PROVINCES]
    hardship = [name for _code, name, _is in seed_data.HARDSHIP_CATEGORIES]
    born = datetime.date(2000, 1, 1)
    for number in range(size):
        college = number % COLLEGES
        major = (number // COLLEGES) % MAJORS_PER_COLLEGE
        klass = (number // (COLLEGES * MAJORS_PER_COLLEGE)) % CLASSES_PER_MAJOR
        male = chance.random() < 0.5
        birth = born + datetime.timedelta(days=number // 500)
        first17 = f"420902{birth:%Y%m%d}{(number % 500) * 2 + male:03d}"
        phone = f"1{chance.randint(3, 9)}{chance.randint(0, 999999999):09d}"
        yield {
            col.COL_COHORT: str(year),
            col.COL_STUDENT_NO: f"{year % 100:02d}{college:02d}{number:07d}",
            col.COL_NAME: chance.choice(SURNAMES) + chance.choice(GIVEN) + chance.choice(GIVEN),
            col.COL_GENDER: "男" if male else "女",
            col.COL_ID_NUMBER: first17 + id_number_check_digit(first17),
            col.COL_ETHNICITY: ethnicities[0] if chance.random() < 0.8 else chance.choice(ethnicities),
            col.COL_COLLEGE: college_name(college),
            col.COL_MAJOR: f"{college_name(college)}专业{major + 1:02d}",
            col.COL_CLASS: class_name(major, klass, year),
            col.COL_ORIGIN: provinces[16] if chance.random() < 0.6 else chance.choice(provinces),
            col.COL_EDUCATION: col.DEFAULT_EDUCATION,
            col.COL_HARDSHIP: hardship[0] if chance.random() < 0.9 else chance.choice(hardship),
            col.COL_REGISTERED_POOR: "是" if chance.random() < 0.05 else "否",
            col.COL_POVERTY_COUNTY: "是" if chance.random() < 0.1 else "否",
            col.COL_PHONE: phone,
            col.COL_EMAIL: f"s{number}@example.cn" if number % 4 else "",
        }


@contextmanager
def rolled_back() -> Iterator[None]:
    """A transaction undone on leaving, however it is left: a benchmark measures over rows it writes and leaves
    the database as it found it (an exception inside still propagates)."""
    from django.db import transaction

    with transaction.atomic():
        yield
        transaction.set_rollback(True)


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
    _analyze("graduates_graduate", "plans_destinationplan")
    return cohort


def _analyze(*tables: str) -> None:
    """PostgreSQL's statistics of the tables just filled, as autovacuum takes them within a minute of a bulk
    load in production: without them the planner guesses an empty table's and the first queries after the
    load run nested loops over thousands of rows (a 5,098 chase page: 1.4 s instead of 0.07 s)."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {', '.join(tables)}")


_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    '<Override PartName="/xl/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>'
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="{name}" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'worksheet" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'sharedStrings" Target="sharedStrings.xml"/>'
    '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'styles" Target="styles.xml"/></Relationships>'
)
_STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<fonts count="1"><font><sz val="11"/><name val="宋体"/></font></fonts>'
    '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
    '<borders count="1"><border/></borders>'
    '<cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="1"><xf xfId="0"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'
)


def write_text_workbook(path, header: list[str], rows: Iterator[list[str]], *, sheet: str = "Sheet1") -> int:
    """An .xlsx of text cells as Excel and WPS save one: shared strings and the sheet's dimension recorded
    (openpyxl's write-only mode writes neither, and its reader then scans the sheet twice and parses every
    inline string slowly, which no file from an office would make it do). Streams the sheet; returns rows."""
    import zipfile
    from xml.sax.saxutils import escape

    from openpyxl.utils import get_column_letter

    strings: dict[str, int] = {}
    letters = [get_column_letter(n) for n in range(1, len(header) + 1)]
    count = 0
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _ROOT_RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK.format(name=escape(sheet)))
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        archive.writestr("xl/styles.xml", _STYLES)
        body = []
        for number, cells in enumerate(
            [header, *rows] if isinstance(rows, list) else _chain(header, rows), 1
        ):
            parts = [f'<row r="{number}">']
            for letter, value in zip(letters, cells, strict=True):
                if value == "":
                    continue
                index = strings.setdefault(value, len(strings))
                parts.append(f'<c r="{letter}{number}" t="s"><v>{index}</v></c>')
            parts.append("</row>")
            body.append("".join(parts))
            count = number
        with archive.open("xl/worksheets/sheet1.xml", "w") as part:
            part.write(
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet '
                f'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:'
                f'{letters[-1]}{count}"/><sheetData>'.encode()
            )
            for start in range(0, len(body), 10_000):
                part.write("".join(body[start : start + 10_000]).encode())
            part.write(b"</sheetData></worksheet>")
        del body
        with archive.open("xl/sharedStrings.xml", "w") as part:
            part.write(
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.'
                f'openxmlformats.org/spreadsheetml/2006/main" count="{len(strings)}" '
                f'uniqueCount="{len(strings)}">'.encode()
            )
            batch = []
            for value in strings:
                batch.append(f"<si><t>{escape(value)}</t></si>")
                if len(batch) == 10_000:
                    part.write("".join(batch).encode())
                    batch = []
            part.write(("".join(batch) + "</sst>").encode())
    return count - 1


def _chain(header, rows):
    yield header
    yield from rows
