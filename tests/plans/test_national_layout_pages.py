"""The centre's national-layout page and commands (contract §5 and §3)."""

import io

import openpyxl
import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from apps.accounts.models import Role
from apps.plans.models import DestinationPlan
from apps.plans.national_layout.columns import COLUMNS
from apps.plans.national_layout.forms import MSG_FUTURE
from apps.plans.national_layout.views import MSG_BAD_COHORT
from apps.releases.models import DataRelease, ReleaseKind

from ..factories import make_user
from ..graduates.fixtures_import import make_import_org
from .test_national_layout import APPROVED_ON, exported, import_graduates, register_destinations

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def registered(tmp_path):
    make_import_org()
    centre = make_user(Role.CENTRE, username="centre")
    cohort = import_graduates(tmp_path, 7, layout_fields=True)
    register_destinations(cohort, centre)
    return cohort, centre


def test_the_centre_downloads_a_cohorts_layout_in_a_few_queries(
    client, registered, django_assert_max_num_queries
):
    cohort, centre = registered
    client.force_login(centre)

    with django_assert_max_num_queries(8):  # session, user, cohort, the rows, the release log
        response = client.get(reverse("plans:national_layout_export"), {"cohort": cohort.year})
        data = b"".join(response.streaming_content)

    assert response.status_code == 200 and response["Content-Type"] == XLSX
    rows = list(openpyxl.load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True))
    assert list(rows[0]) == list(COLUMNS) and len(rows) == 8
    release = DataRelease.objects.get()
    assert (release.user, release.kind, release.rows, release.filters) == (
        centre, ReleaseKind.NATIONAL_LAYOUT, 7, {"cohort": cohort.year},
    )  # fmt: skip


@pytest.mark.parametrize("value", ["1999", "abc", "99999999999999999999", ""])
def test_a_bad_cohort_in_the_url_is_a_message_not_a_500(client, registered, value):
    _cohort, centre = registered
    client.force_login(centre)

    response = client.get(reverse("plans:national_layout_export"), {"cohort": value})

    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == [str(MSG_BAD_COHORT)]


@pytest.mark.parametrize("role", [Role.COUNSELLOR, Role.COLLEGE, Role.STUDENT, Role.ADMIN])
def test_only_the_centre_exports_or_imports_the_layout(client, registered, role):
    cohort, _centre = registered
    client.force_login(make_user(role, username=f"someone-{role}"))

    assert client.get(reverse("plans:national_layout_export"), {"cohort": cohort.year}).status_code == 403
    assert client.get(reverse("plans:national_layout")).status_code == 403


def test_upload_dry_run_then_confirm_records_the_destinations(client, tmp_path):
    make_import_org()
    centre = make_user(Role.CENTRE, username="centre")
    from django.db import transaction

    with transaction.atomic():
        cohort = import_graduates(tmp_path, 7, layout_fields=True)
        register_destinations(cohort, centre)
        _rows, data = exported(cohort)
        transaction.set_rollback(True)
    import_graduates(tmp_path, 7, layout_fields=False)
    client.force_login(centre)
    upload = SimpleUploadedFile("就业方案.xlsx", data, content_type=XLSX)

    preview = client.post(
        reverse("plans:national_layout"), {"file": upload, "approved_on": APPROVED_ON.isoformat()}
    )

    assert preview.status_code == 200 and preview.context["result"].new == 7
    assert not DestinationPlan.objects.exists()
    token = preview.context["confirm_form"].initial["token"]
    confirmed = client.post(reverse("plans:national_layout_confirm"), {"token": token})
    assert confirmed.status_code == 302
    assert DestinationPlan.objects.filter(approved_on=APPROVED_ON).count() == 7


def test_a_registration_day_in_the_future_is_a_form_error(client, registered):
    _cohort, centre = registered
    client.force_login(centre)
    upload = SimpleUploadedFile("x.xlsx", b"PK", content_type=XLSX)

    response = client.post(reverse("plans:national_layout"), {"file": upload, "approved_on": "2999-01-01"})

    assert response.status_code == 200
    assert response.context["form"].errors["approved_on"] == [str(MSG_FUTURE)]


def test_the_commands_export_and_check_the_layout(registered, tmp_path, capsys):
    cohort, _centre = registered
    output = tmp_path / "layout.xlsx"

    call_command("export_national_layout", "--cohort", str(cohort.year), "--output", str(output))
    call_command("import_national_layout", str(output), "--approved-on", "2021-08-20", "--dry-run")

    out = capsys.readouterr().out
    assert "已导出 7 行" in out and "未变 7 人" in out
    with pytest.raises(CommandError) as excinfo:
        call_command("export_national_layout", "--cohort", "1999")
    assert excinfo.value.returncode == 2
