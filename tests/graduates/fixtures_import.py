"""Builders of §1 workbooks for the import tests: rows as dicts keyed by the Chinese headers."""

import csv
import io
import zipfile
from pathlib import Path

import openpyxl

from apps.graduates.imports import COLUMNS
from apps.graduates.models import Major

from ..factories import make_college, make_major, valid_id_number

HEADER = list(COLUMNS)


def make_import_org() -> dict[str, Major]:
    """The colleges and majors the rows below name: 护理学院 (护理, 助产) and 机电工程学院 (数控技术)."""
    nursing = make_college("护理学院", 1)
    mechanical = make_college("机电工程学院", 2)
    return {
        "护理": make_major(nursing, "护理"),
        "助产": make_major(nursing, "助产"),
        "数控技术": make_major(mechanical, "数控技术"),
    }


def good_row(n: int = 1, changes: dict[str, str] | None = None) -> dict[str, str]:
    """A valid row; ``n`` (1-999) makes 学号 and 身份证号 unique; ``changes`` overrides cells by header."""
    row = {
        "届别": "2020",
        "学号": f"2017{n:05d}",
        "姓名": f"张{n}",
        "性别": "女" if n % 2 else "男",
        "身份证号": valid_id_number(n, birth="20000101"),
        "民族": "汉族",
        "学院": "护理学院",
        "专业": "护理",
        "班级": "护理1班",
        "生源地": "湖北省",
        "学历": "",
        "困难生类别": "",
        "建档立卡": "",
        "贫困县": "",
        "手机号": "",
        "电子邮箱": "",
    }
    row.update(changes or {})
    return row


def good_rows(count: int, start: int = 1) -> list[dict[str, str]]:
    return [good_row(n) for n in range(start, start + count)]


def write_xlsx(path: Path, rows: list[dict], header: list[str] | None = None) -> Path:
    """Cells are written as given: pass ints or floats to get numeric cells."""
    header = HEADER if header is None else header
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append([row.get(name, "") for name in header])
    workbook.save(path)
    return path


def write_csv(
    path: Path,
    rows: list[dict],
    header: list[str] | None = None,
    *,
    bom: bool = True,
    encoding: str = "utf-8",
) -> Path:
    header = HEADER if header is None else header
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(name, "") for name in header])
    data = buffer.getvalue().encode(encoding)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
    return path


def write_zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def write_zip_bomb(path: Path, unpacked_bytes: int) -> Path:
    """A workbook-looking zip with one entry of ``unpacked_bytes`` zeros (a few hundred KB packed)."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        archive.writestr("xl/workbook.xml", b"<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as entry:
            block = b"\0" * (1024 * 1024)
            for _ in range(unpacked_bytes // len(block) + 1):
                entry.write(block)
    return path


# The eight bytes every PNG starts with, and enough of an IHDR to look like an image.
PNG_BYTES = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
)


def write_amplifying_workbook(path: Path, unpacked_bytes: int = 95 * 1024 * 1024) -> Path:
    """A well-formed .xlsx (the §1 header, then rows of one long text cell each) whose sheet unpacks to about
    ``unpacked_bytes`` from a few hundred KB: within the total cap, the row limit and the sheet-area bound, so
    only its compression ratio gives it away (issue 12.4: 250 KB to 95 MB, 36-39 s and 490 MB to read)."""
    cell_text = "填" * 10_000  # 30,000 bytes of UTF-8 a cell
    header = "".join(
        f'<c r="{openpyxl.utils.get_column_letter(i)}1" t="inlineStr"><is><t>{name}</t></is></c>'
        for i, name in enumerate(HEADER, 1)
    )
    rows = unpacked_bytes // (len(cell_text.encode()) + 60)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(
                f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{SHEET_NS}"><sheetData>'.encode()
            )
            sheet.write(f'<row r="1">{header}</row>'.encode())
            for number in range(2, rows + 2):
                sheet.write(
                    f'<row r="{number}"><c r="B{number}" t="inlineStr"><is><t>{cell_text}</t></is></c></row>'.encode()
                )
            sheet.write(b"</sheetData></worksheet>")
    return path


SHEET_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{_REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK = (
    f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{SHEET_NS}" xmlns:r="{_REL_NS}">'
    '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{_REL_NS}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
)
