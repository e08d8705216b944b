"""The annual report's benchmark (``benchmarks/bench_report.py``) can run twice in a row on one database: it
takes away the cohorts and the user it wrote, and nothing else."""

import pytest

from apps.accounts.models import Role, User
from apps.graduates.models import Cohort, Graduate
from apps.plans.models import DestinationPlan
from apps.reports.warning_signs import SIGN_CLUSTER, SIGN_FLEXIBLE, SIGN_OTHER_HIRE
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


def test_the_floor_computes_the_reports_figures(org, monkeypatch, settings):
    # given the benchmark narrowed to one small cohort, with thresholds low enough for every warning sign
    settings.HPI_WARNING_CLUSTER_MIN_GRADUATES = 3
    settings.HPI_WARNING_FLEXIBLE_SHARE = settings.HPI_WARNING_OTHER_HIRE_SHARE = 0
    monkeypatch.setattr(bench_report, "SIZES", (60,))
    compared = []
    report_figures = bench_report.report_figures
    monkeypatch.setattr(
        bench_report, "report_figures", lambda report: compared.append(report_figures(report)) or compared[-1]
    )
    # when it runs, it compares the floor's figures with the report's before timing them
    figures = bench_report.main()
    # then they agreed (a difference raises FloorMismatch), over every table and the warning signs with names
    assert [f["size"] for f in figures] == [60]
    (expected,) = compared
    assert expected["graduates"] == 60 and expected["employed"] > 0
    assert {
        "by_region",
        "not_employed_reasons",
        "support",
        "subsidies",
        "in_review",
        "park",
    } <= expected.keys()
    signs = {sign[1] for sign in expected["warning_signs"]}
    assert {SIGN_CLUSTER, SIGN_FLEXIBLE, SIGN_OTHER_HIRE} <= signs
    assert all(sign[-1] for sign in expected["warning_signs"])  # each with the graduates behind it
    assert (
        len({sign[0] for sign in expected["warning_signs"] if sign[1] == SIGN_FLEXIBLE}) > 1
    )  # order checked


def _without_the_study_rule(group_bys):
    # the floor before issue 14's check: every plan's work province, 升学 or not, employed or not
    return group_bys | {"regions": "SELECT pr.name, COUNT(*) FROM bench_eff e JOIN refdata_province pr ON "
                        "pr.id = e.work_province_id GROUP BY pr.id, pr.name"}  # fmt: skip


def _without_crowded_employers(group_bys):
    return group_bys | {"crowded_employers": group_bys["crowded_employers"] + " AND 1 = 0"}


def _reasons_of_every_plan(group_bys):
    # the floor before issue 14's check: the employed's plans too (their reason is empty)
    return group_bys | {"not_employed_reasons": "SELECT r.name, COUNT(*) FROM bench_eff e LEFT JOIN "
                        "refdata_notemployedreason r ON r.id = e.not_employed_reason_id "
                        "GROUP BY e.not_employed_reason_id, r.name"}  # fmt: skip


@pytest.mark.parametrize(
    "change", [_without_the_study_rule, _without_crowded_employers, _reasons_of_every_plan]
)
def test_a_floor_computing_other_figures_fails(org, monkeypatch, settings, change):
    # given a floor whose queries compute something else than the report, over a cohort with crowded employers
    settings.HPI_WARNING_CLUSTER_MIN_GRADUATES = 3
    group_bys = bench_report._group_bys
    monkeypatch.setattr(bench_report, "_group_bys", lambda: change(group_bys()))
    monkeypatch.setattr(bench_report, "SIZES", (60,))
    # when the benchmark runs, then it stops before timing unequal work
    with pytest.raises(bench_report.FloorMismatch):
        bench_report.main()
