import pytest
from django.urls import reverse

from apps.accounts.models import Role
from apps.releases.models import DataRelease, ReleaseKind
from apps.releases.services import release_record
from tests.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def release():
    return release_record(user=make_user(Role.CENTRE), kind=ReleaseKind.GRADUATE_EXPORT, rows=7)


@pytest.fixture
def superuser_client(client):
    client.force_login(make_user(Role.ADMIN, is_staff=True, is_superuser=True))
    return client


def test_the_admin_can_read_the_log(superuser_client, release):
    assert superuser_client.get(reverse("admin:releases_datarelease_changelist")).status_code == 200
    page = superuser_client.get(reverse("admin:releases_datarelease_change", args=[release.pk]))
    assert page.status_code == 200
    assert b'name="_save"' not in page.content


def test_the_admin_cannot_add_change_or_delete_a_release(superuser_client, release):
    assert superuser_client.get(reverse("admin:releases_datarelease_add")).status_code == 403
    change = superuser_client.post(
        reverse("admin:releases_datarelease_change", args=[release.pk]),
        {"rows": 0, "kind": "graduate_export"},
    )
    assert change.status_code == 403
    delete = superuser_client.post(
        reverse("admin:releases_datarelease_delete", args=[release.pk]), {"post": "yes"}
    )
    assert delete.status_code == 403
    assert DataRelease.objects.get().rows == 7
