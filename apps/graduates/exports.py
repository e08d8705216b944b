"""The graduate list as .xlsx: the same rows the viewer sees, identifiers, phones and e-mails masked, formulas
neutralised.

Every formatter writes into the ``target`` it is given (a path or a binary file: a download's temporary file,
a job's result file), never into memory (``apps.downloads``)."""

from collections.abc import Iterable

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from apps.print_layout import display_width, xlsx_print_setup
from apps.xlsx_stream import save_with_rows

from .models import Gender
from .validators import mask_email, mask_id_number, mask_phone

FORMULA_PREFIXES = ("=", "+", "-", "@")
GENDER_LABELS = dict(Gender.choices)


def gender_label(value: str) -> str:
    """What ``Graduate.get_gender_display`` shows."""
    return str(GENDER_LABELS.get(value, value))


# The columns over a row of ``selectors.graduate_export_values`` (the values ``GRADUATE_EXPORT_FIELDS`` names);
# each masked or labelled as the record's page shows it.
EXPORT_COLUMNS = [
    ("届别", lambda g: g.cohort__year),
    ("学号", lambda g: g.student_no),
    ("姓名", lambda g: g.name),
    ("性别", lambda g: gender_label(g.gender)),
    ("身份证号", lambda g: mask_id_number(g.id_number)),
    ("民族", lambda g: g.ethnicity__name),
    ("学院", lambda g: g.class_group__major__college__name),
    ("专业", lambda g: g.class_group__major__name),
    ("班级", lambda g: g.class_group__name),
    ("生源地", lambda g: g.origin__name),
    ("学历", lambda g: g.education_level__name),
    ("困难生类别", lambda g: g.hardship_category__name),
    ("建档立卡", lambda g: "是" if g.registered_poor else "否"),
    ("贫困县", lambda g: "是" if g.poverty_county else "否"),
    ("手机号", lambda g: mask_phone(g.phone)),
    ("电子邮箱", lambda g: mask_email(g.email)),
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


def graduates_to_xlsx(rows: Iterable[tuple], target) -> None:
    """The list's export: ``rows`` are ``selectors.graduate_export_values``' named tuples, in the list's order."""
    table_to_xlsx(
        "毕业生",
        [header for header, _ in EXPORT_COLUMNS],
        ([value(row) for _, value in EXPORT_COLUMNS] for row in rows),
        target,
        widths=EXPORT_WIDTHS,
    )
