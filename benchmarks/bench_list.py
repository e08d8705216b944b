"""The graduate list's pages over synthetic cohorts of 5,098 / 50,000 / 400,000 graduates
(``benchmarks.synthetic.build_cohort``, ``HPI_BENCH_SIZES``), as the list serves them: by key (学号,
``apps.paging``), 100 rows a page, for the centre (the whole cohort) and a counsellor (three classes).

Each page the links reach: the first, a page in the middle (by its key, as a 下一页 link carries it) and the
last (末页), each against the first page (ratio 1 = a deep page costs what the first does); besides, the
list filtered by a college and a search; and the list's export of the whole cohort as the job runs it, against
the writing alone. Queries per page are printed and must be the same on every page
(the tests pin them too). For comparison it prints what the middle page's rows cost by OFFSET (Django's
Paginator, as the pages were before issue 14). Best of 3 (once at 400,000); every cohort is rolled back.
"""

from time import perf_counter

YEAR = 2020
PAGE = 100
COUNSELLOR_CLASSES = 3


def _timed(runs: int, client, url: str, params: dict) -> tuple[float, int, object]:
    """(best seconds of ``runs``, queries of the last run, its response)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    best = float("inf")
    for _ in range(runs):
        with CaptureQueriesContext(connection) as queries:
            started = perf_counter()
            response = client.get(url, params)
            best = min(best, perf_counter() - started)
        assert response.status_code == 200, (url, params, response.status_code)
    return best, len(queries), response


def _best_of(runs: int, work) -> float:
    best = float("inf")
    for _ in range(runs):
        started = perf_counter()
        work()
        best = min(best, perf_counter() - started)
    return best


def measure_viewer(label: str, viewer, cohort, size: int, runs: int) -> list[dict]:
    from django.test import Client
    from django.urls import reverse

    from apps.graduates.filters import GraduateFilter
    from apps.graduates.models import College
    from apps.graduates.selectors import graduate_list
    from apps.graduates.views import LIST_ORDERING
    from apps.paging import KeysetPaginator, encode_key

    client = Client()
    client.force_login(viewer)
    url = reverse("graduates:list")
    params = {"cohort": cohort.pk, "size": PAGE}
    _timed(1, client, url, params)  # warm the session and the templates: only the page's own work counts
    listed = GraduateFilter(params, queryset=graduate_list(user=viewer), user=viewer).qs
    rows = listed.count()
    middle = rows // 2
    # Set-up, not measured: the key a 下一页 link on the page before the middle would carry.
    middle_key = listed.values_list(*LIST_ORDERING)[middle - 1] if middle else None
    after = {"after": encode_key(tuple(middle_key)), "n": middle // PAGE + 1} if middle_key else {}
    college = College.objects.filter(
        pk__in=listed.values("class_group__major__college")[:1]
    ).first()  # fmt: skip
    pages = {
        "first page": params,
        "middle page": {**params, **after},
        "last page": {**params, "last": 1},
        "filtered by college": {**params, "college": college.pk},
        "search": {**params, "q": f"{YEAR}0000"},
    }
    figures, page_queries, first_s = [], set(), None
    for page_label, page_params in pages.items():
        seconds, queries, response = _timed(runs, client, url, page_params)
        shown, found = len(response.context["page"].object_list), response.context["page"].paginator.count
        if page_label.endswith("page"):
            page_queries.add(queries)
        if page_label == "first page":
            first_s = seconds
        else:
            figures.append({"figure": f"graduate list ({label}), {page_label} vs first page", "size": size,
                            "ours": seconds, "floor": first_s, "unit": "s"})  # fmt: skip
        print(f"  {label:<11}{page_label:<21}{found:>9,} rows {shown:>5} shown {queries:>4} queries "
              f"{seconds:>7.3f} s  ({seconds / first_s:.2f} of the first)", flush=True)  # fmt: skip
    offset_s = _best_of(runs, lambda: list(listed[middle : middle + PAGE]))
    keyed = KeysetPaginator(listed, PAGE, ordering=LIST_ORDERING)
    keyed_s = _best_of(runs, lambda: keyed.get_page(after).object_list)
    print(f"  {label:<11}(the middle page's rows alone: by OFFSET {offset_s:.3f} s, by key {keyed_s:.3f} s)")
    same = len(page_queries) == 1
    print(f"  {label:<11}queries the same on every page: {'yes' if same else f'NO {sorted(page_queries)}'}")
    return figures


def measure_export(centre, cohort, size: int, runs: int) -> list[dict]:
    """The list's export of the whole cohort as the job runs it (``apps.jobs.runner.execute``: the rows read as
    plain values, a chunk at a time, written into the job's result file), against the writing alone (the
    same rows read beforehand, untimed, written into a file)."""
    import tempfile
    from pathlib import Path

    from django.http import QueryDict

    from apps.graduates.exports import graduates_to_xlsx
    from apps.graduates.filters import GraduateFilter
    from apps.graduates.selectors import graduate_export_values, graduate_list
    from apps.jobs.models import Job, JobKind, JobStatus
    from apps.jobs.runner import execute

    query = f"cohort={cohort.pk}"

    def export_job():
        job = Job.objects.create(owner=centre, kind=JobKind.GRADUATE_EXPORT, params={"query": query})
        execute(job.pk)
        job.refresh_from_db()
        assert job.status == JobStatus.SUCCEEDED, job.summary

    ours = _best_of(runs, export_job)
    listed = GraduateFilter(QueryDict(query), queryset=graduate_list(user=centre), user=centre).qs
    rows = list(graduate_export_values(listed))
    with tempfile.TemporaryDirectory() as directory:
        writing = _best_of(runs, lambda: graduates_to_xlsx(rows, Path(directory) / "floor.xlsx"))
    print(f"  export job of {len(rows):,} rows: {ours:.3f} s; the writing alone {writing:.3f} s "
          f"(ratio {ours / writing:.2f})", flush=True)  # fmt: skip
    return [{"figure": "graduate list, export job vs its writing alone", "size": size, "ours": ours,
             "floor": writing, "unit": "s"}]  # fmt: skip


def measure(size: int, centre) -> list[dict]:
    from apps.accounts.models import Role, User
    from apps.graduates.models import ClassGroup
    from benchmarks.synthetic import build_cohort, synthetic_structure

    started = perf_counter()
    synthetic_structure()
    cohort = build_cohort(YEAR, size, centre)
    print(f"{size:,} graduates built in {perf_counter() - started:.1f} s", flush=True)
    counsellor = User.objects.create_user("bench-list-counsellor", password=None, role=Role.COUNSELLOR)
    counsellor.classes.set(ClassGroup.objects.filter(graduates__cohort=cohort).distinct().order_by("pk")[
        :COUNSELLOR_CLASSES])  # fmt: skip
    runs = 1 if size > 100_000 else 3
    return (
        measure_viewer("centre", centre, cohort, size, runs)
        + measure_viewer("counsellor", counsellor, cohort, size, runs)
        + measure_export(centre, cohort, size, 1 if size > 10_000 else runs)
    )


def main() -> list[dict]:
    from apps.accounts.models import Role, User
    from apps.graduates.models import Cohort
    from benchmarks.synthetic import bench_sizes, rolled_back

    if Cohort.objects.filter(year=YEAR).exists():
        print(f"skipped: a {YEAR} cohort exists (the list is measured over a synthetic one)")
        return []
    figures = []
    for size in bench_sizes():
        with rolled_back():
            centre = User.objects.create_user("bench-list-centre", password=None, role=Role.CENTRE)
            figures += measure(size, centre)
    return figures
