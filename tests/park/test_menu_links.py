"""Every link of the top bar opens for the role that is shown it (a menu link answering 403 is a defect)."""

import re

import pytest
from django.urls import reverse

from apps.accounts.models import Role

pytestmark = pytest.mark.django_db

TOPBAR = re.compile(r'<header class="topbar">(.*?)</header>', re.S)
HREF = re.compile(r'href="([^"#]+)"')


def _topbar_links(html: str) -> list[str]:
    return HREF.findall(TOPBAR.search(html).group(1))


@pytest.mark.parametrize(
    "role", [Role.STUDENT, Role.COUNSELLOR, Role.COLLEGE, Role.CENTRE, Role.ADMIN, Role.TENANT]
)
def test_every_top_bar_link_opens_for_the_role_it_is_shown_to(client, org, park, role):
    user = park.leader_a if role == Role.TENANT else org.user_for(role)
    client.force_login(user)
    links = _topbar_links(client.get(reverse("home"), follow=True).content.decode())
    assert reverse("plans:notifications") in links
    refused = {}
    for link in links:
        if link.startswith("/admin/"):
            continue  # the admin answers for itself (is_staff)
        status = client.get(link, follow=True).status_code  # a redirect to its page is fine
        if status != 200:
            refused[link] = status
    assert refused == {}
