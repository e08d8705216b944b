"""Evidence rules per destination (教学厅函〔2021〕19号 附件2; issue 13 item 4): a 2021+ cohort's 12, 76 and
271 need pay at or above the centre's minimum wage for the employer's province and the cohort's year, and the
evidence each destination is proved by; no review level approves while something is missing."""

import pytest
from django.urls import reverse

from apps.graduates.models import Cohort, Graduate
from apps.plans.evidence_rules import (
    MSG_MISSING,
    MSG_NO_MINIMUM_WAGE,
    MSG_PAY_BELOW,
    plan_checklist,
    plan_missing,
)
from apps.plans.models import DestinationPlan, PlanStatus, StartupType
from apps.plans.services import TransitionError, evidence_add, plan_save_draft, plan_transition
from apps.plans.workflow import Action
from apps.refdata.models import MinimumWage, Province

from .factories import code, employment_data, pdf

pytestmark = pytest.mark.django_db

HUBEI_FLOOR = 2010  # a figure for the test only: the centre enters the real one from the provincial document


@pytest.fixture
def cohort_2021(org):
    cohort = Cohort.objects.create(year=2021, destination_scheme="2021")
    Graduate.objects.filter(pk=org.own_graduate.pk).update(cohort=cohort)
    org.own_graduate.refresh_from_db()
    return cohort


def hubei() -> Province:
    return Province.objects.get(code="42")


def other_hire(org, *, pay: int | None, kind: str = "income") -> DestinationPlan:
    graduate = org.own_graduate
    data = employment_data(destination="12", monthly_pay=pay, contract_type="proof")
    data["destination"] = code("12", scheme="2021")
    plan = plan_save_draft(graduate=graduate, actor=graduate.user, data=data)
    evidence_add(plan=plan, actor=graduate.user, kind=kind, uploaded=pdf("流水.pdf"))
    return plan_transition(plan_id=plan.pk, action=Action.SUBMIT, actor=graduate.user)


def refusal(plan, actor) -> str:
    with pytest.raises(TransitionError) as excinfo:
        plan_transition(plan_id=plan.pk, action=Action.APPROVE, actor=actor)
    return excinfo.value.message


def below_message(pay: int) -> str:
    return str(MSG_PAY_BELOW.format(pay=pay, province="湖北省", year=2021, floor=HUBEI_FLOOR))


def test_a_12_plan_below_the_minimum_wage_cannot_pass_the_centre(org, cohort_2021):
    # given a plan that reached the centre before the centre entered Hubei's minimum wage
    MinimumWage.objects.create(
        province=hubei(), year=2021, monthly_yuan=HUBEI_FLOOR, document="鄂政发〔2021〕X号"
    )
    plan = other_hire(org, pay=1500)
    DestinationPlan.objects.filter(pk=plan.pk).update(status=PlanStatus.COLLEGE_APPROVED)

    # when the centre approves it, then it is refused and stays where it was
    message = refusal(plan, org.centre)

    assert message == str(MSG_MISSING.format(items=below_message(1500)))
    plan.refresh_from_db()
    assert plan.status == PlanStatus.COLLEGE_APPROVED and plan.approved_on is None


def test_no_level_approves_a_plan_below_the_minimum_wage(org, cohort_2021):
    MinimumWage.objects.create(
        province=hubei(), year=2021, monthly_yuan=HUBEI_FLOOR, document="鄂政发〔2021〕X号"
    )
    plan = other_hire(org, pay=HUBEI_FLOOR - 1)

    assert below_message(HUBEI_FLOOR - 1) in refusal(plan, org.counsellor)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SUBMITTED


def test_pay_at_the_minimum_wage_passes_all_three_levels(org, cohort_2021):
    MinimumWage.objects.create(
        province=hubei(), year=2021, monthly_yuan=HUBEI_FLOOR, document="鄂政发〔2021〕X号"
    )
    plan = other_hire(org, pay=HUBEI_FLOOR)

    for reviewer in (org.counsellor, org.college_officer, org.centre):
        plan = plan_transition(plan_id=plan.pk, action=Action.APPROVE, actor=reviewer)

    assert plan.status == PlanStatus.APPROVED


def test_without_a_minimum_wage_entered_the_review_says_so(org, cohort_2021):
    plan = other_hire(org, pay=5000)

    expected = str(MSG_NO_MINIMUM_WAGE.format(province="湖北省", year=2021))
    assert plan_missing(plan) == [expected]
    assert expected.startswith("未录入该省最低工资标准")


def test_the_review_page_lists_what_is_missing_and_an_approval_is_a_message_not_a_500(
    client, org, cohort_2021
):
    plan = other_hire(org, pay=None)
    client.force_login(org.counsellor)

    page = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    response = client.post(
        reverse("plans:act", args=[plan.pk]), {"action": "approve", "expected_status": plan.status}
    )

    assert 'id="plan-checklist"' in page
    assert "✗ 缺少：月薪不低于当地最低工资标准（未填写月薪。）" in page
    assert "✓ 已具备：用人单位录用证明或本人工资、收入流水" in page
    # the reviewer stays on the plan, told what is missing, and the plan does not move
    assert response.status_code == 200
    assert response.context["action_error"] == str(MSG_MISSING.format(items="未填写月薪。"))
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SUBMITTED


def test_freelance_needs_the_signed_statement_and_the_wage(org, cohort_2021):
    MinimumWage.objects.create(
        province=hubei(), year=2021, monthly_yuan=HUBEI_FLOOR, document="鄂政发〔2021〕X号"
    )
    graduate = org.own_graduate
    data = {
        "destination": code("76", "2021"),
        "job_title": "自媒体运营",
        "monthly_pay": 3000,
        "work_province": hubei(),
    }
    plan = plan_save_draft(graduate=graduate, actor=graduate.user, data=data)

    assert [(item.label, item.ok) for item in plan_checklist(plan)] == [
        ("本人签字的自由职业情况说明", False), ("月薪不低于当地最低工资标准", True),
    ]  # fmt: skip


def test_ecommerce_needs_the_shop_address_a_screenshot_and_income_records_and_no_wage(org, cohort_2021):
    graduate = org.own_graduate
    data = {
        "destination": code("75", "2021"), "startup_type": StartupType.ECOMMERCE, "employer_name": "小护士母婴店",
        "industry": employment_data()["industry"], "work_province": hubei(),
    }  # fmt: skip
    plan = plan_save_draft(graduate=graduate, actor=graduate.user, data=data)
    evidence_add(plan=plan, actor=graduate.user, kind="screenshot", uploaded=pdf("截图.pdf"))

    assert [(item.label, item.ok) for item in plan_checklist(plan)] == [
        ("网店地址", False), ("网店截图", True), ("收入流水", False),
    ]  # fmt: skip


def test_the_2020_cohort_keeps_its_rules(org):
    graduate = org.own_graduate
    plan = plan_save_draft(graduate=graduate, actor=graduate.user, data=employment_data(destination="12"))
    evidence_add(plan=plan, actor=graduate.user, kind="contract", uploaded=pdf())

    assert plan_missing(plan) == []
