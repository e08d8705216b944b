"""Notifications of the signed-in user."""

from django.db.models import (
    QuerySet,
)

from apps.accounts.models import User

from ..models import (
    Notification,
)


def unread_notifications(*, user: User) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user, read_at__isnull=True)


def notifications_for(*, user: User) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user).select_related("plan")
