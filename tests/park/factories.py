"""Builders for park test data. Plain functions: each makes exactly what its name says, through the services
where a workflow is involved (so events are written as in real use)."""

import datetime
import itertools
from decimal import Decimal

from apps.accounts.models import User
from apps.park.models import Site, Tenant, Unit
from apps.park.services import tenant_save, tenant_transition
from apps.park.validators import credit_code_check_char
from apps.park.workflow import TenantAction
from apps.refdata.models import Industry

_sequence = itertools.count(1)


def credit_code(serial: int) -> str:
    """A GB 32100-valid code for a company registered in 孝南区; ``serial`` makes it unique."""
    first17 = f"91420902MA4{serial:06d}"
    return first17 + credit_code_check_char(first17)


def make_site(name: str = "体育馆创业一条街", sort_order: int = 1) -> Site:
    return Site.objects.get_or_create(name=name, defaults={"sort_order": sort_order})[0]


def make_unit(site: Site, code: str, area: str = "80.00") -> Unit:
    return Unit.objects.create(site=site, code=code, area=Decimal(area), meter_no=f"DB-{site.pk}-{code}")


def tenant_data(**overrides) -> dict:
    n = next(_sequence)
    data = {
        "company_name": f"孝感市测试{n}科技有限公司",
        "credit_code": credit_code(n),
        "industry": Industry.objects.get(code="34"),
        "business": "软件开发",
        "leader_name": f"负责人{n}",
        "leader_phone": "13800001111",
        "applied_on": datetime.date(2020, 3, 1),
        "move_in_on": datetime.date(2020, 4, 1),
        "lease_ends_on": datetime.date(2022, 3, 31),
        "jobs_created": 5,
    }
    data.update(overrides)
    return data


def applied_tenant(centre: User, **overrides) -> Tenant:
    return tenant_save(actor=centre, data=tenant_data(**overrides))


def admitted_tenant(centre: User, *, units: list[Unit], members: list[User] = (), **overrides) -> Tenant:
    """A company taken through application, review and admission by ``centre``."""
    tenant = tenant_save(
        actor=centre, data={**tenant_data(**overrides), "units": units, "members": list(members)}
    )
    tenant_transition(tenant_id=tenant.pk, action=TenantAction.REVIEW, actor=centre)
    return tenant_transition(tenant_id=tenant.pk, action=TenantAction.ADMIT, actor=centre)
