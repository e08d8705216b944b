"""Live progress of a running job, kept in the cache shared by the web and worker processes.

An import is one transaction: rows it counts inside it could not be seen by the page through the database
until it commits (and SQLite would make the page wait for the lock), so the worker reports its counts here
instead and the job row gets them only at the phase boundaries, outside the transaction."""

import time
from collections.abc import Iterable, Iterator
from typing import TypeVar

from django.core.cache import cache

T = TypeVar("T")
KEY = "hpi:job:{pk}:progress"
TIMEOUT = 24 * 60 * 60
# Writing the cache on every row would cost more than the row; twice a second is all a page polls for.
MIN_INTERVAL = 0.5


def read(pk: int) -> dict | None:
    return cache.get(KEY.format(pk=pk))


def forget(pk: int) -> None:
    cache.delete(KEY.format(pk=pk))


class ProgressReporter:
    def __init__(self, pk: int):
        self.pk = pk
        self.phase = ""
        self.rows_done = 0
        self.rows_total = 0
        self._last_write = 0.0

    def set(self, *, phase: str | None = None, rows_done: int | None = None, rows_total: int | None = None):
        self.phase = phase if phase is not None else self.phase
        self.rows_done = rows_done if rows_done is not None else self.rows_done
        self.rows_total = rows_total if rows_total is not None else self.rows_total
        self._write()

    def count(self, rows_done: int) -> None:
        self.rows_done = rows_done
        if time.monotonic() - self._last_write >= MIN_INTERVAL:
            self._write()

    def counting(self, items: Iterable[T], *, phase_after: str | None = None) -> Iterator[T]:
        """``items`` as they are, counting each one as done when the next is asked for; at the end the
        phase becomes ``phase_after`` (what the loop's owner does next, e.g. writing)."""
        done = 0
        for done, item in enumerate(items, start=1):  # noqa: B007 (the count outlives the loop)
            yield item
            self.count(done)
        self.set(rows_done=done, phase=phase_after)

    def _write(self) -> None:
        self._last_write = time.monotonic()
        cache.set(
            KEY.format(pk=self.pk),
            {"phase": self.phase, "rows_done": self.rows_done, "rows_total": self.rows_total},
            TIMEOUT,
        )


class CountedRows(list):
    """A list whose iteration reports progress: handed to code that loops over its rows once (an import's
    check), it tells the page how far that loop got without that code knowing about jobs."""

    def __init__(self, rows: Iterable, reporter: ProgressReporter, *, phase_after: str | None = None):
        super().__init__(rows)
        self.reporter = reporter
        self.phase_after = phase_after

    def __iter__(self):
        return self.reporter.counting(super().__iter__(), phase_after=self.phase_after)
