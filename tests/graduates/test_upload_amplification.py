"""Issue 12.4: a small workbook must not cost what a large one does. A 250 KB .xlsx that unpacks to 95 MB (under
the 100 MB cap) took 36-39 s and 490 MB to read. What an upload may unpack to is bounded by what a real file of
the row limit needs (measured: uploads.py), per part, in all and as a compression ratio, from the zip directory
before anything is inflated; a request body longer than the view accepts is not read at all.
(Time and memory of the refusal: benchmarks/bench_upload_bounds.py, not asserted here.)"""

import os
import zipfile

import pytest
from django.test import Client
from django.urls import reverse

from apps.accounts.models import Role
from apps.graduates import uploads
from apps.graduates.imports import graduate_import
from apps.graduates.uploads import read_table

from ..factories import make_user
from .fixtures_import import (
    HEADER,
    good_rows,
    make_import_org,
    write_amplifying_workbook,
    write_xlsx,
    write_zip,
)
from .test_office_files import FILES, NEVER_OPENED, file_error

pytestmark = pytest.mark.django_db


def must_not_inflate(*args, **kwargs):
    raise AssertionError("no part of this file may be unpacked")


@pytest.fixture
def majors():
    return make_import_org()


def test_a_workbook_that_unpacks_hundreds_of_times_over_is_refused_from_its_directory(
    majors, tmp_path, settings, monkeypatch
):
    # given: ~130 KB that unpacks to 95 MB: within the 100 MB cap, the row limit and the sheet-area bound
    path = write_amplifying_workbook(tmp_path / "amplify.xlsx", 95 * 1024 * 1024)
    sheet = zipfile.ZipFile(path).getinfo("xl/worksheets/sheet1.xml")
    assert path.stat().st_size < 300 * 1024
    assert sheet.file_size < settings.IMPORT_MAX_UNPACKED_BYTES
    monkeypatch.setattr(uploads, "_read_part", must_not_inflate)
    monkeypatch.setattr(uploads, "CalamineWorkbook", NEVER_OPENED)

    message = file_error(graduate_import(rows_source=path, dry_run=True))

    ratio = int(sheet.file_size / sheet.compress_size)
    assert ratio > uploads.DEFAULT_MAX_COMPRESSION_RATIO
    assert message == uploads.MSG_COMPRESSION_RATIO.format(
        ratio=ratio, limit=uploads.DEFAULT_MAX_COMPRESSION_RATIO
    )


def test_one_part_beyond_what_a_real_sheet_needs_is_refused(majors, tmp_path, settings, monkeypatch):
    settings.IMPORT_MAX_ENTRY_BYTES = 1024 * 1024
    path = write_zip(
        tmp_path / "wide.xlsx",
        {
            "[Content_Types].xml": b"<Types/>",
            "xl/workbook.xml": b"<workbook/>",
            "xl/worksheets/sheet1.xml": os.urandom(600 * 1024).hex().encode(),  # 1.2 MB, barely compressible
        },
    )
    monkeypatch.setattr(uploads, "_read_part", must_not_inflate)

    message = file_error(graduate_import(rows_source=path, dry_run=True))

    assert message == uploads.MSG_ENTRY_TOO_LARGE.format(name="xl/worksheets/sheet1.xml", limit="1 MB")


def test_the_densest_real_workbook_is_still_read(tmp_path):
    # openpyxl's inline strings of identical rows compress 17 times over, the most a real file measured
    path = write_xlsx(tmp_path / "dense.xlsx", good_rows(999) * 2)
    sheet = zipfile.ZipFile(path).getinfo("xl/worksheets/sheet1.xml")
    assert sheet.file_size > uploads.RATIO_CHECKED_FROM_BYTES

    table = read_table(path)

    assert table.header == HEADER and len(table.rows) == 1998


def test_a_macro_workbook_is_still_refused(majors, monkeypatch):
    monkeypatch.setattr(uploads, "CalamineWorkbook", NEVER_OPENED)
    assert (
        file_error(graduate_import(rows_source=FILES / "graduates.xlsm", dry_run=True)) == uploads.MSG_MACROS
    )


@pytest.mark.parametrize("url", ["graduates:import", "plans:import"])
def test_a_body_longer_than_the_upload_cap_is_answered_without_being_read(url, settings):
    # The CSRF check reads the whole body before any view: the client enforces it here as a browser does, and
    # the body is a real form (token, then a file) cut short of what it declares, so reading it fails the test.
    url = reverse(url)
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_user(Role.CENTRE))
    token = client.get(url).context["csrf_token"]
    cap = settings.IMPORT_MAX_UPLOAD_BYTES
    body = (
        f'--x\r\nContent-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n{token}\r\n'
        '--x\r\nContent-Disposition: form-data; name="file"; filename="big.xlsx"\r\n'
        "Content-Type: application/octet-stream\r\n\r\n"
    ).encode() + b"PK\x03\x04" * 1024

    response = client.post(
        url,
        data=body,
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(cap + 1024 * 1024),
        HTTP_REFERER=f"http://testserver{url}",
        follow=True,
    )

    assert response.status_code == 200
    assert response.request["PATH_INFO"] == url
    assert [str(m) for m in response.context["messages"]] == [
        str(uploads.MSG_TOO_LARGE.format(limit=uploads.human_size(cap)))
    ]


def test_a_file_within_the_cap_still_reaches_the_form(settings, majors, tmp_path):
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_user(Role.CENTRE))
    url = reverse("graduates:import")
    token = client.get(url).context["csrf_token"]
    with write_xlsx(tmp_path / "g.xlsx", good_rows(2)).open("rb") as upload:
        response = client.post(url, {"csrfmiddlewaretoken": token, "file": upload})
    assert response.status_code == 200
    assert response.context["result"].ok
