"""The graduate list as .xlsx: the same rows the viewer sees, identifiers, phones and e-mails masked, formulas
neutralised."""

from collections.abc import Iterable
from io import BytesIO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from .models import Graduate

FORMULA_PREFIXES = ("=", "+", "-", "@")

EXPORT_COLUMNS = [
    ("届别", lambda g: g.cohort.year),
    ("学号", lambda g: g.student_no),
    ("姓名", lambda g: g.name),
    ("性别", lambda g: g.get_gender_display()),
    ("身份证号", lambda g: g.id_number_masked),
    ("民族", lambda g: g.ethnicity.name),
    ("学院", lambda g: g.class_group.major.college.name),
    ("专业", lambda g: g.class_group.major.name),
    ("班级", lambda g: g.class_group.name),
    ("生源地", lambda g: g.origin.name),
    ("学历", lambda g: g.education_level.name),
    ("困难生类别", lambda g: g.hardship_category.name),
    ("建档立卡", lambda g: "是" if g.registered_poor else "否"),
    ("贫困县", lambda g: "是" if g.poverty_county else "否"),
    ("手机号", lambda g: g.phone_masked),
    ("电子邮箱", lambda g: g.email_masked),
]


def safe_cell(sheet, value) -> WriteOnlyCell:
    """A cell whose text is never read as a formula by a spreadsheet program (CSV/formula injection)."""
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        cell.data_type = "s"
    return cell


def table_to_xlsx(title: str, headers: Iterable[str], rows: Iterable[Iterable]) -> bytes:
    """One sheet: a header row, then the rows; every cell through ``safe_cell``."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title)
    sheet.append([safe_cell(sheet, header) for header in headers])
    for row in rows:
        sheet.append([safe_cell(sheet, value) for value in row])
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def graduates_to_xlsx(graduates: Iterable[Graduate]) -> bytes:
    return table_to_xlsx(
        "毕业生",
        [header for header, _ in EXPORT_COLUMNS],
        ([value(graduate) for _, value in EXPORT_COLUMNS] for graduate in graduates),
    )
