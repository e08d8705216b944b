"""The company register as .xlsx: the rows the viewer's filters select, phones masked, formulas neutralised
(``apps.graduates.exports.table_to_xlsx``)."""

from collections.abc import Iterable

from apps.graduates.exports import table_to_xlsx

from .models import Tenant

TENANT_COLUMNS = [
    ("企业名称", lambda t: t.company_name),
    ("统一社会信用代码", lambda t: t.credit_code),
    ("所属行业", lambda t: t.industry.name),
    ("主营业务", lambda t: t.business),
    ("负责人", lambda t: t.leader_name),
    ("负责人学号", lambda t: t.leader_graduate.student_no if t.leader_graduate_id else ""),
    ("负责人电话", lambda t: t.leader_phone_masked),
    ("场地单元", lambda t: "、".join(f"{u.site.name} {u.code}" for u in t.units.all())),
    ("面积（m²）", lambda t: float(t.area)),
    ("入驻日期", lambda t: t.move_in_on),
    ("租期截止", lambda t: t.lease_ends_on),
    ("带动就业（人）", lambda t: t.jobs_created),
    ("状态", lambda t: t.get_status_display()),
]


def tenants_to_xlsx(tenants: Iterable[Tenant], target) -> None:
    table_to_xlsx(
        "入园企业",
        [header for header, _ in TENANT_COLUMNS],
        ([value(tenant) for _, value in TENANT_COLUMNS] for tenant in tenants),
        target,
    )
