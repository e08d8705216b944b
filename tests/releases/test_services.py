import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.http import QueryDict

from apps.accounts.models import Role
from apps.releases.models import DataRelease, ReleaseKind
from apps.releases.services import release_record
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_release_record_keeps_who_in_which_role_what_how_many_and_the_filters():
    # given
    centre = make_user(Role.CENTRE)
    # when
    release = release_record(
        user=centre,
        kind=ReleaseKind.GRADUATE_EXPORT,
        rows=12,
        filters={"cohort": 2020, "as_of": datetime.date(2020, 8, 31), "amount": Decimal("500.00"), "q": ""},
        description="毕业生名单",
    )
    # then
    stored = DataRelease.objects.get()
    assert stored == release
    assert (stored.user, stored.role, stored.kind, stored.rows) == (
        centre,
        Role.CENTRE,
        "graduate_export",
        12,
    )
    assert stored.filters == {"cohort": 2020, "as_of": "2020-08-31", "amount": "500.00"}
    assert stored.created_at is not None


def test_a_query_string_keeps_every_value_of_a_repeated_key():
    centre = make_user(Role.CENTRE)
    release = release_record(
        user=centre, kind=ReleaseKind.LEDGER_EXPORT, rows=3, filters=QueryDict("college=1&college=2&page=3")
    )
    release.refresh_from_db()
    assert release.filters == {"college": ["1", "2"], "page": "3"}


def test_the_role_is_the_one_held_at_the_time_of_the_release():
    officer = make_user(Role.COLLEGE)
    release = release_record(user=officer, kind=ReleaseKind.GRADUATE_EXPORT, rows=1)
    officer.role = Role.CENTRE
    officer.save()
    release.refresh_from_db()
    assert release.role == Role.COLLEGE


def test_an_unknown_kind_is_refused_and_nothing_is_written():
    centre = make_user(Role.CENTRE)
    with pytest.raises(ValueError):
        release_record(user=centre, kind="everything", rows=1)
    assert not DataRelease.objects.exists()


def test_a_negative_count_is_refused():
    centre = make_user(Role.CENTRE)
    with pytest.raises(ValidationError):
        release_record(user=centre, kind=ReleaseKind.GRADUATE_EXPORT, rows=-1)
    assert not DataRelease.objects.exists()


def test_a_release_cannot_be_changed_or_deleted_row_by_row_or_in_bulk():
    centre = make_user(Role.CENTRE)
    release = release_record(user=centre, kind=ReleaseKind.FINANCE_EXPORT, rows=5)
    release.rows = 0
    with pytest.raises(ValueError):
        release.save()
    with pytest.raises(ValueError):
        release.delete()
    with pytest.raises(ValueError):
        DataRelease.objects.filter(pk=release.pk).update(rows=0)
    with pytest.raises(ValueError):
        DataRelease.objects.all().delete()
    assert DataRelease.objects.get().rows == 5
