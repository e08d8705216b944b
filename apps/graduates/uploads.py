"""Safe reading of an uploaded spreadsheet (.xlsx or .csv) into a header and rows of text.

The kind of file is judged by its content, never by its name. Every limit is checked before the expensive
step it protects: the size before anything is read, the zip directory before openpyxl unpacks a byte, the
row count while rows are read. openpyxl parses XML through defusedxml (installed as a dependency), so
entity-expansion and external-entity tricks inside a workbook are refused by the parser.
"""

import csv
import datetime
import io
import os
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import openpyxl
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MSG_EMPTY_FILE = _("文件是空的。")
MSG_TOO_LARGE = _("文件过大：不能超过 {limit}。")
MSG_NOT_SPREADSHEET = _("只能上传 Excel 工作簿（.xlsx）或 UTF-8 编码的 CSV 文件。")
MSG_CSV_ENCODING = _("CSV 文件须为 UTF-8 编码：请在 Excel 中另存为“CSV UTF-8（逗号分隔）”。")
MSG_UNPACKED_TOO_LARGE = _("Excel 文件解压后过大（超过 {limit}），已拒绝。")
MSG_TOO_MANY_ENTRIES = _("Excel 文件内部条目过多（超过 {limit} 个），已拒绝。")
MSG_UNREADABLE = _("无法读取该 Excel 文件，请确认文件未损坏、未加密。")
MSG_TOO_MANY_ROWS = _("数据行过多：一次最多导入 {limit} 行。")

XLSX_REQUIRED_MEMBERS = ("[Content_Types].xml", "xl/workbook.xml")
# Whatever the file is, this much of its start is enough to tell a zip from text.
_SNIFF_BYTES = 8192


class UploadRejected(ValidationError):
    """The file cannot be read as a spreadsheet, or breaks a limit. The message says why, for the user."""


@dataclass(frozen=True)
class Table:
    """A sheet as text. ``rows`` pairs each data row with its number as the spreadsheet shows it (the header
    is row 1); every row has exactly ``len(header)`` cells; rows with nothing in them are left out."""

    header: list[str]
    rows: list[tuple[int, list[str]]] = field(default_factory=list)

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


def read_table(source: str | os.PathLike | BinaryIO | bytes) -> Table:
    """Read the first sheet of an .xlsx, or a .csv, into a ``Table``; raise ``UploadRejected`` otherwise.

    ``source`` is a path, an open binary file (a Django ``UploadedFile`` too) or the bytes themselves.
    """
    if isinstance(source, bytes):
        return _read_stream(io.BytesIO(source))
    if isinstance(source, str | os.PathLike):
        with Path(source).open("rb") as stream:
            return _read_stream(stream)
    return _read_stream(source)


def _read_stream(stream: BinaryIO) -> Table:
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
        return _read_xlsx(stream)
    if b"\x00" in head:
        raise UploadRejected(MSG_NOT_SPREADSHEET, code="not_spreadsheet")
    return _read_csv(stream.read())


def _check_zip(stream: BinaryIO) -> None:
    """Refuse a zip that is not a workbook, or that would unpack into too much (a zip bomb).

    The declared sizes can be trusted as a bound: Python's zipfile stops inflating an entry at its declared
    size and fails the CRC check if the data goes on, so no entry can unpack to more than it declares.
    """
    try:
        with zipfile.ZipFile(stream) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise UploadRejected(MSG_NOT_SPREADSHEET, code="not_spreadsheet") from exc
    finally:
        stream.seek(0)
    max_entries = settings.IMPORT_MAX_ZIP_ENTRIES
    if len(entries) > max_entries:
        raise UploadRejected(MSG_TOO_MANY_ENTRIES.format(limit=max_entries), code="zip_entries")
    max_unpacked = settings.IMPORT_MAX_UNPACKED_BYTES
    if sum(entry.file_size for entry in entries) > max_unpacked:
        raise UploadRejected(MSG_UNPACKED_TOO_LARGE.format(limit=human_size(max_unpacked)), code="zip_size")
    names = {entry.filename for entry in entries}
    if not all(member in names for member in XLSX_REQUIRED_MEMBERS):
        raise UploadRejected(MSG_NOT_SPREADSHEET, code="not_spreadsheet")


def _read_xlsx(stream: BinaryIO) -> Table:
    _check_zip(stream)
    try:
        # A file object, not a name: openpyxl would otherwise judge the file by its extension.
        workbook = openpyxl.load_workbook(stream, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds (KeyError, XML errors, defusedxml refusals)
        raise UploadRejected(MSG_UNREADABLE, code="unreadable") from exc
    try:
        if not workbook.worksheets:
            raise UploadRejected(MSG_UNREADABLE, code="unreadable")
        return _table(workbook.worksheets[0].iter_rows(values_only=True), cell_text)
    except UploadRejected:
        raise
    except Exception as exc:  # a damaged sheet fails while it is read, not when it is opened
        raise UploadRejected(MSG_UNREADABLE, code="unreadable") from exc
    finally:
        workbook.close()


def _read_csv(data: bytes) -> Table:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UploadRejected(MSG_CSV_ENCODING, code="csv_encoding") from exc
    if "\x00" in text:
        raise UploadRejected(MSG_NOT_SPREADSHEET, code="not_spreadsheet")
    try:
        # A quoted cell may hold a line break: Excel shows one record a row, so records are what is counted.
        return _table(csv.reader(io.StringIO(text, newline="")), str.strip)
    except csv.Error as exc:
        raise UploadRejected(MSG_NOT_SPREADSHEET, code="not_spreadsheet") from exc


def _table(records: Iterator[Sequence], text: Callable[[object], str]) -> Table:
    """Row 1 is the header; blank rows are skipped but keep their place in the numbering."""
    max_rows = settings.IMPORT_MAX_ROWS
    header = [text(value) for value in next(records, ())]
    while header and not header[-1]:
        header.pop()
    width = len(header)
    rows = []
    for number, record in enumerate(records, start=2):
        cells = [text(value) for value in record[:width]]
        if not any(cells):
            continue
        if len(rows) >= max_rows:
            raise UploadRejected(MSG_TOO_MANY_ROWS.format(limit=max_rows), code="too_many_rows")
        if len(cells) < width:
            cells.extend([""] * (width - len(cells)))
        rows.append((number, cells))
    return Table(header=header, rows=rows)
