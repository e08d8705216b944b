import datetime

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from apps.accounts.models import Role
from apps.releases.forms import MSG_DAYS_REVERSED
from apps.releases.models import DataRelease, ReleaseKind
from apps.releases.services import release_record
from apps.releases.views import PAGE_SIZE
from tests.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def releases():
    centre = make_user(Role.CENTRE, username="zhang", last_name="张", first_name="老师")
    officer = make_user(Role.COLLEGE, username="li")
    made = [
        release_record(user=centre, kind=ReleaseKind.GRADUATE_EXPORT, rows=6, filters={"class_group": "3"}),
        release_record(user=officer, kind=ReleaseKind.LEDGER_EXPORT, rows=4, filters={"as_of": "2020-08-31"}),
        release_record(user=centre, kind=ReleaseKind.FINANCE_EXPORT, rows=3),
    ]
    # the first one a week ago: the model refuses updates, so the test moves it in SQL
    week_ago = timezone.now() - datetime.timedelta(days=7)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {DataRelease._meta.db_table} SET created_at = %s WHERE id = %s", [week_ago, made[0].pk]
        )
    return {"centre": centre, "officer": officer, "made": made}


def _shown(response) -> list[int]:
    return [release.pk for release in response.context["page"].object_list]


@pytest.mark.parametrize("role", [Role.STUDENT, Role.COUNSELLOR, Role.COLLEGE, Role.ADMIN, Role.TENANT])
def test_only_the_centre_sees_the_log(client, role):
    client.force_login(make_user(role))
    assert client.get(reverse("releases:list")).status_code == 403


def test_the_centre_filters_by_who_kind_and_days(client, releases):
    first, second, third = (r.pk for r in releases["made"])
    client.force_login(releases["centre"])
    url = reverse("releases:list")
    assert _shown(client.get(url)) == [third, second, first]
    assert _shown(client.get(url, {"who": "张"})) == [third, first]
    assert _shown(client.get(url, {"who": "li"})) == [second]
    assert _shown(client.get(url, {"kind": ReleaseKind.LEDGER_EXPORT})) == [second]
    today = timezone.localdate().isoformat()
    assert _shown(client.get(url, {"date_from": today, "date_to": today})) == [third, second]
    body = client.get(url).content.decode()
    assert "毕业生信息导出" in body and "class_group=3" in body


@pytest.mark.parametrize(
    "query",
    [
        {"date_from": "9999-12-31"},
        {"date_to": "0001-01-01"},
        {"date_from": "2020-02-30"},
        {"kind": "everything"},
    ],
)
def test_a_bad_filter_is_a_form_error_never_a_500(client, releases, query):
    client.force_login(releases["centre"])
    response = client.get(reverse("releases:list"), query)
    assert response.status_code == 200
    assert response.context["form"].errors
    assert _shown(response) == []


def test_reversed_days_are_refused_with_a_message(client, releases):
    client.force_login(releases["centre"])
    response = client.get(reverse("releases:list"), {"date_from": "2024-02-01", "date_to": "2024-01-01"})
    assert str(MSG_DAYS_REVERSED) in response.content.decode()


def test_the_log_is_paged_at_a_constant_query_count(client, django_assert_max_num_queries):
    centre = make_user(Role.CENTRE)
    others = [make_user(Role.COLLEGE) for _ in range(5)]
    for number in range(PAGE_SIZE + 5):
        release_record(user=others[number % 5], kind=ReleaseKind.GRADUATE_EXPORT, rows=number)
    client.force_login(centre)
    with django_assert_max_num_queries(6):
        response = client.get(reverse("releases:list"))
    assert len(response.context["page"].object_list) == PAGE_SIZE
    response = client.get(reverse("releases:list"), {"page": 2})
    assert len(response.context["page"].object_list) == 5
    assert client.get(reverse("releases:list"), {"page": "x"}).status_code == 200
