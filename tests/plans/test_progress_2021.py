"""The progress page names the rate as the cohort's scheme does (2021+: 毕业去向落实率), at no extra query."""

import pytest
from django.urls import reverse

from apps.graduates.models import Cohort

from ..factories import make_graduate

pytestmark = pytest.mark.django_db


def test_a_2021_cohorts_progress_says_placement_rate(client, org):
    cohort = Cohort.objects.create(year=2025, destination_scheme="2021")
    make_graduate(org.class_a1, cohort=cohort)
    client.force_login(org.centre)

    body = client.get(
        reverse("plans:progress"), {"cohort": cohort.pk, "as_of": "2025-08-31"}
    ).content.decode()

    assert "<dt>毕业去向落实率</dt>" in body and "各学院毕业去向落实率" in body
    assert "就业率" not in body


def test_the_2020_cohorts_progress_still_says_employment_rate(client, org):
    client.force_login(org.centre)
    cohort = org.own_graduate.cohort

    body = client.get(
        reverse("plans:progress"), {"cohort": cohort.pk, "as_of": "2020-08-31"}
    ).content.decode()

    assert "<dt>就业率</dt>" in body and "毕业去向落实率" not in body
