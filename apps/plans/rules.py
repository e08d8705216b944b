"""Which plan fields each destination needs, and only those (issue: "the fields each category needs").

Keyed by the two-digit code; a 2021 sub-code (502, 801 ...) follows its parent (50, 80 ...).
"""

from django.utils.translation import gettext_lazy as _

from .models import EvidenceKind

EMPLOYER_FIELDS = (
    "employer_name",
    "employer_credit_code",
    "unit_nature",
    "industry",
    "work_province",
    "work_city",
    "job_title",
    "contract_type",
    "contract_date",
)
EMPLOYER_REQUIRED = (
    "employer_name",
    "unit_nature",
    "industry",
    "work_province",
    "job_title",
    "contract_type",
)
STUDY_FIELDS = ("institution", "programme")
ABROAD_FIELDS = ("country", "institution", "programme")
STARTUP_FIELDS = ("employer_name", "employer_credit_code", "industry", "work_province", "work_city")
REASON_FIELDS = ("not_employed_reason",)
PLAN_DETAIL_FIELDS = tuple(
    dict.fromkeys(EMPLOYER_FIELDS + STUDY_FIELDS + ABROAD_FIELDS + STARTUP_FIELDS + REASON_FIELDS)
)


class FieldRule:
    """The fields a destination shows and requires, and the kinds of evidence that prove it: a plan that needs
    evidence is submitted only with at least one file of those kinds ("其他材料" never counts)."""

    def __init__(self, label, fields, required, evidence_kinds: tuple[str, ...] = ()):
        self.label = label
        self.fields = fields
        self.required = required
        self.evidence_kinds = evidence_kinds

    @property
    def evidence_required(self) -> bool:
        return bool(self.evidence_kinds)


K = EvidenceKind
EMPLOYED = FieldRule(_("就业单位信息"), EMPLOYER_FIELDS, EMPLOYER_REQUIRED, (K.CONTRACT, K.OFFER))
MILITARY = FieldRule(_("入伍信息"), ("work_province", "work_city"), (), (K.ENLISTMENT,))
FREELANCE = FieldRule(_("自由职业信息"), ("job_title", "work_province", "work_city"), ("job_title",))
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


def base_code(code: str, parent_code: str = "") -> str:
    return parent_code or code[:2]


def rule_for(destination) -> FieldRule:
    return RULES_BY_BASE_CODE.get(base_code(destination.code, destination.parent_code), NOT_EMPLOYED)
