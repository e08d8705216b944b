"""The annual comprehensive assessment (综合考评): scored, totalled, and a company that fails is marked for exit
(seed 4.4.1: 年底进行一次综合考评，对于考评不合格的创业项目进行淘汰)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import User

from ..models import ASSESSMENT_CRITERIA, PASS_MARK, Assessment, Tenant, TenantStatus
from ..workflow import TenantAction
from .common import MSG_NOT_IN_PARK, check_centre
from .tenants import tenant_transition

MSG_ALREADY_ASSESSED = _("{company} 的 {year} 年度综合考评已经登记；考评记录登记后不能修改。")
MSG_FAILED_MARKED = _("{year} 年度综合考评不合格（{total} 分，合格线 {threshold} 分），列入清退。")


@transaction.atomic
def assessment_record(
    *,
    tenant: Tenant,
    actor: User,
    year: int,
    scores: dict[str, int],
    comment: str = "",
    assessed_on: datetime.date | None = None,
    threshold: int = PASS_MARK,
) -> Assessment:
    """The centre records a company's assessment for ``year`` (one per year, never changed afterwards).

    ``scores`` gives every criterion of ``ASSESSMENT_CRITERIA``; the total is their sum and passes at
    ``threshold``. A company in the park that fails is marked for exit through the admission workflow, in the
    same transaction, with the result as the reason.
    """
    check_centre(actor)
    tenant = Tenant.objects.select_for_update().get(pk=tenant.pk)
    if not tenant.is_active:
        raise ValidationError(MSG_NOT_IN_PARK)
    if Assessment.objects.filter(tenant=tenant, year=year).exists():
        raise ValidationError(MSG_ALREADY_ASSESSED.format(company=tenant.company_name, year=year))
    total = sum(int(scores[name]) for name, _label, _max in ASSESSMENT_CRITERIA)
    assessment = Assessment(
        tenant=tenant,
        year=year,
        total=total,
        threshold=threshold,
        passed=total >= threshold,
        comment=comment.strip(),
        assessed_on=assessed_on or timezone.localdate(),
        assessed_by=actor,
        **{name: scores[name] for name, _label, _max in ASSESSMENT_CRITERIA},
    )
    assessment.full_clean()
    assessment.save()
    if not assessment.passed and tenant.status == TenantStatus.ADMITTED:
        tenant_transition(
            tenant_id=tenant.pk,
            action=TenantAction.MARK_FOR_EXIT,
            actor=actor,
            comment=str(MSG_FAILED_MARKED.format(year=year, total=total, threshold=threshold)),
        )
    return assessment
