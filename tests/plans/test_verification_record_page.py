"""The verification record page has what a phone check needs: the graduate's phone (masked, a logged
reveal), the employer, and a 下一条 button through the draw."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.plans import verification as v
from apps.plans.models import DestinationPlan, PlanStatus
from apps.releases.models import DataRelease, ReleaseKind

from .factories import code

pytestmark = pytest.mark.django_db


def _registered(graduate, actor):
    day = datetime.date(2020, 7, 1)
    stamp = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))
    return DestinationPlan.objects.create(
        graduate=graduate,
        destination=code("11"),
        employer_name="孝感市中心医院",
        employer_credit_code="",
        status=PlanStatus.APPROVED,
        approved_on=day,
        approved_at=stamp,
        status_changed_at=stamp,
        created_by=actor,
    )


@pytest.fixture
def draw(org):
    for graduate in org.graduates["a1"]:
        _registered(graduate, org.centre)
    batch = v.verification_batch_draw(actor=org.centre, cohort=org.own_graduate.cohort, college=org.college_a)
    return list(batch.verifications.order_by("pk"))


def test_the_record_page_shows_the_phone_masked_with_a_logged_reveal(client, org, draw):
    first = next(r for r in draw if r.plan.graduate == org.own_graduate)  # phone 13812345678
    client.force_login(org.centre)
    body = client.get(reverse("plans:verification_record", args=[first.pk])).content.decode()
    assert org.own_graduate.phone_masked in body and "13812345678" not in body
    reveal = reverse("followup:phone_reveal", args=[org.own_graduate.pk])
    assert f'data-url="{reveal}"' in body
    assert "孝感市中心医院" in body
    response = client.post(reveal)
    assert response.json() == {"phone": "13812345678"}
    release = DataRelease.objects.get()
    assert (release.kind, release.user, release.rows) == (ReleaseKind.PHONE_REVEAL, org.centre, 1)


def test_next_record_button_walks_the_draw(client, org, draw):
    client.force_login(org.centre)
    response = client.get(reverse("plans:verification_record", args=[draw[0].pk]))
    assert response.context["next_record"] == draw[1]
    assert reverse("plans:verification_record", args=[draw[1].pk]) in response.content.decode()
    last = client.get(reverse("plans:verification_record", args=[draw[-1].pk]))
    assert last.context["next_record"] is None


def test_the_record_page_shows_whom_to_call_at_the_employer(client, org, draw):
    record = draw[0]
    DestinationPlan.objects.filter(pk=record.plan_id).update(
        employer_contact="王主任", employer_contact_phone="0712-2345678"
    )
    client.force_login(org.centre)
    body = client.get(reverse("plans:verification_record", args=[record.pk])).content.decode()
    assert "王主任" in body and 'href="tel:0712-2345678"' in body


def test_the_student_records_the_employers_contact_with_the_plan(client, org):
    from .factories import employment_data

    client.force_login(org.student)
    data = employment_data(employer_contact="王主任", employer_contact_phone="0712-2345678")
    fields = {k: (v.pk if hasattr(v, "pk") else v) for k, v in data.items()}
    client.post(reverse("plans:create"), fields)
    plan = DestinationPlan.objects.get(graduate=org.own_graduate)
    assert (plan.employer_contact, plan.employer_contact_phone) == ("王主任", "0712-2345678")
    bad = client.post(reverse("plans:edit", args=[plan.pk]), fields | {"employer_contact_phone": "电话"})
    assert "employer_contact_phone" in bad.context["form"].errors
