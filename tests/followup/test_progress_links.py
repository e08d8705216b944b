"""The progress page's 未就业 counts open the chase list of exactly those graduates."""

import datetime
import re
from html import unescape

import pytest
from django.urls import reverse

from apps.accounts.models import Role

from ..plans.factories import registered_plan

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", [Role.CENTRE, Role.COLLEGE, Role.COUNSELLOR])
def test_every_not_employed_count_links_to_a_chase_list_of_that_many(org, client, role):
    # given one employed and one waiting graduate in A1, one employed in B1
    registered_plan(org.graduates["a1"][0], "11", datetime.date(2020, 7, 1), created_by=org.centre)
    registered_plan(org.graduates["a1"][1], "70", datetime.date(2020, 7, 1), created_by=org.centre)
    registered_plan(org.graduates["b1"][0], "80", datetime.date(2020, 7, 1), created_by=org.centre)
    client.force_login(org.user_for(role))
    page = client.get(reverse("plans:progress"), {"as_of": "2020-08-31"}).content.decode()
    links = re.findall(r'<a class="chase-link"[^>]*href="([^"]+)">(\d+)</a>', page)
    # then a link per college, per major and the total, and each list has as many graduates as its count
    assert len(links) >= 3
    for href, count in links:
        listed = client.get(unescape(href))
        assert listed.status_code == 200
        assert listed.context["page"].paginator.count == int(count), href
