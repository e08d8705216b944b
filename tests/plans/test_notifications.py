"""Notifications are marked read by a POST the user makes, never by opening the page."""

import pytest
from django.urls import reverse

from apps.plans.models import Notification
from apps.plans.views import MSG_NOTIFICATIONS_READ

pytestmark = pytest.mark.django_db


def _notify(user, count: int = 2) -> None:
    Notification.objects.bulk_create(Notification(recipient=user, message=f"通知 {i}") for i in range(count))


def test_opening_the_notifications_page_marks_nothing_read(client, org):
    _notify(org.student)
    client.force_login(org.student)
    response = client.get(reverse("plans:notifications"))
    assert response.status_code == 200
    assert Notification.objects.filter(recipient=org.student, read_at__isnull=True).count() == 2


def test_marking_read_is_a_post_that_redirects_back_and_touches_only_own_notifications(client, org):
    _notify(org.student)
    _notify(org.counsellor, 1)
    client.force_login(org.student)
    response = client.post(reverse("plans:notifications_read"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("plans:notifications")
    assert str(MSG_NOTIFICATIONS_READ.format(count=2)) in response.content.decode()
    assert not Notification.objects.filter(recipient=org.student, read_at__isnull=True).exists()
    assert Notification.objects.filter(recipient=org.counsellor, read_at__isnull=True).count() == 1


def test_marking_read_by_get_is_refused(client, org):
    _notify(org.student)
    client.force_login(org.student)
    assert client.get(reverse("plans:notifications_read")).status_code == 405
    assert Notification.objects.filter(recipient=org.student, read_at__isnull=True).count() == 2
