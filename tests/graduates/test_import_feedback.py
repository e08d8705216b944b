"""What the import pages say about a bad file: a text file named .xlsx is not an Excel file (not "missing
columns"); a rejected file shows no counts of writes; every error row shows the value it refused. The three
imports (graduates, destinations, surveys) share the upload code and the error partial."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apps.accounts.models import Role
from apps.graduates import uploads
from apps.graduates.imports import graduate_import

from ..factories import make_user
from .fixtures_import import good_row, make_import_org, write_csv, write_xlsx

pytestmark = pytest.mark.django_db

IMPORT_URL = reverse("graduates:import")


@pytest.fixture
def centre_client(client):
    make_import_org()
    client.force_login(make_user(Role.CENTRE, username="centre"))
    return client


@pytest.mark.parametrize("name", ["生源.xlsx", "生源.xls", "生源.ods", "生源.XLSX"])
def test_a_text_file_named_as_a_workbook_is_not_a_workbook(tmp_path, name):
    text = "届别,学号\n2020,201700001\n".encode()
    with pytest.raises(uploads.UploadRejected) as rejected:
        uploads.read_table(SimpleUploadedFile(name, text))
    assert rejected.value.messages == [str(uploads.MSG_NOT_WORKBOOK.format(name=name))]
    # the same text named .csv is read as CSV
    assert uploads.read_table(SimpleUploadedFile("生源.csv", text)).header == ["届别", "学号"]


def test_the_page_says_not_an_excel_file_rather_than_missing_columns(centre_client, tmp_path):
    path = write_csv(tmp_path / "rows.csv", [good_row(1)])
    response = centre_client.post(IMPORT_URL, {"file": SimpleUploadedFile("生源.xlsx", path.read_bytes())})
    body = response.content.decode()
    assert str(uploads.MSG_NOT_WORKBOOK.format(name="生源.xlsx")) in body
    assert "缺少必填列" not in body


def test_a_rejected_file_shows_no_counts_of_writes(centre_client, tmp_path):
    rows = [good_row(1), good_row(2, {"性别": "未知"}), good_row(3, {"生源地": "火星"})]
    path = write_xlsx(tmp_path / "rows.xlsx", rows)
    response = centre_client.post(IMPORT_URL, {"file": SimpleUploadedFile("rows.xlsx", path.read_bytes())})
    body = response.content.decode()
    assert "发现 2 处错误，整个文件未导入" in body
    assert 'id="import-counts"' not in body and 'id="count-new"' not in body


def test_every_error_row_shows_the_value_it_refused(centre_client, tmp_path):
    rows = [good_row(1), good_row(2, {"性别": "未知"}), good_row(3, {"生源地": "火星"})]
    path = write_xlsx(tmp_path / "rows.xlsx", rows)
    result = graduate_import(rows_source=path, dry_run=True)
    assert [(e.row, e.column, e.value) for e in result.errors] == [(3, "性别", "未知"), (4, "生源地", "火星")]
    response = centre_client.post(IMPORT_URL, {"file": SimpleUploadedFile("rows.xlsx", path.read_bytes())})
    body = response.content.decode()
    assert '<td data-label="值" class="wrap">未知</td>' in body
    assert '<td data-label="值" class="wrap">火星</td>' in body


def test_the_destination_import_page_shows_values_and_no_counts_when_rejected(client, org, tmp_path):
    from apps.plans.destination_import import COLUMNS

    graduate = org.own_graduate
    row = dict.fromkeys(COLUMNS, "")
    row.update({"学号": graduate.student_no, "毕业去向代码": "99", "审核通过日期": "2020-08-31"})
    unknown = dict(row, 学号="209999999", 毕业去向代码="70")
    path = write_csv(tmp_path / "destinations.csv", [row, unknown], header=list(COLUMNS))
    client.force_login(org.centre)
    response = client.post(reverse("plans:import"), {"file": SimpleUploadedFile("d.csv", path.read_bytes())})
    body = response.content.decode()
    assert "整个文件未导入" in body
    assert 'id="import-counts"' not in body
    assert '<td data-label="值" class="wrap">99</td>' in body
    assert '<td data-label="值" class="wrap">209999999</td>' in body


def test_a_refusal_found_by_the_background_job_keeps_the_values(tmp_path):
    from apps.graduates.imports import RowError
    from apps.jobs.runner import error_dicts

    errors = [
        RowError(3, "性别", "性别只能填写“男”或“女”。", value="未知"),
        RowError(None, "", "文件是空的。"),
    ]
    assert error_dicts(errors) == [
        {"row": 3, "column": "性别", "value": "未知", "message": "性别只能填写“男”或“女”。"},
        {"row": None, "column": "", "value": "", "message": "文件是空的。"},
    ]
