"""The support ledger and the finance export print on A4 fitted to the page's width, headings repeated."""

import io

import openpyxl
import pytest
from django.urls import reverse

from ..printing import assert_sheet_prints_on_a4_one_page_wide, column_width, display_width
from .conftest import AS_OF

pytestmark = pytest.mark.django_db

# Columns of codes, dates and numbers, which must show whole (free text such as 帮扶记录 may be cut at print).
FIXED_FORMAT = {
    "序号", "学号", "性别", "生源地", "帮扶等级", "帮扶状态", "毕业去向", "最近帮扶日期", "最近帮扶方式",
    "距截止日天数", "帮扶次数", "预警", "困难群体人数", "困难群体就业率(%)", "平均就业率(%)", "预警人数",
}  # fmt: skip


def test_the_ledger_prints_landscape_one_page_wide_with_heading_and_header_on_every_page(client, ledger):
    client.force_login(ledger.org.centre)
    response = client.get(reverse("support:ledger_export"), {"as_of": AS_OF.isoformat()})
    workbook = openpyxl.load_workbook(io.BytesIO(response.getvalue()))
    for sheet in workbook.worksheets:
        assert_sheet_prints_on_a4_one_page_wide(sheet, title_rows="$1:$2", landscape=True)
        header = [cell.value for cell in sheet[2]]
        for row in sheet.iter_rows(min_row=2):  # row 1 is the heading, spanning the page
            for cell in row:
                if header[cell.column - 1] in FIXED_FORMAT:
                    assert display_width(cell.value) <= column_width(sheet, cell.column), (
                        sheet.title,
                        cell.value,
                    )


def test_the_finance_export_prints_on_a4_one_page_wide(client, org):
    client.force_login(org.centre)
    workbook = openpyxl.load_workbook(io.BytesIO(client.get(reverse("support:subsidy_export")).getvalue()))
    for sheet in workbook.worksheets:
        assert_sheet_prints_on_a4_one_page_wide(
            sheet, title_rows="$1:$1", landscape=sheet.title == "发放明细"
        )
