"""Files as offices make them (issue 10, scenarios 14 and 15), read by every import, and the hostile-file
defences for each format. The office files in ``files/`` were saved by LibreOffice (``files/README.md``)."""

import datetime
import shutil
import struct
import zipfile
from pathlib import Path
from types import SimpleNamespace

import pytest
from python_calamine import CalamineWorkbook

from apps.accounts.models import Role
from apps.graduates import uploads
from apps.graduates.imports import COL_ID_NUMBER, RowError, graduate_import
from apps.graduates.models import Graduate
from apps.graduates.uploads import MSG_IDENTIFIER_NUMBER, read_table
from apps.plans.destination_import import COL_APPROVED_ON, COL_CREDIT_CODE, destination_import
from apps.plans.models import DestinationPlan, PlanStatus
from apps.surveys.imports import survey_response_import
from apps.surveys.models import GraduateResponse

from ..factories import make_class, make_graduate, make_user
from ..surveys.factories import make_campaign
from .fixtures_import import good_row, make_import_org, write_csv, write_xlsx, write_zip

pytestmark = pytest.mark.django_db

FILES = Path(__file__).parent / "files"
# What sources/graduates.csv holds, as the import must store it whichever office format carried it.
EXPECTED_GRADUATES = [
    ("201700001", "张三", "男", "42090220000101003X", "汉族", "13812345671"),
    ("201700002", "李四", "女", "420902200001010048", "土家族", "13812345672"),
    ("201700003", "欧阳娜", "女", "420902200001010064", "汉族", "13812345673"),
]


def must_not_open(*args, **kwargs):
    raise AssertionError("the workbook reader must not open this file")


NEVER_OPENED = SimpleNamespace(
    from_filelike=must_not_open, from_path=must_not_open, from_object=must_not_open
)


def file_error(result) -> str:
    assert len(result.errors) == 1 and result.errors[0].row is None, result.errors
    return result.errors[0].message


@pytest.fixture
def majors():
    return make_import_org()


# --- scenario 15: .xls, .ods and GB18030 CSV, in every import ---------------------------------------------


@pytest.mark.parametrize("name", ["graduates.xls", "graduates.ods", "graduates-gb18030.csv"])
def test_an_office_file_imports_the_graduates_exactly_as_typed(majors, name):
    # when
    result = graduate_import(rows_source=FILES / name, dry_run=False)

    # then
    assert result.ok, result.errors
    assert (result.new, result.changed, result.warnings) == (3, 0, [])
    stored = [
        (g.student_no, g.name, g.get_gender_display(), g.id_number, g.ethnicity.name, g.phone)
        for g in Graduate.objects.select_related("ethnicity").order_by("student_no")
    ]
    assert stored == EXPECTED_GRADUATES
    assert set(Graduate.objects.values_list("cohort__year", flat=True)) == {2020}  # 届别 was a number cell


def test_every_format_reads_to_the_same_table_as_the_utf8_source():
    source = read_table(FILES / "sources" / "graduates.csv")

    for name in ("graduates.xls", "graduates.ods", "graduates-gb18030.csv"):
        table = read_table(FILES / name)
        assert (table.header, table.rows) == (source.header, source.rows), name


def test_the_gb18030_file_is_not_utf8_and_reads_all_the_same():
    data = (FILES / "graduates-gb18030.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")

    assert read_table(data).rows[2][1][2] == "欧阳娜"


def test_an_office_file_is_judged_by_its_content_not_its_name(majors, tmp_path):
    renamed = shutil.copy(FILES / "graduates.xls", tmp_path / "graduates.csv")

    assert graduate_import(rows_source=renamed, dry_run=True).new == 3


@pytest.fixture
def destination_graduates(majors):
    klass = make_class(majors["护理"], "护理1班")
    return [make_graduate(klass, student_no=f"20180000{n}") for n in (1, 2, 3)]


@pytest.mark.parametrize("name", ["destinations-slashed-dates.csv", "destinations.xls"])
def test_destinations_with_slashed_dates_or_date_cells_are_imported_on_their_days(
    destination_graduates, name
):
    centre = make_user(Role.CENTRE, username="centre")
    if name.endswith(".csv"):
        assert "2020/5/15" in (FILES / name).read_text(encoding="utf-8")

    result = destination_import(rows_source=FILES / name, dry_run=False, actor=centre)

    assert result.ok, result.errors
    assert result.new == 3
    days = dict(
        DestinationPlan.objects.filter(status=PlanStatus.APPROVED).values_list(
            "graduate__student_no", "approved_on"
        )
    )
    assert days == {
        "201800001": datetime.date(2020, 5, 15),
        "201800002": datetime.date(2020, 8, 3),
        "201800003": datetime.date(2020, 12, 31),
    }


@pytest.mark.parametrize("name", ["surveys.xls", "surveys-gb18030.csv"])
def test_survey_answers_in_an_office_file_are_imported(org, name):
    campaign = make_campaign(2020, sent=10)

    result = survey_response_import(campaign=campaign, rows_source=FILES / name, dry_run=False)

    assert result.ok, result.errors
    assert result.rows == 3
    assert sorted(GraduateResponse.objects.values_list("response_no", flat=True)) == [
        "G0001",
        "G0002",
        "G0003",
    ]


def test_a_macro_workbook_is_refused_by_name_of_the_reason(majors, monkeypatch):
    monkeypatch.setattr(uploads, "CalamineWorkbook", NEVER_OPENED)

    result = graduate_import(rows_source=FILES / "graduates.xlsm", dry_run=True)

    assert file_error(result) == uploads.MSG_MACROS


def test_a_workbook_with_a_vba_project_is_refused(majors, tmp_path):
    path = tmp_path / "macro.xlsx"
    with zipfile.ZipFile(FILES / "graduates.xlsm") as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(
                    b"ms-excel.sheet.macroEnabled.main", b"openxmlformats-officedocument.main"
                )
            target.writestr(item, data)
        target.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0")

    assert file_error(graduate_import(rows_source=path, dry_run=True)) == uploads.MSG_MACROS


# --- scenario 14: an identifier typed into a number cell -----------------------------------------------------


def test_id_numbers_typed_as_numbers_are_each_an_error_of_their_own_and_nothing_is_stored(majors):
    # given: LibreOffice's workbook of 60 graduates whose 身份证号 went into "standard" cells
    path = FILES / "ids-as-numbers.xlsx"
    sheet_rows = list(CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).iter_rows())
    numbers = {number for number, row in enumerate(sheet_rows, 1) if isinstance(row[4], float)}
    assert len(numbers) == 52 and len(sheet_rows) == 61  # the 8 ending in X stayed text

    # when
    result = graduate_import(rows_source=path, dry_run=False)

    # then: one error a number cell, saying what to do; the rows in text cells are fine; nothing is written
    message = str(MSG_IDENTIFIER_NUMBER.format(column=COL_ID_NUMBER))
    assert result.errors == [RowError(number, COL_ID_NUMBER, message) for number in sorted(numbers)]
    assert Graduate.objects.count() == 0


def test_the_digits_a_number_cell_reads_as_are_never_stored_as_an_id_number(majors):
    path = FILES / "ids-as-numbers.xlsx"
    table = read_table(path)
    # the reader keeps the text as the cell reads, and says it was a number
    number, cells = table.rows[0]
    assert cells[4] == "420902199902019968" and table.is_number(number, 4)

    result = graduate_import(rows_source=table, dry_run=True)

    assert not result.ok
    assert not any("校验码" in error.message for error in result.errors)


def test_an_id_number_a_spreadsheet_wrote_into_a_csv_as_a_number_is_the_same_error(majors, tmp_path):
    path = write_csv(tmp_path / "g.csv", [good_row(1, {"身份证号": "4.20902E+17"})])

    result = graduate_import(rows_source=path, dry_run=True)

    assert result.errors == [
        RowError(2, COL_ID_NUMBER, str(MSG_IDENTIFIER_NUMBER.format(column=COL_ID_NUMBER)))
    ]


def _all_digit_credit_code() -> str:
    from apps.graduates.validators import credit_code_check_char

    for serial in range(100):
        first17 = f"9142090071467{serial:04d}"
        if (check := credit_code_check_char(first17)).isdigit():
            return first17 + check
    raise AssertionError("no all-digit code")


def test_a_credit_code_in_a_number_cell_is_an_error_of_its_own(destination_graduates, tmp_path):
    code = _all_digit_credit_code()
    row = {
        "学号": "201800001",
        "毕业去向代码": "11",
        "单位名称": "孝感市中心医院",
        "统一社会信用代码": int(code),  # a number cell, as typed into General
        "单位性质代码": "23",
        "单位行业代码": "43",
        "单位所在地": "湖北省",
        "审核通过日期": "2020-07-01",
    }
    path = write_xlsx(tmp_path / "d.xlsx", [row], header=list(row))

    result = destination_import(rows_source=path, dry_run=False, actor=make_user(Role.CENTRE))

    assert result.errors == [
        RowError(2, COL_CREDIT_CODE, str(MSG_IDENTIFIER_NUMBER.format(column=COL_CREDIT_CODE)))
    ]
    assert DestinationPlan.objects.count() == 0
    # typed as text, the same code is fine
    row["统一社会信用代码"] = code
    good = write_xlsx(tmp_path / "good.xlsx", [row], header=list(row))
    assert destination_import(rows_source=good, dry_run=True, actor=None).ok


def test_a_date_in_a_form_offices_do_not_use_is_still_an_error(destination_graduates, tmp_path):
    row = {"学号": "201800002", "毕业去向代码": "70", "未就业原因": "求职中", "审核通过日期": "15.5.2020"}
    path = write_xlsx(tmp_path / "d.xlsx", [row], header=list(row))

    result = destination_import(rows_source=path, dry_run=True, actor=None)

    from apps.graduates.dates import MSG_DATE

    assert result.errors == [RowError(2, COL_APPROVED_ON, str(MSG_DATE))]


# --- hostile files, every format -----------------------------------------------------------------------------


def test_an_xls_whose_cells_span_millions_is_refused_before_the_reader_builds_it(majors, monkeypatch):
    monkeypatch.setattr(uploads, "CalamineWorkbook", NEVER_OPENED)

    message = file_error(graduate_import(rows_source=FILES / "far-cell.xls", dry_run=True))

    assert message == uploads.MSG_SHEET_TOO_LARGE.format(
        rows=65536, columns=256, limit=uploads.DEFAULT_MAX_CELLS
    )


def test_an_xlsx_with_two_far_apart_cells_is_refused_before_the_reader_builds_it(
    majors, tmp_path, monkeypatch
):
    # given: 5 KB that calamine would unfold into 17 billion cells (it aborts the process asking for 512 GB)
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "届别"
    workbook.active["XFD1048576"] = "x"
    path = tmp_path / "far.xlsx"
    workbook.save(path)
    monkeypatch.setattr(uploads, "CalamineWorkbook", NEVER_OPENED)

    message = file_error(graduate_import(rows_source=path, dry_run=True))

    assert message == uploads.MSG_SHEET_TOO_LARGE.format(
        rows=1048576, columns=16384, limit=uploads.DEFAULT_MAX_CELLS
    )


def _ods_with_content(tmp_path, change) -> Path:
    path = tmp_path / "changed.ods"
    with zipfile.ZipFile(FILES / "graduates.ods") as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            target.writestr(item, change(data) if item.filename == "content.xml" else data)
    return path


def test_an_ods_whose_repeated_cells_span_millions_is_refused(majors, tmp_path, monkeypatch):
    # given: one filled cell repeated over 1,000 columns, in a row repeated 100,000 times (a few bytes more)
    bomb = (
        b'<table:table-row table:number-rows-repeated="100000"><table:table-cell office:value-type="string"'
        b' table:number-columns-repeated="1000"><text:p>x</text:p></table:table-cell></table:table-row>'
    )
    path = _ods_with_content(
        tmp_path, lambda data: data.replace(b"</table:table>", bomb + b"</table:table>", 1)
    )
    monkeypatch.setattr(uploads, "CalamineWorkbook", NEVER_OPENED)

    message = file_error(graduate_import(rows_source=path, dry_run=True))

    assert message == uploads.MSG_SHEET_TOO_LARGE.format(
        rows=100004, columns=1000, limit=uploads.DEFAULT_MAX_CELLS
    )


def test_an_ods_with_the_empty_runs_libreoffice_writes_is_read(majors):
    # LibreOffice writes empty cells and rows to the sheet's edge as runs: they are not data
    content = zipfile.ZipFile(FILES / "graduates.ods").read("content.xml")
    assert list(uploads._ods_extents(content)) == [(4, 16)]


def test_a_workbook_part_with_a_doctype_is_refused(majors, tmp_path):
    path = _ods_with_content(
        tmp_path, lambda data: data.replace(b"?>", b'?><!DOCTYPE x [<!ENTITY a "aaaa">]>', 1)
    )

    assert file_error(graduate_import(rows_source=path, dry_run=True)) == uploads.MSG_UNREADABLE


def test_an_ods_zip_bomb_is_refused_before_it_is_unpacked(majors, tmp_path, settings, monkeypatch):
    settings.IMPORT_MAX_UNPACKED_BYTES = 64 * 1024
    path = write_zip(
        tmp_path / "bomb.ods",
        {"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b" " * (65 * 1024)},
    )
    monkeypatch.setattr(uploads, "CalamineWorkbook", NEVER_OPENED)

    assert file_error(
        graduate_import(rows_source=path, dry_run=True)
    ) == uploads.MSG_UNPACKED_TOO_LARGE.format(limit="64 KB")


def test_an_oversized_xls_is_refused_before_it_is_read(majors, settings, monkeypatch):
    settings.IMPORT_MAX_UPLOAD_BYTES = 1024
    monkeypatch.setattr(uploads, "CalamineWorkbook", NEVER_OPENED)

    message = file_error(graduate_import(rows_source=FILES / "graduates.xls", dry_run=True))

    assert message == uploads.MSG_TOO_LARGE.format(limit="1 KB")


def _rename_compound_entry(data: bytes, old: str, new: str) -> bytes:
    """The .xls with one directory entry of its compound file renamed (MS-CFB: UTF-16 name, byte length)."""
    encoded = old.encode("utf-16-le") + b"\x00\x00"
    offset = data.index(encoded)
    name = new.encode("utf-16-le") + b"\x00\x00"
    record = bytearray(data[offset : offset + 128])
    record[:64] = name.ljust(64, b"\x00")
    struct.pack_into("<H", record, 64, len(name))
    return data[:offset] + bytes(record) + data[offset + 128 :]


def test_an_xls_with_a_vba_project_is_refused(majors):
    data = _rename_compound_entry(
        (FILES / "graduates.xls").read_bytes(), "\x05SummaryInformation", "_VBA_PROJECT_CUR"
    )

    assert file_error(graduate_import(rows_source=data, dry_run=True)) == uploads.MSG_MACROS


def test_a_compound_file_that_is_not_a_workbook_is_refused(majors):
    # a Word 97 document is a compound file too, with a WordDocument stream instead of a Workbook
    data = _rename_compound_entry((FILES / "graduates.xls").read_bytes(), "Workbook", "WordDocument")

    assert file_error(graduate_import(rows_source=data, dry_run=True)) == uploads.MSG_NOT_SPREADSHEET


@pytest.mark.parametrize(
    "data",
    [
        uploads.CFB_SIGNATURE + b"\x00" * 100,  # shorter than a header
        uploads.CFB_SIGNATURE + b"\xff" * 4096,  # a header of nonsense
    ],
)
def test_a_damaged_compound_file_is_refused(majors, data):
    assert file_error(graduate_import(rows_source=data, dry_run=True)) == uploads.MSG_UNREADABLE


def test_a_looping_sector_chain_is_refused_not_followed_for_ever(majors):
    data = bytearray((FILES / "graduates.xls").read_bytes())
    # point the directory's first sector at itself in the FAT (the FAT's first sector is in the header's DIFAT)
    (sector_shift,) = struct.unpack_from("<H", data, 0x1E)
    (directory_start,) = struct.unpack_from("<I", data, 0x30)
    (first_fat,) = struct.unpack_from("<I", data, 0x4C)
    offset = (first_fat + 1) * (1 << sector_shift) + directory_start * 4
    struct.pack_into("<I", data, offset, directory_start)

    assert file_error(graduate_import(rows_source=bytes(data), dry_run=True)) == uploads.MSG_UNREADABLE


def test_the_upload_forms_offer_every_format():
    from apps.graduates.forms_import import ACCEPT, GraduateImportForm

    assert ACCEPT == ".xlsx,.xls,.ods,.csv"
    assert GraduateImportForm().fields["file"].widget.attrs["accept"] == ACCEPT
