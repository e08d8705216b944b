"""Which plan fields each destination shows, keeps and requires (issue: "the fields each category needs").

Keyed by the two-digit code; a 2021 sub-code (502, 801 ...) follows its parent (50, 80 ...). A value for a
field the destination does not keep is an error where it was typed (form field, import cell), never dropped.
"""

from django.utils.translation import gettext_lazy as _

from apps.refdata import seed_data
from apps.refdata.models import Industry, UnitNature

from .models import EvidenceKind

# A value typed (or imported) for a field its destination does not keep, or other than its fixed code.
MSG_NOT_KEPT = _("毕业去向“{destination}”没有此项，请清空此项或改选毕业去向。")
MSG_FIXED = _("毕业去向“{destination}”的此项只能是“{value}”（不填即为此值）。")

EMPLOYER_FIELDS = (
    "employer_name",
    "employer_credit_code",
    "unit_nature",
    "industry",
    "work_province",
    "work_city",
    "work_county",
    "work_address",
    "job_title",
    "work_position",
    "monthly_pay",
    "contract_type",
    "contract_date",
    "employer_contact",
    "employer_contact_phone",
)
EMPLOYER_REQUIRED = (
    "employer_name",
    "unit_nature",
    "industry",
    "work_province",
    "job_title",
    "contract_type",
)
# 80 境内升学: the admitting school and where it is (the provincial platform counts 升学 there in 2.2.1).
STUDY_FIELDS = ("institution", "institution_province", "programme")
ABROAD_FIELDS = ("country", "institution", "programme")
STARTUP_FIELDS = (
    "startup_type",
    "employer_name",
    "employer_credit_code",
    "industry",
    "work_province",
    "work_city",
    "work_county",
    "work_address",
    "shop_address",
)
# 46 应征义务兵: the unit that enlisted them, if known, and where; 单位性质 and 行业 are fixed (below).
MILITARY_FIELDS = (
    "employer_name",
    "employer_credit_code",
    "unit_nature",
    "industry",
    "work_province",
    "work_city",
    "work_county",
)
# 76 自由职业: the work, and the employer and industry when there is one (a platform, a client).
FREELANCE_FIELDS = (
    "job_title",
    "work_position",
    "monthly_pay",
    "employer_name",
    "employer_credit_code",
    "industry",
    "work_province",
    "work_city",
    "work_county",
    "work_address",
)
REASON_FIELDS = ("not_employed_reason",)
PLAN_DETAIL_FIELDS = tuple(
    dict.fromkeys(
        EMPLOYER_FIELDS + STUDY_FIELDS + ABROAD_FIELDS + STARTUP_FIELDS + MILITARY_FIELDS + FREELANCE_FIELDS
        + REASON_FIELDS
    )
)  # fmt: skip


class FieldRule:
    """The fields a destination shows and requires, and the kinds of evidence that prove it: a plan that needs
    evidence is submitted only with at least one file of those kinds ("其他材料" never counts)."""

    def __init__(
        self,
        label,
        fields,
        required,
        evidence_kinds: tuple[str, ...] = (),
        fixed: dict[str, str] | None = None,
    ):
        self.label = label
        self.fields = fields  # every field the destination keeps
        self.required = required
        self.evidence_kinds = evidence_kinds
        # Fields with the one code this destination can have (46: 40 部队, 80 军队): filled in when left blank,
        # any other value an error. The form does not show them.
        self.fixed = fixed or {}

    @property
    def shown(self) -> tuple[str, ...]:
        """The fields the student's form shows for this destination."""
        return tuple(name for name in self.fields if name not in self.fixed)

    @property
    def evidence_required(self) -> bool:
        return bool(self.evidence_kinds)


K = EvidenceKind
EMPLOYED = FieldRule(_("就业单位信息"), EMPLOYER_FIELDS, EMPLOYER_REQUIRED, (K.CONTRACT, K.OFFER))
# As the provincial platform records 应征义务兵: 单位性质 40 部队, 行业 80 军队 (seed 2.2.2 names 应征入伍).
MILITARY = FieldRule(
    _("入伍信息"), MILITARY_FIELDS, (), (K.ENLISTMENT,), fixed={"unit_nature": "40", "industry": "80"}
)
FREELANCE = FieldRule(_("自由职业信息"), FREELANCE_FIELDS, ("job_title",))
STUDY = FieldRule(_("升学信息"), STUDY_FIELDS, STUDY_FIELDS, (K.ADMISSION,))
ABROAD = FieldRule(_("出国、出境信息"), ABROAD_FIELDS, ("country", "institution"), (K.ADMISSION,))
STARTUP = FieldRule(
    _("创业信息"), STARTUP_FIELDS, ("employer_name", "industry", "work_province"), (K.LICENCE,)
)
NOT_EMPLOYED = FieldRule(_("未就业信息"), REASON_FIELDS, REASON_FIELDS)

RULES_BY_BASE_CODE = {
    "10": EMPLOYED,
    "11": EMPLOYED,
    "12": EMPLOYED,
    "27": EMPLOYED,
    "50": EMPLOYED,
    "51": EMPLOYED,
    "46": MILITARY,
    "76": FREELANCE,
    "80": STUDY,
    "85": ABROAD,
    "75": STARTUP,
    "70": NOT_EMPLOYED,
    "71": NOT_EMPLOYED,
    "72": NOT_EMPLOYED,
}
# Employment codes in the sense of the destination import (contract §2): 单位名称, 性质, 行业, 所在地 required.
EMPLOYER_BASE_CODES = frozenset(code for code, rule in RULES_BY_BASE_CODE.items() if rule is EMPLOYED)
# 升学 (80 and its 2021 sub-codes 801, 802): counted in 2.2.1 where the admitting school is.
STUDY_BASE_CODES = frozenset(code for code, rule in RULES_BY_BASE_CODE.items() if rule is STUDY)


def base_code(code: str, parent_code: str = "") -> str:
    return parent_code or code[:2]


def rule_for(destination) -> FieldRule:
    return RULES_BY_BASE_CODE.get(base_code(destination.code, destination.parent_code), NOT_EMPLOYED)


def fixed_values(rule: FieldRule) -> dict[str, int]:
    """The primary keys of a rule's fixed codes (``{"unit_nature": <pk of 40 部队>, ...}``), one query each."""
    tables = {
        "unit_nature": (UnitNature, seed_data.UNIT_NATURE_SCHEME),
        "industry": (Industry, seed_data.INDUSTRY_SCHEME),
    }
    values = {}
    for name, code in rule.fixed.items():
        model, scheme = tables[name]
        values[name] = model.objects.filter(scheme=scheme, code=code).values_list("pk", flat=True).get()
    return values
