"""Issue 12 item 9: the graduate export run as a background job is logged when its file is downloaded, with
the rows it holds and the list's filters, like the export in the request."""

import pytest
from django.urls import reverse

from apps.accounts.models import Role
from apps.graduates import views as graduate_views
from apps.jobs.models import Job
from apps.releases.models import DataRelease, ReleaseKind

pytestmark = pytest.mark.django_db


def test_each_download_of_an_export_job_is_a_release(client, org, monkeypatch):
    monkeypatch.setattr(graduate_views, "EXPORT_IN_REQUEST_MAX_ROWS", 1)
    client.force_login(org.counsellor)
    client.post(reverse("graduates:export_job"), {"query": f"class_group={org.class_a1.pk}"})
    job = Job.objects.get()
    assert not DataRelease.objects.exists()  # running the job hands nothing out yet
    assert client.get(reverse("jobs:download", args=[job.pk])).status_code == 200
    client.force_login(org.centre)  # the centre sees every job
    assert client.get(reverse("jobs:download", args=[job.pk])).status_code == 200
    releases = list(DataRelease.objects.order_by("pk"))
    assert [(r.user, r.role, r.kind, r.rows) for r in releases] == [
        (org.counsellor, Role.COUNSELLOR, ReleaseKind.GRADUATE_EXPORT, 2),
        (org.centre, Role.CENTRE, ReleaseKind.GRADUATE_EXPORT, 2),
    ]
    assert releases[0].filters == {"class_group": str(org.class_a1.pk)}
