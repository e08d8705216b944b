"""Safe reading of an uploaded spreadsheet (.xlsx, .xls, .ods or .csv) into a header and rows of text.

Offices send what their suite saves: Excel 97-2003 workbooks from old templates and provincial downloads,
LibreOffice/WPS .ods, CSV in UTF-8 or in the GB18030/GBK of Chinese Windows ("CSV（逗号分隔）"). The three
workbook formats are read by one reader, python-calamine; openpyxl stays for writing.

The kind of file is judged by its content, never by its name. Every limit is checked before the expensive
step it protects: the size before anything is read; for the zip formats (.xlsx, .ods) the zip directory
before a byte is unpacked; for every workbook, before calamine builds the sheet, the area the sheet spans
(calamine allocates the whole rectangle between the first and the last filled cell, so a file of a few KB
with two far-apart cells would otherwise ask for hundreds of GB and abort the process); the row count while
rows are read. Workbooks with macros (.xlsm, VBA projects, macro sheets) are refused. XML with a DOCTYPE
(entity tricks) is refused before calamine parses it.
"""

import csv
import datetime
import io
import os
import re
import struct
import zipfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from python_calamine import CalamineWorkbook

MSG_EMPTY_FILE = _("文件是空的。")
MSG_TOO_LARGE = _("文件过大：不能超过 {limit}。")
MSG_NOT_SPREADSHEET = _(
    "只能上传表格文件：Excel 工作簿（.xlsx、.xls）、OpenDocument 表格（.ods），"
    "或 CSV 文件（UTF-8 或 GBK/GB18030 编码）。"
)
# A file named as a workbook whose bytes are not one (a text file renamed .xlsx): said as such, not read as
# CSV and then reported as missing every column.
MSG_NOT_WORKBOOK = _(
    "“{name}”不是 Excel 或 OpenDocument 表格文件（文件名是表格，内容却不是）："
    "请在 Excel 或 WPS 中打开原表格，另存为“Excel 工作簿（.xlsx）”后重新上传。"
)
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
MSG_CSV_ENCODING = _(
    "无法识别 CSV 文件的编码（只接受 UTF-8 和 GBK/GB18030）：请在 Excel 或 WPS 中另存为“CSV UTF-8（逗号分隔）”。"
)
MSG_UNPACKED_TOO_LARGE = _("表格文件解压后过大（超过 {limit}），已拒绝。")
MSG_ENTRY_TOO_LARGE = _("表格文件中的 {name} 解压后过大（超过 {limit}），已拒绝。")
MSG_COMPRESSION_RATIO = _(
    "表格文件的压缩比异常（解压后是原文件的 {ratio} 倍，真实的表格不超过 {limit} 倍），已拒绝："
    "请用 Excel 或 WPS 打开后另存为“Excel 工作簿（.xlsx）”再上传。"
)
MSG_TOO_MANY_ENTRIES = _("表格文件内部条目过多（超过 {limit} 个），已拒绝。")
MSG_UNREADABLE = _("无法读取该表格文件，请确认文件未损坏、未加密。")
MSG_TOO_MANY_ROWS = _("数据行过多：一次最多导入 {limit} 行。")
MSG_MACROS = _(
    "不接受含宏的工作簿（如 .xlsm）：宏可能带有恶意代码。请另存为“Excel 工作簿（.xlsx）”后重新上传。"
)
MSG_SHEET_TOO_LARGE = _(
    "工作表的数据区域过大（{rows} 行 × {columns} 列，超过 {limit} 个单元格），已拒绝："
    "请删除数据以外的内容（远处的单元格、整行整列的填充）后重新保存。"
)
# An identifier (身份证号, 统一社会信用代码) in a number cell: its digits are not the ones typed.
MSG_IDENTIFIER_NUMBER = _(
    "{column}被保存成了数字：表格软件只保留数字的前15位，后面几位已经丢失，无法还原。"
    "请把“{column}”列设为“文本”格式，重新输入后再导入。"
)

XLSX_REQUIRED_MEMBERS = ("[Content_Types].xml", "xl/workbook.xml")
ODS_MIMETYPES = (
    b"application/vnd.oasis.opendocument.spreadsheet",
    b"application/vnd.oasis.opendocument.spreadsheet-template",
)
CFB_SIGNATURE = bytes.fromhex("d0cf11e0a1b11ae1")  # OLE2 compound file: .xls (and .doc, encrypted .xlsx)
# The rectangle a sheet may span (rows x columns, from A1 to the farthest filled cell): 60,000 rows of the
# widest layout (contract §5, 32 columns) fit; calamine needs about 60 bytes a cell of it.
DEFAULT_MAX_CELLS = 4_000_000
# What a zip may unpack to (issue 12.4), from measured files of the row limit (IMPORT_MAX_ROWS = 60,000 rows)
# in the widest layout (contract §5, 32 columns, every cell filled with realistic text):
#   saved as Excel and WPS save (shared strings, UTF-8): 7.3 MB; sheet1.xml 62.4 MB (ratio 10.0),
#     sharedStrings.xml 7.1 MB (6.6); 69.5 MB in all;
#   written by openpyxl (inline strings, every CJK character as &#NNNNN;, what this app's own exports are):
#     9.3 MB; sheet1.xml 157.3 MB (ratio 17.0); a sheet of identical rows is no denser (17.1).
# The caps below keep a margin over the Excel file (IMPORT_MAX_UNPACKED_BYTES, 100 MB in all, in settings;
# 80 MB for one part); the ratio cap keeps more than twice the densest real file. A file that unpacks 380
# times over (250 KB to 95 MB) is refused from the zip directory, before one byte is inflated.
DEFAULT_MAX_ENTRY_BYTES = 80 * 1024 * 1024
DEFAULT_MAX_COMPRESSION_RATIO = 40
# Parts smaller than this are not held to the ratio (a few KB of styles may compress 50 times; they cost nothing).
RATIO_CHECKED_FROM_BYTES = 1024 * 1024
# Whatever the file is, this much of its start is enough to tell a zip from text.
_SNIFF_BYTES = 8192
# CSV as offices save it: UTF-8 (with or without BOM), else the Chinese Windows code page (GBK ⊂ GB18030).
CSV_ENCODINGS = ("utf-8-sig", "gb18030")


class UploadRejected(ValidationError):
    """The file cannot be read as a spreadsheet, or breaks a limit. The message says why, for the user."""


@dataclass(frozen=True)
class Table:
    """A sheet as text. ``rows`` pairs each data row with its number as the spreadsheet shows it (the header
    is row 1); every row has exactly ``len(header)`` cells; rows with nothing in them are left out.

    ``numbers`` maps a row number to the column positions (0-based) of its cells that the file stored as
    numbers rather than as text. Their text is what the number reads as, which for a long identifier is not
    what was typed: a spreadsheet keeps 15 significant digits, so a 身份证号 typed into a General cell has
    lost its last digits. An importer asks ``typed_as_number`` for its identifier columns instead of trusting
    those digits.
    """

    header: list[str]
    rows: list[tuple[int, list[str]]] = field(default_factory=list)
    numbers: Mapping[int, frozenset[int]] = field(default_factory=dict)

    def is_number(self, row: int, position: int) -> bool:
        """Whether the cell at spreadsheet row ``row``, column ``position`` was a number cell."""
        return position in self.numbers.get(row, ())

    def typed_as_number(self, row: int, position: int | None, text: str) -> bool:
        """Whether an identifier's cell holds a number instead of the text typed: a number cell of a
        workbook, or in a CSV the form a spreadsheet saves such a cell in (4.20903E+17)."""
        if position is None:
            return False
        return self.is_number(row, position) or _NUMBER_TEXT.match(text) is not None

    @classmethod
    def from_dicts(cls, header: list[str], records: list[dict[str, str]]) -> "Table":
        """Rows already in memory (demo data, tests): row numbers as if written under a header row."""
        rows = [
            (number, [str(record.get(name, "")) for name in header])
            for number, record in enumerate(records, 2)
        ]
        return cls(header=list(header), rows=rows)


def human_size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):g} MB"
    if size >= 1024:
        return f"{size / 1024:g} KB"
    return f"{size} B"


def cell_text(value) -> str:
    """A cell as the text a person sees: whole numbers without ``.0`` (学号 2017001.0 -> "2017001")."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return str(value)
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat(sep=" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value).strip()


# A number as a spreadsheet writes it into a CSV when it does not show all its digits: 4.20903E+17.
_NUMBER_TEXT = re.compile(r"^[+-]?\d+(\.\d*)?[eE][+-]?\d+$")


def is_number_cell(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def read_table(source: str | os.PathLike | BinaryIO | bytes, *, sheet: str | None = None) -> Table:
    """Read the first sheet of an .xlsx, .xls or .ods, or a .csv, into a ``Table``; raise ``UploadRejected``
    otherwise. With ``sheet``, the workbook's sheet of that name when it has one (a national template's
    代码表), else the first.

    ``source`` is a path, an open binary file (a Django ``UploadedFile`` too) or the bytes themselves.
    """
    if isinstance(source, bytes):
        return _read_stream(io.BytesIO(source), sheet)
    if isinstance(source, str | os.PathLike):
        with Path(source).open("rb") as stream:
            _check_named_workbook(stream, Path(source).name)
            return _read_stream(stream, sheet)
    _check_named_workbook(source, Path(getattr(source, "name", None) or "").name)
    return _read_stream(source, sheet)


def _check_named_workbook(stream: BinaryIO, name: str) -> None:
    """A text file named .xlsx/.xls/.ods would otherwise be read as CSV (and refused for its columns); other
    binary files are refused as no spreadsheet by ``_read_stream``."""
    if not name.lower().endswith(WORKBOOK_SUFFIXES):
        return
    stream.seek(0)
    head = stream.read(_SNIFF_BYTES)
    stream.seek(0)
    is_workbook = head.startswith(b"PK\x03\x04") or head.startswith(CFB_SIGNATURE)
    if head and not is_workbook and b"\x00" not in head:
        raise UploadRejected(MSG_NOT_WORKBOOK.format(name=name), code="not_workbook")


def _max_cells() -> int:
    return getattr(settings, "IMPORT_MAX_CELLS", DEFAULT_MAX_CELLS)


def _read_stream(stream: BinaryIO, sheet: str | None = None) -> Table:
    stream.seek(0, os.SEEK_END)
    size = stream.tell()
    stream.seek(0)
    if size == 0:
        raise UploadRejected(MSG_EMPTY_FILE, code="empty")
    limit = settings.IMPORT_MAX_UPLOAD_BYTES
    if size > limit:
        raise UploadRejected(MSG_TOO_LARGE.format(limit=human_size(limit)), code="too_large")
    head = stream.read(_SNIFF_BYTES)
    stream.seek(0)
    if head.startswith(b"PK\x03\x04"):
        _check_zip(stream, size)
        return _read_workbook(stream, sheet)
    if head.startswith(CFB_SIGNATURE):
        _check_xls(stream.read())
        stream.seek(0)
        return _read_workbook(stream, sheet)
    if b"\x00" in head:
        raise UploadRejected(MSG_NOT_SPREADSHEET, code="not_spreadsheet")
    return _read_csv(stream.read())


# --- the zip formats: .xlsx and .ods ---------------------------------------------------------------------


def _check_zip(stream: BinaryIO, size: int) -> None:
    """Refuse a zip that is not a workbook, holds macros, would unpack into too much (a zip bomb) or whose
    sheets span too large an area.

    The declared sizes can be trusted as a bound: Python's zipfile stops inflating an entry at its declared
    size and fails the CRC check if the data goes on, so no entry can unpack to more than it declares.
    """
    try:
        with zipfile.ZipFile(stream) as archive:
            entries = archive.infolist()
            _check_zip_directory(entries, size)
            names = {entry.filename for entry in entries}
            if all(member in names for member in XLSX_REQUIRED_MEMBERS):
                _check_xlsx_parts(archive, names)
            elif "mimetype" in names and archive.read("mimetype").strip() in ODS_MIMETYPES:
                _check_ods_parts(archive, names)
            else:
                raise UploadRejected(MSG_NOT_SPREADSHEET, code="not_spreadsheet")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise UploadRejected(MSG_NOT_SPREADSHEET, code="not_spreadsheet") from exc
    finally:
        stream.seek(0)


def _check_zip_directory(entries: list[zipfile.ZipInfo], size: int) -> None:
    """The bounds that the zip directory alone can tell, so a bomb costs a directory read: how many parts, how
    much each and all unpack to, and how many times over (per part, and in all against the file's real size,
    which overlapping entries cannot inflate)."""
    max_entries = settings.IMPORT_MAX_ZIP_ENTRIES
    if len(entries) > max_entries:
        raise UploadRejected(MSG_TOO_MANY_ENTRIES.format(limit=max_entries), code="zip_entries")
    max_unpacked = settings.IMPORT_MAX_UNPACKED_BYTES
    unpacked = sum(entry.file_size for entry in entries)
    if unpacked > max_unpacked:
        raise UploadRejected(MSG_UNPACKED_TOO_LARGE.format(limit=human_size(max_unpacked)), code="zip_size")
    max_entry = getattr(settings, "IMPORT_MAX_ENTRY_BYTES", DEFAULT_MAX_ENTRY_BYTES)
    max_ratio = getattr(settings, "IMPORT_MAX_COMPRESSION_RATIO", DEFAULT_MAX_COMPRESSION_RATIO)
    for entry in entries:
        if entry.file_size >= RATIO_CHECKED_FROM_BYTES and entry.file_size > max_ratio * entry.compress_size:
            _refuse_ratio(entry.file_size / max(entry.compress_size, 1), max_ratio)
        if entry.file_size > max_entry:
            raise UploadRejected(
                MSG_ENTRY_TOO_LARGE.format(name=entry.filename[:80], limit=human_size(max_entry)),
                code="zip_entry_size",
            )
    if unpacked >= RATIO_CHECKED_FROM_BYTES and unpacked > max_ratio * size:
        _refuse_ratio(unpacked / size, max_ratio)


def _refuse_ratio(ratio: float, limit: int) -> None:
    raise UploadRejected(MSG_COMPRESSION_RATIO.format(ratio=int(ratio), limit=limit), code="zip_ratio")


def _read_part(archive: zipfile.ZipFile, name: str) -> bytes:
    try:
        data = archive.read(name)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
        raise UploadRejected(MSG_UNREADABLE, code="unreadable") from exc
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        # No workbook part needs a DTD; entity definitions are how XML bombs are built.
        raise UploadRejected(MSG_UNREADABLE, code="unreadable")
    return data


def _check_xlsx_parts(archive: zipfile.ZipFile, names: set[str]) -> None:
    lowered = {name.lower() for name in names}
    content_types = _read_part(archive, "[Content_Types].xml").lower()
    if (
        b"macroenabled" in content_types
        or b"vbaproject" in content_types
        or any(name.endswith("vbaproject.bin") or name.startswith("xl/macrosheets/") for name in lowered)
    ):
        raise UploadRejected(MSG_MACROS, code="macros")
    # Every XML part is looked at: a sheet may live wherever the workbook's relationships point.
    for name in sorted(names):
        if name.lower().endswith((".xml", ".rels")):
            data = _read_part(archive, name)
            if name.lower().endswith(".xml"):
                _check_area(*_xlsx_extent(data))


def _check_ods_parts(archive: zipfile.ZipFile, names: set[str]) -> None:
    if any(name.startswith(("Basic/", "Scripts/")) and not name.endswith("/") for name in names):
        raise UploadRejected(MSG_MACROS, code="macros")
    for name in ("content.xml", "styles.xml"):
        if name in names:
            data = _read_part(archive, name)
            if name == "content.xml":
                for rows, columns in _ods_extents(data):
                    _check_area(rows, columns)


def _check_area(rows: int, columns: int) -> None:
    limit = _max_cells()
    if rows * columns > limit:
        raise UploadRejected(
            MSG_SHEET_TOO_LARGE.format(rows=rows, columns=columns, limit=limit), code="sheet_area"
        )


# A row or cell start tag of a worksheet part, with any namespace prefix; group 3 is "/" when it is empty.
_XLSX_TAG = re.compile(rb"<(?:[\w.-]+:)?(row|c)((?:\s[^>]*?)?)(/?)>")
_XLSX_REF = re.compile(rb"""\sr\s*=\s*["']([A-Za-z]{0,3})(\d{0,9})["']""")


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + letter - 64
    return number


def _xlsx_extent(data: bytes) -> tuple[int, int]:
    """(last row, last column), 1-based, of the cells with something in them, as calamine places them: by
    their ``r`` reference, or next to the previous one when there is none. Empty cells do not count."""
    row = column = last_row = last_column = 0
    for match in _XLSX_TAG.finditer(data):
        tag, attributes, empty = match.groups()
        ref = _XLSX_REF.search(attributes)
        if tag == b"row":
            row = int(ref[2]) if ref and ref[2] else row + 1
            column = 0
            continue
        if ref and ref[1]:
            column = _column_number(ref[1])
            row = int(ref[2]) if ref[2] else row
        else:
            column += 1
        if not empty:
            last_row, last_column = max(last_row, row), max(last_column, column)
    return last_row, last_column


_ODS_TAG = re.compile(rb"<(/?)table:(table-row|table-cell|covered-table-cell|table)((?:\s[^>]*?)?)(/?)>")
_ODS_ROWS_REPEATED = re.compile(rb"""table:number-rows-repeated\s*=\s*["'](\d{1,9})["']""")
_ODS_COLUMNS_REPEATED = re.compile(rb"""table:number-columns-repeated\s*=\s*["'](\d{1,9})["']""")


def _repeat(pattern: re.Pattern, attributes: bytes) -> int:
    match = pattern.search(attributes)
    return max(int(match[1]), 1) if match else 1


def _ods_extents(data: bytes) -> Iterable[tuple[int, int]]:
    """(rows, columns) of each table of an ODS content.xml up to its last cell with something in it.

    LibreOffice writes a run of equal rows or cells once with a repeat count (number-rows-repeated,
    number-columns-repeated), which the reader expands: a run of filled cells counts at its full length; the
    empty runs LibreOffice writes up to the sheet's edge do not count."""
    row = column = last_row = last_column = row_repeat = 0
    row_filled = False
    for match in _ODS_TAG.finditer(data):
        closing, tag, attributes, empty = match.groups()
        if tag == b"table":
            if closing:
                yield last_row, last_column
            row = last_row = last_column = 0
        elif tag == b"table-row":
            if closing:
                if row_filled:
                    last_row = row + row_repeat
                row += row_repeat
            else:
                row_repeat, column, row_filled = _repeat(_ODS_ROWS_REPEATED, attributes), 0, False
                if empty:
                    row += row_repeat
        elif not closing:
            column += _repeat(_ODS_COLUMNS_REPEATED, attributes)
            if not empty or b"value-type" in attributes:
                row_filled = True
                last_column = max(last_column, column)


# --- .xls: Excel 97-2003, an OLE2 compound file ----------------------------------------------------------

_FREE_OR_END = 0xFFFFFFFA  # sector numbers from here up are markers (free, end of chain, FAT, DIFAT)
_MACRO_STORAGES = frozenset({"_vba_project_cur", "_vba_project", "vba", "macros"})
# BIFF8 records that place a cell, with (row, column) as their first four bytes.
_BIFF_CELLS = frozenset({0x0006, 0x0203, 0x0204, 0x00FD, 0x027E, 0x0205, 0x00D6})
_BIFF_MULRK = 0x00BD
_BIFF_BOUNDSHEET = 0x0085
_BIFF_MACRO_SHEET_TYPES = frozenset({1, 6})  # Excel 4.0 macro sheet, VB module


def _check_xls(data: bytes) -> None:
    """Refuse a compound file that is not a workbook, holds macros, or whose cells span too large an area.

    Every step is bounded by the file's size (already within the upload limit): sector chains are followed
    at most once per sector, so a looping chain is an error, not a hang.
    """
    streams = _cfb_streams(data)
    if any(name in _MACRO_STORAGES for name in streams.names):
        raise UploadRejected(MSG_MACROS, code="macros")
    # "Workbook" since Excel 97 (BIFF8); "Book" before (BIFF5), whose cell records are laid out alike.
    name = next((name for name in ("workbook", "book") if name in streams.names), None)
    workbook = streams.read(name) if name else None
    if workbook is None:
        if "encryptedpackage" in streams.names:
            raise UploadRejected(MSG_UNREADABLE, code="unreadable")  # an encrypted .xlsx
        raise UploadRejected(MSG_NOT_SPREADSHEET, code="not_spreadsheet")
    last_row = last_column = 0
    position = 0
    while position + 4 <= len(workbook):
        kind, length = struct.unpack_from("<HH", workbook, position)
        body = workbook[position + 4 : position + 4 + length]
        position += 4 + length
        if kind in _BIFF_CELLS and len(body) >= 4:
            row, column = struct.unpack_from("<HH", body)
            last_row, last_column = max(last_row, row + 1), max(last_column, column + 1)
        elif kind == _BIFF_MULRK and len(body) >= 6:
            (row,) = struct.unpack_from("<H", body)
            (column,) = struct.unpack_from("<H", body, len(body) - 2)
            last_row, last_column = max(last_row, row + 1), max(last_column, column + 1)
        elif kind == _BIFF_BOUNDSHEET and len(body) >= 6 and body[5] in _BIFF_MACRO_SHEET_TYPES:
            raise UploadRejected(MSG_MACROS, code="macros")
    # All sheets of the workbook are in one stream: the bound is taken over all of them.
    _check_area(last_row, last_column)


@dataclass
class _Compound:
    """The directory of an OLE2 compound file and a reader of its streams (MS-CFB)."""

    data: bytes
    sector_size: int
    fat: list[int]
    mini_fat: list[int]
    mini_stream: bytes
    mini_cutoff: int
    entries: dict[str, tuple[int, int, int]]  # lower-case name -> (type, start sector, size)

    @property
    def names(self) -> set[str]:
        return set(self.entries)

    def read(self, name: str) -> bytes:
        _kind, start, size = self.entries[name]
        if size < self.mini_cutoff:
            chunks = _chain(self.mini_fat, start)
            data = b"".join(self.mini_stream[sector * 64 : sector * 64 + 64] for sector in chunks)
        else:
            data = b"".join(_sector(self.data, self.sector_size, s) for s in _chain(self.fat, start))
        if len(data) < size:
            raise UploadRejected(MSG_UNREADABLE, code="unreadable")
        return data[:size]


def _sector(data: bytes, size: int, number: int) -> bytes:
    offset = (number + 1) * size  # the header takes the place of sector -1
    if offset >= len(data):
        raise UploadRejected(MSG_UNREADABLE, code="unreadable")
    return data[offset : offset + size]


def _chain(table: list[int], start: int) -> list[int]:
    """The sectors of a chain; each sector at most once, so what is read never exceeds the file."""
    sectors = []
    seen = set()
    current = start
    while current < _FREE_OR_END:
        if current >= len(table) or current in seen:
            raise UploadRejected(MSG_UNREADABLE, code="unreadable")  # out of range, or a loop
        seen.add(current)
        sectors.append(current)
        current = table[current]
    return sectors


def _u32s(data: bytes) -> list[int]:
    return list(struct.unpack(f"<{len(data) // 4}I", data[: len(data) // 4 * 4]))


def _cfb_streams(data: bytes) -> _Compound:
    if len(data) < 512:
        raise UploadRejected(MSG_UNREADABLE, code="unreadable")
    sector_shift, mini_shift = struct.unpack_from("<HH", data, 0x1E)
    if sector_shift not in (9, 12) or mini_shift != 6:
        raise UploadRejected(MSG_UNREADABLE, code="unreadable")
    size = 1 << sector_shift
    fat_count, directory_start = struct.unpack_from("<II", data, 0x2C)
    mini_cutoff, mini_fat_start, _mini_fat_count, difat_start, difat_count = struct.unpack_from(
        "<IIIII", data, 0x38
    )
    sector_count = max(len(data) // size - 1, 0)
    difat = _u32s(data[0x4C:0x200])
    current, seen = difat_start, 0
    while current < _FREE_OR_END and seen < min(difat_count, sector_count):
        entries = _u32s(_sector(data, size, current))
        difat += entries[:-1]
        current, seen = entries[-1], seen + 1
    fat_sectors = [number for number in difat if number < _FREE_OR_END][: min(fat_count, sector_count)]
    fat = [entry for number in fat_sectors for entry in _u32s(_sector(data, size, number))]
    directory = b"".join(_sector(data, size, number) for number in _chain(fat, directory_start))
    entries: dict[str, tuple[int, int, int]] = {}
    root = None
    for offset in range(0, len(directory) - 127, 128):
        record = directory[offset : offset + 128]
        (name_length,) = struct.unpack_from("<H", record, 64)
        kind = record[66]
        if kind not in (1, 2, 5):
            continue
        name = record[: max(min(name_length, 64) - 2, 0)].decode("utf-16-le", errors="replace").lower()
        start, stream_size = struct.unpack_from("<II", record, 116)
        if kind == 5:
            root = (start, stream_size)
        else:
            entries[name] = (kind, start, stream_size)
    if root is None:
        raise UploadRejected(MSG_UNREADABLE, code="unreadable")
    mini_fat = []
    if mini_fat_start < _FREE_OR_END:
        mini_fat = _u32s(b"".join(_sector(data, size, s) for s in _chain(fat, mini_fat_start)))
    mini_stream = b"".join(_sector(data, size, s) for s in _chain(fat, root[0]))[: root[1]]
    return _Compound(data, size, fat, mini_fat, mini_stream, mini_cutoff, entries)


# --- reading --------------------------------------------------------------------------------------------


def _read_workbook(stream: BinaryIO, sheet: str | None = None) -> Table:
    """The first sheet (or the one named ``sheet``, if there is one) of a workbook whose limits were checked,
    through calamine."""
    try:
        workbook = CalamineWorkbook.from_filelike(stream)
    except Exception as exc:  # calamine raises its own errors for damaged, encrypted or unknown files
        raise UploadRejected(MSG_UNREADABLE, code="unreadable") from exc
    try:
        if not workbook.sheet_names:
            raise UploadRejected(MSG_UNREADABLE, code="unreadable")
        if sheet is not None and sheet in workbook.sheet_names:
            rows = workbook.get_sheet_by_name(sheet).iter_rows()
        else:
            rows = workbook.get_sheet_by_index(0).iter_rows()
        return _table(rows, cell_text, is_number_cell)
    except UploadRejected:
        raise
    except Exception as exc:  # a damaged sheet fails while it is read, not when it is opened
        raise UploadRejected(MSG_UNREADABLE, code="unreadable") from exc
    finally:
        workbook.close()


def decode_csv(data: bytes) -> str:
    """The text of a CSV file in UTF-8 (with or without BOM) or GB18030 (which includes GBK)."""
    for encoding in CSV_ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UploadRejected(MSG_CSV_ENCODING, code="csv_encoding")


def _read_csv(data: bytes) -> Table:
    text = decode_csv(data)
    if "\x00" in text:
        raise UploadRejected(MSG_NOT_SPREADSHEET, code="not_spreadsheet")
    try:
        # A quoted cell may hold a line break: Excel shows one record a row, so records are what is counted.
        return _table(csv.reader(io.StringIO(text, newline="")), str.strip)
    except csv.Error as exc:
        raise UploadRejected(MSG_NOT_SPREADSHEET, code="not_spreadsheet") from exc


def _table(
    records: Iterable[Sequence],
    text: Callable[[object], str],
    is_number: Callable[[object], bool] | None = None,
) -> Table:
    """Row 1 is the header; blank rows are skipped but keep their place in the numbering."""
    records = iter(records)
    max_rows = settings.IMPORT_MAX_ROWS
    header = [text(value) for value in next(records, ())]
    while header and not header[-1]:
        header.pop()
    width = len(header)
    rows = []
    numbers = {}
    for number, record in enumerate(records, start=2):
        values = record[:width]
        cells = [text(value) for value in values]
        if not any(cells):
            continue
        if len(rows) >= max_rows:
            raise UploadRejected(MSG_TOO_MANY_ROWS.format(limit=max_rows), code="too_many_rows")
        if len(cells) < width:
            cells.extend([""] * (width - len(cells)))
        rows.append((number, cells))
        if is_number is not None and (positions := [p for p, v in enumerate(values) if is_number(v)]):
            numbers[number] = frozenset(positions)
    return Table(header=header, rows=rows, numbers=numbers)
