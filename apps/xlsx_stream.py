"""The data rows of a long .xlsx written as text, not cell by cell through openpyxl.

openpyxl (write-only, lxml) spends about 10 µs on each cell: a 50,000-row graduate export is 800,000 cells,
10.7 s against the 0.65 s its rows take to make (benchmarks/README.md §bench_export_memory). So a formatter
still builds its workbook with openpyxl — page setup, widths, print titles, frozen panes, styles, and the
title and header rows — and hands the data rows to ``save_with_rows``: openpyxl saves the workbook with those
few rows (a few KB, in memory), and the data rows go into the worksheet's ``<sheetData>`` as they come, while
the other parts are copied over. The file is the same as openpyxl would have written; the rows stream straight
into ``target``, never held whole.

Every text is an inline string (``t="inlineStr"``), which a spreadsheet never reads as a formula: text
beginning with ``= + - @`` stays text, as with ``apps.graduates.exports.safe_cell``. Characters XML cannot
hold (control characters pasted into a name) are dropped rather than failing the export.
"""

import datetime
import io
import zipfile
from collections.abc import Iterable
from decimal import Decimal
from xml.sax.saxutils import escape

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, TIME_FORMATS
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel

SHEET_PART = "xl/worksheets/sheet1.xml"
END_OF_ROWS = b"</sheetData>"
WRITE_EVERY = 100  # rows gathered into one write to the compressed part (a few hundred KB at most)
# The kinds of value with a number format of their own (openpyxl's: a date shows as 2020-08-31).
DATE_KINDS = (datetime.datetime, datetime.date, datetime.time)  # datetime first: it is also a date


def save_with_rows(
    workbook, rows: Iterable[Iterable], target, *, first_row: int, columns: int, alignments=None
) -> int:
    """Save ``workbook`` (write-only, one sheet, ``first_row - 1`` rows appended) into ``target`` (a path or a
    binary file) with ``rows`` after those, each at most ``columns`` wide; ``alignments`` maps a 0-based
    column to the ``Alignment`` its cells take (wrapped text). Values: text, numbers, booleans, dates and times (naive, as openpyxl takes
    them), ``None`` for an empty cell. Returns the rows written."""
    if len(workbook.worksheets) != 1:
        raise ValueError("save_with_rows writes a workbook of one sheet")
    # Every style the rows' cells use is registered before the workbook's styles part is saved.
    styles = _Styles(workbook.worksheets[0], columns, alignments or {})
    skeleton = io.BytesIO()
    workbook.save(skeleton)
    written = 0
    with (
        zipfile.ZipFile(skeleton) as source,
        zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive,
    ):
        for info in source.infolist():
            content = source.read(info)
            if info.filename != SHEET_PART:
                archive.writestr(info.filename, content)
                continue
            head, tail = content.split(END_OF_ROWS)
            with archive.open(SHEET_PART, "w") as part:
                part.write(head)
                written = _write_rows(part, rows, first_row, styles)
                part.write(END_OF_ROWS + tail)
    return written


class _Styles:
    """The ``s="..."`` attribute of each column's cells, plain and for each date kind."""

    def __init__(self, sheet, columns: int, alignments: dict):
        self.sheet = sheet
        self.letters = [get_column_letter(index + 1) for index in range(columns)]
        self.plain = [self._attribute(alignments.get(index), None) for index in range(columns)]
        self.dated = [
            {kind: self._attribute(alignments.get(index), TIME_FORMATS[kind]) for kind in DATE_KINDS}
            for index in range(columns)
        ]

    def _attribute(self, alignment, number_format) -> str:
        if alignment is None and number_format is None:
            return ""
        cell = WriteOnlyCell(self.sheet)
        if alignment is not None:
            cell.alignment = alignment
        if number_format is not None:
            cell.number_format = number_format
        return f' s="{cell.style_id}"'  # reading style_id registers the style with the workbook


def _write_rows(part, rows: Iterable[Iterable], first_row: int, styles: _Styles) -> int:
    letters, plain = styles.letters, styles.plain
    buffer: list[str] = []
    number = first_row - 1
    for number, row in enumerate(rows, start=first_row):
        buffer.append(f'<row r="{number}">')
        for index, value in enumerate(row):
            if index >= len(letters):
                raise ValueError(f"row {number} is wider than its {len(letters)} columns")
            if value is None or value == "":
                if plain[index]:
                    buffer.append(f'<c r="{letters[index]}{number}"{plain[index]}/>')
                continue
            buffer.append(_cell(f"{letters[index]}{number}", styles, index, value))
        buffer.append("</row>")
        if number % WRITE_EVERY == 0:
            part.write("".join(buffer).encode())
            buffer.clear()
    part.write("".join(buffer).encode())
    return number - first_row + 1


def _cell(reference: str, styles: _Styles, index: int, value) -> str:
    if isinstance(value, str):
        if ILLEGAL_CHARACTERS_RE.search(value):
            value = ILLEGAL_CHARACTERS_RE.sub("", value)
        space = ' xml:space="preserve"' if value != value.strip() else ""
        return f'<c r="{reference}"{styles.plain[index]} t="inlineStr"><is><t{space}>{escape(value)}</t></is></c>'
    if isinstance(value, bool):
        return f'<c r="{reference}"{styles.plain[index]} t="b"><v>{int(value)}</v></c>'
    if isinstance(value, (int, float, Decimal)):
        return f'<c r="{reference}"{styles.plain[index]} t="n"><v>{value}</v></c>'
    for kind in DATE_KINDS:
        if isinstance(value, kind):
            if getattr(value, "tzinfo", None) is not None:
                raise TypeError("an .xlsx date has no time zone: give the local time, naive")
            return f'<c r="{reference}"{styles.dated[index][kind]} t="n"><v>{to_excel(value)}</v></c>'
    raise TypeError(f"no .xlsx cell for {type(value).__name__}")
