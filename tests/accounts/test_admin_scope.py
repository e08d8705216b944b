"""Issue 12 item 7: the 系统管理员 role keeps users, groups and code tables; it sees no graduate, plan, support
case, park company, report or evidence file, in the app or in the Django admin. A superuser keeps everything in
the Django admin."""

import pytest
from django.urls import reverse

from apps.accounts.models import Role
from apps.graduates.models import Graduate

from ..factories import make_user
from ..plans.factories import submitted_plan
from .test_access import _our_patterns

pytestmark = pytest.mark.django_db

# The only pages of the app every role has: home, password, logout, one's own notifications and one's own
# background jobs (the administrator can start none).
EVERYBODYS_PAGES = {
    "",
    "accounts/logout/",
    "accounts/password/",
    "plans/notifications/",
    "plans/notifications/read/",
    "jobs/<int:pk>/",
    "jobs/<int:pk>/status/",
    "jobs/<int:pk>/download/",
}


def _allowed_roles(callback):
    view_class = getattr(callback, "view_class", None)
    return getattr(view_class.dispatch if view_class else callback, "allowed_roles", ()) or ()


def test_no_page_of_the_app_but_everybodys_lets_the_administrator_in():
    administrators_pages = {
        route for route, callback in _our_patterns() if Role.ADMIN in _allowed_roles(callback)
    }
    assert administrators_pages == EVERYBODYS_PAGES


@pytest.fixture
def administrator():
    return make_user(Role.ADMIN, username="sysadmin-staff", is_staff=True)


def _pages(org):
    plan = submitted_plan(org)
    graduate = org.own_graduate
    return [
        reverse("graduates:list"),
        reverse("graduates:export"),
        reverse("graduates:detail", args=[graduate.pk]),
        reverse("plans:list"),
        reverse("plans:detail", args=[plan.pk]),
        reverse("plans:evidence_download", args=[plan.evidence.get().pk]),
        reverse("support:ledger"),
        reverse("support:subsidies"),
        reverse("park:home"),
        reverse("park:tenant_list"),
        reverse("park:tenant_export"),
        reverse("reports:annual"),
        reverse("releases:list"),
    ]


@pytest.mark.parametrize("superuser", [False, True], ids=["administrator", "administrator-superuser"])
def test_the_administrator_gets_403_on_every_page_of_personal_data(client, org, superuser):
    user = make_user(Role.ADMIN, username="admin-x", is_staff=True, is_superuser=superuser)
    client.force_login(user)
    refused = {url: client.get(url).status_code for url in _pages(org)}
    assert set(refused.values()) == {403}, refused


@pytest.mark.parametrize("role", [Role.COUNSELLOR, Role.COLLEGE, Role.CENTRE])
def test_the_staff_roles_still_open_the_graduate_and_plan_pages(client, org, role):
    client.force_login(org.user_for(role))
    plan = submitted_plan(org)
    for url in (
        reverse("graduates:list"),
        reverse("graduates:detail", args=[org.own_graduate.pk]),
        reverse("plans:detail", args=[plan.pk]),
        reverse("plans:evidence_download", args=[plan.evidence.get().pk]),
    ):
        assert client.get(url).status_code == 200, url


def test_the_menu_offers_the_administrator_only_the_admin(client, administrator):
    client.force_login(administrator)
    page = client.get(reverse("home")).content.decode()
    assert reverse("admin:index") in page
    for name in ("graduates:list", "plans:list", "park:home", "support:ledger", "reports:annual"):
        assert f'href="{reverse(name)}"' not in page, name


def test_the_django_admin_shows_the_administrator_users_groups_and_code_tables_only(client, administrator):
    client.force_login(administrator)
    index = client.get(reverse("admin:index"))
    apps_shown = {app["app_label"] for app in index.context["app_list"]}
    assert apps_shown == {"accounts", "auth", "refdata", "axes", "releases"}
    assert client.get(reverse("admin:accounts_user_changelist")).status_code == 200
    assert client.get(reverse("admin:auth_group_add")).status_code == 200
    assert client.get(reverse("admin:refdata_province_changelist")).status_code == 200
    assert client.get(reverse("admin:releases_datarelease_changelist")).status_code == 200
    for name in (
        "admin:graduates_graduate_changelist",
        "admin:plans_destinationplan_changelist",
        "admin:plans_evidence_changelist",
        "admin:support_supportcase_changelist",
        "admin:park_tenant_changelist",
        "admin:reports_reportpublication_changelist",
    ):
        assert client.get(reverse(name)).status_code == 403, name


def test_the_administrator_cannot_grant_what_they_do_not_hold(client, org, administrator):
    client.force_login(administrator)
    form = client.get(reverse("admin:auth_group_add")).context["adminform"].form
    grantable = {f"{p.content_type.app_label}.{p.codename}" for p in form.fields["permissions"].queryset}
    assert "graduates.view_graduate" not in grantable
    assert "plans.view_evidence" not in grantable
    assert "refdata.change_province" in grantable
    user_form = client.get(reverse("admin:accounts_user_change", args=[org.centre.pk])).context["adminform"]
    assert "is_superuser" not in user_form.form.fields  # shown read-only


def test_a_superuser_keeps_the_whole_django_admin(client, org):
    client.force_login(make_user(Role.ADMIN, username="root", is_staff=True, is_superuser=True))
    response = client.get(reverse("admin:graduates_graduate_changelist"))
    assert response.status_code == 200
    assert response.context["cl"].result_count == Graduate.objects.count()
