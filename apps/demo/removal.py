"""Helpers for the demo loaders' ``reset``, which deletes the demo's rows before writing them again."""

from contextlib import contextmanager

from django.test.utils import override_settings


@contextmanager
def without_history():
    """Delete without django-simple-history writing a "deleted" row for each of the thousands of graduates and
    plans a reset removes (it purges their history instead): 10 s instead of 80 s for the demo cohort.

    ``SIMPLE_HISTORY_ENABLED`` is the library's own switch, read on every save and delete; the loaders run as
    management commands, one thread, so switching it for the duration of a removal touches nothing else."""
    with override_settings(SIMPLE_HISTORY_ENABLED=False):
        yield
