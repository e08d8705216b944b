"""The demo's records carry the dates of the demo story (May-December 2020), not the day it was loaded."""

import datetime
from contextlib import contextmanager

from django.utils import timezone


def story_time(day: datetime.date, at: datetime.time = datetime.time(10)) -> datetime.datetime:
    """``day`` at ``at`` in the college's time zone (settings.TIME_ZONE)."""
    return timezone.make_aware(datetime.datetime.combine(day, at))


@contextmanager
def historical_times(*models):
    """Let bulk inserts keep the times they are given: the demo writes May-December 2020, not today.

    ``auto_now``/``auto_now_add`` fields fill in "now" on insert; they are switched off for the duration only.
    """
    fields = [
        f for model in models for f in model._meta.concrete_fields if getattr(f, "auto_now", False)
        or getattr(f, "auto_now_add", False)
    ]  # fmt: skip
    saved = [(f, f.auto_now, f.auto_now_add) for f in fields]
    for f in fields:
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, auto_now, auto_now_add in saved:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add
