from dataclasses import dataclass

import pytest

from apps.accounts.models import Role, User
from apps.park.models import Site, Tenant, Unit

from ..factories import make_student_user, make_user
from .factories import admitted_tenant, applied_tenant, make_site, make_unit


@dataclass
class Park:
    """Two sites; 体育馆 has A1 (80 m²), A2 (60 m²), A3 (40 m², free); 知行楼 has B1 (50 m²), B2 (30 m², free).

    ``tenant_a`` holds A1 (5 jobs), its members are ``leader_a`` (创业园企业) and ``student_member`` (a student);
    ``tenant_b`` holds A2 and B1 (7 jobs), its member is ``leader_b``; ``applicant`` has applied (no units).
    The org fixture's student, counsellor and college officer belong to no company.
    """

    site_a: Site
    site_b: Site
    units: dict[str, Unit]
    tenant_a: Tenant
    tenant_b: Tenant
    applicant: Tenant
    leader_a: User
    leader_b: User
    student_member: User
    centre: User


@pytest.fixture
def park(org) -> Park:
    site_a = make_site("体育馆创业一条街", 1)
    site_b = make_site("知行楼一楼", 2)
    units = {
        "A1": make_unit(site_a, "A1", "80.00"),
        "A2": make_unit(site_a, "A2", "60.00"),
        "A3": make_unit(site_a, "A3", "40.00"),
        "B1": make_unit(site_b, "B1", "50.00"),
        "B2": make_unit(site_b, "B2", "30.00"),
    }
    leader_a = make_user(Role.TENANT, username="cyy-a")
    leader_b = make_user(Role.TENANT, username="cyy-b")
    student_member = make_student_user(org.graduates["a2"][0])
    tenant_a = admitted_tenant(
        org.centre,
        units=[units["A1"]],
        members=[leader_a, student_member],
        company_name="甲公司",
        jobs_created=5,
    )
    tenant_b = admitted_tenant(
        org.centre,
        units=[units["A2"], units["B1"]],
        members=[leader_b],
        company_name="乙公司",
        jobs_created=7,
    )
    applicant = applied_tenant(org.centre, company_name="丙团队", move_in_on=None, lease_ends_on=None)
    return Park(
        site_a, site_b, units, tenant_a, tenant_b, applicant, leader_a, leader_b, student_member, org.centre
    )
