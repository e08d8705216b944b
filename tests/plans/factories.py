import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from apps.plans.models import DestinationPlan, PlanStatus
from apps.plans.services import evidence_add, plan_save_draft, plan_transition
from apps.plans.workflow import Action
from apps.refdata.models import DestinationCode, Industry, NotEmployedReason, Province, UnitNature

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def code(value: str, scheme: str = "2020") -> DestinationCode:
    return DestinationCode.objects.get(scheme=scheme, code=value)


def employment_data(destination: str = "11", **overrides) -> dict:
    data = {
        "destination": code(destination),
        "employer_name": "孝感市中心医院",
        "employer_credit_code": "",
        "unit_nature": UnitNature.objects.get(code="23"),
        "industry": Industry.objects.get(code="43"),
        "work_province": Province.objects.get(code="42"),
        "work_city": "孝感市",
        "job_title": "护士",
        "contract_type": "labour",
    }
    data.update(overrides)
    return data


def waiting_data(reason: str = "求职中") -> dict:
    return {"destination": code("70"), "not_employed_reason": NotEmployedReason.objects.get(name=reason)}


def pdf(name: str = "合同.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def submitted_plan(org, graduate=None, data=None) -> DestinationPlan:
    """A plan of ``graduate`` (default: org's student) submitted with a contract attached."""
    graduate = graduate or org.own_graduate
    plan = plan_save_draft(graduate=graduate, actor=graduate.user, data=data or employment_data())
    evidence_add(plan=plan, actor=graduate.user, kind="contract", uploaded=pdf())
    return plan_transition(plan_id=plan.pk, action=Action.SUBMIT, actor=graduate.user)


def approved_plan(org, graduate=None, data=None) -> DestinationPlan:
    plan = submitted_plan(org, graduate, data)
    for reviewer in (org.counsellor, org.college_officer, org.centre):
        plan = plan_transition(plan_id=plan.pk, action=Action.APPROVE, actor=reviewer)
    return plan


def registered_plan(
    graduate,
    destination: str,
    approved_on: datetime.date,
    *,
    created_by,
    status=PlanStatus.APPROVED,
    **fields,
):
    """A plan recorded as approved by the centre on ``approved_on`` (history written directly, as an import
    from the provincial platform would), for report tests that need dates in the past."""
    return DestinationPlan.objects.create(
        graduate=graduate,
        destination=code(destination),
        status=status,
        approved_on=approved_on,
        approved_at=datetime.datetime.combine(approved_on, datetime.time(12), tzinfo=datetime.UTC),
        created_by=created_by,
        **fields,
    )
