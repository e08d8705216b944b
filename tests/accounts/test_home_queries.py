"""The staff home counts the reviewer's unread notifications once: the top bar's count, not a second one."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.plans.models import Notification

pytestmark = pytest.mark.django_db


def test_the_staff_home_counts_unread_notifications_once(client, org):
    for text in ("一", "二"):
        Notification.objects.create(recipient=org.counsellor, message=f"通知{text}")
    client.force_login(org.counsellor)
    client.get(reverse("home"))
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("home"))
    assert '<span class="count-badge">2</span>' in response.content.decode()
    counts = [
        q["sql"]
        for q in captured.captured_queries
        if q["sql"].upper().startswith("SELECT COUNT(") and 'FROM "plans_notification"' in q["sql"]
    ]
    assert len(counts) == 1
