"""Site-wide rough edges: error pages, the interface language, the favicon and the admin's branding."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.template import loader
from django.urls import include, path, reverse

from apps.accounts.models import Role
from hpi_employment.admin_site import ADMIN_INDEX_TITLE, ADMIN_SITE_HEADER, ADMIN_SITE_TITLE

from ..factories import make_user
from ..html import assert_no_inline_script_or_style

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent.parent


def _refused(request):
    raise PermissionDenied


def _missing(request):
    raise Http404


def _broken(request):
    raise RuntimeError("a bug")


# The real site plus three views that fail on purpose, so each handler renders its template in the layout.
urlpatterns = [
    path("boom/403/", _refused),
    path("boom/404/", _missing),
    path("boom/500/", _broken),
    path("", include("hpi_employment.urls")),
]
for view in (_refused, _missing, _broken):
    view.allowed_roles = tuple(Role.values)


@pytest.fixture
def failing_views(settings):
    settings.ROOT_URLCONF = __name__


@pytest.mark.parametrize(
    ("url", "status", "heading"),
    [
        ("/boom/403/", 403, "没有权限"),
        ("/boom/404/", 404, "页面不存在"),
        ("/no/such/page/", 404, "页面不存在"),
    ],
)
def test_403_and_404_are_chinese_pages_in_the_site_layout_with_a_way_back(
    client, org, failing_views, url, status, heading
):
    client.force_login(org.counsellor)
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == status
    assert heading in html
    assert 'class="topbar"' in html and "待我审核" in html  # the site's layout, the user's own menu
    assert 'href="/"' in html and 'id="go-back"' in html  # home, and back to where they were
    assert '<meta name="viewport"' in html  # the phone layout of base.html
    assert "Not Found" not in html and "Forbidden" not in html
    assert_no_inline_script_or_style(html)


def test_500_is_a_chinese_page_that_renders_without_a_request_or_the_database(
    client, org, failing_views, django_assert_num_queries
):
    with django_assert_num_queries(0):
        html = loader.get_template("500.html").render()  # as Django's server_error renders it
    assert "系统出错" in html and 'href="/"' in html and 'id="go-back"' in html
    assert_no_inline_script_or_style(html)

    client.raise_request_exception = False
    client.force_login(org.counsellor)
    response = client.get("/boom/500/")
    assert response.status_code == 500
    assert "系统出错" in response.content.decode()


def test_make_run_does_not_show_the_url_list_on_a_404():
    """The dev settings (make run) serve the demo like production unless a developer asks for DEBUG."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "DATABASE_URL"))}
    code = "from django.conf import settings; print(settings.DEBUG)"
    result = subprocess.run(
        [sys.executable, "-c", f"import django, os; os.environ['DJANGO_SETTINGS_MODULE']="
         f"'hpi_employment.settings.dev'; django.setup(); {code}"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.stdout.strip() == "False", result.stderr
    makefile = (ROOT / "Makefile").read_text()
    assert "runserver --insecure" in makefile  # static files still served with DEBUG off


@pytest.mark.parametrize("accept_language", ["en", "en-US,en;q=0.9", "ja", "zh-CN"])
def test_the_interface_is_chinese_whatever_the_browser_asks_for(client, org, accept_language):
    client.force_login(org.centre)
    response = client.get(reverse("accounts:password_change"), HTTP_ACCEPT_LANGUAGE=accept_language)
    html = response.content.decode()
    assert "Old password" not in html and "New password" not in html
    assert "旧密码" in html and "新密码" in html
    assert response.get("Content-Language", "zh-hans") == "zh-hans"


def test_every_page_names_a_favicon_that_is_served(client, org):
    client.force_login(org.centre)
    for url in (reverse("accounts:login"), reverse("home")):
        html = client.get(url, follow=True).content.decode()
        assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in html
    assert (ROOT / "static" / "favicon.svg").read_text().lstrip().startswith("<svg")


@pytest.fixture
def superuser(db):
    return make_user(Role.ADMIN, username="root", is_staff=True, is_superuser=True)


def test_the_admin_carries_the_site_name_not_django(client, superuser):
    client.force_login(superuser)
    html = client.get(reverse("admin:index")).content.decode()
    for django_branding in ("Django 管理", "Django 站点管理", "Django administration", "Django site admin"):
        assert django_branding not in html
    assert str(ADMIN_SITE_HEADER) in html and str(ADMIN_INDEX_TITLE) in html
    assert f"<title>{ADMIN_INDEX_TITLE} | {ADMIN_SITE_TITLE}</title>" in html
    assert '<link rel="stylesheet" href="/static/css/admin.css">' in html
    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in html


def test_the_admin_lists_permissions_in_chinese(client, superuser):
    client.force_login(superuser)
    html = client.get(reverse("admin:accounts_user_change", args=[superuser.pk])).content.decode()
    assert "Can add" not in html and "Can view" not in html
    assert "可以添加毕业生" in html and "可以查看组" in html  # our models and Django's own
    assert not Permission.objects.filter(name__startswith="Can ").exists()


def test_admin_filters_are_chinese_for_an_english_browser(client, superuser):
    client.force_login(superuser)
    html = client.get(reverse("admin:accounts_user_changelist"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Filter" not in html and "筛选" in html
