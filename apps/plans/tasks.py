"""Notification mail sent outside the request: a slow or failing SMTP server must not slow down or break a
move. One task per batch; its argument is the list of (subject, message, recipient) triples, JSON-serialisable
for the database and Redis backends."""

import logging

from django.conf import settings
from django.core.mail import send_mass_mail
from django.tasks import task

logger = logging.getLogger(__name__)


@task()
def send_notification_mail(mails: list[list[str]]) -> int:
    """Send each (subject, message, to) mail; a failure is logged, not raised, so the backend does not retry
    the batch for ever and the recipients still have the in-app notification. Returns how many were sent."""
    messages = [(subject, message, settings.DEFAULT_FROM_EMAIL, [to]) for subject, message, to in mails]
    try:
        return send_mass_mail(messages, fail_silently=False)
    except Exception:
        logger.exception("could not send %s notification mails", len(messages))
        return 0
