"""The annual report's benchmark (``benchmarks/bench_report.py``) can run twice in a row on one database: it
takes away the cohorts and the user it wrote, and nothing else."""

import pytest

from apps.accounts.models import Role, User
from apps.graduates.models import Cohort, Graduate
from apps.plans.models import DestinationPlan
from benchmarks import bench_report

pytestmark = pytest.mark.django_db


def test_two_runs_in_a_row_work_and_leave_only_what_was_there(org, monkeypatch, capsys):
    # given a database with a school in it (org), and the benchmark narrowed to two tiny cohorts
    monkeypatch.setattr(bench_report, "SIZES", (30, 40))
    before = (
        set(Cohort.objects.values_list("year", flat=True)),
        Graduate.objects.count(),
        DestinationPlan.objects.count(),
        set(User.objects.values_list("username", flat=True)),
    )
    # when it runs twice
    first = bench_report.main()
    second = bench_report.main()
    # then both measured both sizes, and the database holds what it held before
    assert [f["size"] for f in first] == [f["size"] for f in second] == [30, 40]
    after = (
        set(Cohort.objects.values_list("year", flat=True)),
        Graduate.objects.count(),
        DestinationPlan.objects.count(),
        set(User.objects.values_list("username", flat=True)),
    )
    assert after == before
    assert User.objects.filter(role=Role.CENTRE).exists()  # the org's centre, untouched
