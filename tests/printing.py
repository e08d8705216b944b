"""Checks on the page set-up of the files people print (read back with openpyxl / python-docx)."""

import unicodedata

from openpyxl.utils import get_column_letter

A4 = 9  # openpyxl's paperSize for A4


def assert_sheet_prints_on_a4_one_page_wide(sheet, *, title_rows: str | None, landscape: bool) -> None:
    assert sheet.page_setup.paperSize == A4
    assert sheet.page_setup.orientation == ("landscape" if landscape else "portrait")
    assert sheet.sheet_properties.pageSetUpPr.fitToPage is True
    assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
    assert sheet.print_title_rows == title_rows


def column_width(sheet, index: int) -> float | None:
    return sheet.column_dimensions[get_column_letter(index)].width


def display_width(value) -> int:
    """Character cells a value takes in a spreadsheet column: a CJK (wide) character takes two."""
    if value is None:
        return 0
    text = f"{value:.2f}" if isinstance(value, float) else str(value)
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)
