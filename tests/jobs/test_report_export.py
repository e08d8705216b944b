"""The annual report's Excel and Word as background jobs: the page's buttons start one, the job's file is the
report of the page's query, downloaded by its owner only; a format other than the two is refused."""

import io
import zipfile

import openpyxl
import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from apps.jobs.models import Job, JobKind, JobStatus
from apps.reports.jobs import MSG_REPORT_EXPORTED, MSG_REPORT_QUERY_INVALID
from apps.reports.views import MSG_BAD_EXPORT_FORMAT

pytestmark = pytest.mark.django_db
QUERY = "cohort=2020&as_of=2020-08-31"


def download(client, job: Job) -> bytes:
    response = client.get(reverse("jobs:download", args=[job.pk]))
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def test_the_report_page_offers_the_exports_as_jobs(client, org):
    client.force_login(org.centre)
    page = client.get(reverse("reports:annual"), {"cohort": 2020}).content.decode()
    assert 'id="report-export"' in page and 'name="format" value="docx"' in page


@pytest.mark.parametrize("output", ["xlsx", "docx"])
def test_an_export_job_writes_the_report_file_for_its_owner(client, org, output):
    client.force_login(org.centre)

    response = client.post(reverse("reports:export_job"), {"query": QUERY, "format": output})

    job = Job.objects.get()
    assert response.url == reverse("jobs:detail", args=[job.pk])
    assert (job.kind, job.status) == (JobKind.REPORT_EXPORT, JobStatus.SUCCEEDED)
    assert job.summary == MSG_REPORT_EXPORTED.format(cohort=2020, day="2020-08-31")
    assert job.result_name == f"annual-report-2020-20200831.{output}"
    content = download(client, job)
    if output == "xlsx":
        assert openpyxl.load_workbook(io.BytesIO(content)).sheetnames
    else:
        assert "word/document.xml" in zipfile.ZipFile(io.BytesIO(content)).namelist()
    client.force_login(org.college_officer)
    assert client.get(reverse("jobs:download", args=[job.pk])).status_code == 404


def cells(content: bytes) -> dict[str, list[tuple]]:
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in workbook.worksheets}


def test_a_college_officers_export_job_is_the_report_of_their_college_as_the_page_gives_it(client, org):
    page_export = {"cohort": 2020, "as_of": "2020-08-31", "format": "xlsx"}
    client.force_login(org.centre)
    school = client.get(reverse("reports:annual"), page_export)
    client.force_login(org.college_officer)
    in_request = client.get(reverse("reports:annual"), page_export)

    client.post(reverse("reports:export_job"), {"query": QUERY, "format": "xlsx"})

    job = Job.objects.get()
    assert job.status == JobStatus.SUCCEEDED
    content = download(client, job)
    assert cells(content) == cells(in_request.getvalue())
    assert cells(content) != cells(school.getvalue())  # the college's figures, not the school's


def test_a_bad_cut_off_fails_the_job_with_the_reason_and_a_bad_format_starts_none(client, org):
    client.force_login(org.centre)
    client.post(reverse("reports:export_job"), {"query": "cohort=2020&as_of=1999-01-01", "format": "xlsx"})
    job = Job.objects.get()
    assert job.status == JobStatus.FAILED and not job.result_file
    assert job.summary.startswith(str(MSG_REPORT_QUERY_INVALID).split("{")[0])

    response = client.post(reverse("reports:export_job"), {"query": QUERY, "format": "pdf"})
    assert Job.objects.count() == 1
    assert [str(m) for m in get_messages(response.wsgi_request)] == [str(MSG_BAD_EXPORT_FORMAT)]
