"""Issue 12 item 9: every download of an evidence file writes a data-release record naming the file."""

import pytest
from django.urls import reverse

from apps.accounts.models import Role
from apps.releases.models import DataRelease, ReleaseKind

from .factories import submitted_plan

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", [Role.COUNSELLOR, Role.COLLEGE, Role.CENTRE])
def test_an_evidence_download_is_logged(client, org, role):
    plan = submitted_plan(org)
    evidence = plan.evidence.get()
    client.force_login(org.user_for(role))
    response = client.get(reverse("plans:evidence_download", args=[evidence.pk]))
    assert response.status_code == 200
    release = DataRelease.objects.get()
    assert (release.user, release.role, release.kind, release.rows) == (
        org.user_for(role),
        role,
        ReleaseKind.EVIDENCE_FILE,
        1,
    )
    assert release.filters == {"evidence_id": evidence.pk, "plan_id": plan.pk}
    assert org.own_graduate.student_no in release.description


def test_the_graduate_downloading_their_own_file_is_no_release(client, org):
    plan = submitted_plan(org)
    client.force_login(org.student)
    assert client.get(reverse("plans:evidence_download", args=[plan.evidence.get().pk])).status_code == 200
    assert not DataRelease.objects.exists()


def test_an_evidence_file_outside_scope_is_no_release(client, org):
    plan = submitted_plan(org)
    client.force_login(org.user_for(Role.COUNSELLOR))
    plan.graduate.class_group = org.class_b1
    plan.graduate.save(update_fields=["class_group"])
    assert client.get(reverse("plans:evidence_download", args=[plan.evidence.get().pk])).status_code == 404
    assert not DataRelease.objects.exists()
