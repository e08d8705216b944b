"""``apps.xlsx_stream``: the rows written as text read back as openpyxl would have written them: values,
types, date formats, the columns' alignment, formula-like text as text; the parts around them kept."""

import datetime
from io import BytesIO

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font

from apps.xlsx_stream import save_with_rows

ROWS = [
    ["王伟", 2020, None, True, datetime.date(2020, 8, 31)],
    ["=1+1", -5, "", False, datetime.datetime(2020, 8, 31, 9, 30)],
    ["<a & b>", 1.5, "  spaced ", None, None],
    ["bell\x07here", 0, "@SUM(A1)", None, datetime.time(8, 15)],
]


def written(rows=ROWS, **options) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("名单")
    sheet.freeze_panes = "A2"
    sheet.print_title_rows = "1:1"
    header = WriteOnlyCell(sheet, value="姓名")
    header.font = Font(bold=True)
    sheet.append([header, "届别", "备注", "是否", "日期"])
    target = BytesIO()
    count = save_with_rows(workbook, rows, target, first_row=2, columns=5, **options)
    assert count == len(rows)
    return target.getvalue()


def test_the_values_read_back_with_their_types_and_formula_like_text_as_text():
    sheet = load_workbook(BytesIO(written())).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values == [
        ["姓名", "届别", "备注", "是否", "日期"],
        ["王伟", 2020, None, True, datetime.datetime(2020, 8, 31)],
        ["=1+1", -5, None, False, datetime.datetime(2020, 8, 31, 9, 30)],
        ["<a & b>", 1.5, "  spaced ", None, None],
        ["bellhere", 0, "@SUM(A1)", None, datetime.time(8, 15)],
    ]
    assert sheet["A3"].data_type == "s" and sheet["C5"].data_type == "s"  # text, not formulas
    assert sheet["E2"].number_format == "yyyy-mm-dd"  # a date shows as a date
    assert sheet["A1"].font.bold  # the header openpyxl wrote keeps its style
    assert sheet.freeze_panes == "A2"
    assert sheet.print_title_rows == "$1:$1"


def test_a_columns_alignment_is_on_each_of_its_cells_dates_included():
    wrap = Alignment(wrap_text=True, vertical="top")
    sheet = load_workbook(BytesIO(written(alignments={2: wrap, 4: wrap}))).active
    for row in range(2, 6):
        assert sheet.cell(row, 3).alignment.wrap_text, row
        assert not sheet.cell(row, 1).alignment.wrap_text
    assert sheet["E2"].alignment.wrap_text and sheet["E2"].number_format == "yyyy-mm-dd"


def test_no_rows_is_the_header_alone():
    sheet = load_workbook(BytesIO(written(rows=[]))).active
    assert [[cell.value for cell in row] for row in sheet.iter_rows()] == [
        ["姓名", "届别", "备注", "是否", "日期"]
    ]


@pytest.mark.parametrize(
    "row, error",
    [
        (["a", 1, "b", True, "c", "one too many"], ValueError),
        (["a", 1, "b", True, datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)], TypeError),
        (["a", object(), None, None, None], TypeError),
    ],
)
def test_a_row_it_cannot_write_is_an_error_not_a_broken_file(row, error):
    with pytest.raises(error):
        written(rows=[row])
