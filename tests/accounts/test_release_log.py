"""Issue 12 item 9: a class's first-login codes (names and passwords) are a release of personal data."""

import pytest
from django.urls import reverse

from apps.accounts.models import Role
from apps.releases.models import DataRelease, ReleaseKind

from .test_login_codes import codes_from, give_unclaimed_account

pytestmark = pytest.mark.django_db


def test_the_login_codes_of_a_class_are_logged_with_the_class_and_the_count(client, org):
    for graduate in org.graduates["a1"]:
        if graduate.user_id is None:
            give_unclaimed_account(graduate)
    client.force_login(org.counsellor)
    codes = codes_from(client.post(reverse("accounts:login_codes_class", args=[org.class_a1.pk])))
    release = DataRelease.objects.get()
    assert (release.user, release.role, release.kind, release.rows) == (
        org.counsellor,
        Role.COUNSELLOR,
        ReleaseKind.LOGIN_CODES,
        len(codes),
    )
    assert len(codes) == 1
    assert release.filters == {"class_id": org.class_a1.pk}


def test_a_class_outside_scope_is_no_release(client, org):
    give_unclaimed_account(org.graduates["b1"][0])
    client.force_login(org.counsellor)
    assert client.post(reverse("accounts:login_codes_class", args=[org.class_b1.pk])).status_code == 404
    assert not DataRelease.objects.exists()
