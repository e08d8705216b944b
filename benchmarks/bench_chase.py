"""Each chase list (催报) for the whole school over the demo cohort (5,098 graduates, 2020), next to the annual
report (JSON) of the same cohort at the same cut-off, run side by side: a chase page (first 100 rows, the count,
the rows' last actions) and its .xlsx export of every row. Target: every chase page and export under the
report's time. Best of 3 runs each; prints queries per page too."""

import datetime
from io import StringIO
from time import perf_counter

AS_OF = datetime.date(2020, 8, 31)


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
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone

    from apps.accounts.models import User
    from apps.followup.selectors import ChaseKind
    from apps.graduates.demo import DEMO_ACCOUNTS
    from apps.graduates.models import Cohort, Graduate
    from apps.reports.formatters import report_to_json
    from apps.reports.selectors import annual_report

    if not Cohort.objects.filter(year=2020).exists():
        call_command("load_demo_cohort", stdout=StringIO())
    cohort = Cohort.objects.get(year=2020)
    total = Graduate.objects.filter(cohort=cohort).count()
    client = Client()
    client.force_login(User.objects.get(username=DEMO_ACCOUNTS["centre"].username))

    def report():
        report_to_json(annual_report(cohort=cohort, as_of=AS_OF))

    report_s = _best_of(3, report)
    print(f"{total} graduates; annual report (JSON) at {AS_OF}: {report_s:.3f} s")
    print(
        f"{'list':<24}{'rows':>6}{'queries':>9}{'page s':>9}{'ratio':>7}{'export s':>10}{'ratio':>7}  target"
    )
    today = timezone.localdate().isoformat()
    for kind, _label in ChaseKind.CHOICES:
        params = {
            "kind": kind,
            "as_of": today if kind in ChaseKind.WITH_DAYS else AS_OF.isoformat(),
            "days": 0,
        }
        params["size"] = 100
        client.get(reverse("followup:chase"), params)  # warm the session and the templates
        queries: list[str] = []

        def count(execute, sql, *args, queries=queries):
            queries.append(sql)
            return execute(sql, *args)

        with connection.execute_wrapper(count):
            response = client.get(reverse("followup:chase"), params)
        rows = response.context["page"].paginator.count
        page_s = _best_of(3, lambda params=params: client.get(reverse("followup:chase"), params))
        export_s = _best_of(3, lambda params=params: client.get(reverse("followup:chase_export"), params))
        ok = "ok" if page_s < report_s and export_s < report_s else "SLOWER than the report"
        print(
            f"{kind:<24}{rows:>6}{len(queries):>9}{page_s:>9.3f}{page_s / report_s:>7.2f}"
            f"{export_s:>10.3f}{export_s / report_s:>7.2f}  {ok}"
        )
