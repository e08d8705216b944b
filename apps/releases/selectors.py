"""Reads of the data-release log."""

import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from .models import DataRelease


def _local_midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def release_list(
    *,
    who: str = "",
    kind: str = "",
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
) -> QuerySet[DataRelease]:
    """The releases matching the filters, newest first; the day range is of local days, both ends included."""
    releases = DataRelease.objects.select_related("user")
    if who:
        releases = releases.filter(
            Q(user__username__icontains=who)
            | Q(user__last_name__icontains=who)
            | Q(user__first_name__icontains=who)
        )
    if kind:
        releases = releases.filter(kind=kind)
    # As time ranges, not created_at__date, so that the index on created_at serves them.
    if date_from:
        releases = releases.filter(created_at__gte=_local_midnight(date_from))
    if date_to:
        releases = releases.filter(created_at__lt=_local_midnight(date_to + datetime.timedelta(days=1)))
    return releases.order_by("-created_at", "-pk")
