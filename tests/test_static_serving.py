"""The production settings serve our static files themselves (WhiteNoise under gunicorn): collectstatic
writes them under content-hashed names, compressed, and they are answered before any login check with a
year's cache; the pages still carry the enforced Content-Security-Policy."""

import importlib
import re

import pytest
from django.core.management import call_command
from django.templatetags.static import static
from django.test import override_settings

from tests.html import assert_no_inline_script_or_style

pytestmark = pytest.mark.django_db
HASHED_NAME = re.compile(r"^/static/css/app\.[0-9a-f]{12}\.css$")


@pytest.fixture
def prod_static(tmp_path, monkeypatch):
    monkeypatch.setenv("DJANGO_SECRET_KEY", "a-long-random-production-key-" + "x" * 40)
    monkeypatch.setenv("DJANGO_ALLOWED_HOSTS", "testserver")
    prod = importlib.reload(importlib.import_module("hpi_employment.settings.prod"))
    with override_settings(
        MIDDLEWARE=prod.MIDDLEWARE,
        STORAGES=prod.STORAGES,
        STATIC_ROOT=tmp_path / "static",
        SECURE_SSL_REDIRECT=prod.SECURE_SSL_REDIRECT,
        SECURE_HSTS_SECONDS=prod.SECURE_HSTS_SECONDS,
        SESSION_COOKIE_SECURE=True,
        CSRF_COOKIE_SECURE=True,
    ):
        call_command("collectstatic", "--no-input", verbosity=0)
        yield tmp_path / "static"


def test_a_hashed_static_file_is_served_compressed_and_cached_for_good_without_a_login(prod_static, client):
    url = static("css/app.css")
    assert HASHED_NAME.match(url), url
    assert (prod_static / url.removeprefix("/static/")).with_suffix(".css.gz").is_file()

    response = client.get(url, secure=True, headers={"accept-encoding": "gzip"})

    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert "immutable" in response["Cache-Control"]
    assert "max-age=315360000" in response["Cache-Control"]


def test_pages_under_the_production_settings_keep_the_enforced_csp(prod_static, client):
    response = client.get("/accounts/login/", secure=True)

    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    page = response.content.decode()
    assert_no_inline_script_or_style(page)
    assert re.search(r'src="/static/js/app\.[0-9a-f]{12}\.js"', page)


def test_media_is_not_served_as_static(prod_static, client, settings):
    (settings.MEDIA_ROOT / "evidence").mkdir(parents=True)
    (settings.MEDIA_ROOT / "evidence" / "proof.pdf").write_bytes(b"%PDF-1.4 secret")

    for url in ("/static/evidence/proof.pdf", "/media/evidence/proof.pdf", "/static/../var/media/"):
        response = client.get(url, secure=True)
        assert response.status_code in (302, 404), url
        assert b"secret" not in response.content
