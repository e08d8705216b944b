"""A cohort's registered destinations in the national layout, streamed: rows come from a database iterator
and go straight into openpyxl's write-only sheet (on disk), so memory stays flat whatever the cohort's size.
"""

import logging
from collections.abc import Callable, Iterator

from openpyxl import Workbook

from apps.graduates.exports import safe_cell
from apps.graduates.layout_fields import format_month
from apps.graduates.models import Cohort

from ..models import DestinationPlan, PlanStatus
from ..rules import STUDY_BASE_CODES, base_code
from .columns import COLUMNS, province_division_code

logger = logging.getLogger(__name__)

ITERATOR_CHUNK = 2000
SHEET_TITLE = "就业方案"


def _iso(value) -> str:
    return "" if value is None else value.isoformat()


def layout_plans(*, cohort: Cohort):
    """The plan in force of every graduate of the cohort who has one, by 学号, with what a row prints."""
    return (
        DestinationPlan.objects.filter(graduate__cohort=cohort, status=PlanStatus.APPROVED)
        .select_related(
            "graduate__origin",
            "graduate__ethnicity",
            "graduate__education_level",
            "graduate__class_group__major",
            "destination",
            "unit_nature",
            "industry",
            "work_province",
            "work_county",
            "work_position",
            "institution_province",
        )
        .order_by("graduate__student_no")
    )


def _place(plan: DestinationPlan) -> tuple[str, str]:
    if plan.work_county is not None:
        return plan.work_county.code, plan.work_county.full_name
    province = plan.work_province or plan.institution_province
    if province is None:
        return "", ""
    return province_division_code(province.code), province.name


def layout_row(plan: DestinationPlan) -> list[str]:
    """One plan as the layout's cells, in ``COLUMNS`` order, every cell text."""
    graduate = plan.graduate
    major = graduate.class_group.major
    destination = plan.destination
    study = base_code(destination.code, destination.parent_code) in STUDY_BASE_CODES
    abroad = base_code(destination.code, destination.parent_code) == "85"
    place_code, place = _place(plan)
    return [
        graduate.student_no,
        graduate.name,
        graduate.get_gender_display(),
        graduate.origin.name,
        province_division_code(graduate.origin.code),
        graduate.ethnicity.name,
        graduate.political_status,
        graduate.urban_rural_origin,
        graduate.education_level.name,
        major.name,
        graduate.major_direction,
        major.code,
        format_month(graduate.enrolled_on),
        _iso(graduate.graduated_on),
        graduate.training_mode,
        graduate.sponsor,
        graduate.study_form,
        destination.code,
        destination.name,
        _iso(plan.contract_date),
        plan.institution if study else plan.employer_name,
        plan.employer_credit_code,
        plan.institution if abroad else "",
        plan.unit_nature.code if plan.unit_nature else "",
        plan.unit_nature.name if plan.unit_nature else "",
        plan.industry.code if plan.industry else "",
        plan.industry.name if plan.industry else "",
        place_code,
        place,
        plan.work_address,
        plan.work_position.code if plan.work_position else "",
        plan.work_position.name if plan.work_position else "",
    ]


def layout_rows(
    *, cohort: Cohort, counting: Callable[[Iterator], Iterator] | None = None
) -> Iterator[list[str]]:
    """The header, then a row per registered graduate, read from the database in chunks; ``counting``
    (a job's ``ProgressReporter.counting``) sees the plans go by."""
    yield list(COLUMNS)
    plans = layout_plans(cohort=cohort).iterator(chunk_size=ITERATOR_CHUNK)
    for plan in counting(plans) if counting is not None else plans:
        yield layout_row(plan)


def write_layout_xlsx(rows: Iterator[list[str]], target) -> int:
    """Write ``rows`` (header first) to ``target`` (a path or a binary file) as one write-only sheet; the
    number of data rows. Every cell is text, formulas neutralised."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(SHEET_TITLE)
    count = -1
    for row in rows:
        sheet.append([safe_cell(sheet, value) for value in row])
        count += 1
    workbook.save(target)
    return max(count, 0)


def export_layout(*, cohort: Cohort, target, actor=None, counting=None) -> int:
    """The cohort's layout workbook written into ``target`` (a path or a binary file: a download's, a job's
    result file), and its row count; logged (personal data leaves the system: domain.md, release of data)."""
    count = write_layout_xlsx(layout_rows(cohort=cohort, counting=counting), target)
    logger.info(
        "national layout export of cohort %s by %s: %d rows", cohort.year, actor or "(command)", count
    )
    return count
