"""The graduate list as .xlsx: the same rows the viewer sees, identifiers, phones and e-mails masked, formulas
neutralised.

Every formatter writes into the ``target`` it is given (a path or a binary file: a download's temporary file,
a job's result file), never into memory (``apps.downloads``)."""

from collections.abc import Iterable

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from apps.print_layout import display_width, xlsx_print_setup
from apps.xlsx_stream import save_with_rows

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
# Widths fixed in advance (a streamed sheet writes them before its first row), wide enough for the value the
# column usually holds; with the sheet fitted to the page's width no column spills onto pages of its own.
EXPORT_WIDTHS = {
    "届别": 6, "学号": 13, "姓名": 9, "性别": 5, "身份证号": 20, "民族": 7, "学院": 16, "专业": 18, "班级": 18,
    "生源地": 10, "学历": 11, "困难生类别": 11, "建档立卡": 9, "贫困县": 7, "手机号": 13, "电子邮箱": 22,
}  # fmt: skip


def safe_cell(sheet, value) -> WriteOnlyCell:
    """A cell whose text is never read as a formula by a spreadsheet program (CSV/formula injection)."""
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        cell.data_type = "s"
    return cell


def header_widths(headers: Iterable[str], known: dict[str, float] | None = None) -> list[float]:
    """A width per column: the known one, else 10; never narrower than the header itself."""
    known = known or {}
    return [max(known.get(header, 10), display_width(header) + 1) for header in headers]


def table_to_xlsx(
    title: str,
    headers: Iterable[str],
    rows: Iterable[Iterable],
    target,
    *,
    widths: dict[str, float] | None = None,
) -> None:
    """``target`` gets one sheet: a header row, then the rows, text never read as a formula; printed on A4 one
    page wide with the header row on every page (``apps.print_layout``). The rows stream through
    ``apps.xlsx_stream`` (openpyxl's cell-by-cell writing was 16-25 times what making the rows costs)."""
    headers = list(headers)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title)
    xlsx_print_setup(sheet, widths=header_widths(headers, widths))
    sheet.append([safe_cell(sheet, header) for header in headers])
    save_with_rows(workbook, rows, target, first_row=2, columns=len(headers))


def graduates_to_xlsx(graduates: Iterable[Graduate], target) -> None:
    table_to_xlsx(
        "毕业生",
        [header for header, _ in EXPORT_COLUMNS],
        ([value(graduate) for _, value in EXPORT_COLUMNS] for graduate in graduates),
        target,
        widths=EXPORT_WIDTHS,
    )
