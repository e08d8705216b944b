"""The graduate list over the 5,098-graduate demo cohort: queries per page must not depend on the page or
the number of rows. Prints queries and milliseconds per page, for the centre and for a counsellor."""

from io import StringIO
from time import perf_counter


def main() -> None:
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from apps.accounts.models import Role, User
    from apps.graduates.models import College, Graduate

    call_command("load_demo_cohort", stdout=StringIO())
    total = Graduate.objects.count()
    url = reverse("graduates:list")
    college = College.objects.order_by("sort_order").first()
    print(f"graduate list over {total} graduates")
    print(f"{'viewer':<12}{'page':<28}{'rows':>6}{'queries':>9}{'ms':>9}")
    counts = set()
    for role in (Role.CENTRE, Role.COUNSELLOR):
        viewer = User.objects.filter(role=role, is_active=True).order_by("pk").first()
        client = Client()
        client.force_login(viewer)
        cases = [
            ("first page (50)", {}),
            ("page 2 of 100-row pages", {"size": 100, "page": 2}),
            ("last page", {"page": 10_000}),
            ("filtered by college", {"college": college.pk, "size": 100}),
            ("search", {"q": "2017"}),
        ]
        for label, params in cases:
            client.get(url, params)  # warm caches (sessions, templates) so only the page's own work counts
            with CaptureQueriesContext(connection) as queries:
                started = perf_counter()
                response = client.get(url, params)
                elapsed = (perf_counter() - started) * 1000
            rows = len(response.context["page"].object_list)
            if "page" in label:
                counts.add((role, len(queries)))
            print(f"{role:<12}{label:<28}{rows:>6}{len(queries):>9}{elapsed:>9.1f}")
    per_role: dict[str, set[int]] = {}
    for role, count in counts:
        per_role.setdefault(role, set()).add(count)
    constant = all(len(v) == 1 for v in per_role.values())
    print("query count the same on every page:", "yes" if constant else f"NO {per_role}")
