import pytest
from django.contrib.auth.views import LoginView as DjangoLoginView
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from apps.accounts.forms import ChineseAuthenticationForm
from apps.accounts.models import Role
from apps.accounts.views import MSG_PASSWORD_CHANGED
from hpi_employment.health import healthz

from ..factories import make_user
from ..html import assert_no_inline_script_or_style

pytestmark = pytest.mark.django_db


def _our_patterns(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            if entry.app_name == "admin":
                continue  # the admin checks is_staff itself
            yield from _our_patterns(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry.callback


def test_every_view_names_the_roles_that_may_use_it():
    """Deny by default: a URL whose view does not state its roles is a defect (login and the health check,
    which answers "ok" and nothing else, are the exceptions)."""
    unstated = []
    for route, callback in _our_patterns():
        if callback is healthz:
            continue
        view_class = getattr(callback, "view_class", None)
        if view_class is not None and issubclass(view_class, DjangoLoginView):
            continue
        if view_class is not None:
            allowed = getattr(view_class.dispatch, "allowed_roles", None)
        else:
            allowed = getattr(callback, "allowed_roles", None)
        if not allowed:
            unstated.append(route)
    assert unstated == []


def test_login_page_is_chinese_and_rejects_bad_password(client):
    make_user("centre", username="zhongxin", password="right-pass-1")
    response = client.post(reverse("accounts:login"), {"username": "zhongxin", "password": "wrong"})
    assert response.status_code == 200
    assert str(ChineseAuthenticationForm.error_messages["invalid_login"]) in response.content.decode()


def test_login_then_logout(client):
    make_user("centre", username="zhongxin", password="right-pass-1")
    response = client.post(reverse("accounts:login"), {"username": "zhongxin", "password": "right-pass-1"})
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 200
    client.post(reverse("accounts:logout"))
    assert client.get(reverse("home")).status_code == 302


def test_first_login_must_set_a_password_before_anything_else(client):
    # given a user holding a first-login code
    user = make_user("centre", username="newbie", password="first-code-9", must_change_password=True)
    client.force_login(user)
    # when they open any page they are sent to the password form
    response = client.get(reverse("graduates:list"))
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_change")
    # then after setting one, the flag is gone and pages open
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": "first-code-9",
            "new_password1": "Qiang-Mima-2020",
            "new_password2": "Qiang-Mima-2020",
        },
        follow=True,
    )
    assert str(MSG_PASSWORD_CHANGED) in response.content.decode()
    user.refresh_from_db()
    assert user.must_change_password is False
    assert client.get(reverse("graduates:list")).status_code == 200


def test_pages_carry_an_enforced_content_security_policy_without_unsafe_inline(client):
    response = client.get(reverse("accounts:login"))
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert_no_inline_script_or_style(response.content.decode())


def test_admin_is_for_administrators_only(client, org):
    client.force_login(org.centre)
    assert client.get("/admin/").status_code == 302  # not staff: sent to the admin login


@pytest.mark.parametrize(
    ("role", "shown", "hidden"),
    [
        (
            Role.STUDENT,
            ["/support/subsidies/mine/"],
            ["/support/", "/park/", "/surveys/", "/reports/annual/"],
        ),
        (Role.COUNSELLOR, ["/support/", "/plans/queue/"], ["/park/", "/surveys/", "/reports/annual/"]),
        (Role.COLLEGE, ["/support/", "/reports/annual/"], ["/park/", "/surveys/"]),
        (Role.CENTRE, ["/support/", "/park/", "/surveys/", "/reports/annual/"], []),
        (Role.TENANT, ["/park/"], ["/support/", "/plans/queue/", "/graduates/", "/surveys/"]),
    ],
)
def test_home_and_menu_offer_each_role_its_own_work(client, role, shown, hidden):
    client.force_login(make_user(role, username=f"home-{role}"))
    body = client.get(reverse("home")).content.decode()
    for href in shown:
        assert f'href="{href}"' in body
    for href in hidden:
        assert f'href="{href}"' not in body
