"""The graduate import as the page runs it (a background job) against a plain read + bulk insert of the same
workbook, at 5,098 / 50,000 / 400,000 rows (``HPI_BENCH_SIZES``).

(a) ours: the job the import page enqueues after its dry run (``apps.jobs.runner.execute`` of a
    ``graduate_import`` job, called in-process, not via a worker): the file read by calamine, every row
    checked, graduates, their student accounts and their historical rows written in one transaction;
(b) floor: openpyxl (read-only) reads the file, foreign keys are resolved from dicts,
    ``Graduate.objects.bulk_create``.
The workbook holds ``benchmarks.synthetic.import_rows(size)`` (contract §1 columns) over the synthetic
colleges, majors and classes, which exist first, as does the cohort. Each run is rolled back, so both start
from the same state and the database is left as it was found. The upload limits (60,000 rows, 10 MB) are what
one school's site sets; a province's import of 400,000 rows runs here with them raised to fit (settings
``IMPORT_MAX_*``), as such a site would. Target: ratio <= 3 at 400,000.
"""

import shutil
import tempfile
import time
from pathlib import Path

import openpyxl
from django.conf import settings
from django.test import override_settings

from apps.accounts.models import Role, User
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
    DEFAULT_EDUCATION,
    DEFAULT_HARDSHIP,
    GENDERS,
    REQUIRED_COLUMNS,
    YES,
)
from apps.graduates.models import ClassGroup, Cohort, College, Graduate, Major
from apps.jobs.models import Job, JobKind, JobStatus
from apps.jobs.runner import execute
from apps.jobs.services import job_directory
from apps.refdata import seed_data
from apps.refdata.models import EducationLevel, Ethnicity, HardshipCategory, Province
from benchmarks.synthetic import (
    bench_sizes,
    import_rows,
    rolled_back,
    synthetic_structure,
    write_text_workbook,
)

YEAR = 2026
TARGET_RATIO = 3.0
COLUMNS = [*REQUIRED_COLUMNS, COL_EDUCATION, COL_HARDSHIP, COL_REGISTERED_POOR, COL_POVERTY_COUNTY,
           COL_PHONE, COL_EMAIL]  # fmt: skip


def repeats(size: int) -> int:
    return 3 if size <= 10_000 else 1  # best of 3 where a run is seconds; once where it is minutes


def province_limits(size: int):
    """The upload bounds raised to a province's file of ``size`` rows (the row count, with a margin on the
    rest); below 60,000 rows they are the settings' own."""
    if size <= settings.IMPORT_MAX_ROWS:
        return override_settings()
    factor = size / settings.IMPORT_MAX_ROWS + 1
    return override_settings(
        IMPORT_MAX_ROWS=size,
        IMPORT_MAX_UPLOAD_BYTES=int(settings.IMPORT_MAX_UPLOAD_BYTES * factor),
        IMPORT_MAX_UNPACKED_BYTES=int(settings.IMPORT_MAX_UNPACKED_BYTES * factor),
        IMPORT_MAX_ENTRY_BYTES=int(settings.IMPORT_MAX_UNPACKED_BYTES * factor),
        IMPORT_MAX_CELLS=int(4_000_000 * factor),
    )


def write_workbook(path: Path, size: int) -> None:
    # Every cell text, as the template's identifier columns are; shared strings, as an office saves them.
    rows = ([row[name] for name in COLUMNS] for row in import_rows(size, year=YEAR))
    write_text_workbook(path, COLUMNS, rows, sheet="生源信息")


def ours(path: Path, size: int, owner: User) -> float:
    job = Job.objects.create(owner=owner, kind=JobKind.GRADUATE_IMPORT, source_name=path.name)
    directory = job_directory(job)
    directory.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(path, directory / "source.xlsx")  # what job_create's move does, untimed
    job.source_file = str((directory / "source.xlsx").relative_to(settings.MEDIA_ROOT))
    job.save(update_fields=["source_file"])
    started = time.perf_counter()
    execute(job.pk)
    elapsed = time.perf_counter() - started
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED, (job.summary, job.errors[:5])
    assert Graduate.objects.filter(cohort__year=YEAR).count() == size
    return elapsed


def floor(path: Path, size: int, owner: User) -> float:
    started = time.perf_counter()
    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    rows = workbook.worksheets[0].iter_rows(values_only=True)
    at = {name: position for position, name in enumerate(next(rows))}

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
    for row in rows:
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
    workbook.close()
    Graduate.objects.bulk_create(graduates, batch_size=2000)
    elapsed = time.perf_counter() - started
    assert Graduate.objects.filter(cohort__year=YEAR).count() == size
    return elapsed


def run_rolled_back(run, *args) -> float:
    """One run from the starting state, undone afterwards; returns its seconds."""
    with rolled_back():
        return run(*args)


def measure(size: int, scratch: Path) -> dict:
    path = scratch / f"graduates-{size}.xlsx"
    started = time.perf_counter()
    write_workbook(path, size)
    print(f"{size:,} rows: workbook {path.stat().st_size / 2**20:.1f} MiB, written in "
          f"{time.perf_counter() - started:.1f} s", flush=True)  # fmt: skip
    times: dict[str, list[float]] = {"ours": [], "floor": []}
    with rolled_back(), province_limits(size):
        classes = synthetic_structure(YEAR)
        Cohort.objects.get_or_create(year=YEAR)
        owner = User.objects.create_user("bench-import-centre", password=None, role=Role.CENTRE)
        for _ in range(repeats(size)):  # interleaved, so drift in the machine hits both alike
            times["ours"].append(run_rolled_back(ours, path, size, owner))
            times["floor"].append(run_rolled_back(floor, path, size, owner))
            print(f"  ours {times['ours'][-1]:.2f} s, floor {times['floor'][-1]:.2f} s", flush=True)
    path.unlink()
    best = {name: min(values) for name, values in times.items()}
    ratio = best["ours"] / best["floor"]
    verdict = "ok" if ratio <= TARGET_RATIO else "OVER TARGET"
    print(
        f"  {classes} classes; best: ours {best['ours']:.2f} s ({size / best['ours']:,.0f} rows/s), floor "
        f"{best['floor']:.2f} s ({size / best['floor']:,.0f} rows/s); ratio {ratio:.2f} (target <= "
        f"{TARGET_RATIO:g}: {verdict})",
        flush=True,
    )
    return {"figure": "graduate import (job)", "size": size, "ours": best["ours"], "floor": best["floor"],
            "unit": "s"}  # fmt: skip


def main() -> list[dict]:
    if Graduate.objects.filter(cohort__year=YEAR).exists():
        print(f"skipped: the {YEAR} cohort is not empty (the import is measured into an empty one)")
        return []
    users_before = User.objects.count()
    with tempfile.TemporaryDirectory(prefix="hpi-bench-import-") as scratch:
        figures = [measure(size, Path(scratch)) for size in bench_sizes()]
    assert not Graduate.objects.filter(cohort__year=YEAR).exists() and User.objects.count() == users_before
    return figures
