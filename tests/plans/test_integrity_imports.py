"""Imports never undo a decision, and a later act always wins (issue 10, scenarios 2 and 6; Deliver 4, 7).

- A row equal to a plan found false by 核查 is refused, and with it the whole file.
- A row that would supersede the plan in force while a change of it is open is refused: decide the change.
- Approval times are monotonic per graduate whatever the source: a same-day import never beats a later
  centre approval in the cut-off selector, nor the other way round.
- An approval whose UPDATE meets a plan registered meanwhile (the one-in-force constraint) gets a message.
"""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from apps.graduates.imports import RowError
from apps.plans import destination_import as di
from apps.plans import services, views_import
from apps.plans import verification as v
from apps.plans.destination_import import destination_import
from apps.plans.models import DestinationPlan, PlanEvent, PlanStatus, VerificationResult
from apps.plans.selectors import effective_plans
from apps.plans.services import (
    MSG_REGISTRATION_CHANGED,
    TransitionError,
    plan_bulk_approve,
    plan_save_draft,
    plan_transition,
)
from apps.plans.workflow import Action

from ..factories import make_cohort, make_user
from .factories import submitted_plan, waiting_data
from .test_destination_import import employed_row, snapshot, waiting_row, xlsx

pytestmark = pytest.mark.django_db


def run_import(path, *, actor, dry_run=False):
    return destination_import(rows_source=path, dry_run=dry_run, actor=actor)


def record_false(plan, actor, note="单位称无此人"):
    verification = v.verification_batch_draw(
        actor=actor, cohort=make_cohort(2020), college=plan.graduate.class_group.major.college
    ).verifications.get(plan=plan)
    v.verification_record(
        verification_id=verification.pk,
        actor=actor,
        method="employer",
        checked_on=timezone.localdate(),
        result=VerificationResult.FALSE,
        note=note,
    )
    verification.refresh_from_db()
    return verification


def to_college_approved(org, graduate=None, data=None) -> DestinationPlan:
    plan = submitted_plan(org, graduate, data)
    for reviewer in (org.counsellor, org.college_officer):
        plan = plan_transition(plan_id=plan.pk, action=Action.APPROVE, actor=reviewer)
    return plan


# --- scenario 2: re-importing undoes a verification ----------------------------------------------------------


def test_reimporting_a_row_found_false_is_refused_naming_the_finding_and_nothing_is_written(tmp_path, org):
    # given a destination imported from the provincial platform, then found false by 核查
    graduate = org.own_graduate
    other = org.graduates["b1"][0]
    path = xlsx(tmp_path, [employed_row(graduate), waiting_row(other)])
    assert run_import(path, actor=org.centre).new == 2
    imported = DestinationPlan.objects.get(graduate=graduate)
    verification = record_false(imported, org.centre)
    before = snapshot()

    # when the same file is imported again
    result = run_import(path, actor=org.centre)

    # then the row is an error naming the finding, and the whole file is refused
    finding = di.MSG_FOUND_FALSE.format(pk=imported.pk, day=verification.checked_on, finding="单位称无此人")
    assert RowError(2, "毕业去向代码", str(finding)) in result.errors
    assert not result.written and snapshot() == before
    assert not effective_plans(as_of=timezone.localdate()).filter(graduate=graduate).exists()


def test_the_dry_run_lists_the_false_finding_too(tmp_path, org):
    path = xlsx(tmp_path, [employed_row(org.own_graduate)])
    run_import(path, actor=org.centre)
    record_false(DestinationPlan.objects.get(graduate=org.own_graduate), org.centre)

    result = run_import(path, actor=None, dry_run=True)

    assert not result.ok
    assert any("核查认定不属实" in error.message for error in result.errors)


def test_a_row_that_differs_from_the_plan_found_false_is_not_refused_for_it(tmp_path, org):
    # a later, different destination (the graduate really moved on) is not the content found false
    graduate = org.own_graduate
    run_import(xlsx(tmp_path, [employed_row(graduate)], name="first.xlsx"), actor=org.centre)
    record_false(DestinationPlan.objects.get(graduate=graduate), org.centre)

    result = run_import(
        xlsx(tmp_path, [employed_row(graduate, **{"单位名称": "孝感市第一人民医院"})], name="other.xlsx"),
        actor=org.centre,
    )

    assert not any("不属实" in error.message for error in result.errors), result.errors
    assert result.ok and result.new == 1


# --- scenario 2 (b): a row would supersede a plan while a change of it is open --------------------------------


def _open_change(org, status: str) -> DestinationPlan:
    change = plan_save_draft(graduate=org.own_graduate, actor=org.student, data=waiting_data())
    if status in (PlanStatus.SUBMITTED, PlanStatus.RETURNED, PlanStatus.COLLEGE_APPROVED):
        plan_transition(plan_id=change.pk, action=Action.SUBMIT, actor=org.student)
    if status == PlanStatus.RETURNED:
        plan_transition(plan_id=change.pk, action=Action.RETURN, actor=org.counsellor, comment="请补材料")
    if status == PlanStatus.COLLEGE_APPROVED:
        for reviewer in (org.counsellor, org.college_officer):
            plan_transition(plan_id=change.pk, action=Action.APPROVE, actor=reviewer)
    change.refresh_from_db()
    assert change.status == status
    return change


@pytest.mark.parametrize(
    "status",
    [PlanStatus.DRAFT, PlanStatus.SUBMITTED, PlanStatus.RETURNED, PlanStatus.COLLEGE_APPROVED],
)
def test_a_row_superseding_a_plan_whose_change_is_open_is_an_error_saying_to_decide_the_change(
    tmp_path, org, status
):
    # given a plan in force (imported) and the student's change of it, open
    run_import(xlsx(tmp_path, [employed_row(org.own_graduate)], name="first.xlsx"), actor=org.centre)
    in_force = DestinationPlan.objects.get(status=PlanStatus.APPROVED)
    change = _open_change(org, status)
    assert change.replaces == in_force
    before = snapshot()

    # when a later file would supersede the plan in force
    later = xlsx(tmp_path, [waiting_row(org.own_graduate, day="2020-09-01")], name="later.xlsx")
    dry = run_import(later, actor=None, dry_run=True)
    result = run_import(later, actor=org.centre)

    # then it is an error in the dry run and on confirm, and nothing moves
    message = di.MSG_CHANGE_OPEN.format(pk=change.pk, status=PlanStatus(status).label)
    assert dry.errors == result.errors == [RowError(2, "学号", str(message))]
    assert snapshot() == before
    in_force.refresh_from_db()
    assert in_force.status == PlanStatus.APPROVED


def test_reimporting_an_unchanged_row_is_harmless_even_with_a_change_open(tmp_path, org):
    path = xlsx(tmp_path, [employed_row(org.own_graduate)])
    run_import(path, actor=org.centre)
    _open_change(org, PlanStatus.SUBMITTED)

    result = run_import(path, actor=org.centre)

    assert (result.ok, result.unchanged) == (True, 1)


# --- scenario 6: a same-day import beats a later approval ----------------------------------------------------

DAY = datetime.date(2020, 8, 31)


class Clock:
    """What ``django.utils.timezone.now`` answers (every caller reads it from the module)."""

    def __init__(self):
        self.value = None

    def at(self, hour: int, minute: int = 0, day: datetime.date = DAY) -> datetime.datetime:
        self.value = timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))
        return self.value


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    clock.at(8)
    monkeypatch.setattr(timezone, "now", lambda: clock.value)
    return clock


def centre_approves(how: str, plan, actor):
    if how == "one":
        return plan_transition(plan_id=plan.pk, action=Action.APPROVE, actor=actor)
    (outcome,) = plan_bulk_approve(plan_ids=[plan.pk], actor=actor)
    assert outcome.ok, outcome
    return DestinationPlan.objects.get(pk=plan.pk)


def winner(day: datetime.date, graduate) -> int:
    return effective_plans(as_of=day).get(graduate=graduate).pk


@pytest.mark.parametrize("how", ["one", "bulk"])
def test_an_import_at_9_then_the_centre_approving_at_10_the_same_day_the_approval_wins(
    tmp_path, org, clock, how
):
    # given the student's first plan waiting for the centre
    clock.at(8)
    plan = to_college_approved(org)
    # when at 09:00 an import registers the province's destination dated today
    clock.at(9)
    result = run_import(
        xlsx(tmp_path, [waiting_row(org.own_graduate, day=DAY.isoformat())]), actor=org.centre
    )
    assert (result.ok, result.new) == (True, 1), result.errors
    imported = DestinationPlan.objects.get(graduate=org.own_graduate, status=PlanStatus.APPROVED)
    assert imported.approved_at == clock.value  # the real time, not noon: never later than now
    # and at 10:00 the centre approves the student's plan
    clock.at(10)
    approved = centre_approves(how, plan, org.centre)

    # then the centre's later act is the destination that day and every later day
    assert approved.approved_at >= clock.value
    assert winner(DAY, org.own_graduate) == plan.pk
    assert winner(DAY + datetime.timedelta(days=120), org.own_graduate) == plan.pk
    imported.refresh_from_db()
    assert imported.status == PlanStatus.SUPERSEDED


@pytest.mark.parametrize("how", ["one", "bulk"])
def test_an_approval_after_a_plan_stamped_later_that_day_sorts_after_it(tmp_path, org, clock, how):
    # given a plan registered today with a time later than now (noon, as imports used to stamp them)
    plan = to_college_approved(org)
    noon = timezone.make_aware(datetime.datetime.combine(DAY, di.APPROVAL_TIME))
    legacy = DestinationPlan.objects.create(
        graduate=org.own_graduate,
        destination=waiting_data()["destination"],
        not_employed_reason=waiting_data()["not_employed_reason"],
        status=PlanStatus.APPROVED,
        approved_on=DAY,
        approved_at=noon,
        created_by=org.centre,
    )

    # when the centre approves the student's plan at 10:00
    clock.at(10)
    approved = centre_approves(how, plan, org.centre)

    # then the approval is stamped after it (by a microsecond), and wins
    assert approved.approved_at == noon + datetime.timedelta(microseconds=1)
    assert approved.approved_on == DAY
    assert winner(DAY, org.own_graduate) == plan.pk
    legacy.refresh_from_db()
    assert legacy.status == PlanStatus.SUPERSEDED


def test_the_centre_approving_at_12_30_then_an_import_dated_today_at_13_the_import_wins(tmp_path, org, clock):
    # given the centre approved the student's plan at 12:30
    plan = to_college_approved(org)
    clock.at(12, 30)
    plan_transition(plan_id=plan.pk, action=Action.APPROVE, actor=org.centre)

    # when at 13:00 an import registers a destination dated today
    clock.at(13)
    result = run_import(
        xlsx(tmp_path, [waiting_row(org.own_graduate, day=DAY.isoformat())]), actor=org.centre
    )

    # then it is a later act: it supersedes the approval instead of being refused as earlier
    assert (result.ok, result.changed) == (True, 1), result.errors
    imported = DestinationPlan.objects.get(graduate=org.own_graduate, status=PlanStatus.APPROVED)
    assert imported.approved_at == clock.value
    assert winner(DAY, org.own_graduate) == imported.pk


def test_an_import_dated_before_today_keeps_noon_of_that_day(tmp_path, org, clock):
    clock.at(9)

    run_import(xlsx(tmp_path, [waiting_row(org.own_graduate, day="2020-08-20")]), actor=org.centre)

    plan = DestinationPlan.objects.get()
    assert timezone.localtime(plan.approved_at).replace(tzinfo=None) == datetime.datetime(2020, 8, 20, 12)


def test_a_counsellor_approval_is_not_stamped(org, clock):
    plan = submitted_plan(org)

    plan = plan_transition(plan_id=plan.pk, action=Action.APPROVE, actor=org.counsellor)

    assert plan.approved_at is None and plan.approved_on is None


# --- Deliver 7: a plan registered between the approval's lock and its UPDATE ---------------------------------


@pytest.mark.parametrize("how", ["one", "bulk"])
def test_an_import_registering_the_graduate_inside_the_approval_gives_a_message_not_an_error(
    tmp_path, org, monkeypatch, how
):
    # given the student's first plan waiting for the centre, and an import that lands after the approval
    # has locked what it supersedes (none yet) and before its UPDATE (simulated in the same connection: the
    # PostgreSQL thread test in test_concurrency.py does it for real)
    plan = to_college_approved(org)
    path = xlsx(tmp_path, [waiting_row(org.own_graduate)])
    real = services._supersede_previous

    def import_meanwhile(*args, **kwargs):
        real(*args, **kwargs)
        assert run_import(path, actor=org.centre).new == 1

    monkeypatch.setattr(services, "_supersede_previous", import_meanwhile)
    events = PlanEvent.objects.count()

    # when the centre approves
    if how == "one":
        with pytest.raises(TransitionError) as raised:
            plan_transition(plan_id=plan.pk, action=Action.APPROVE, actor=org.centre)
        message = raised.value.message
    else:
        (outcome,) = plan_bulk_approve(plan_ids=[plan.pk], actor=org.centre)
        assert not outcome.ok
        message = outcome.message

    # then the centre is told, and the approval wrote nothing
    assert message == str(MSG_REGISTRATION_CHANGED)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.COLLEGE_APPROVED
    assert PlanEvent.objects.count() == events


def test_the_preview_page_lists_the_refusals_and_offers_no_confirmation(client, tmp_path, org):
    # given one graduate's imported plan found false, another's plan in force with a change open
    other = org.graduates["b1"][0]
    first = xlsx(tmp_path, [employed_row(org.own_graduate), employed_row(other)], name="first.xlsx")
    run_import(first, actor=org.centre)
    found = DestinationPlan.objects.get(graduate=org.own_graduate)
    record_false(found, org.centre)
    other.user = make_user("student", username=other.student_no)
    other.save(update_fields=["user"])
    change = plan_save_draft(graduate=other, actor=other.user, data=waiting_data())
    client.force_login(org.centre)
    path = xlsx(
        tmp_path, [employed_row(org.own_graduate), waiting_row(other, day="2020-09-01")], name="again.xlsx"
    )

    response = client.post(
        reverse("plans:import"), {"file": SimpleUploadedFile(path.name, path.read_bytes())}
    )

    html = response.content.decode()
    assert 'id="import-rejected"' in html and "确认导入" not in html
    assert f"方案 #{found.pk}" in html and "单位称无此人" in html
    assert str(di.MSG_CHANGE_OPEN.format(pk=change.pk, status=PlanStatus.DRAFT.label)) in html
    assert views_import.SESSION_KEY not in client.session
