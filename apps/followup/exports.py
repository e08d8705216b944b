"""The chase list's and the leavers' handover's .xlsx: print-ready (A4, titles repeated, column widths, fit to
width) and with formula-like text written as text, like every export of the site."""

from collections.abc import Iterable

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from apps.graduates.exports import safe_cell
from apps.xlsx_stream import save_with_rows

CHASE_COLUMNS = [
    ("姓名", 10),
    ("学号", 14),
    ("学院", 18),
    ("专业", 18),
    ("班级", 18),
    ("手机号", 14),
    ("状态", 26),
    ("天数", 6),
    ("最近操作", 40),
]
CHASE_WRAPPED = {6, 8}  # status and last action: the long texts
LEAVERS_COLUMNS = [
    ("序号", 6),
    ("姓名", 10),
    ("性别", 5),
    ("身份证号", 21),
    ("联系电话", 14),
    ("生源地", 12),
    ("学院", 16),
    ("专业", 18),
    ("学历", 10),
    ("毕业年份", 8),
    ("求职意向/未就业原因", 18),
    ("已获帮扶", 36),
]
LEAVERS_WRAPPED = {10, 11}


def print_ready_xlsx(
    *,
    sheet_title: str,
    title: str,
    columns: list[tuple[str, int]],
    rows: Iterable[Iterable],
    target,
    wrapped: set[int] = frozenset(),
) -> None:
    """``target`` (a path or a binary file) gets one sheet: a title line, the header row (repeated on every printed page), then ``rows``; A4
    landscape fitted to the page width, the widths given, the ``wrapped`` columns (0-based) wrapping their
    text; text is never read as a formula. The rows stream through ``apps.xlsx_stream`` (openpyxl's
    cell-by-cell writing was most of a school-wide export's time)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_title)
    for index, (_header, width) in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    sheet.page_setup.orientation = Worksheet.ORIENTATION_LANDSCAPE
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.print_title_rows = "2:2"
    sheet.freeze_panes = "A3"
    heading = WriteOnlyCell(sheet, value=title)
    heading.font = Font(bold=True, size=14)
    sheet.append([heading])
    header_cells = []
    for header, _width in columns:
        cell = safe_cell(sheet, header)
        cell.font = Font(bold=True)
        header_cells.append(cell)
    sheet.append(header_cells)
    wrap = Alignment(wrap_text=True, vertical="top")
    save_with_rows(
        workbook,
        rows,
        target,
        first_row=3,
        columns=len(columns),
        alignments=dict.fromkeys(wrapped, wrap),
    )
