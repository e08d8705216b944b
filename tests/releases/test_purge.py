"""Issue 12 item 10: purge_cohort blanks an archived cohort's personal data past its retention; the report's
figures and published reports stay exactly as they were."""

import datetime
import os
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from apps.accounts.models import User
from apps.graduates.models import Cohort, Graduate
from apps.plans.models import DestinationPlan, Evidence
from apps.releases.models import DataRelease, ReleaseKind
from apps.releases.purge import MSG_IN_RETENTION, MSG_NOT_ARCHIVED, PURGED_NOTE
from apps.reports.formatters import report_to_json
from apps.reports.models import ReportPublication
from apps.reports.publications import report_publish
from apps.reports.selectors import annual_report
from apps.support.models import Eligibility, SupportAction, SupportCase
from apps.support.services import subsidy_apply, support_case_update
from apps.support.subsidies import subsidy_bank_account_set
from tests.factories import make_cohort, make_graduate
from tests.plans.factories import submitted_plan
from tests.support.factories import scheme

pytestmark = pytest.mark.django_db

AS_OF = datetime.date(2020, 8, 31)
YEAR_END = datetime.date(2020, 12, 31)


@pytest.fixture
def cohort_2020(ledger):
    """conftest's ledger (2020), with a plan and its evidence file, a one-plan-each support note, a subsidy
    bank account, the e-mails of two graduates, a graduate of 2021 kept apart, and a published report."""
    org = ledger.org
    plan = submitted_plan(org)
    plan.note = "家里电话 13900001111"
    plan.save(update_fields=["note"])
    case = ledger.case("h1")
    support_case_update(
        case_id=case.pk,
        actor=org.centre,
        responsible=None,
        personal_plan="父亲务工，需推荐本地岗位",
        priority=case.priority,
    )
    everyone = scheme(
        plan.graduate.cohort, name="全体毕业生求职补贴", amount="1100.00", eligibility=Eligibility.ALL
    )
    (application,) = subsidy_apply(scheme=everyone, graduates=[org.own_graduate], actor=org.centre)
    subsidy_bank_account_set(
        application_id=application.pk, actor=org.centre, bank_account="6222021234567890123"
    )
    for graduate in org.graduates["a1"]:
        graduate.email = f"{graduate.phone or '13812345678'}@163.com"
        graduate.save()
    org.student.last_name, org.student.email = "王", "wang@example.com"
    org.student.save()
    other = make_graduate(
        org.class_a1, cohort=make_cohort(2021), phone="13700002222", email="keep@example.com"
    )
    report_publish(actor=org.centre, cohort=plan.graduate.cohort, as_of=AS_OF, note="年度报告")
    cohort = Cohort.objects.get(year=2020)
    cohort.is_archived = True
    cohort.save()
    return {"org": org, "plan": plan, "other": other, "application": application, "cohort": cohort}


def _report(cohort, as_of):
    return report_to_json(annual_report(cohort=cohort, as_of=as_of))


def test_the_purge_blanks_personal_fields_and_keeps_every_figure(
    cohort_2020, django_capture_on_commit_callbacks
):
    # given the report at two cut-offs and the published one, as they are before
    cohort = cohort_2020["cohort"]
    before = {day: _report(cohort, day) for day in (AS_OF, YEAR_END)}
    published = list(ReportPublication.objects.values_list("data", flat=True))
    evidence = cohort_2020["plan"].evidence.get()
    stored = evidence.file.path
    # when
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):  # the files go once the blanking is committed
        call_command("purge_cohort", "2020", "--yes", stdout=out)
    # then every figure is the same
    assert {day: _report(cohort, day) for day in (AS_OF, YEAR_END)} == before
    assert list(ReportPublication.objects.values_list("data", flat=True)) == published
    # and nothing personal of 2020 is left, in the records or their history
    graduates = Graduate.objects.filter(cohort=cohort)
    assert graduates.count() == 14
    assert set(graduates.values_list("name", "phone", "email")) == {("", "", "")}
    assert all(number.startswith("PURGED") for number in graduates.values_list("id_number", flat=True))
    history = Graduate.history.filter(id__in=graduates.values("pk"))
    assert history.exists()
    assert set(history.values_list("name", "id_number", "phone", "email")) == {("", "", "", "")}
    assert not Evidence.objects.filter(plan__graduate__cohort=cohort).exists()
    assert not os.path.exists(stored)
    assert set(DestinationPlan.objects.filter(graduate__cohort=cohort).values_list("note", flat=True)) == {""}
    assert set(DestinationPlan.history.filter(graduate__cohort=cohort).values_list("note", flat=True)) == {""}
    assert set(SupportCase.objects.values_list("personal_plan", flat=True)) == {""}
    assert set(SupportAction.objects.values_list("note", flat=True)) == {PURGED_NOTE}
    cohort_2020["application"].refresh_from_db()
    assert cohort_2020["application"].bank_account == ""
    student = User.objects.get(pk=cohort_2020["org"].student.pk)
    assert (student.last_name, student.email, student.is_active, student.has_usable_password()) == (
        "",
        "",
        False,
        False,
    )
    # and the other cohort is untouched
    other = Graduate.objects.get(pk=cohort_2020["other"].pk)
    assert (other.phone, other.email) == ("13700002222", "keep@example.com")
    assert other.name and not other.id_number.startswith("PURGED")
    # and the purge is in the data-release log
    release = DataRelease.objects.get(kind=ReleaseKind.COHORT_PURGE)
    assert (release.user, release.rows, release.filters) == (cohort_2020["org"].centre, 14, {"cohort": 2020})
    assert "已清除 2020 届个人信息" in out.getvalue()


def test_the_dry_run_changes_nothing(cohort_2020):
    out = StringIO()
    call_command("purge_cohort", "2020", "--dry-run", stdout=out)
    assert "毕业生 14 人" in out.getvalue() and "证明材料 1 份" in out.getvalue()
    assert Graduate.objects.filter(cohort__year=2020, name="").count() == 0
    assert Evidence.objects.count() == 1
    assert not DataRelease.objects.exists()


def test_a_cohort_not_archived_is_refused_and_nothing_changes(cohort_2020):
    Cohort.objects.filter(year=2020).update(is_archived=False)
    with pytest.raises(CommandError) as refused:
        call_command("purge_cohort", "2020", "--yes", stdout=StringIO())
    assert refused.value.returncode == 1
    assert str(refused.value) == str(MSG_NOT_ARCHIVED.format(year=2020))
    assert not Graduate.objects.filter(name="").exists()
    assert Evidence.objects.count() == 1


def test_a_cohort_within_its_retention_is_refused(cohort_2020, settings):
    settings.PERSONAL_DATA_RETENTION_YEARS = datetime.date.today().year - 2020
    with pytest.raises(CommandError) as refused:
        call_command("purge_cohort", "2020", "--yes", stdout=StringIO())
    assert str(refused.value) == str(
        MSG_IN_RETENTION.format(year=2020, until=2020 + settings.PERSONAL_DATA_RETENTION_YEARS)
    )
    assert not Graduate.objects.filter(name="").exists()


def test_without_yes_and_without_a_terminal_it_asks_for_yes(cohort_2020):
    with pytest.raises(CommandError) as refused:
        call_command("purge_cohort", "2020", stdout=StringIO(), stdin=StringIO("yes\n"))
    assert refused.value.returncode == 1
    assert not Graduate.objects.filter(name="").exists()


def test_an_unknown_cohort_is_refused(db):
    with pytest.raises(CommandError):
        call_command("purge_cohort", "1999", "--yes", stdout=StringIO())


def test_the_purge_also_takes_files_their_student_removed_or_replaced(
    cohort_2020, django_capture_on_commit_callbacks
):
    from apps.plans.models import EvidenceRemoval
    from apps.plans.services import evidence_add, evidence_remove, evidence_replace, plan_save_draft
    from tests.plans.factories import employment_data, pdf

    # given a student of 2020 who took back one file and replaced another before submitting
    org = cohort_2020["org"]
    classmate = org.graduates["a1"][1]
    from tests.factories import make_student_user

    make_student_user(classmate)
    draft = plan_save_draft(graduate=classmate, actor=classmate.user, data=employment_data())
    wrong = evidence_add(plan=draft, actor=classmate.user, kind="contract", uploaded=pdf("错的.pdf"))
    old = evidence_add(plan=draft, actor=classmate.user, kind="offer", uploaded=pdf("旧的.pdf"))
    evidence_remove(evidence_id=wrong.pk, actor=classmate.user)
    evidence_replace(evidence_id=old.pk, actor=classmate.user, uploaded=pdf("新的.pdf"))
    # when
    with django_capture_on_commit_callbacks(execute=True):
        call_command("purge_cohort", "2020", "--yes", stdout=StringIO())
    # then no file of 2020 is left, nor the records of their removal
    assert not Evidence.objects.filter(plan__graduate__cohort=cohort_2020["cohort"]).exists()
    assert not EvidenceRemoval.objects.exists()
