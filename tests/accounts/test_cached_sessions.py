"""Sessions are read from a cache before the database (settings: cached_db, issue 14's load test): a page
costs no session query, and still every way of ending a session ends it at once, in every worker."""

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

pytestmark = pytest.mark.django_db

MINE = reverse("plans:mine")


def _session_queries(captured) -> list[str]:
    return [q["sql"] for q in captured.captured_queries if '"django_session"' in q["sql"]]


@pytest.fixture
def signed_in(client, org):
    client.force_login(org.student)
    client.get(MINE)  # stamps the session's activity (a write through to the database)
    return client


def _same_browser(client) -> Client:
    """Another client holding the same session cookie: the same browser reaching another worker."""
    other = Client()
    other.cookies = client.cookies
    return other


def test_a_signed_in_page_reads_no_session_from_the_database(signed_in):
    with CaptureQueriesContext(connection) as captured:
        assert signed_in.get(MINE).status_code == 200
    assert _session_queries(captured) == []


def test_the_database_keeps_every_session_the_cache_holds(signed_in):
    key = signed_in.cookies["sessionid"].value
    assert Session.objects.filter(session_key=key).exists()


def test_logging_out_ends_the_session_for_every_copy_of_the_cookie(signed_in):
    stolen = _same_browser(signed_in)
    assert stolen.get(MINE).status_code == 200
    signed_in.post(reverse("accounts:logout"))
    assert stolen.get(MINE).status_code == 302


def test_a_deactivated_account_is_signed_out_at_its_next_request(signed_in, org):
    org.student.is_active = False
    org.student.save(update_fields=["is_active"])
    assert signed_in.get(MINE).status_code == 302


def test_a_password_set_elsewhere_ends_the_old_session(signed_in, org):
    org.student.set_password("another-pass-123")
    org.student.save(update_fields=["password"])
    assert signed_in.get(MINE).status_code == 302
