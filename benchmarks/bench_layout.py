"""The national-layout export (contract §5) streamed: rows from a database iterator into openpyxl's
write-only sheet. Prints rows, seconds and how far the process's resident memory rose above what it held
before the export (sampled every 10 ms from /proc, Linux) while exporting 5,000 and 50,000 registered
graduates: flat memory means the two rises are about the same.

    python benchmarks/run.py layout            # 5,000 and 50,000
    HPI_BENCH_LAYOUT_SIZES=500,5000 python benchmarks/run.py layout
"""

import datetime
import os
import threading
from time import perf_counter

SIZES = tuple(int(size) for size in os.environ.get("HPI_BENCH_LAYOUT_SIZES", "5000,50000").split(","))
PAGE = os.sysconf("SC_PAGE_SIZE")


def _rss() -> int:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * PAGE


class _PeakSampler(threading.Thread):
    """The highest resident size seen while running, every 10 ms (no tracing: it does not slow the export)."""

    def __init__(self):
        super().__init__(daemon=True)
        self.peak = _rss()
        self.done = threading.Event()

    def run(self):
        while not self.done.wait(0.01):
            self.peak = max(self.peak, _rss())


def _make_cohort(size: int):
    from apps.accounts.models import Role, User
    from apps.graduates.models import ClassGroup, Cohort, College, Graduate, Major
    from apps.plans.models import DestinationPlan, PlanStatus
    from apps.refdata.models import (
        AdministrativeDivision,
        DestinationCode,
        EducationLevel,
        Ethnicity,
        HardshipCategory,
        Industry,
        Province,
        UnitNature,
        WorkPosition,
    )

    cohort = Cohort.objects.create(year=2090 + size % 9, destination_scheme="2021")
    college = College.objects.create(name=f"基准学院{size}")
    major = Major.objects.create(college=college, name="护理", code="520201")
    group = ClassGroup.objects.create(major=major, name="护理1班")
    centre = User.objects.create_user(username=f"bench-centre-{size}", role=Role.CENTRE)
    common = {
        "cohort": cohort, "class_group": group, "gender": "F",
        "ethnicity": Ethnicity.objects.get(code="01"), "origin": Province.objects.get(code="42"),
        "education_level": EducationLevel.objects.get(code="41"),
        "hardship_category": HardshipCategory.objects.get(code="0"),
        "political_status": "共青团员", "urban_rural_origin": "农村", "enrolled_on": datetime.date(2022, 9, 1),
        "graduated_on": datetime.date(2025, 6, 30), "study_form": "普通全日制",
    }  # fmt: skip
    graduates = Graduate.objects.bulk_create(
        [
            Graduate(student_no=f"B{size}{n:07d}", name=f"学生{n}", id_number=f"{size:06d}{n:012d}", **common)
            for n in range(size)
        ],
        batch_size=2000,
    )
    if any(graduate.pk is None for graduate in graduates):
        graduates = list(Graduate.objects.filter(cohort=cohort))
    plan = {
        "destination": DestinationCode.objects.get(scheme="2021", code="11"), "status": PlanStatus.APPROVED,
        "employer_name": "孝感市中心医院", "unit_nature": UnitNature.objects.get(code="23"),
        "industry": Industry.objects.get(code="43"), "work_province": Province.objects.get(code="42"),
        "work_county": AdministrativeDivision.objects.get(code="420902"), "work_address": "孝南区广场街6号",
        "work_position": WorkPosition.objects.get(code="19"), "job_title": "护士", "contract_type": "labour",
        "contract_date": datetime.date(2025, 5, 10), "approved_on": datetime.date(2025, 8, 20),
        "approved_at": datetime.datetime(2025, 8, 20, 4, tzinfo=datetime.UTC), "created_by": centre,
    }  # fmt: skip
    DestinationPlan.objects.bulk_create(
        [DestinationPlan(graduate=graduate, **plan) for graduate in graduates], batch_size=2000
    )
    return cohort


def main() -> None:
    import tempfile

    from apps.plans.national_layout.export import layout_rows, write_layout_xlsx
    from benchmarks.synthetic import rolled_back

    print(f"{'graduates':>10}{'rows':>8}{'seconds':>9}{'RSS rise MiB':>14}")
    rises = []
    for size in SIZES:
        with rolled_back():
            cohort = _make_cohort(size)
            with tempfile.TemporaryFile() as target:
                before = _rss()
                sampler = _PeakSampler()
                sampler.start()
                started = perf_counter()
                count = write_layout_xlsx(layout_rows(cohort=cohort), target)
                elapsed = perf_counter() - started
                sampler.done.set()
                sampler.join()
            rise = max(sampler.peak - before, 0)
            rises.append(rise)
            print(f"{size:>10}{count:>8}{elapsed:>9.1f}{rise / 2**20:>14.1f}", flush=True)
    print(f"rise at {SIZES[-1]:,}: {rises[-1] / 2**20:.1f} MiB, at {SIZES[0]:,}: {rises[0] / 2**20:.1f} MiB")
