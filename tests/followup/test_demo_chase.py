"""Every chase list over the demo cohort (5,098 graduates, about 6,500 plans), for the whole school and for one
counsellor's 184, costs the same small number of queries, and its export does not grow with the rows either.
The cohort is loaded once for the module and removed afterwards (tests/demo_db.py)."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from apps.accounts.models import User
from apps.followup.selectors import ChaseKind
from apps.graduates.demo import DEMO_ACCOUNTS

from ..demo_db import empty_the_database
from .test_chase import CHASE_PAGE_QUERIES

pytestmark = pytest.mark.django_db

# The export: session, user, cohort (default and form), the rows, their last actions, the release log's
# write (in a savepoint).
CHASE_EXPORT_QUERIES = 10
KINDS = [kind for kind, _label in ChaseKind.CHOICES]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("demo-media")):
        call_command("load_demo_cohort", stdout=StringIO())
        yield
        empty_the_database()


def params(kind: str) -> dict:
    as_of = "2020-08-31" if kind not in ChaseKind.WITH_DAYS else timezone.localdate().isoformat()
    return {"kind": kind, "as_of": as_of, "days": 0, "size": 100}


@pytest.mark.parametrize("account", ["centre", "counsellor"])
@pytest.mark.parametrize("kind", KINDS)
def test_each_chase_list_costs_the_same_queries_for_the_school_and_for_a_class(
    demo, client, django_assert_max_num_queries, account, kind
):
    client.force_login(User.objects.get(username=DEMO_ACCOUNTS[account].username))
    with django_assert_max_num_queries(CHASE_PAGE_QUERIES):
        response = client.get(reverse("followup:chase"), params(kind))
    assert response.status_code == 200
    assert response.context["form"].is_valid()


def test_the_schools_not_employed_list_is_the_seeds_1018_at_08_31(demo, client):
    client.force_login(User.objects.get(username=DEMO_ACCOUNTS["centre"].username))
    response = client.get(reverse("followup:chase"), params(ChaseKind.NOT_EMPLOYED))
    assert response.context["page"].paginator.count == 1018  # 5,098 - 4,080 employed (seed 2.1.1)


@pytest.mark.parametrize("account", ["centre", "counsellor"])
def test_the_export_costs_the_same_queries_for_the_school_and_for_a_class(
    demo, client, django_assert_max_num_queries, account
):
    client.force_login(User.objects.get(username=DEMO_ACCOUNTS[account].username))
    with django_assert_max_num_queries(CHASE_EXPORT_QUERIES):
        response = client.get(reverse("followup:chase_export"), params(ChaseKind.NOT_EMPLOYED))
    assert response.status_code == 200
