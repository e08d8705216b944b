"""Gets the load-test database ready for one run of the rush and writes var/loadtest/plan.json for locust.

1. Refuses any database whose name does not say ``loadtest`` (it deletes rows: nowhere but there).
2. Loads the demo cohort into an empty database.
3. Resets what an earlier run left: every plan the rush made (its note is ``LOAD_NOTE``) goes, with its events,
   evidence (rows and files), history rows and notifications, and the demo plan it superseded is back in force;
   the sessions of earlier runs go too. The append-only rows are deleted by SQL on purpose: this is the one
   database where that is right.
4. Chooses N students without an open plan, class by class along the counsellors of the demo (from college
   ``HPI_LOAD_FIRST_COLLEGE``, 04 by default, onwards), and the reviewers who cover exactly those classes:
   their counsellors, the college officers and the centre, one locust user each, padded to
   ``HPI_LOAD_REVIEWERS`` (10) with second sessions at the college and centre levels, which see every plan.
5. Gives students and reviewers the run's password (one hash with the production hasher, copied: the cost
   that matters is each login's check).

Usage: prepare.py N  (DATABASE_URL and DJANGO_SETTINGS_MODULE from scripts/loadtest.sh).
"""

import json
import os
import sys
from collections import defaultdict
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.contrib.sessions.models import Session  # noqa: E402
from django.core.cache import caches  # noqa: E402
from django.core.files.storage import default_storage  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from apps.accounts.models import Role, User  # noqa: E402
from apps.graduates.models import Graduate  # noqa: E402
from apps.plans.models import (  # noqa: E402
    OPEN_STATUSES,
    DestinationPlan,
    Evidence,
    EvidenceRemoval,
    Notification,
    PlanEvent,
    PlanStatus,
)
from apps.plans.workflow import Action  # noqa: E402
from apps.refdata import seed_data  # noqa: E402
from apps.refdata.models import DestinationCode, Province  # noqa: E402

# Kept in the note of every plan the rush saves: what the reset removes, and nothing else.
LOAD_NOTE = "压力测试（benchmarks/loadtest）"
# 80 升学: the destination every student registers (admitting school, its province, programme; an admission
# letter as evidence), from the 2020 scheme of the demo cohort.
STUDY_CODE = "80"
STUDY_PROVINCE = "42"  # 湖北省
OUT = ROOT / "var" / "loadtest" / "plan.json"


def _refuse_other_databases() -> None:
    name = str(connection.settings_dict["NAME"])
    if "loadtest" not in name:
        sys.exit(f"prepare.py deletes rows and runs only on a load-test database, not on {name!r}")


def _delete(model, where: str, params: list) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f'DELETE FROM "{model._meta.db_table}" WHERE {where}', params)
        return cursor.rowcount


@transaction.atomic
def reset_earlier_runs() -> int:
    """Remove every plan an earlier rush made and put back the demo plans they superseded; how many plans."""
    plans = list(DestinationPlan.objects.filter(note=LOAD_NOTE).values_list("pk", "replaces_id"))
    ids = [pk for pk, _ in plans]
    if ids:
        replaced = [pk for _, pk in plans if pk is not None]
        superseded = list(
            DestinationPlan.objects.filter(pk__in=replaced, status=PlanStatus.SUPERSEDED).values_list(
                "pk", flat=True
            )
        )
        files = list(Evidence.objects.filter(plan_id__in=ids).values_list("file", flat=True))
        evidence = "plan_id = ANY(%s)"
        _delete(
            EvidenceRemoval,
            f'evidence_id IN (SELECT id FROM "{Evidence._meta.db_table}" WHERE {evidence})',
            [ids],
        )
        _delete(Evidence, evidence, [ids])
        _delete(Notification, "plan_id = ANY(%s)", [ids])
        _delete(PlanEvent, "plan_id = ANY(%s)", [ids])
        _delete(PlanEvent, "plan_id = ANY(%s) AND action = %s", [superseded, Action.SUPERSEDE])
        _delete(DestinationPlan.history.model, "id = ANY(%s)", [ids])
        _delete(DestinationPlan, "id = ANY(%s)", [ids])
        DestinationPlan.objects.filter(pk__in=superseded).update(
            status=PlanStatus.APPROVED, superseded_at=None
        )
        for name in files:
            transaction.on_commit(lambda name=name: default_storage.delete(name))
    Session.objects.all().delete()
    caches[settings.SESSION_CACHE_ALIAS].clear()  # sessions are read from it first (settings: cached_db)
    return len(ids)


def choose(n: int, first_college: str, reviewer_sessions: int) -> tuple[list[str], list[dict]]:
    """N students without an open plan and the reviewer sessions that cover their classes."""
    counsellors = list(
        User.objects.filter(role=Role.COUNSELLOR, is_active=True)
        .prefetch_related("classes__major__college")
        .order_by("username")
    )

    def college_of(counsellor: User):
        return next((group.major.college for group in counsellor.classes.all()), None)

    counsellors = [c for c in counsellors if college_of(c) is not None]
    counsellors.sort(key=lambda c: (college_of(c).code < first_college, college_of(c).code, c.username))
    busy = DestinationPlan.objects.filter(status__in=OPEN_STATUSES).values("graduate_id")
    students: list[str] = []
    used: list[User] = []
    for counsellor in counsellors:
        if len(students) >= n:
            break
        numbers = list(
            Graduate.objects.filter(
                class_group__in=counsellor.classes.all(), user__is_active=True, cohort__year=2020
            )
            .exclude(pk__in=busy)
            .order_by("student_no")
            .values_list("user__username", flat=True)[: n - len(students)]
        )
        if numbers:
            students += numbers
            used.append(counsellor)
    colleges = defaultdict(list)
    for officer in User.objects.filter(
        role=Role.COLLEGE, is_active=True, college__in={college_of(c).pk for c in used}
    ).order_by("username"):
        colleges[officer.college_id].append(officer.username)
    upper = [name for names in colleges.values() for name in names]
    centre = list(
        User.objects.filter(role=Role.CENTRE, is_active=True)
        .order_by("username")
        .values_list("username", flat=True)[:1]
    )
    reviewers = [{"username": c.username, "role": Role.COUNSELLOR} for c in used]
    reviewers += [{"username": u, "role": Role.COLLEGE} for u in upper]
    reviewers += [{"username": u, "role": Role.CENTRE} for u in centre]
    padding = [{"username": u, "role": Role.COLLEGE} for u in upper] + [
        {"username": u, "role": Role.CENTRE} for u in centre
    ]
    for extra in range(max(0, reviewer_sessions - len(reviewers))):
        reviewers.append(padding[extra % len(padding)])
    return students, reviewers


def main() -> None:
    _refuse_other_databases()
    n = int(sys.argv[1])
    if not User.objects.filter(role=Role.STUDENT).exists():
        call_command("load_demo_cohort", stdout=StringIO())
    removed = reset_earlier_runs()
    students, reviewers = choose(
        n, os.environ.get("HPI_LOAD_FIRST_COLLEGE", "04"), int(os.environ.get("HPI_LOAD_REVIEWERS", "10"))
    )
    password = make_password(os.environ["HPI_LOAD_PASSWORD"])
    User.objects.filter(username__in=[*students, *(r["username"] for r in reviewers)]).update(
        password=password, must_change_password=False, last_login=None
    )
    study = DestinationCode.objects.get(scheme=seed_data.DESTINATION_SCHEME_2020, code=STUDY_CODE)
    province = Province.objects.get(scheme=seed_data.PROVINCE_SCHEME, code=STUDY_PROVINCE)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(
        json.dumps(
            {
                "prepared_at": timezone.now().isoformat(),
                "removed_plans": removed,
                "students": students,
                "reviewers": reviewers,
                "plan": {"destination": study.pk, "institution_province": province.pk, "note": LOAD_NOTE},
            },
            ensure_ascii=False,
        )
    )
    print(
        f"{len(students)} students, {len(reviewers)} reviewer sessions; {removed} plans of earlier runs removed"
    )


if __name__ == "__main__":
    main()
