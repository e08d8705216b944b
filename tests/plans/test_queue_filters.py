"""The queue's filters offer only what can match: the codes of the scheme of the cohorts in the queue (or the
chosen cohort), and the statuses a queue holds."""

import pytest
from django.urls import reverse

from apps.graduates.models import Cohort
from apps.plans.models import PlanStatus
from apps.refdata.models import DestinationCode

from .factories import submitted_plan

pytestmark = pytest.mark.django_db


def _choices(response, name):
    field = response.context["filter"].form.fields[name]
    return [value for value, _label in field.choices if value != ""]


def test_a_2020_cohorts_queue_offers_only_2020_codes(client, org):
    assert DestinationCode.objects.exclude(scheme="2020").exists()  # both schemes are loaded
    submitted_plan(org)
    client.force_login(org.counsellor)
    response = client.get(reverse("plans:queue"))
    offered = DestinationCode.objects.filter(
        pk__in=[getattr(v, "value", v) for v in _choices(response, "destination")]
    )
    assert set(offered.values_list("scheme", flat=True)) == {org.own_graduate.cohort.destination_scheme}
    assert (
        offered.count()
        == DestinationCode.objects.filter(scheme=org.own_graduate.cohort.destination_scheme).count()
    )


def test_the_chosen_cohort_decides_the_codes(client, org):
    other = Cohort.objects.create(year=2022, destination_scheme="2021")
    submitted_plan(org)
    client.force_login(org.centre)
    response = client.get(reverse("plans:list"), {"cohort": other.pk})
    offered = DestinationCode.objects.filter(
        pk__in=[getattr(v, "value", v) for v in _choices(response, "destination")]
    )
    assert set(offered.values_list("scheme", flat=True)) == {"2021"}


def test_the_queue_offers_only_the_status_it_holds(client, org):
    submitted_plan(org)
    client.force_login(org.counsellor)
    assert _choices(client.get(reverse("plans:queue")), "status") == [PlanStatus.SUBMITTED]
    client.force_login(org.college_officer)
    assert _choices(client.get(reverse("plans:queue")), "status") == [PlanStatus.COUNSELLOR_APPROVED]
    client.force_login(org.centre)
    assert _choices(client.get(reverse("plans:list")), "status") == list(PlanStatus.values)


@pytest.mark.parametrize("value", ["abc", "-1", "99999999999999999999999", "0"])
def test_a_bad_cohort_in_the_url_is_no_error(client, org, value):
    submitted_plan(org)
    client.force_login(org.counsellor)
    assert client.get(reverse("plans:queue"), {"cohort": value}).status_code == 200
