"""The graduate import against a plain bulk insert of the same 5,098-row workbook.

(a) ours: ``graduate_import`` dry run, then the confirmed import (which reads, checks and writes again, and
    creates a student account per graduate), into an empty graduate table;
(b) baseline: openpyxl reads the file, foreign keys are resolved from dicts, ``Graduate.objects.bulk_create``.
Both start from the same state (cohort, colleges, majors and classes present, no graduates) and each run is
rolled back, so the database is left as it was found. Prints rows per second and the time ratio ours/baseline
(target: at most 3).
"""

import statistics
import tempfile
import time
from pathlib import Path

import openpyxl
from django.db import transaction

from apps.accounts.models import User
from apps.graduates.imports import (
    COL_CLASS,
    COL_COHORT,
    COL_COLLEGE,
    COL_EDUCATION,
    COL_EMAIL,
    COL_ETHNICITY,
    COL_GENDER,
    COL_HARDSHIP,
    COL_ID_NUMBER,
    COL_MAJOR,
    COL_NAME,
    COL_ORIGIN,
    COL_PHONE,
    COL_POVERTY_COUNTY,
    COL_REGISTERED_POOR,
    COL_STUDENT_NO,
    COLUMNS,
    DEFAULT_EDUCATION,
    DEFAULT_HARDSHIP,
    GENDERS,
    YES,
    graduate_import,
)
from apps.graduates.models import ClassGroup, Cohort, College, Graduate, Major
from apps.graduates.validators import id_number_check_digit
from apps.refdata import seed_data
from apps.refdata.models import EducationLevel, Ethnicity, HardshipCategory, Province

ROWS = 5_098
REPEATS = 3
TARGET_RATIO = 3.0


class _Rollback(Exception):
    pass


def demo_rows() -> list[dict[str, str]] | None:
    """The demo cohort's rows, with its colleges, majors and classes written, when the demo module exists."""
    try:
        from apps.graduates.demo import demo_graduate_rows
        from apps.graduates.demo.load import demo_structure_load
    except ImportError:
        return None
    demo_structure_load(with_classes=True)
    return demo_graduate_rows()


def generated_rows(count: int) -> list[dict[str, str]]:
    """Valid rows over three colleges of two majors each (colleges, majors and classes written here)."""
    structure = {
        "护理学院": ["护理", "助产"],
        "机电工程学院": ["数控技术", "机电一体化技术"],
        "信息技术学院": ["软件技术", "计算机网络技术"],
    }
    majors = []
    for order, (college_name, major_names) in enumerate(structure.items(), start=1):
        college, _ = College.objects.get_or_create(name=college_name, defaults={"sort_order": order})
        majors += [Major.objects.get_or_create(college=college, name=name)[0] for name in major_names]
    ethnicities = [name for _code, name in seed_data.ETHNICITIES[:8]]
    provinces = [name for _code, name in seed_data.PROVINCES]
    hardship = [name for _code, name, _is in seed_data.HARDSHIP_CATEGORIES]
    rows = []
    classes: set[tuple[Major, str]] = set()
    for n in range(count):
        major = majors[n % len(majors)]
        class_name = f"{major.name}{n % 5 + 1}班"
        classes.add((major, class_name))
        # Unique for n < 10,000: n mod 2,100 is fixed by (n % 3, n % 28, n % 100), n // 1000 tells the rest.
        first17 = f"420902{1998 + n % 3}{(n // 28) % 12 + 1:02d}{n % 28 + 1:02d}{n // 1000:01d}{n % 100:02d}"
        rows.append(
            {
                COL_COHORT: "2020",
                COL_STUDENT_NO: f"2017{n:06d}",
                COL_NAME: f"学生{n}",
                COL_GENDER: "女" if n % 2 else "男",
                COL_ID_NUMBER: first17 + id_number_check_digit(first17),
                COL_ETHNICITY: ethnicities[0] if n % 20 else ethnicities[n % len(ethnicities)],
                COL_COLLEGE: major.college.name,
                COL_MAJOR: major.name,
                COL_CLASS: class_name,
                COL_ORIGIN: provinces[16] if n % 3 else provinces[n % len(provinces)],
                COL_EDUCATION: DEFAULT_EDUCATION,
                COL_HARDSHIP: hardship[n % len(hardship)] if n % 10 == 0 else DEFAULT_HARDSHIP,
                COL_REGISTERED_POOR: "是" if n % 17 == 0 else "否",
                COL_POVERTY_COUNTY: "是" if n % 11 == 0 else "否",
                COL_PHONE: f"138{n:08d}",
                COL_EMAIL: f"s{n}@example.cn" if n % 4 else "",
            }
        )
    for major, class_name in classes:
        ClassGroup.objects.get_or_create(major=major, name=class_name)
    Cohort.objects.get_or_create(year=2020)
    return rows


def write_workbook(path: Path, rows: list[dict[str, str]]) -> None:
    # A normal (not write-only) workbook records its dimension, as Excel and WPS do; without it openpyxl's
    # read-only mode parses the whole sheet once more just to learn its size.
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(list(COLUMNS))
    for row in rows:
        sheet.append([row.get(name, "") for name in COLUMNS])  # a column the rows lack (毕业状态) stays blank
    workbook.save(path)


def ours(path: Path) -> None:
    preview = graduate_import(rows_source=path, dry_run=True)
    assert preview.ok and preview.new == ROWS, preview.errors[:5]
    result = graduate_import(rows_source=path, dry_run=False)
    assert result.written and result.new == ROWS, result.errors[:5]


def baseline(path: Path) -> None:
    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    rows = list(workbook.worksheets[0].iter_rows(values_only=True))
    workbook.close()
    at = {name: position for position, name in enumerate(rows[0])}

    def names(model, scheme):
        return dict(model.objects.filter(scheme=scheme).values_list("name", "pk"))

    cohorts = dict(Cohort.objects.values_list("year", "pk"))
    ethnicities = names(Ethnicity, seed_data.ETHNICITY_SCHEME)
    provinces = names(Province, seed_data.PROVINCE_SCHEME)
    education = names(EducationLevel, seed_data.EDUCATION_SCHEME)
    hardship = names(HardshipCategory, seed_data.HARDSHIP_SCHEME)
    colleges = dict(College.objects.values_list("name", "pk"))
    majors = {(c, n): pk for c, n, pk in Major.objects.values_list("college_id", "name", "pk")}
    classes = {(m, n): pk for m, n, pk in ClassGroup.objects.values_list("major_id", "name", "pk")}
    graduates = []
    for row in rows[1:]:
        major_id = majors[(colleges[row[at[COL_COLLEGE]]], row[at[COL_MAJOR]])]
        graduates.append(
            Graduate(
                cohort_id=cohorts[int(row[at[COL_COHORT]])],
                student_no=str(row[at[COL_STUDENT_NO]]),
                name=row[at[COL_NAME]],
                gender=GENDERS[row[at[COL_GENDER]]],
                id_number=row[at[COL_ID_NUMBER]],
                ethnicity_id=ethnicities[row[at[COL_ETHNICITY]]],
                class_group_id=classes[(major_id, row[at[COL_CLASS]])],
                origin_id=provinces[row[at[COL_ORIGIN]]],
                education_level_id=education[row[at[COL_EDUCATION]] or DEFAULT_EDUCATION],
                hardship_category_id=hardship[row[at[COL_HARDSHIP]] or DEFAULT_HARDSHIP],
                registered_poor=row[at[COL_REGISTERED_POOR]] == YES,
                poverty_county=row[at[COL_POVERTY_COUNTY]] == YES,
                phone=row[at[COL_PHONE]] or "",
                email=row[at[COL_EMAIL]] or "",
            )
        )
    Graduate.objects.bulk_create(graduates)
    assert Graduate.objects.count() == ROWS


def timed(run, path: Path) -> float:
    """One run from the starting state, undone afterwards."""
    started = time.perf_counter()
    try:
        with transaction.atomic():
            run(path)
            elapsed = time.perf_counter() - started
            raise _Rollback
    except _Rollback:
        pass
    return elapsed


def main() -> list[dict]:
    if Graduate.objects.exists():
        print("skipped: the graduate table is not empty (the import is measured into an empty one)")
        return []
    users_before = User.objects.count()
    try:
        with transaction.atomic():
            rows = demo_rows()
            source = "apps.graduates.demo.demo_graduate_rows()"
            if rows is None:
                rows, source = generated_rows(ROWS), "generated rows"
            assert len(rows) == ROWS, len(rows)
            with tempfile.TemporaryDirectory(prefix="hpi-bench-import-") as scratch:
                path = Path(scratch) / "graduates.xlsx"
                write_workbook(path, rows)
                print(f"{ROWS} rows from {source}; workbook {path.stat().st_size / 1024:.0f} KB")
                times: dict[str, list[float]] = {"ours": [], "baseline": []}
                for _ in range(REPEATS):  # interleaved, so drift in the machine hits both alike
                    times["ours"].append(timed(ours, path))
                    times["baseline"].append(timed(baseline, path))
            raise _Rollback
    except _Rollback:
        pass
    assert not Graduate.objects.exists() and User.objects.count() == users_before

    best = {name: min(values) for name, values in times.items()}
    print(f"{'':<34}{'best s':>8}{'median s':>10}{'rows/s':>10}")
    labels = {"ours": "(a) ours: dry run + confirm", "baseline": "(b) baseline: openpyxl + bulk_create"}
    for name, values in times.items():
        print(
            f"{labels[name]:<34}{best[name]:>8.2f}{statistics.median(values):>10.2f}{ROWS / best[name]:>10.0f}"
        )
    ratio = best["ours"] / best["baseline"]
    verdict = "ok" if ratio <= TARGET_RATIO else "OVER TARGET"
    print(f"time ratio ours/baseline: {ratio:.2f} (target <= {TARGET_RATIO:g}: {verdict})")
    return [
        {"figure": "graduate import (preview + confirm)", "size": ROWS, "ours": best["ours"],
         "floor": best["baseline"], "unit": "s"}
    ]  # fmt: skip
