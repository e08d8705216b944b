"""The signs regulators check a school's figures for (domain.md, "Warning signs regulators check"), per college
with the graduates behind each, for the report's consistency panel.

A university's 2025 self-check notice names three: 灵活就业率、自由职业率和自主创业率过高 (flexible forms too
high), 其他录用形式占比过高 (12 too high), 疑似小企业扎堆就业 (many graduates registered at one small employer).
The codes are read by their two-digit base, so both schemes are covered: 12, 75x and 76 are the flexible forms in
2020 (灵活就业 12 + 76, 自主创业 75) and in 2021+ (其他录用形式 12, 自主创业 75x, 自由职业 76).

"Small" cannot be read off a registration: neither the national layout nor our plan records an employer's size.
What the data holds is the unit's nature, so an employer counts as "small or unknown" when its 单位性质 is one of
HPI_WARNING_SMALL_EMPLOYER_NATURES (default 39 其他企业 and 99 其他: private firms and the rest, not 机关,
事业单位, 国有企业, 三资企业 or 部队) or not recorded. Thresholds are settings (hpi_employment/settings/base.py).
"""

from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Q, QuerySet, Value
from django.db.models.functions import Coalesce, NullIf

from apps.plans.models import DestinationPlan

from .rates import percent

FLEXIBLE_BASE_CODES = ("12", "75", "76")
OTHER_HIRE_BASE_CODES = ("12",)
SIGN_FLEXIBLE = "灵活就业、自由职业和自主创业占比过高"
SIGN_OTHER_HIRE = "其他录用形式就业占比过高"
SIGN_CLUSTER = "疑似小企业扎堆就业"


@dataclass(frozen=True)
class Graduate:
    student_no: str
    name: str


@dataclass
class WarningSign:
    """One sign in one college: how many of how many (and the share, against its threshold), and who."""

    college: str
    college_id: int
    sign: str
    count: int
    base: int
    percent: float
    threshold: str  # as the panel states it: "30.00%" or "10 人"
    detail: str = ""  # the employer, for a cluster
    graduates: list[Graduate] = field(default_factory=list)


def _has_base_code(count, codes) -> bool:
    return count.code in codes or count.parent_code in codes


def _base_code_in(codes) -> Q:
    return Q(destination__code__in=codes) | Q(destination__parent_code__in=codes)


COLLEGE_ID = "graduate__class_group__major__college_id"
COLLEGE_NAME = "graduate__class_group__major__college__name"
COLLEGE_ORDER = "graduate__class_group__major__college__sort_order"
# One employer: the same credit code, else (no code recorded) the same name.
EMPLOYER = Coalesce(NullIf("employer_credit_code", Value("")), "employer_name")


def warning_share_signs(
    *, plans: QuerySet[DestinationPlan], units, graduate_counts, plan_counts
) -> list[WarningSign]:
    """The two share signs per college: flexible forms (12, 75x, 76) and 其他录用形式 (12) over the college's
    graduates, above HPI_WARNING_FLEXIBLE_SHARE / HPI_WARNING_OTHER_HIRE_SHARE percent. Sums of the report's
    counts (``selectors.report_graduate_counts``, ``report_plan_counts``; ``units`` their colleges in print
    order); one query for the names behind the signs found."""
    college_of = units.college_of()
    sizes, shares = Counter(), {}
    for major_id, counts in graduate_counts.items():
        sizes[college_of[major_id]] += counts["graduates"]
    for count in plan_counts:  # the colleges with plans
        college = shares.setdefault(college_of[count.major_id], Counter())
        for key, codes in (("flexible", FLEXIBLE_BASE_CODES), ("other_hire", OTHER_HIRE_BASE_CODES)):
            college[key] += count.plans if _has_base_code(count, codes) else 0
    checks = (
        ("flexible", SIGN_FLEXIBLE, FLEXIBLE_BASE_CODES, settings.HPI_WARNING_FLEXIBLE_SHARE),
        ("other_hire", SIGN_OTHER_HIRE, OTHER_HIRE_BASE_CODES, settings.HPI_WARNING_OTHER_HIRE_SHARE),
    )
    found: list[tuple[WarningSign, tuple[str, ...]]] = []
    for college_id, name in units.colleges:  # in the report's order
        if college_id not in shares:
            continue
        base = sizes[college_id]
        for key, sign, codes, threshold in checks:
            count = shares[college_id][key]
            share = percent(count, base)
            if base and share > threshold:
                found.append(
                    (WarningSign(name, college_id, sign, count, base, share, f"{threshold:.2f}%"), codes)
                )
    if found:
        who = Q()
        for warning, codes in found:
            who |= Q(**{COLLEGE_ID: warning.college_id}) & _base_code_in(codes)
        names = plans.filter(who).values_list(
            COLLEGE_ID,
            "destination__code",
            "destination__parent_code",
            "graduate__student_no",
            "graduate__name",
        )
        for college_id, code, parent, student_no, name in names.order_by("graduate__student_no"):
            for warning, codes in found:
                if warning.college_id == college_id and (code in codes or parent in codes):
                    warning.graduates.append(Graduate(student_no, name))
    return [warning for warning, _codes in found]


def warning_cluster_signs(*, plans: QuerySet[DestinationPlan]) -> list[WarningSign]:
    """Employers of a small or unknown nature at which HPI_WARNING_CLUSTER_MIN_GRADUATES or more of the report's
    graduates registered, one sign per employer and college with the graduates behind it. Two queries."""
    small = Q(unit_nature__isnull=True) | Q(unit_nature__code__in=settings.HPI_WARNING_SMALL_EMPLOYER_NATURES)
    at_employers = plans.filter(small).exclude(employer_name="").annotate(employer=EMPLOYER)
    crowded = {
        employer: n
        for employer, n in at_employers.values_list("employer")
        .annotate(n=Count("pk"))
        .filter(n__gte=settings.HPI_WARNING_CLUSTER_MIN_GRADUATES)
        .order_by()
    }
    if not crowded:
        return []
    signs: dict[tuple[str, int], WarningSign] = {}
    rows = at_employers.filter(employer__in=crowded).values_list(
        "employer", "employer_name", COLLEGE_ID, COLLEGE_NAME, "graduate__student_no", "graduate__name"
    )
    for employer, employer_name, college_id, college, student_no, name in rows.order_by(
        COLLEGE_ORDER, "graduate__student_no"
    ):
        sign = signs.get((employer, college_id))
        if sign is None:
            threshold = f"{settings.HPI_WARNING_CLUSTER_MIN_GRADUATES} 人"
            sign = WarningSign(
                college, college_id, SIGN_CLUSTER, 0, crowded[employer], 0.0, threshold, employer_name
            )
            signs[(employer, college_id)] = sign
        sign.graduates.append(Graduate(student_no, name))
    for sign in signs.values():
        sign.count = len(sign.graduates)
        sign.percent = percent(sign.count, sign.base)  # of all the report's graduates at that employer
    # The most crowded employer first, then its colleges in the report's order (the dict keeps that order).
    return sorted(signs.values(), key=lambda sign: (-sign.base, sign.detail))


def report_warning_signs(
    *, plans: QuerySet[DestinationPlan], units, graduate_counts, plan_counts
) -> list[WarningSign]:
    """Every warning sign of the report's plans at its cut-off, shares first, then clusters."""
    shares = warning_share_signs(
        plans=plans, units=units, graduate_counts=graduate_counts, plan_counts=plan_counts
    )
    return shares + warning_cluster_signs(plans=plans)


def warning_sign_summary(sign: WarningSign) -> str:
    """The sign in one line, without names (what the Excel and Word files carry)."""
    if sign.sign == SIGN_CLUSTER:
        return (
            f"预警（{sign.sign}）：{sign.college} {sign.count} 名毕业生登记在“{sign.detail}”，"
            f"该单位共 {sign.base} 名本届毕业生（阈值 {sign.threshold}）。"
        )
    return (
        f"预警（{sign.sign}）：{sign.college} {sign.count}/{sign.base} 人，占 {sign.percent:.2f}%"
        f"（阈值 {sign.threshold}）。"
    )
