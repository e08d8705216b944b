"""Operations of a company: meters only count up, passes have a valid period, reports and resumption
applications go company -> centre, the assessment eliminates, funding results are recorded."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from apps.park.models import (
    MSG_GRADUATES_OVER_STAFF,
    MSG_PASS_DATES,
    AccessPass,
    Assessment,
    FundingResult,
    MeterReading,
    OperatingReport,
    PassState,
    ReviewStatus,
    TenantEvent,
    TenantStatus,
)
from apps.park.selectors import meter_readings_with_consumption
from apps.park.services import (
    MSG_ALREADY_ASSESSED,
    MSG_ALREADY_HANDLED,
    MSG_COMMENT_REQUIRED,
    MSG_GRANT_AMOUNT,
    MSG_NOT_ALLOWED,
    MSG_NOT_IN_PARK,
    MSG_READING_AHEAD,
    MSG_READING_BACKWARDS,
    MSG_READING_EXISTS,
    MSG_REPORT_EXISTS,
    TransitionError,
    access_pass_issue,
    assessment_record,
    funding_apply,
    funding_decide,
    meter_reading_record,
    report_submit,
    resumption_submit,
    submission_transition,
    tenant_transition,
)
from apps.park.workflow import FundingAction, ReviewAction, TenantAction

pytestmark = pytest.mark.django_db

NOVEMBER = datetime.date(2020, 11, 1)


def report_data(**overrides) -> dict:
    data = {
        "period": NOVEMBER,
        "revenue": Decimal("36800.00"),
        "staff": 6,
        "graduates_employed": 4,
        "note": "",
    }
    data.update(overrides)
    return data


# ------------------------------------------------------------------------------------------------ meters


def test_a_meter_reading_lower_than_the_previous_one_is_refused_with_both_figures(park):
    # given a reading of A1's meter
    unit = park.units["A1"]
    meter_reading_record(
        unit=unit, actor=park.centre, read_on=datetime.date(2020, 10, 31), reading=Decimal("1520.5")
    )
    # when a later reading is lower
    with pytest.raises(ValidationError) as error:
        meter_reading_record(
            unit=unit, actor=park.centre, read_on=datetime.date(2020, 11, 30), reading=Decimal("1500.0")
        )
    # then it is refused, saying what the previous reading was
    assert error.value.message_dict == {
        "reading": [
            str(MSG_READING_BACKWARDS).format(
                meter=unit.meter_no, on="2020-10-31", previous=Decimal("1520.5"), reading=Decimal("1500.0")
            )
        ]
    }
    assert MeterReading.objects.filter(meter_no=unit.meter_no).count() == 1


def test_an_equal_reading_is_accepted_and_consumption_is_per_period(park):
    unit = park.units["A1"]
    for day, value in [(30, "1000.0"), (31, "1000.0"), (30, "1250.5")]:
        month = {30: 9, 31: 10}[day] if value != "1250.5" else 11
        meter_reading_record(
            unit=unit, actor=park.centre, read_on=datetime.date(2020, month, day), reading=Decimal(value)
        )
    rows = meter_readings_with_consumption(MeterReading.objects.filter(unit=unit)).order_by("read_on")
    assert [(r.read_on.month, r.consumption) for r in rows] == [
        (9, None),
        (10, Decimal("0")),
        (11, Decimal("250.5")),
    ]


def test_a_back_dated_reading_must_fit_between_its_neighbours(park):
    unit = park.units["A1"]
    meter_reading_record(
        unit=unit, actor=park.centre, read_on=datetime.date(2020, 9, 30), reading=Decimal("100")
    )
    meter_reading_record(
        unit=unit, actor=park.centre, read_on=datetime.date(2020, 11, 30), reading=Decimal("300")
    )
    with pytest.raises(ValidationError) as error:
        meter_reading_record(
            unit=unit, actor=park.centre, read_on=datetime.date(2020, 10, 31), reading=Decimal("301")
        )
    assert error.value.message_dict["reading"] == [
        str(MSG_READING_AHEAD).format(meter=unit.meter_no, on="2020-11-30", following=Decimal("300.0"))
    ]
    with pytest.raises(ValidationError) as error:
        meter_reading_record(
            unit=unit, actor=park.centre, read_on=datetime.date(2020, 11, 30), reading=Decimal("400")
        )
    assert error.value.message_dict["read_on"] == [
        str(MSG_READING_EXISTS).format(meter=unit.meter_no, on="2020-11-30")
    ]
    meter_reading_record(
        unit=unit, actor=park.centre, read_on=datetime.date(2020, 10, 31), reading=Decimal("200")
    )


def test_each_meter_counts_on_its_own(park):
    meter_reading_record(
        unit=park.units["A1"], actor=park.centre, read_on=datetime.date(2020, 9, 30), reading=Decimal("900")
    )
    meter_reading_record(
        unit=park.units["A2"], actor=park.centre, read_on=datetime.date(2020, 10, 31), reading=Decimal("10")
    )


def test_only_the_centre_reads_meters(park):
    with pytest.raises(PermissionDenied):
        meter_reading_record(
            unit=park.units["A1"],
            actor=park.leader_a,
            read_on=datetime.date(2020, 9, 30),
            reading=Decimal("1"),
        )


# ------------------------------------------------------------------------------------------------ passes


def pass_data(**overrides) -> dict:
    data = {
        "holder_name": "王小明",
        "holder_phone": "13912345678",
        "card_no": "LS20200001",
        "valid_from": datetime.date(2020, 9, 1),
        "valid_to": datetime.date(2021, 1, 15),
    }
    data.update(overrides)
    return data


def test_a_pass_ending_before_it_starts_is_refused(park):
    with pytest.raises(ValidationError) as error:
        access_pass_issue(
            tenant=park.tenant_a, actor=park.leader_a,
            data=pass_data(valid_from=datetime.date(2020, 9, 1), valid_to=datetime.date(2020, 8, 31)),
        )  # fmt: skip
    assert error.value.message_dict == {"valid_to": [str(MSG_PASS_DATES)]}
    assert not AccessPass.objects.exists()


def test_the_database_refuses_it_too(park):
    with pytest.raises(IntegrityError), transaction.atomic():
        AccessPass.objects.create(
            tenant=park.tenant_a, issued_by=park.centre, holder_name="x",
            valid_from=datetime.date(2020, 9, 2), valid_to=datetime.date(2020, 9, 1),
        )  # fmt: skip


def test_a_one_day_pass_is_valid(park):
    day = datetime.date(2020, 9, 1)
    issued = access_pass_issue(
        tenant=park.tenant_a, actor=park.centre, data=pass_data(valid_from=day, valid_to=day)
    )
    assert issued.state_on(day) == PassState.EXPIRING


@pytest.mark.parametrize(
    ("day", "state"),
    [
        (datetime.date(2020, 8, 31), PassState.NOT_YET),
        (datetime.date(2020, 9, 1), PassState.VALID),
        (datetime.date(2020, 12, 31), PassState.VALID),  # 15 days left
        (datetime.date(2021, 1, 1), PassState.EXPIRING),  # runs out within 14 days
        (datetime.date(2021, 1, 15), PassState.EXPIRING),
        (datetime.date(2021, 1, 16), PassState.EXPIRED),
    ],
)
def test_pass_state_by_day(park, day, state):
    issued = access_pass_issue(tenant=park.tenant_a, actor=park.leader_a, data=pass_data())
    assert issued.state_on(day) == state


def test_passes_only_for_a_company_in_the_park_and_by_its_own_accounts(park):
    with pytest.raises(PermissionDenied):
        access_pass_issue(tenant=park.tenant_b, actor=park.leader_a, data=pass_data())
    park.applicant.members.add(park.leader_b)
    with pytest.raises(ValidationError) as error:
        access_pass_issue(tenant=park.applicant, actor=park.leader_b, data=pass_data())
    assert error.value.messages == [str(MSG_NOT_IN_PARK)]


# ------------------------------------------------------------------------------------------------ reports


def test_company_submits_centre_returns_company_corrects_centre_approves(park):
    # given a report submitted by the company's student member
    report = report_submit(tenant=park.tenant_a, actor=park.student_member, data=report_data())
    assert report.status == ReviewStatus.SUBMITTED
    # when the centre returns it without a reason, it is refused
    with pytest.raises(TransitionError) as refused:
        submission_transition(subject="report", pk=report.pk, action=ReviewAction.RETURN, actor=park.centre)
    assert refused.value.message == str(MSG_COMMENT_REQUIRED)
    # with a reason it goes back
    submission_transition(
        subject="report", pk=report.pk, action=ReviewAction.RETURN, actor=park.centre, comment="收入有误"
    )
    # the company corrects the figures and submits again
    submission_transition(
        subject="report", pk=report.pk, action=ReviewAction.RESUBMIT, actor=park.leader_a,
        data=report_data(revenue=Decimal("38600.00")),
    )  # fmt: skip
    # and the centre approves
    report = submission_transition(
        subject="report", pk=report.pk, action=ReviewAction.APPROVE, actor=park.centre
    )
    report.refresh_from_db()
    assert (report.status, report.revenue, report.reviewed_by) == (
        ReviewStatus.APPROVED,
        Decimal("38600.00"),
        park.centre,
    )
    assert list(TenantEvent.objects.filter(subject="report", subject_id=report.pk).values_list("action", "actor_role")) == [
        ("submit", "student"), ("return", "centre"), ("resubmit", "tenant"), ("approve", "centre"),
    ]  # fmt: skip


def test_one_report_per_company_and_month(park):
    report_submit(tenant=park.tenant_a, actor=park.leader_a, data=report_data())
    with pytest.raises(ValidationError) as error:
        report_submit(tenant=park.tenant_a, actor=park.leader_a, data=report_data())
    assert error.value.message_dict == {"period": [str(MSG_REPORT_EXISTS).format(period="2020年11月")]}
    report_submit(tenant=park.tenant_b, actor=park.leader_b, data=report_data())


def test_graduates_employed_cannot_exceed_staff(park):
    with pytest.raises(ValidationError) as error:
        report_submit(
            tenant=park.tenant_a, actor=park.leader_a, data=report_data(staff=3, graduates_employed=4)
        )
    assert error.value.message_dict == {"graduates_employed": [str(MSG_GRADUATES_OVER_STAFF)]}


@pytest.mark.parametrize("who", ["centre", "other_leader", "counsellor", "admin"])
def test_only_the_company_submits_its_report(park, org, who):
    actor = {
        "centre": park.centre,
        "other_leader": park.leader_b,
        "counsellor": org.counsellor,
        "admin": org.admin,
    }[who]
    with pytest.raises(PermissionDenied):
        report_submit(tenant=park.tenant_a, actor=actor, data=report_data())
    assert not OperatingReport.objects.exists()


@pytest.mark.parametrize("action", [ReviewAction.APPROVE, ReviewAction.RETURN])
def test_a_company_cannot_review_its_own_report(park, action):
    report = report_submit(tenant=park.tenant_a, actor=park.leader_a, data=report_data())
    with pytest.raises(TransitionError) as refused:
        submission_transition(
            subject="report", pk=report.pk, action=action, actor=park.leader_a, comment="好"
        )
    assert refused.value.message == str(MSG_NOT_ALLOWED)


def test_another_company_cannot_see_or_touch_a_report(park):
    report = report_submit(tenant=park.tenant_a, actor=park.leader_a, data=report_data())
    submission_transition(
        subject="report", pk=report.pk, action=ReviewAction.RETURN, actor=park.centre, comment="改"
    )
    with pytest.raises(PermissionDenied):
        submission_transition(
            subject="report",
            pk=report.pk,
            action=ReviewAction.RESUBMIT,
            actor=park.leader_b,
            data=report_data(),
        )


def test_resumption_application_with_safety_plan(park):
    application = resumption_submit(
        tenant=park.tenant_a, actor=park.leader_a,
        data={"planned_on": datetime.date(2020, 4, 8), "staff_returning": 4, "safety_plan": "每日测温、消毒。"},
    )  # fmt: skip
    approved = submission_transition(
        subject="resumption", pk=application.pk, action=ReviewAction.APPROVE, actor=park.centre
    )
    assert approved.status == ReviewStatus.APPROVED


def test_a_resumption_application_needs_its_plan(park):
    with pytest.raises(ValidationError) as error:
        resumption_submit(
            tenant=park.tenant_a, actor=park.leader_a,
            data={"planned_on": datetime.date(2020, 4, 8), "staff_returning": 4, "safety_plan": ""},
        )  # fmt: skip
    assert "safety_plan" in error.value.message_dict


# ------------------------------------------------------------------------------------------------ assessment


def scores(operations: int, jobs: int, safety: int, compliance: int, participation: int) -> dict[str, int]:
    return {
        "score_operations": operations,
        "score_jobs": jobs,
        "score_safety": safety,
        "score_compliance": compliance,
        "score_participation": participation,
    }


FAILING = scores(12, 9, 10, 7, 7)  # 45
PASSING = scores(20, 12, 12, 8, 8)  # 60, the pass mark


def test_a_company_that_fails_the_assessment_is_marked_for_exit_and_the_history_stays(park):
    # when 甲公司 scores 45 of 100 in 2020
    assessment = assessment_record(tenant=park.tenant_a, actor=park.centre, year=2020, scores=FAILING)
    # then it failed, and the company is marked for exit with the result as the reason
    assert (assessment.total, assessment.passed) == (45, False)
    park.tenant_a.refresh_from_db()
    assert park.tenant_a.status == TenantStatus.MARKED_FOR_EXIT
    marked = TenantEvent.objects.get(tenant=park.tenant_a, action=TenantAction.MARK_FOR_EXIT)
    assert marked.comment == "2020 年度综合考评不合格（45 分，合格线 60 分），列入清退。"
    # and when it leaves, the assessment is still there and cannot be changed
    tenant_transition(tenant_id=park.tenant_a.pk, action=TenantAction.EXIT, actor=park.centre, comment="淘汰")
    kept = Assessment.objects.get(tenant=park.tenant_a, year=2020)
    assert kept.total == 45
    with pytest.raises(ValueError):
        kept.save()


def test_a_company_that_passes_stays(park):
    assessment = assessment_record(tenant=park.tenant_b, actor=park.centre, year=2020, scores=PASSING)
    assert (assessment.total, assessment.passed) == (60, True)
    park.tenant_b.refresh_from_db()
    assert park.tenant_b.status == TenantStatus.ADMITTED


def test_one_assessment_per_company_and_year(park):
    assessment_record(tenant=park.tenant_b, actor=park.centre, year=2020, scores=PASSING)
    with pytest.raises(ValidationError) as error:
        assessment_record(tenant=park.tenant_b, actor=park.centre, year=2020, scores=FAILING)
    assert error.value.messages == [str(MSG_ALREADY_ASSESSED).format(company="乙公司", year=2020)]
    park.tenant_b.refresh_from_db()
    assert park.tenant_b.status == TenantStatus.ADMITTED


def test_a_score_above_the_criterion_maximum_is_refused(park):
    too_much = PASSING | {"score_jobs": 21}
    with pytest.raises(ValidationError) as error:
        assessment_record(tenant=park.tenant_a, actor=park.centre, year=2020, scores=too_much)
    assert "score_jobs" in error.value.message_dict


def test_a_company_already_marked_that_fails_again_stays_marked(park):
    assessment_record(tenant=park.tenant_a, actor=park.centre, year=2019, scores=FAILING)
    assessment_record(tenant=park.tenant_a, actor=park.centre, year=2020, scores=FAILING)
    assert TenantEvent.objects.filter(tenant=park.tenant_a, action=TenantAction.MARK_FOR_EXIT).count() == 1


# ------------------------------------------------------------------------------------------------ funding


def test_funding_application_and_result(park):
    application = funding_apply(
        tenant=park.tenant_a, actor=park.leader_a,
        data={"year": 2020, "team_name": "刘坤团队", "amount_requested": Decimal("20000")},
    )  # fmt: skip
    with pytest.raises(TransitionError) as refused:
        funding_decide(funding_id=application.pk, action=FundingAction.GRANT, actor=park.centre)
    assert refused.value.message == str(MSG_GRANT_AMOUNT)
    with pytest.raises(TransitionError):
        funding_decide(
            funding_id=application.pk,
            action=FundingAction.GRANT,
            actor=park.leader_a,
            amount_granted=Decimal("1"),
        )
    funded = funding_decide(
        funding_id=application.pk,
        action=FundingAction.GRANT,
        actor=park.centre,
        amount_granted=Decimal("20000"),
    )
    assert (funded.result, funded.amount_granted) == (FundingResult.FUNDED, Decimal("20000"))
    with pytest.raises(TransitionError):
        funding_decide(funding_id=application.pk, action=FundingAction.DECLINE, actor=park.centre)


def test_a_stale_review_page_does_not_review_a_report_twice(park):
    # given a report the centre has approved
    report = report_submit(tenant=park.tenant_a, actor=park.leader_a, data=report_data())
    submission_transition(subject="report", pk=report.pk, action=ReviewAction.APPROVE, actor=park.centre)
    # when another reviewer returns it from a page that still showed it as submitted
    with pytest.raises(TransitionError) as refused:
        submission_transition(
            subject="report", pk=report.pk, action=ReviewAction.RETURN, actor=park.centre, comment="改",
            expected_status=ReviewStatus.SUBMITTED,
        )  # fmt: skip
    # then they are told it was handled, and it stays approved with its one review
    assert refused.value.message == str(MSG_ALREADY_HANDLED).format(status=ReviewStatus.APPROVED.label)
    report.refresh_from_db()
    assert report.status == ReviewStatus.APPROVED
    assert TenantEvent.objects.filter(subject="report", subject_id=report.pk, action="return").count() == 0


def test_a_stale_funding_page_does_not_record_a_second_result(park):
    application = funding_apply(
        tenant=park.tenant_a, actor=park.leader_a, data={"year": 2020, "amount_requested": Decimal("20000")}
    )
    funding_decide(funding_id=application.pk, action=FundingAction.DECLINE, actor=park.centre)
    with pytest.raises(TransitionError) as refused:
        funding_decide(
            funding_id=application.pk, action=FundingAction.GRANT, actor=park.centre,
            amount_granted=Decimal("20000"), expected_result=FundingResult.PENDING,
        )  # fmt: skip
    assert refused.value.message == str(MSG_ALREADY_HANDLED).format(status=FundingResult.NOT_FUNDED.label)
