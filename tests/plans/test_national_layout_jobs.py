"""The national layout's import and export as background jobs (issue 14 §2): the page's confirmation and its
export start a job and send the centre to the job's page; the import stays all or nothing and lists its
errors there; the export's file is downloaded from the job and logged as a data release; only the centre."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse

from apps.accounts.models import Role
from apps.graduates.models import Graduate
from apps.jobs.imports import MSG_IMPORT_REFUSED
from apps.jobs.models import Job, JobKind, JobStatus
from apps.plans.models import DestinationPlan, PlanEvent
from apps.plans.national_layout.columns import COLUMNS
from apps.plans.national_layout.jobs import MSG_EXPORTED
from apps.plans.views_import import MSG_IMPORTED
from apps.releases.models import DataRelease, ReleaseKind

from ..factories import make_user
from ..graduates.fixtures_import import make_import_org
from .test_national_layout import APPROVED_ON, exported, import_graduates, register_destinations

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def centre():
    make_import_org()
    return make_user(Role.CENTRE, username="centre")


@pytest.fixture
def layout_file(centre, tmp_path) -> bytes:
    """A cohort's layout exported elsewhere (a rolled-back registration), its 7 graduates here, unregistered."""
    with transaction.atomic():
        cohort = import_graduates(tmp_path, 7, layout_fields=True)
        register_destinations(cohort, centre)
        _rows, data = exported(cohort)
        transaction.set_rollback(True)
    import_graduates(tmp_path, 7, layout_fields=False)
    return data


def preview(client, data: bytes) -> str:
    upload = SimpleUploadedFile("就业方案.xlsx", data, content_type=XLSX)
    page = client.post(
        reverse("plans:national_layout"), {"file": upload, "approved_on": APPROVED_ON.isoformat()}
    )
    assert page.status_code == 200 and not page.context["result"].errors
    return page.context["confirm_form"].initial["token"]


def test_the_confirmation_runs_the_import_as_a_job_and_sends_the_centre_to_its_page(
    client, centre, layout_file
):
    client.force_login(centre)
    token = preview(client, layout_file)
    assert not DestinationPlan.objects.exists()

    confirmed = client.post(reverse("plans:national_layout_confirm"), {"token": token})

    job = Job.objects.get()
    assert confirmed.url == reverse("jobs:detail", args=[job.pk])
    assert (job.kind, job.owner, job.status, job.source_name) == (
        JobKind.NATIONAL_LAYOUT_IMPORT, centre, JobStatus.SUCCEEDED, "就业方案.xlsx",
    )  # fmt: skip
    assert (job.rows_done, job.rows_total) == (7, 7)
    assert job.summary == MSG_IMPORTED.format(new=7, changed=0, unchanged=0)
    assert DestinationPlan.objects.filter(approved_on=APPROVED_ON).count() == 7
    assert set(PlanEvent.objects.values_list("actor", flat=True)) == {centre.pk}
    page = client.get(confirmed.url).content.decode()
    assert job.summary in page and reverse("plans:national_layout") in page
    # the confirmation is used up: the same token again starts nothing
    client.post(reverse("plans:national_layout_confirm"), {"token": token})
    assert Job.objects.count() == 1


def test_an_import_that_fails_when_it_runs_writes_nothing_and_lists_its_errors_on_the_job_page(
    client, centre, layout_file
):
    client.force_login(centre)
    token = preview(client, layout_file)
    # between the preview and the job: one graduate's record is gone (the import refuses its row)
    gone = Graduate.objects.order_by("student_no").last()
    gone.delete()

    confirmed = client.post(reverse("plans:national_layout_confirm"), {"token": token})

    job = Job.objects.get()
    assert job.status == JobStatus.FAILED and job.summary == str(MSG_IMPORT_REFUSED)
    assert [error["row"] for error in job.errors] == [8] and job.errors[0]["column"] == "学号"
    assert not DestinationPlan.objects.exists()  # all or nothing: the six good rows are not written either
    page = client.get(confirmed.url).content.decode()
    assert 'id="job-errors"' in page and job.errors[0]["message"] in page


def test_the_export_runs_as_a_job_whose_file_is_logged_when_downloaded(client, centre, tmp_path):
    cohort = import_graduates(tmp_path, 7, layout_fields=True)
    register_destinations(cohort, centre)
    client.force_login(centre)

    response = client.post(reverse("plans:national_layout_export_job"), {"cohort": cohort.year})

    job = Job.objects.get()
    assert response.url == reverse("jobs:detail", args=[job.pk])
    assert (job.kind, job.status, job.rows_done, job.rows_total, job.result_name) == (
        JobKind.NATIONAL_LAYOUT_EXPORT, JobStatus.SUCCEEDED, 7, 7, f"{cohort.year}届就业方案.xlsx",
    )  # fmt: skip
    assert job.summary == MSG_EXPORTED.format(cohort=cohort.year, count=7)
    assert not DataRelease.objects.exists()  # nothing has left the system yet
    download = client.get(reverse("jobs:download", args=[job.pk]))
    rows = list(openpyxl.load_workbook(io.BytesIO(download.getvalue())).active.iter_rows(values_only=True))
    assert list(rows[0]) == list(COLUMNS) and len(rows) == 8
    assert "filename*=utf-8''" in download["Content-Disposition"] and download["Cache-Control"] == "no-store"
    release = DataRelease.objects.get()
    assert (release.user, release.kind, release.rows, release.filters) == (
        centre, ReleaseKind.NATIONAL_LAYOUT, 7, {"cohort": cohort.year},
    )  # fmt: skip


def test_the_export_job_needs_a_post_and_an_existing_cohort(client, centre):
    client.force_login(centre)

    assert client.get(reverse("plans:national_layout_export_job")).status_code == 405
    refused = client.post(reverse("plans:national_layout_export_job"), {"cohort": "1999"})

    assert refused.url == reverse("plans:national_layout")
    assert not Job.objects.exists()


@pytest.mark.parametrize("role", [Role.COUNSELLOR, Role.COLLEGE, Role.STUDENT, Role.ADMIN])
def test_only_the_centre_starts_the_layout_jobs_or_sees_them(client, centre, tmp_path, role):
    cohort = import_graduates(tmp_path, 7, layout_fields=True)
    register_destinations(cohort, centre)
    client.force_login(centre)
    client.post(reverse("plans:national_layout_export_job"), {"cohort": cohort.year})
    job = Job.objects.get()
    client.force_login(make_user(role, username=f"someone-{role}"))

    assert (
        client.post(reverse("plans:national_layout_export_job"), {"cohort": cohort.year}).status_code == 403
    )
    assert client.post(reverse("plans:national_layout_confirm"), {"token": "x"}).status_code == 403
    for name in ("jobs:detail", "jobs:download"):
        assert client.get(reverse(name, args=[job.pk])).status_code == 404
    assert Job.objects.count() == 1 and not DataRelease.objects.exists()
