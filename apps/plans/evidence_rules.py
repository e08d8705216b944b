"""What each destination needs before a reviewer may approve it (教学厅函〔2021〕19号 附件2, domain.md).

For cohorts on the 2021+ scheme: 12, 76 and 271 need a monthly pay at or above the minimum wage the centre
entered for the employer's province and the cohort's year; 12 needs the employer's proof of hire or the
graduate's wage or income records; 76 the graduate's signed statement; 75 e-commerce the shop address, a
screenshot of the shop and income records (no wage floor). The 2020 cohort was registered under the rules
before this document and keeps them (the evidence of rules.py only).

``plan_checklist`` is what the review page shows; ``plan_missing`` what refuses an approval at every level.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from apps.refdata import seed_data
from apps.refdata.models import MinimumWage

from .models import DestinationPlan, EvidenceKind, StartupType
from .rules import base_code, rule_for

K = EvidenceKind

MSG_NO_MINIMUM_WAGE = _("未录入该省最低工资标准（{province}，{year}年）：请中心先在管理后台录入。")
MSG_PAY_MISSING = _("未填写月薪。")
MSG_PROVINCE_MISSING = _("未填写单位所在省份，无法对照最低工资标准。")
MSG_PAY_BELOW = _("月薪 {pay} 元低于{province}{year}年最低工资标准 {floor} 元/月。")
MSG_PAY_OK = _("月薪 {pay} 元，不低于{province}{year}年最低工资标准 {floor} 元/月。")
MSG_SHOP_ADDRESS_MISSING = _("未填写网店地址。")
MSG_MISSING = _("尚缺以下材料或条件，不能审核通过：{items}")

LABEL_WAGE = _("月薪不低于当地最低工资标准")
LABEL_SHOP_ADDRESS = _("网店地址")


@dataclass(frozen=True)
class EvidenceNeed:
    label: str
    kinds: tuple[str, ...]  # any one of these kinds proves it


# Keyed like rules.py: the two-digit code, a sub-code (271) by its parent (27).
EVIDENCE_BY_BASE_CODE = {
    "12": (EvidenceNeed(_("用人单位录用证明或本人工资、收入流水"), (K.EMPLOYER_PROOF, K.OFFER, K.INCOME)),),
    "76": (EvidenceNeed(_("本人签字的自由职业情况说明"), (K.SIGNED_STATEMENT,)),),
}
ECOMMERCE_EVIDENCE = (
    EvidenceNeed(_("网店截图"), (K.SHOP_SCREENSHOT,)),
    EvidenceNeed(_("收入流水"), (K.INCOME,)),
)
MINIMUM_WAGE_BASE_CODES = frozenset({"12", "76", "27"})


@dataclass(frozen=True)
class CheckItem:
    label: str
    ok: bool
    detail: str = ""


def under_2021_rules(plan: DestinationPlan) -> bool:
    return plan.destination.scheme != seed_data.DESTINATION_SCHEME_2020


def _base(plan: DestinationPlan) -> str:
    return base_code(plan.destination.code, plan.destination.parent_code)


def evidence_needs(plan: DestinationPlan) -> tuple[EvidenceNeed, ...]:
    if not under_2021_rules(plan):
        return ()
    base = _base(plan)
    if base == "75" and plan.startup_type == StartupType.ECOMMERCE:
        return ECOMMERCE_EVIDENCE
    return EVIDENCE_BY_BASE_CODE.get(base, ())


def submission_evidence_kinds(plan: DestinationPlan) -> tuple[str, ...]:
    """The kinds of which one file must be there to submit: under 19号 the destination's own (12: proof of
    hire or income records; 76: the signed statement; 75 e-commerce: screenshot or income records) in place
    of rules.py's, which stay for every other destination and for the 2020 cohort."""
    needs = evidence_needs(plan)
    if needs:
        return tuple(dict.fromkeys(kind for need in needs for kind in need.kinds))
    return tuple(rule_for(plan.destination).evidence_kinds)


def _wage_item(plan: DestinationPlan) -> CheckItem:
    year = plan.graduate.cohort.year
    province = plan.work_province
    if plan.monthly_pay is None:
        return CheckItem(str(LABEL_WAGE), False, str(MSG_PAY_MISSING))
    if province is None:
        return CheckItem(str(LABEL_WAGE), False, str(MSG_PROVINCE_MISSING))
    floor = (
        MinimumWage.objects.filter(province=province, year=year)
        .values_list("monthly_yuan", flat=True)
        .first()
    )
    if floor is None:
        return CheckItem(
            str(LABEL_WAGE), False, str(MSG_NO_MINIMUM_WAGE.format(province=province.name, year=year))
        )
    values = {"pay": plan.monthly_pay, "province": province.name, "year": year, "floor": floor}
    if plan.monthly_pay < floor:
        return CheckItem(str(LABEL_WAGE), False, str(MSG_PAY_BELOW.format(**values)))
    return CheckItem(str(LABEL_WAGE), True, str(MSG_PAY_OK.format(**values)))


def plan_checklist(plan: DestinationPlan) -> list[CheckItem]:
    """Every condition the plan's destination has under the rules of its cohort, met or not (a query for the
    evidence kinds and one for the minimum wage, when the destination has them)."""
    items: list[CheckItem] = []
    kinds = set(
        plan.evidence.filter(removal__isnull=True).values_list("kind", flat=True)
    )  # removed files never count
    rule_kinds = rule_for(plan.destination).evidence_kinds
    needs = evidence_needs(plan)
    if rule_kinds and not needs:
        labels = "或".join(str(EvidenceKind(kind).label) for kind in rule_kinds)
        items.append(CheckItem(labels, bool(kinds & set(rule_kinds))))
    for need in needs:
        items.append(CheckItem(str(need.label), bool(kinds & set(need.kinds))))
    if under_2021_rules(plan):
        if _base(plan) == "75" and plan.startup_type == StartupType.ECOMMERCE:
            ok = bool(plan.shop_address)
            items.insert(
                0, CheckItem(str(LABEL_SHOP_ADDRESS), ok, "" if ok else str(MSG_SHOP_ADDRESS_MISSING))
            )
        if _base(plan) in MINIMUM_WAGE_BASE_CODES:
            items.append(_wage_item(plan))
    return items


def plan_missing(plan: DestinationPlan) -> list[str]:
    """What is missing, one line each (the detail when there is one): empty when the plan may be approved.

    Only under 19号 (2021+ cohorts): a 2020 cohort's plan was checked for its evidence when submitted and is
    approved as before, without a query more per plan."""
    if not under_2021_rules(plan):
        return []
    return [item.detail or item.label for item in plan_checklist(plan) if not item.ok]
