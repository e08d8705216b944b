"""The graduate export, in the request and as a job, reads its rows as plain values in one query (issue 14): no
Graduate is built (six model instances a row with the related ones), and the cells are what the record shows,
identifiers, phones and e-mails masked."""

from io import BytesIO
from pathlib import Path

import pytest
from django.conf import settings
from django.db.models.signals import post_init
from django.urls import reverse
from openpyxl import load_workbook

from apps.graduates.models import Graduate
from apps.jobs.models import JobKind, JobStatus
from apps.jobs.services import job_create
from apps.refdata.models import HardshipCategory, Province

from ..factories import make_graduate

pytestmark = pytest.mark.django_db

# What a row is made of (the filter's choices build the hardship categories, once whatever the rows).
ROW_MODELS = {
    "Graduate",
    "Cohort",
    "ClassGroup",
    "Major",
    "College",
    "Ethnicity",
    "Province",
    "EducationLevel",
}


class BuiltInstances:
    """How many model instances of each class are built while it is entered."""

    def __init__(self):
        self.counts: dict[str, int] = {}

    def _built(self, sender, **kwargs):
        self.counts[sender.__name__] = self.counts.get(sender.__name__, 0) + 1

    def __enter__(self):
        post_init.connect(self._built)
        return self

    def __exit__(self, *exc):
        post_init.disconnect(self._built)


def export_in_request(client) -> list[tuple]:
    response = client.get(reverse("graduates:export"))
    assert response.status_code == 200
    return list(load_workbook(BytesIO(response.getvalue())).active.iter_rows(values_only=True))


def export_as_job(owner) -> list[tuple]:
    job = job_create(owner=owner, kind=JobKind.GRADUATE_EXPORT, params={"query": ""})
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED, job.summary
    sheet = load_workbook(Path(settings.MEDIA_ROOT) / job.result_file).active
    return list(sheet.iter_rows(values_only=True))


@pytest.fixture
def varied(org) -> list[Graduate]:
    """Graduates with every column filled in more than one way: phones, e-mails, hardship, poverty, origin."""
    hardship = HardshipCategory.objects.exclude(code="0").first()
    province = Province.objects.exclude(code="42").first()
    return [
        make_graduate(org.class_b1, phone="13812345678", email="15912345653@163.com", registered_poor=True),
        make_graduate(org.class_b1, phone="", email="zhangsan@hbvtc.edu.cn", poverty_county=True),
        make_graduate(org.class_a2, hardship_category=hardship, origin=province, email=""),
        make_graduate(org.class_a1, name="=HYPERLINK(1)"),
    ]


def expected_rows(graduates) -> list[list]:
    """Each graduate's cells as the record shows them (the export's columns, from the model)."""
    return [
        [
            g.cohort.year,
            g.student_no,
            g.name,
            g.get_gender_display(),
            g.id_number_masked,
            g.ethnicity.name,
            g.class_group.major.college.name,
            g.class_group.major.name,
            g.class_group.name,
            g.origin.name,
            g.education_level.name,
            g.hardship_category.name,
            "是" if g.registered_poor else "否",
            "是" if g.poverty_county else "否",
            g.phone_masked or None,
            g.email_masked or None,
        ]
        for g in graduates
    ]


def test_the_export_in_the_request_builds_no_graduate(client, org, varied):
    client.force_login(org.centre)
    export_in_request(client)  # warm the session
    with BuiltInstances() as built:
        rows = export_in_request(client)
    assert len(rows) - 1 == Graduate.objects.count()
    assert not ROW_MODELS & set(built.counts), built.counts


def test_the_export_job_builds_no_graduate(org, varied):
    with BuiltInstances() as built:
        rows = export_as_job(org.centre)
    assert len(rows) - 1 == Graduate.objects.count()
    assert not ROW_MODELS & set(built.counts), built.counts


@pytest.mark.parametrize("path", ["request", "job"])
def test_the_exports_cells_are_the_records_masked(client, org, varied, path):
    client.force_login(org.centre)
    rows = export_in_request(client) if path == "request" else export_as_job(org.centre)
    graduates = Graduate.objects.order_by("student_no").select_related("class_group__major__college")
    assert [list(row) for row in rows[1:]] == expected_rows(graduates)
    assert "13812345678" not in str(rows) and "15912345653" not in str(rows)


def test_the_export_reads_its_rows_in_one_query(client, org, django_assert_max_num_queries):
    for _ in range(60):
        make_graduate(org.class_b1)
    client.force_login(org.centre)
    export_in_request(client)
    # session, user, the rows, the data-release record (and its transaction's savepoint on SQLite)
    with django_assert_max_num_queries(5):
        export_in_request(client)
