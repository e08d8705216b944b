"""Keyset (seek) pagination for the long lists: a page is "the next N rows after this row's key", so a deep
page costs what the first one does (no OFFSET that makes the database read and throw away every row before
it: at 400,000 graduates the last page of an OFFSET list read all 400,000).

A list is ordered by ``ordering`` (field paths or annotations, ``-`` for descending) whose last key is unique
(学号, the primary key), so every row has one place. The links carry the key of the page's first or last row
(``after`` / ``before``, an opaque text), ``last`` for the last page, and ``n``, the page number shown (a label
the links keep, never used to find rows). ``?page=N`` (old links, bookmarks) is still read: a jump of at most
``MAX_OFFSET_PAGE`` pages by OFFSET (bounded cost); beyond the last page it is the last page, between the bound
and the last page it stops at the bound.
"""

import base64
import binascii
import datetime
import json
import math
from dataclasses import dataclass, field
from functools import cached_property

from django import forms
from django.db.models import Q, QuerySet

MAX_OFFSET_PAGE = 10
MAX_TOKEN_LENGTH = 600


class PageForm(forms.Form):
    """The paging parameters of a list URL, with bounds; anything invalid means the first page."""

    after = forms.CharField(required=False, max_length=MAX_TOKEN_LENGTH)
    before = forms.CharField(required=False, max_length=MAX_TOKEN_LENGTH)
    last = forms.BooleanField(required=False)
    n = forms.IntegerField(required=False, min_value=1, max_value=10_000_000)
    page = forms.CharField(required=False, max_length=20)


PAGE_PARAMETERS = tuple(PageForm.base_fields)


def without_page_parameters(query) -> str:
    """A list's query string (a ``QueryDict``) without the paging parameters: the filters the links keep."""
    query = query.copy()
    for name in PAGE_PARAMETERS:
        query.pop(name, None)
    return query.urlencode()


def encode_key(values: tuple) -> str:
    plain = [{"t": value.isoformat()} if isinstance(value, datetime.datetime) else value for value in values]
    return base64.urlsafe_b64encode(json.dumps(plain, ensure_ascii=False).encode()).decode().rstrip("=")


def decode_key(token: str, length: int) -> tuple | None:
    """The key a link carries, or None when it is not one of ours (edited, cut short, another list's)."""
    try:
        plain = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        return None
    if not isinstance(plain, list) or len(plain) != length:
        return None
    values = []
    for value in plain:
        if isinstance(value, dict) and isinstance(value.get("t"), str):
            try:
                value = datetime.datetime.fromisoformat(value["t"])
            except ValueError:
                return None
        elif not isinstance(value, (int, str)) or isinstance(value, bool):
            return None  # a key of a nullable or other column is never written by encode_key
        values.append(value)
    return tuple(values)


@dataclass
class KeysetPage:
    paginator: "KeysetPaginator"
    object_list: list
    number: int
    has_next: bool
    has_previous: bool
    next_key: str = ""
    previous_key: str = ""
    extra: dict = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.object_list)

    def __iter__(self):
        return iter(self.object_list)

    @property
    def next_page_number(self) -> int:
        return min(self.number + 1, self.paginator.num_pages)

    @property
    def previous_page_number(self) -> int:
        return max(self.number - 1, 1)


class KeysetPaginator:
    """Pages of ``queryset`` in ``ordering`` (the last key unique), ``per_page`` rows each."""

    def __init__(self, queryset: QuerySet, per_page: int, *, ordering: tuple[str, ...]):
        self.queryset = queryset
        self.per_page = per_page
        self.ordering = ordering

    @cached_property
    def count(self) -> int:
        return self.queryset.count()

    @property
    def num_pages(self) -> int:
        return max(1, math.ceil(self.count / self.per_page))

    def get_page(self, params) -> KeysetPage:
        """The page ``params`` (a ``QueryDict``) ask for: first, after or before a key, last, or ``?page=N``."""
        form = PageForm(params)
        if not form.is_valid():
            return self._first()
        data = form.cleaned_data
        number = data["n"] or 1
        length = len(self.ordering)
        if data["after"] and (key := decode_key(data["after"], length)) is not None:
            return self._after(key, number)
        if data["before"] and (key := decode_key(data["before"], length)) is not None:
            return self._before(key, number)
        if data["last"]:
            return self._last()
        if data["page"]:
            return self._numbered(data["page"])
        return self._first()

    # The pages.

    def _first(self) -> KeysetPage:
        rows = list(self._ordered()[: self.per_page + 1])
        return self._page(
            rows[: self.per_page], number=1, has_next=len(rows) > self.per_page, has_previous=False
        )

    def _after(self, key: tuple, number: int) -> KeysetPage:
        rows = list(self._ordered().filter(self._beyond(key, forward=True))[: self.per_page + 1])
        return self._page(rows[: self.per_page], number=number, has_next=len(rows) > self.per_page,
                          has_previous=True)  # fmt: skip

    def _before(self, key: tuple, number: int) -> KeysetPage:
        rows = list(self._ordered(reverse=True).filter(self._beyond(key, forward=False))[: self.per_page + 1])
        has_previous = len(rows) > self.per_page
        return self._page(rows[: self.per_page][::-1], number=max(1, number) if has_previous else 1,
                          has_next=True, has_previous=has_previous)  # fmt: skip

    def _last(self) -> KeysetPage:
        # What is left after the full pages, so the pages line up with those counted from the first.
        size = self.count - (self.num_pages - 1) * self.per_page
        rows = list(self._ordered(reverse=True)[:size])
        has_previous = self.num_pages > 1
        return self._page(rows[::-1], number=self.num_pages, has_next=False, has_previous=has_previous)

    def _numbered(self, page: str) -> KeysetPage:
        try:
            number = int(page)
        except ValueError:
            return self._first()
        if number >= self.num_pages and number > 1:
            return self._last()
        number = max(1, min(number, MAX_OFFSET_PAGE))
        start = (number - 1) * self.per_page
        rows = list(self._ordered()[start : start + self.per_page + 1])
        return self._page(rows[: self.per_page], number=number, has_next=len(rows) > self.per_page,
                          has_previous=number > 1)  # fmt: skip

    # Helpers.

    def _ordered(self, *, reverse: bool = False) -> QuerySet:
        flipped = [name[1:] if name.startswith("-") else f"-{name}" for name in self.ordering]
        return self.queryset.order_by(*(flipped if reverse else self.ordering))

    def _beyond(self, key: tuple, *, forward: bool) -> Q:
        """Rows after ``key`` in the ordering (before it when not ``forward``): (a > x) or (a = x and b > y) ..."""
        condition = Q()
        for position, name in enumerate(self.ordering):
            path = name.lstrip("-")
            ascending = not name.startswith("-")
            lookup = "gt" if ascending == forward else "lt"
            step = Q(**{f"{self.ordering[i].lstrip('-')}": key[i] for i in range(position)})
            step &= Q(**{f"{path}__{lookup}": key[position]})
            condition |= step
        return condition

    def key_of(self, row) -> tuple:
        values = []
        for name in self.ordering:
            value = row
            for part in name.lstrip("-").split("__"):
                value = getattr(value, part)
            values.append(value)
        return tuple(values)

    def _page(self, rows: list, *, number: int, has_next: bool, has_previous: bool) -> KeysetPage:
        page = KeysetPage(self, rows, min(number, self.num_pages), has_next, has_previous)
        if rows:
            page.next_key = encode_key(self.key_of(rows[-1])) if has_next else ""
            page.previous_key = encode_key(self.key_of(rows[0])) if has_previous else ""
        return page
