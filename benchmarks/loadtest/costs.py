"""What each request of the rush costs, one at a time in one process (no concurrency, no network): the budget
that says how many students two cores can carry, and which page to make cheaper first.

For K students of the load-test database without an open plan (the last of the demo's college 10, away from
the rush's): the login page, the login (the production hasher), the status page and its reload (304), the plan form, saving,
uploading, submitting; then their counsellor's queue, a plan page and a bulk approval; and ``GET /healthz``.
Per kind: the median of the app's CPU ms (this process; PostgreSQL's own work is not in it) and wall ms.
The plans it makes carry prepare.py's note, so the next prepare (or this script, at its end) removes them.

Not while a rush runs: its clean-up (prepare.reset_earlier_runs) also ends every session.
Usage: costs.py [K]  (the load-test database's DATABASE_URL, production settings, as scripts/loadtest.sh sets).
"""

import json
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import prepare  # noqa: E402  (sets Django up; refuses any database but a load-test one)
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.test import Client  # noqa: E402

from apps.accounts.models import Role, User  # noqa: E402
from apps.graduates.models import Graduate  # noqa: E402
from apps.plans.models import OPEN_STATUSES, DestinationPlan  # noqa: E402
from apps.refdata import seed_data  # noqa: E402
from apps.refdata.models import DestinationCode, Province  # noqa: E402

PASSWORD = "costs-password-1"
# The same kind of file as the rush uploads (locustfile.EVIDENCE_PDF; importing locust here would patch the
# standard library with gevent's).
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def _timed(costs: dict, kind: str, method, *args, **kwargs):
    cpu, wall = time.process_time(), time.perf_counter()
    response = method(*args, **kwargs)
    costs[kind].append(((time.process_time() - cpu) * 1000, (time.perf_counter() - wall) * 1000))
    return response


def main() -> None:
    prepare._refuse_other_databases()
    k = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    busy = DestinationPlan.objects.filter(status__in=OPEN_STATUSES).values("graduate_id")
    graduates = list(
        Graduate.objects.filter(
            cohort__year=2020, user__is_active=True, class_group__major__college__code="10"
        )
        .exclude(pk__in=busy)
        .select_related("user", "class_group")
        .order_by("-student_no")[:k]
    )
    counsellor = User.objects.filter(role=Role.COUNSELLOR, classes=graduates[0].class_group).first()
    User.objects.filter(pk__in=[g.user_id for g in graduates] + [counsellor.pk]).update(
        password=make_password(PASSWORD), must_change_password=False
    )
    fields = {
        "destination": DestinationCode.objects.get(scheme=seed_data.DESTINATION_SCHEME_2020, code="80").pk,
        "institution_province": Province.objects.get(scheme=seed_data.PROVINCE_SCHEME, code="42").pk,
        "institution": "湖北工程学院",
        "programme": "护理学（专升本）",
        "note": prepare.LOAD_NOTE,
    }
    costs: dict[str, list] = defaultdict(list)
    extra = {"HTTP_X_FORWARDED_PROTO": "https", "secure": True}
    plan_ids = []
    # One handler for every client, as one gunicorn worker serves every browser: a new handler builds the
    # middleware again, and WhiteNoise's scans the static files (~35 ms) at its first request.
    handler = Client().handler
    for graduate in graduates:
        client = Client()
        client.handler = handler
        _timed(costs, "login page", client.get, "/accounts/login/", **extra)
        login = {"username": graduate.user.username, "password": PASSWORD}
        _timed(costs, "login (POST)", client.post, "/accounts/login/", login, **extra)
        page = _timed(costs, "status page", client.get, "/plans/mine/", **extra)
        # The browser's reload of the page it holds, nothing changed: 304 from the ETag.
        tag = {"HTTP_IF_NONE_MATCH": page["ETag"]} if page.has_header("ETag") else {}
        _timed(costs, "status page again (304)", client.get, "/plans/mine/", **tag, **extra)
        _timed(costs, "plan form", client.get, "/plans/new/", **extra)
        _timed(costs, "save plan (POST)", client.post, "/plans/new/", fields, **extra)
        plan = DestinationPlan.objects.filter(graduate=graduate, note=prepare.LOAD_NOTE).latest("pk")
        plan_ids.append(plan.pk)
        upload = {"kind": "admission", "file": SimpleUploadedFile("a.pdf", PDF, "application/pdf")}
        _timed(costs, "upload (POST)", client.post, f"/plans/{plan.pk}/evidence/", upload, **extra)
        submit = {"action": "submit", "expected_status": "draft"}
        _timed(costs, "submit (POST)", client.post, f"/plans/{plan.pk}/act/", submit, **extra)
        _timed(costs, "healthz", client.get, "/healthz", **extra)
    reviewer = Client()
    reviewer.post("/accounts/login/", {"username": counsellor.username, "password": PASSWORD}, **extra)
    for pk in plan_ids:
        _timed(costs, "reviewer queue", reviewer.get, "/plans/queue/", **extra)
        _timed(costs, "reviewer plan page", reviewer.get, f"/plans/{pk}/", **extra)
        approve = {"plan": [pk], "next": "/plans/queue/"}
        _timed(costs, "bulk approve 1 (POST)", reviewer.post, "/plans/queue/bulk-approve/", approve, **extra)
    removed = prepare.reset_earlier_runs()
    result = {
        "students": len(graduates),
        "plans_removed_after": removed,
        "load_average": open("/proc/loadavg").read().split()[:3],
        "median_ms": {
            kind: {
                "cpu": round(statistics.median(c for c, _ in values), 1),
                "wall": round(statistics.median(w for _, w in values), 1),
            }
            for kind, values in costs.items()
        },
    }
    print(json.dumps(result, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
