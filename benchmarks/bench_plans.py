"""Destination plans: the counsellor's queue must cost the same number of queries at 50 or 500 plans, and
bulk approval of 1,000 plans is measured against a bare UPDATE and event INSERT of the same rows (plans per
second, side by side), with a synthetic cohort of 5,098 / 50,000 / 400,000 graduates (``HPI_BENCH_SIZES``)
and their plans in the tables beside them; each size is rolled back."""

from time import perf_counter

from benchmarks.synthetic import bench_sizes, rolled_back

QUEUE_SIZES = (50, 500)
BULK_SIZE = 1000
BACKGROUND_YEAR = 2019  # the cohort of 5,098 / 50,000 / 400,000 (HPI_BENCH_SIZES) the plans sit beside


def _make_plans(count: int, counsellor, klass, centre):
    """``count`` submitted plans in ``klass`` written directly (set-up, not what is measured)."""
    from django.utils import timezone

    from apps.graduates.models import Cohort, Graduate
    from apps.graduates.validators import id_number_check_digit
    from apps.plans.models import DestinationPlan, PlanStatus
    from apps.refdata.models import (
        DestinationCode,
        EducationLevel,
        Ethnicity,
        HardshipCategory,
        NotEmployedReason,
        Province,
    )

    cohort, _ = Cohort.objects.get_or_create(year=2030)
    start = Graduate.objects.count()
    refs = {
        "ethnicity": Ethnicity.objects.get(code="01"),
        "origin": Province.objects.get(code="42"),
        "education_level": EducationLevel.objects.get(code="41"),
        "hardship_category": HardshipCategory.objects.get(code="0"),
    }
    graduates = []
    for n in range(start, start + count):
        first17 = f"42090220000101{n % 1000:03d}"
        graduates.append(
            Graduate(
                cohort=cohort,
                student_no=f"B{n:09d}",
                name=f"测{n}",
                gender="F",
                id_number=f"{first17[:8]}{n // 1000:06d}{n % 1000:03d}"[:17] + "X",
                class_group=klass,
                **refs,
            )  # fmt: skip
        )
    for graduate in graduates:  # a valid check digit for each made-up number
        graduate.id_number = graduate.id_number[:17] + id_number_check_digit(graduate.id_number[:17])
    Graduate.objects.bulk_create(graduates)
    destination = DestinationCode.objects.get(scheme="2020", code="70")
    reason = NotEmployedReason.objects.first()
    now = timezone.now()
    created = Graduate.objects.filter(student_no__in=[g.student_no for g in graduates])
    DestinationPlan.objects.bulk_create(
        [
            DestinationPlan(
                graduate=g,
                destination=destination,
                not_employed_reason=reason,
                status=PlanStatus.SUBMITTED,
                created_by=centre,
                submitted_at=now,
                status_changed_at=now,
            )  # fmt: skip
            for g in created
        ]
    )
    return list(DestinationPlan.objects.filter(graduate__in=created).values_list("pk", flat=True))


def main() -> list[dict]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from apps.accounts.models import Role, User
    from apps.graduates.models import ClassGroup, College, Major

    college = College.objects.create(name="基准学院")
    klass = ClassGroup.objects.create(
        major=Major.objects.create(college=college, name="基准专业"), name="基准1班"
    )
    counsellor = User.objects.create_user("bench-fdy", password="x", role=Role.COUNSELLOR)
    counsellor.classes.add(klass)
    centre = User.objects.create_user("bench-centre", password="x", role=Role.CENTRE)
    client = Client()
    client.force_login(counsellor)
    url = reverse("plans:queue")

    print(f"{'plans waiting':<16}{'page':<8}{'queries':>9}{'ms':>9}")
    made = 0
    counts = set()
    for size in QUEUE_SIZES:
        _make_plans(size - made, counsellor, klass, centre)
        made = size
        for page in (1, size // 50):
            client.get(url, {"page": page})
            with CaptureQueriesContext(connection) as queries:
                started = perf_counter()
                client.get(url, {"page": page})
                elapsed = (perf_counter() - started) * 1000
            counts.add(len(queries))
            print(f"{size:<16}{page:<8}{len(queries):>9}{elapsed:>9.1f}")
    print("queue query count constant:", "yes" if len(counts) == 1 else f"NO {sorted(counts)}")

    figures = []
    for size in bench_sizes():
        with rolled_back():
            figures.append(_bulk_approval(size, counsellor, klass, centre))
    return figures


def _bulk_approval(size: int, counsellor, klass, centre) -> dict:
    """Bulk approval of BULK_SIZE plans with a cohort of ``size`` graduates (and their plans) beside them."""
    from django.db import connection, transaction
    from django.test import TestCase
    from django.utils import timezone

    from apps.accounts.models import Role
    from apps.plans.models import DestinationPlan, PlanStatus
    from apps.plans.services import plan_bulk_approve
    from benchmarks.synthetic import build_cohort

    started = perf_counter()
    build_cohort(BACKGROUND_YEAR, size, centre)
    print(
        f"\n{size:,} graduates with their plans beside the queue, built in {perf_counter() - started:.1f} s"
    )
    plan_ids = _make_plans(BULK_SIZE, counsellor, klass, centre)
    started = perf_counter()
    # Inside the benchmark's transaction the notifications wait for a commit that never comes: run them here,
    # as the commit would, so they are measured.
    with TestCase.captureOnCommitCallbacks(execute=True):
        results = plan_bulk_approve(plan_ids=plan_ids, actor=counsellor)
    ours = perf_counter() - started
    assert all(r.ok for r in results), [r for r in results if not r.ok][:3]

    DestinationPlan.objects.filter(pk__in=plan_ids).update(status=PlanStatus.SUBMITTED)
    # The floor: the bare UPDATE plus the event INSERT the approval needs, two statements for the batch.
    with transaction.atomic():
        started = perf_counter()
        DestinationPlan.objects.filter(pk__in=plan_ids, status=PlanStatus.SUBMITTED).update(
            status=PlanStatus.COUNSELLOR_APPROVED
        )
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO plans_planevent (plan_id, action, actor_id, actor_role, comment, created_at, "
                "from_status, to_status) SELECT id, 'approve', %s, %s, '', %s, %s, %s FROM plans_destinationplan "
                "WHERE id IN (" + ",".join(["%s"] * len(plan_ids)) + ")",
                [counsellor.pk, Role.COUNSELLOR, timezone.now(), PlanStatus.SUBMITTED,
                 PlanStatus.COUNSELLOR_APPROVED, *plan_ids],
            )  # fmt: skip
        bare = perf_counter() - started
    print(
        f"bulk approve of {BULK_SIZE} plans at the counsellor level ({connection.vendor}), {size:,} graduates beside"
    )
    print(
        f"  ours (locks, table and scope checked per plan, audited events, notifications): {ours:.2f} s, {BULK_SIZE / ours:,.0f} plans/s"
    )
    print(
        f"  floor, bare UPDATE + event INSERT of the same rows:                             {bare:.3f} s, {BULK_SIZE / bare:,.0f} plans/s"
    )
    print(f"  ratio ours/floor: {ours / bare:.0f}x", flush=True)
    return {"figure": f"bulk approval of {BULK_SIZE:,} plans beside a cohort", "size": size, "ours": ours,
            "floor": bare, "unit": "s"}  # fmt: skip
