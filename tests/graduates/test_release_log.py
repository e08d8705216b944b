"""Issue 12 item 9: the graduate export writes a data-release record (who, role, rows, filters)."""

import pytest
from django.urls import reverse

from apps.accounts.models import Role
from apps.releases.models import DataRelease, ReleaseKind

from .test_export import exported_rows

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("role", "rows"), [(Role.COUNSELLOR, 2), (Role.COLLEGE, 4), (Role.CENTRE, 6)])
def test_the_graduate_export_is_logged_with_the_rows_the_file_holds(client, org, role, rows):
    client.force_login(org.user_for(role))
    response = client.get(reverse("graduates:export"))
    assert len(exported_rows(response)) - 1 == rows
    release = DataRelease.objects.get()
    assert (release.user, release.role, release.kind, release.rows) == (
        org.user_for(role),
        role,
        ReleaseKind.GRADUATE_EXPORT,
        rows,
    )


def test_the_graduate_export_keeps_its_filters(client, org):
    client.force_login(org.centre)
    client.get(reverse("graduates:export"), {"class_group": org.class_b1.pk, "q": ""})
    release = DataRelease.objects.get()
    assert release.rows == 2
    assert release.filters == {"class_group": str(org.class_b1.pk)}


def test_the_list_page_itself_is_not_a_release(client, org):
    client.force_login(org.centre)
    assert client.get(reverse("graduates:list")).status_code == 200
    assert not DataRelease.objects.exists()
