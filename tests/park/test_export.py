"""The company register as .xlsx: the rows the filters select, phones masked, formula-like text kept as text."""

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from apps.park.exports import TENANT_COLUMNS

from .factories import applied_tenant

pytestmark = pytest.mark.django_db


def exported(response) -> list[tuple]:
    sheet = load_workbook(BytesIO(response.getvalue())).active
    return list(sheet.iter_rows())


def test_the_export_follows_the_filters_and_masks_phones(client, park):
    client.force_login(park.centre)
    response = client.get(reverse("park:tenant_export"), {"status": "admitted"})
    rows = exported(response)
    assert tuple(c.value for c in rows[0]) == tuple(header for header, _ in TENANT_COLUMNS)
    assert {r[0].value: r[6].value for r in rows[1:]} == {"甲公司": "138****1111", "乙公司": "138****1111"}
    assert b"13800001111" not in response.getvalue()


@pytest.mark.parametrize("dangerous", ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)"])
def test_formula_like_text_is_written_as_text(client, park, dangerous):
    applied_tenant(park.centre, company_name="丁公司", business=dangerous, leader_name=dangerous)
    client.force_login(park.centre)
    row = next(r for r in exported(client.get(reverse("park:tenant_export"))) if r[0].value == "丁公司")
    for cell in (row[3], row[4]):
        assert (cell.value, cell.data_type) == (dangerous, "s")
