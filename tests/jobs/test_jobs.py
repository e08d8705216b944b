"""The job page and its status: only the owner and the centre see a job; progress is shown while it runs
and after a reload; a job whose worker died says so; a large graduate export runs as a job and its file is
downloaded through the permission-checked view."""

import io
import subprocess
import sys

import openpyxl
import pytest
from django.core.cache import cache
from django.urls import reverse

from apps.accounts.models import Role
from apps.graduates import views as graduate_views
from apps.graduates.jobs import MSG_EXPORTED
from apps.jobs import progress
from apps.jobs.models import Job, JobKind, JobPhase, JobStatus
from apps.jobs.services import MSG_WORKER_LOST, job_transition, jobs_recover, this_worker

from ..html import assert_no_inline_script_or_style

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()


def running_job(owner, *, worker: str | None = None, total: int = 200) -> Job:
    job = Job.objects.create(owner=owner, kind=JobKind.GRADUATE_IMPORT, source_name="生源.xlsx")
    assert job_transition(job=job, action="start", worker=worker or this_worker())
    Job.objects.filter(pk=job.pk).update(phase=JobPhase.CHECKING, rows_total=total)
    job.refresh_from_db()
    return job


def dead_worker() -> str:
    process = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    return this_worker().rsplit(":", 1)[0] + ":" + process.stdout.strip()


def test_the_page_shows_the_live_progress_and_polls_without_inline_script(client, org):
    job = running_job(org.centre)
    reporter = progress.ProgressReporter(job.pk)
    reporter.set(phase=JobPhase.CHECKING, rows_done=50, rows_total=200)
    client.force_login(org.centre)

    page = client.get(reverse("jobs:detail", args=[job.pk]))
    status = client.get(reverse("jobs:status", args=[job.pk])).json()

    html = page.content.decode()
    assert 'id="job-rows-done">50<' in html and 'value="25"' in html
    assert 'src="/static/js/job_progress.js"' in html and 'data-finished="0"' in html
    assert_no_inline_script_or_style(html)
    assert (status["status"], status["rows_done"], status["rows_total"], status["percent"]) == (
        JobStatus.RUNNING, 50, 200, 25,
    )  # fmt: skip


def test_a_reload_after_the_job_finished_shows_its_outcome_from_the_database(client, org):
    job = running_job(org.centre)
    progress.ProgressReporter(job.pk).set(rows_done=200, rows_total=200)
    assert job_transition(job=job, action="succeed", summary="导入完成", rows_done=200, rows_total=200)
    assert progress.read(job.pk) is None  # the live counts are gone; the row keeps them
    client.force_login(org.centre)

    status = client.get(reverse("jobs:status", args=[job.pk])).json()

    assert (status["finished"], status["percent"], status["rows_done"], status["summary"]) == (
        True, 100, 200, "导入完成",
    )  # fmt: skip


@pytest.mark.parametrize("role", [Role.STUDENT, Role.COUNSELLOR, Role.COLLEGE, Role.ADMIN])
def test_only_the_owner_and_the_centre_see_a_job(client, org, role):
    job = running_job(org.counsellor if role != Role.COUNSELLOR else org.college_officer)
    client.force_login(org.user_for(role))

    for name in ("jobs:detail", "jobs:status", "jobs:download"):
        assert client.get(reverse(name, args=[job.pk])).status_code == 404, name

    client.force_login(org.centre)
    assert client.get(reverse("jobs:detail", args=[job.pk])).status_code == 200
    client.force_login(job.owner)
    assert client.get(reverse("jobs:status", args=[job.pk])).status_code == 200


def test_a_job_whose_worker_died_is_shown_failed_and_of_two_endings_one_wins(client, org):
    job = running_job(org.centre, worker=dead_worker())
    client.force_login(org.centre)

    status = client.get(reverse("jobs:status", args=[job.pk])).json()

    assert (status["status"], status["summary"]) == (JobStatus.FAILED, str(MSG_WORKER_LOST))
    job.refresh_from_db()
    # the worker, had it come back, can no longer finish it
    assert job_transition(job=job, action="succeed", summary="late") is False
    assert Job.objects.get(pk=job.pk).summary == str(MSG_WORKER_LOST)


def test_the_recovery_fails_only_jobs_of_dead_workers(org):
    lost = running_job(org.centre, worker=dead_worker())
    alive = running_job(org.centre)  # this process: alive
    elsewhere = running_job(org.centre, worker="another-host:1")

    assert jobs_recover() == 1

    statuses = dict(Job.objects.values_list("pk", "status"))
    assert statuses == {
        lost.pk: JobStatus.FAILED,
        alive.pk: JobStatus.RUNNING,
        elsewhere.pk: JobStatus.RUNNING,
    }


def test_a_large_export_runs_as_a_job_with_the_list_filters_and_downloads_for_its_owner(
    client, org, monkeypatch
):
    monkeypatch.setattr(graduate_views, "EXPORT_IN_REQUEST_MAX_ROWS", 1)
    client.force_login(org.counsellor)  # sees class A1 only: two graduates
    list_page = client.get(reverse("graduates:list")).content.decode()
    assert 'id="export-job"' in list_page

    response = client.post(reverse("graduates:export_job"), {"query": "page=3"})

    job = Job.objects.get()
    assert response.url == reverse("jobs:detail", args=[job.pk])
    assert (job.kind, job.status, job.rows_done, job.rows_total) == (
        JobKind.GRADUATE_EXPORT,
        JobStatus.SUCCEEDED,
        2,
        2,
    )
    assert job.summary == MSG_EXPORTED.format(count=2)
    download = client.get(reverse("jobs:download", args=[job.pk]))
    assert download.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(download.streaming_content))).active
    student_nos = sorted(row[1] for row in sheet.iter_rows(min_row=2, values_only=True))
    assert student_nos == sorted(g.student_no for g in org.graduates["a1"])

    client.force_login(org.college_officer)
    assert client.get(reverse("jobs:download", args=[job.pk])).status_code == 404


def test_the_export_job_needs_a_post(client, org):
    client.force_login(org.centre)
    assert client.get(reverse("graduates:export_job")).status_code == 405
    assert not Job.objects.exists()


def test_the_job_page_and_its_status_take_a_fixed_number_of_queries(
    client, org, django_assert_max_num_queries
):
    job = running_job(org.centre)
    Job.objects.filter(pk=job.pk).update(
        errors=[{"row": n, "column": "学号", "message": "重复"} for n in range(2, 500)]
    )
    client.force_login(org.centre)

    # session, user, the job (its owner joined), the menu's unread notifications; 498 errors add none
    with django_assert_max_num_queries(4):
        assert client.get(reverse("jobs:detail", args=[job.pk])).status_code == 200
    with django_assert_max_num_queries(3):
        assert client.get(reverse("jobs:status", args=[job.pk])).status_code == 200
