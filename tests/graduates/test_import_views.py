import io
from pathlib import Path

import openpyxl
import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apps.accounts.models import Role, User
from apps.graduates import imports, pending, uploads, views_import
from apps.graduates.jobs import MSG_IMPORT_REFUSED
from apps.graduates.models import Graduate
from apps.graduates.pending import MSG_NO_PENDING, MSG_STALE_PREVIEW
from apps.graduates.views_import import MSG_IMPORTED, SESSION_KEY
from apps.jobs.models import Job, JobKind, JobStatus

from ..factories import make_user
from ..html import assert_no_inline_script_or_style
from .fixtures_import import HEADER, PNG_BYTES, good_row, good_rows, make_import_org, write_csv, write_xlsx

pytestmark = pytest.mark.django_db

IMPORT_URL = reverse("graduates:import")
CONFIRM_URL = reverse("graduates:import_confirm")


@pytest.fixture
def centre_client(client):
    make_import_org()
    client.force_login(make_user(Role.CENTRE, username="centre"))
    return client


def upload(path: Path, name: str | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name or path.name, path.read_bytes())


def pending_files(settings) -> list[Path]:
    directory = Path(settings.MEDIA_ROOT) / pending.PENDING_DIR
    return sorted(directory.glob("*")) if directory.exists() else []


def preview(client, path: Path, name: str | None = None):
    return client.post(IMPORT_URL, {"file": upload(path, name)})


def confirm(client, token: str | None = None):
    if token is None:
        token = client.session[SESSION_KEY]["token"]
    return client.post(CONFIRM_URL, {"token": token})


# --- who may use it ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.STUDENT, Role.COUNSELLOR, Role.COLLEGE, Role.ADMIN])
@pytest.mark.parametrize("url", [IMPORT_URL, CONFIRM_URL])
def test_only_the_centre_may_import(client, role, url):
    client.force_login(make_user(role))

    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 403


@pytest.mark.parametrize("url", [IMPORT_URL, CONFIRM_URL])
def test_an_anonymous_visitor_is_sent_to_log_in(client, url):
    response = client.get(url)

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_both_views_name_the_centre_as_their_only_role():
    assert views_import.graduate_import_view.allowed_roles == (Role.CENTRE,)
    assert views_import.graduate_import_confirm_view.allowed_roles == (Role.CENTRE,)


# --- the page --------------------------------------------------------------------------------------------------


def test_the_page_offers_a_file_input_and_a_dry_run_button_with_no_inline_code(centre_client):
    response = centre_client.get(IMPORT_URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert 'type="file" name="file"' in html
    assert ">预检</button>" in html
    assert "确认导入" not in html
    assert_no_inline_script_or_style(html)


def test_the_template_download_is_an_empty_workbook_with_the_contract_header(centre_client):
    response = centre_client.get(IMPORT_URL, {"download": "template"})

    assert response.status_code == 200
    assert response["Content-Type"] == views_import.XLSX_CONTENT_TYPE
    assert "attachment" in response["Content-Disposition"]
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert [cell.value for cell in sheet[1]] == HEADER


# --- dry run, then confirm ------------------------------------------------------------------------------------


def test_the_dry_run_shows_the_counts_writes_nothing_and_keeps_the_file_for_confirmation(
    centre_client, tmp_path, settings
):
    users_before = User.objects.count()

    response = preview(centre_client, write_xlsx(tmp_path / "good.xlsx", good_rows(3)))

    assert response.status_code == 200
    result = response.context["result"]
    assert (result.new, result.changed, result.unchanged) == (3, 0, 0)
    html = response.content.decode()
    assert '<dd id="count-new">3</dd>' in html and '<dd id="count-changed">0</dd>' in html
    assert ">确认导入</button>" in html
    assert Graduate.objects.count() == 0 and User.objects.count() == users_before
    token = centre_client.session[SESSION_KEY]["token"]
    assert [path.name for path in pending_files(settings)] == [f"{token}.upload"]
    assert f'value="{token}"' in html


def test_confirming_writes_as_a_job_whose_page_shows_the_counts(centre_client, tmp_path, settings):
    preview(centre_client, write_xlsx(tmp_path / "good.xlsx", good_rows(3)))

    response = confirm(centre_client)

    job = Job.objects.get()
    assert response.status_code == 302 and response.url == reverse("jobs:detail", args=[job.pk])
    assert (job.kind, job.status, job.rows_done, job.rows_total) == (
        JobKind.GRADUATE_IMPORT,
        JobStatus.SUCCEEDED,
        3,
        3,
    )
    assert Graduate.objects.count() == 3
    page = centre_client.get(response.url).content.decode()
    assert str(MSG_IMPORTED.format(new=3, changed=0, unchanged=0)) in page
    assert SESSION_KEY not in centre_client.session
    assert pending_files(settings) == []


def test_a_rejected_file_lists_every_error_by_row_and_column_and_offers_no_confirmation(
    centre_client, tmp_path, settings
):
    rows = [good_row(1, {"学院": "无此学院"}), good_row(2), good_row(3, {"手机号": "123"})]

    response = preview(centre_client, write_xlsx(tmp_path / "bad.xlsx", rows))

    html = response.content.decode()
    assert 'id="import-errors"' in html and "<th>行</th><th>列</th><th>值</th><th>错误</th>" in html
    assert str(imports.MSG_UNKNOWN_COLLEGE.format(value="无此学院")) in html
    assert [(e.row, e.column) for e in response.context["result"].errors] == [(2, "学院"), (4, "手机号")]
    assert "确认导入" not in html
    assert SESSION_KEY not in centre_client.session
    assert pending_files(settings) == []
    assert Graduate.objects.count() == 0


def test_a_png_named_xlsx_is_rejected_on_the_page(centre_client, tmp_path):
    path = tmp_path / "photo.xlsx"
    path.write_bytes(PNG_BYTES)

    response = preview(centre_client, path)

    assert response.context["result"].errors[0].message == uploads.MSG_NOT_SPREADSHEET
    assert SESSION_KEY not in centre_client.session


def test_an_upload_over_the_size_cap_is_a_form_error(centre_client, tmp_path, settings):
    settings.IMPORT_MAX_UPLOAD_BYTES = 1024

    response = preview(centre_client, write_xlsx(tmp_path / "big.xlsx", good_rows(50)))

    assert response.context["form"].errors["file"] == [uploads.MSG_TOO_LARGE.format(limit="1 KB")]
    assert response.context["result"] is None


def test_a_csv_with_a_bom_previews_and_imports(centre_client, tmp_path):
    preview(centre_client, write_csv(tmp_path / "g.csv", good_rows(2), bom=True))

    confirm(centre_client)

    assert Graduate.objects.count() == 2


def test_the_stored_file_name_is_ours_not_the_clients(centre_client, tmp_path, settings):
    preview(centre_client, write_xlsx(tmp_path / "good.xlsx", good_rows(1)), name="../../etc/passwd.xlsx")

    (stored,) = pending_files(settings)
    assert stored.parent == Path(settings.MEDIA_ROOT) / "imports"
    assert stored.name == f"{centre_client.session[SESSION_KEY]['token']}.upload"


def test_confirming_without_a_preview_imports_nothing(centre_client):
    response = centre_client.post(CONFIRM_URL, {"token": "0" * 32})

    assert response.status_code == 302 and response.url == IMPORT_URL
    assert [str(m) for m in get_messages(response.wsgi_request)] == [str(MSG_NO_PENDING)]
    assert Graduate.objects.count() == 0


def test_confirming_an_older_preview_does_not_import_the_newer_upload(centre_client, tmp_path):
    preview(centre_client, write_xlsx(tmp_path / "first.xlsx", good_rows(1)))
    old_token = centre_client.session[SESSION_KEY]["token"]
    preview(centre_client, write_xlsx(tmp_path / "second.xlsx", good_rows(2, start=10)))

    response = confirm(centre_client, old_token)

    assert response.url == IMPORT_URL
    assert [str(m) for m in get_messages(response.wsgi_request)] == [str(MSG_STALE_PREVIEW)]
    assert Graduate.objects.count() == 0
    assert confirm(centre_client).status_code == 302
    assert sorted(Graduate.objects.values_list("student_no", flat=True)) == ["201700010", "201700011"]


def test_a_preview_replaced_by_a_new_upload_leaves_no_file_behind(centre_client, tmp_path, settings):
    preview(centre_client, write_xlsx(tmp_path / "first.xlsx", good_rows(1)))
    preview(centre_client, write_xlsx(tmp_path / "second.xlsx", good_rows(1)))

    assert len(pending_files(settings)) == 1


def test_confirm_checks_again_and_shows_what_changed_since_the_preview(centre_client, tmp_path):
    # given: a preview, then someone else imports a graduate holding the first row's 身份证号
    preview(centre_client, write_xlsx(tmp_path / "good.xlsx", good_rows(2)))
    other = good_row(50, {"身份证号": good_row(1)["身份证号"]})
    assert imports.graduate_import(rows_source=write_xlsx(tmp_path / "other.xlsx", [other]), dry_run=False).ok

    # when
    response = confirm(centre_client)

    # then
    job = Job.objects.get()
    assert response.status_code == 302 and job.status == JobStatus.FAILED
    assert job.errors == [
        {
            "row": 2,
            "column": "身份证号",
            "value": good_row(1)["身份证号"],
            "message": imports.MSG_ID_NUMBER_TAKEN.format(student_no=other["学号"]),
        }
    ]
    assert str(MSG_IMPORT_REFUSED) in centre_client.get(response.url).content.decode()
    assert Graduate.objects.count() == 1
    assert SESSION_KEY not in centre_client.session


def test_confirm_only_accepts_post(centre_client):
    assert centre_client.get(CONFIRM_URL).status_code == 405


def test_a_large_upload_spooled_to_a_temporary_file_is_read_the_same(centre_client, tmp_path, settings):
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 0  # every upload becomes a TemporaryUploadedFile

    preview(centre_client, write_xlsx(tmp_path / "good.xlsx", good_rows(2)))
    response = confirm(centre_client)

    assert response.status_code == 302 and Graduate.objects.count() == 2
