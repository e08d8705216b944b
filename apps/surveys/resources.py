"""The import template: an empty workbook with the header row of a campaign's kind (README.md)."""

import io

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from .imports import columns_for
from .models import SurveyCampaign


def import_template(campaign: SurveyCampaign) -> bytes:
    required, optional = columns_for(campaign)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "答卷"
    sheet.append([*required, *optional])
    for position in range(1, len(required) + len(optional) + 1):
        sheet.column_dimensions[get_column_letter(position)].width = 16
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
