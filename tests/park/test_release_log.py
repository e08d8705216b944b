"""Issue 12 item 9: the company register export (leaders' names, 学号, phones) writes a data-release record."""

import pytest
from django.urls import reverse

from apps.accounts.models import Role
from apps.releases.models import DataRelease, ReleaseKind

from .test_export import exported

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("query", "rows"), [({}, 3), ({"status": "admitted"}, 2)])
def test_the_tenant_export_is_logged_with_its_rows_and_filters(client, park, query, rows):
    client.force_login(park.centre)
    response = client.get(reverse("park:tenant_export"), query)
    assert len(exported(response)) - 1 == rows
    release = DataRelease.objects.get()
    assert (release.user, release.role, release.kind, release.rows) == (
        park.centre,
        Role.CENTRE,
        ReleaseKind.PARK_EXPORT,
        rows,
    )
    assert release.filters == query
