"""Every export answers from a file on disk, streamed in blocks (``apps.downloads``): the finished workbook
is never held in the process's memory, and the file is gone once the response is closed."""

import io
import os

import openpyxl
import pytest
from django.http import FileResponse
from django.urls import resolve, reverse
from docx import Document

from apps.downloads import DOCX, XLSX, Download
from apps.releases.models import DataRelease

pytestmark = pytest.mark.django_db


def test_a_download_streams_its_file_under_a_chinese_name_and_closes_it():
    download = Download("2020届就业方案.xlsx")
    download.file.write(b"PK" + b"x" * 10_000)

    response = download.response()

    assert response.streaming and int(response["Content-Length"]) == 10_002
    assert response["Content-Type"] == XLSX and response["Cache-Control"] == "no-store"
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''2020%E5%B1%8A%E5%B0%B1%E4%B8%9A%E6%96%B9%E6%A1%88.xlsx"
    )
    assert b"".join(response.streaming_content) == b"PK" + b"x" * 10_000
    response.close()
    assert download.file.closed


# (url name, the role that exports, the query, whether it is a data release): the exports of a cohort.
EXPORTS = [
    ("graduates:export", "centre", {}, True),
    ("followup:chase_export", "counsellor", {}, True),
    ("followup:leavers_export", "centre", {}, True),
    ("park:tenant_export", "centre", {}, True),
    ("support:ledger_export", "centre", {}, True),
    ("support:subsidy_export", "centre", {}, True),
    ("plans:national_layout_export", "centre", {"cohort": 2020}, True),
    ("reports:annual", "centre", {"cohort": 2020, "format": "xlsx"}, False),
    ("reports:annual", "college_officer", {"cohort": 2020, "format": "docx"}, False),
]


@pytest.mark.parametrize(("name", "account", "query", "released"), EXPORTS)
def test_the_export_answers_from_a_file_on_disk(rf, org, name, account, query, released):
    # The view itself (the test client would wrap the response's stream in an iterator of its own).
    request = rf.get(reverse(name), query)
    request.user = getattr(org, account)

    response = resolve(request.path).func(request)

    assert response.status_code == 200
    assert isinstance(response, FileResponse)
    # a real file of the operating system (an anonymous temporary one), not bytes in memory
    os.fstat(response.file_to_stream.fileno())
    assert response["Cache-Control"] == "no-store" and "attachment" in response["Content-Disposition"]
    content = io.BytesIO(b"".join(response.streaming_content))
    if query.get("format") == "docx":
        assert response["Content-Type"] == DOCX and Document(content).paragraphs
    else:
        assert response["Content-Type"] == XLSX and openpyxl.load_workbook(content).worksheets
    assert DataRelease.objects.count() == int(released)


def test_a_classs_first_login_codes_answer_from_a_file_on_disk(rf, org):
    from .accounts.test_login_codes import give_unclaimed_account

    give_unclaimed_account(org.graduates["a1"][1])
    request = rf.post(reverse("accounts:login_codes_class", args=[org.class_a1.pk]))
    request.user = org.counsellor

    match = resolve(request.path)
    response = match.func(request, *match.args, **match.kwargs)

    assert isinstance(response, FileResponse) and response["Cache-Control"] == "no-store"
    os.fstat(response.file_to_stream.fileno())
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert sheet.max_row == 2 and DataRelease.objects.count() == 1
