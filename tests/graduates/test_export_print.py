"""The graduate list prints on A4 landscape fitted to the page's width (a 5,098-row export was 333 pages, a
third of them the e-mail column alone), in write-only (streamed) mode too."""

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from apps.graduates.exports import EXPORT_COLUMNS

from ..printing import assert_sheet_prints_on_a4_one_page_wide, column_width, display_width

pytestmark = pytest.mark.django_db


def test_the_graduate_export_prints_landscape_one_page_wide_with_its_header_on_every_page(client, org):
    client.force_login(org.centre)
    sheet = load_workbook(BytesIO(client.get(reverse("graduates:export")).getvalue())).active
    assert_sheet_prints_on_a4_one_page_wide(sheet, title_rows="$1:$1", landscape=True)
    for index, (header, _) in enumerate(EXPORT_COLUMNS, start=1):
        assert column_width(sheet, index) >= display_width(header), header
    for row in sheet.iter_rows():
        for cell in row:  # every value of these graduates shows whole (e-mail and ID number included)
            assert display_width(cell.value) <= column_width(sheet, cell.column), cell.value
