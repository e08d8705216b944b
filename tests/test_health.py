"""GET /healthz: the trivial view beside which the load test measures the rush (benchmarks/loadtest)."""

from django.urls import reverse

# No django_db mark: any query the view or the middleware ran would fail the test.


def test_healthz_answers_ok_in_plain_text_without_a_login(client):
    # when
    response = client.get(reverse("healthz"))
    # then
    assert response.status_code == 200
    assert response.content == b"ok"
    assert response["Content-Type"] == "text/plain; charset=utf-8"


def test_healthz_sets_no_cookie_and_keeps_the_security_headers(client):
    response = client.get(reverse("healthz"))
    assert not response.cookies  # no session, no CSRF token
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert "default-src 'self'" in response["Content-Security-Policy"]


def test_healthz_refuses_anything_but_get_and_head(client):
    assert client.head(reverse("healthz")).status_code == 200
    assert client.post(reverse("healthz")).status_code == 405
