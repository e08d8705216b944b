"""Every park URL for the centre, the administrator (refused everywhere: issue 12, item 7), a company's
创业园企业 account and a student who is one of its members. The table below is written out by hand (not read from
the views), so a view whose roles change fails here. Students, counsellors and colleges without a company are
refused everywhere (test_views)."""

import pytest
from django.urls import reverse

from apps.park import urls as park_urls

from .records import records_of_tenant_a

pytestmark = pytest.mark.django_db

CENTRE = {"centre"}
CENTRE_VIEWERS = {"centre"}  # the administrator keeps users and code tables only
MEMBERS = {"tenant", "student"}
CENTRE_OR_MEMBERS = CENTRE | MEMBERS
VIEWERS = CENTRE_VIEWERS | MEMBERS

ALLOWED = {
    "home": VIEWERS,
    "dashboard": CENTRE_VIEWERS,
    "site_list": CENTRE_VIEWERS,
    "tenant_list": VIEWERS,
    "tenant_export": CENTRE_VIEWERS,
    "tenant_create": CENTRE,
    "tenant_detail": VIEWERS,
    "tenant_edit": CENTRE,
    "tenant_act": CENTRE,
    "team_member_add": CENTRE_OR_MEMBERS,
    "report_create": MEMBERS,
    "resumption_create": MEMBERS,
    "pass_create": CENTRE_OR_MEMBERS,
    "assessment_create": CENTRE,
    "funding_create": CENTRE_OR_MEMBERS,
    "report_list": VIEWERS,
    "report_detail": VIEWERS,
    "report_edit": MEMBERS,
    "report_act": CENTRE,
    "resumption_list": VIEWERS,
    "resumption_detail": VIEWERS,
    "resumption_edit": MEMBERS,
    "resumption_act": CENTRE,
    "pass_list": VIEWERS,
    "patrol_list": VIEWERS,
    "patrol_create": CENTRE,
    "patrol_edit": CENTRE,
    "meter_list": VIEWERS,
    "meter_create": CENTRE,
    "assessment_list": VIEWERS,
    "funding_list": VIEWERS,
    "funding_detail": VIEWERS,
    "funding_decide": CENTRE,
    "competition_list": CENTRE_VIEWERS,
    "competition_create": CENTRE,
    "competition_detail": CENTRE_VIEWERS,
    "competition_award_add": CENTRE,
}
ROLES = ["centre", "admin", "tenant", "student"]


def _account(park, org, role):
    return {
        "centre": park.centre,
        "admin": org.admin,
        "tenant": park.leader_a,
        "student": park.student_member,
    }[role]


def _target(name: str, park, records) -> str:
    pattern = next(p for p in park_urls.urlpatterns if p.name == name)
    if "pk" not in pattern.pattern.converters:
        return reverse(f"park:{name}")
    if name.startswith(("report_list", "report_detail", "report_edit", "report_act")):
        pk = records.report.pk
    elif name.startswith(("resumption_detail", "resumption_edit", "resumption_act")):
        pk = records.resumption.pk
    elif name.startswith("funding_d"):
        pk = records.funding.pk
    elif name.startswith("patrol_"):
        pk = records.patrol.pk
    elif name.startswith("competition_"):
        pk = records.entry.pk
    else:
        pk = park.tenant_a.pk  # the company's pages and its "new ..." forms
    return reverse(f"park:{name}", kwargs={"pk": pk})


def test_the_table_names_every_park_url():
    assert set(ALLOWED) == {p.name for p in park_urls.urlpatterns}


@pytest.mark.parametrize("role", ROLES)
def test_each_role_opens_exactly_the_park_urls_the_table_gives_it(client, org, park, role):
    # given one record of each kind of 甲公司, whose accounts are the tenant and the student here
    records = records_of_tenant_a(park)
    client.force_login(_account(park, org, role))
    for name, roles in ALLOWED.items():
        target = _target(name, park, records)
        # when the role opens the URL
        status = client.get(target).status_code
        # then it opens (or redirects; 405 for a POST-only action) when the table allows it, else 403
        if role in roles:
            assert status in (200, 302, 405), (name, status)
        else:
            assert status == 403, (name, status)
            assert client.post(target).status_code == 403, name
