"""The chase lists (催报) and the graduate list over synthetic cohorts of 5,098 / 50,000 / 400,000 graduates
(``benchmarks.synthetic.build_cohort``, ``HPI_BENCH_SIZES``), as the centre opens them for the whole school.

Beside the annual report (JSON) of the same cohort at the same cut-off (the floor: a chase list is one
cohort's rows, and must not cost more than the whole report): the chase page (its count, 100 rows, their
last actions) at the first page, a page in the middle and the last page (by key: ``apps.paging``), and the
list's .xlsx export of every row. The graduate list's deep page is measured against its first page (ratio 1 =
a deep page costs what the first does). For comparison it prints what the middle page's rows cost by OFFSET
(Django's Paginator, as the pages were before). Best of 3 (once for the export at 400,000); every cohort is
rolled back afterwards.
"""

import datetime
from time import perf_counter

AS_OF = datetime.date(2020, 8, 31)
YEAR = 2020
PAGE = 100


def _best_of(runs: int, work) -> float:
    best = float("inf")
    for _ in range(runs):
        started = perf_counter()
        work()
        best = min(best, perf_counter() - started)
    return best


def _get(client, url: str, params: dict, *, status: int = 200):
    response = client.get(url, params)
    assert response.status_code == status, (url, params, response.status_code)
    return response


def measure(size: int, user, client) -> list[dict]:
    from django.urls import reverse

    from apps.followup.selectors import ChaseKind, ChaseQuery, chase_list, chase_ordering
    from apps.graduates.models import Cohort
    from apps.paging import KeysetPaginator, encode_key
    from apps.reports.formatters import report_to_json
    from apps.reports.selectors import annual_report
    from benchmarks.synthetic import build_cohort, synthetic_structure

    started = perf_counter()
    synthetic_structure()
    cohort = build_cohort(YEAR, size, user)
    print(f"{size:,} graduates built in {perf_counter() - started:.1f} s", flush=True)
    assert Cohort.objects.filter(year=YEAR).count() == 1
    runs = 1 if size > 100_000 else 3

    report_s = _best_of(runs, lambda: report_to_json(annual_report(cohort=cohort, as_of=AS_OF)))
    print(f"  annual report (JSON) at {AS_OF}: {report_s:.3f} s", flush=True)
    figures = []
    chase_url, export_url = reverse("followup:chase"), reverse("followup:chase_export")
    for kind in (ChaseKind.NOT_EMPLOYED, ChaseKind.NOT_REGISTERED):
        params = {"cohort": cohort.pk, "kind": kind, "as_of": AS_OF.isoformat(), "size": PAGE}
        _get(client, chase_url, params)  # warm the session and the templates
        response = _get(client, chase_url, {**params, "last": 1})
        rows = response.context["page"].paginator.count
        query = ChaseQuery(cohort=cohort, as_of=AS_OF, kind=kind)
        ordering = chase_ordering(kind)
        listed = chase_list(user=user, query=query)
        middle = rows // 2
        middle_row = listed[middle - 1] if middle else None  # set-up: the key a 下一页 link would carry
        after = (
            encode_key(KeysetPaginator(listed, PAGE, ordering=ordering).key_of(middle_row))
            if middle_row
            else ""
        )
        pages = {
            "first page": params,
            "middle page": {**params, "after": after, "n": middle // PAGE + 1},
            "last page": {**params, "last": 1},
        }
        for label, page_params in pages.items():
            seconds = _best_of(runs, lambda p=page_params: _get(client, chase_url, p))
            figures.append({"figure": f"chase {kind}, {label} vs report", "size": size, "ours": seconds,
                            "floor": report_s, "unit": "s"})  # fmt: skip
            print(f"  chase {kind:<16} {rows:>7,} rows  {label:<12} {seconds:.3f} s "
                  f"({seconds / report_s:.2f} of the report)", flush=True)  # fmt: skip
        offset_s = _best_of(runs, lambda listed=listed, m=middle: list(listed[m : m + PAGE]))
        keyed = KeysetPaginator(listed, PAGE, ordering=ordering)
        keyed_s = _best_of(runs, lambda k=keyed, a=after: k.get_page({"after": a}).object_list)
        print(
            f"  (the middle page's rows alone: by OFFSET {offset_s:.3f} s, by key {keyed_s:.3f} s)",
            flush=True,
        )
        if kind == ChaseKind.NOT_EMPLOYED:
            export_s = _best_of(1 if size > 10_000 else runs, lambda p=params: _get(client, export_url, p))
            figures.append({"figure": f"chase {kind}, export vs report", "size": size, "ours": export_s,
                            "floor": report_s, "unit": "s"})  # fmt: skip
            print(f"  chase {kind} export of {rows:,} rows: {export_s:.3f} s "
                  f"({export_s / report_s:.2f} of the report)", flush=True)  # fmt: skip

    list_url = reverse("graduates:list")
    list_params = {"cohort": cohort.pk, "size": PAGE}
    _get(client, list_url, list_params)
    first_s = _best_of(runs, lambda: _get(client, list_url, list_params))
    last_s = _best_of(runs, lambda: _get(client, list_url, {**list_params, "last": 1}))
    figures.append({"figure": "graduate list, last page vs first page", "size": size, "ours": last_s,
                    "floor": first_s, "unit": "s"})  # fmt: skip
    print(f"  graduate list: first page {first_s:.3f} s, last page {last_s:.3f} s", flush=True)
    return figures


def main() -> list[dict]:
    from django.test import Client

    from apps.accounts.models import Role, User
    from apps.graduates.models import Cohort
    from benchmarks.synthetic import bench_sizes, rolled_back

    if Cohort.objects.filter(year=YEAR).exists():
        print(f"skipped: a {YEAR} cohort exists (the lists are measured over a synthetic one)")
        return []
    figures = []
    for size in bench_sizes():
        with rolled_back():
            user = User.objects.create_user("bench-chase-centre", password=None, role=Role.CENTRE)
            client = Client()
            client.force_login(user)
            figures += measure(size, user, client)
    return figures
