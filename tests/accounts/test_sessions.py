"""Session lifetimes (issue 12, item 8): staff sessions end after 8 idle hours and with the browser; students'
after a shorter span than Django's 14 days."""

import time

import pytest
from django.conf import settings
from django.urls import reverse

from apps.accounts.middleware import LAST_ACTIVITY_KEY, MSG_SESSION_IDLE

from ..factories import log_in

pytestmark = pytest.mark.django_db

DJANGO_DEFAULT_SESSION_AGE = 14 * 24 * 3600


def _age_the_session(client, seconds: float) -> None:
    session = client.session
    session[LAST_ACTIVITY_KEY] = time.time() - seconds
    session.save()


def test_a_staff_session_ends_with_the_browser(client, org):
    assert log_in(client, org.counsellor.username, "pass-12345")
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["max-age"] == "" and cookie["expires"] == ""
    assert client.session.get_expire_at_browser_close()


def test_a_students_session_lasts_less_than_djangos_default(client, org):
    assert log_in(client, org.student.username, "pass-12345")
    age = client.session.get_expiry_age()
    assert age == settings.HPI_STUDENT_SESSION_IDLE_SECONDS < DJANGO_DEFAULT_SESSION_AGE
    assert int(client.cookies[settings.SESSION_COOKIE_NAME]["max-age"]) == age


def test_a_staff_session_idle_for_longer_than_eight_hours_is_ended(client, org):
    assert settings.HPI_STAFF_SESSION_IDLE_SECONDS == 8 * 3600
    assert log_in(client, org.counsellor.username, "pass-12345")
    _age_the_session(client, settings.HPI_STAFF_SESSION_IDLE_SECONDS + 60)
    response = client.get(reverse("plans:queue"), follow=True)
    assert response.redirect_chain[0][0].startswith(reverse("accounts:login"))
    assert str(MSG_SESSION_IDLE) in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_staff_session_in_use_goes_on(client, org):
    assert log_in(client, org.counsellor.username, "pass-12345")
    _age_the_session(client, settings.HPI_STAFF_SESSION_IDLE_SECONDS - 600)
    assert client.get(reverse("plans:queue")).status_code == 200
    # the request counted as activity: the clock starts again
    assert time.time() - client.session[LAST_ACTIVITY_KEY] < 60


def test_a_students_session_outlives_a_staff_idle_span_but_not_its_own(client, org):
    assert log_in(client, org.student.username, "pass-12345")
    _age_the_session(client, settings.HPI_STAFF_SESSION_IDLE_SECONDS + 60)
    own_record = reverse("graduates:detail", args=[org.own_graduate.pk])
    assert client.get(own_record).status_code == 200
    _age_the_session(client, settings.HPI_STUDENT_SESSION_IDLE_SECONDS + 60)
    response = client.get(own_record)
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))
