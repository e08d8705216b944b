"""The leavers' handover (离校未就业) pages by key like the chase list (``apps.paging``): its links reach the
last page and come back, every leaver once in the list's order, a deep page without OFFSET and at the first
page's query count; an old ``?page=N`` link still opens that page, up to the bound."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.paging import MAX_OFFSET_PAGE

from ..factories import make_graduate

pytestmark = pytest.mark.django_db

LEAVERS = "followup:leavers"
BASE = "as_of=2020-08-31&size=20"
NEXT = re.compile(r'rel="next" href="\?([^"]+)"')
PREVIOUS = re.compile(r'rel="prev" href="\?([^"]+)"')
LAST = re.compile(r'href="\?([^"]*last=1[^"]*)"')


def _link(response, pattern: re.Pattern) -> str | None:
    found = pattern.search(response.content.decode())
    return found[1].replace("&amp;", "&") if found else None


def _shown(response) -> list[str]:
    return [graduate.student_no for graduate, _reason, _support in response.context["rows"]]


def follow(client, query: str, pattern: re.Pattern) -> list[list[str]]:
    """The 学号 shown on each page, from ``query`` along the ``pattern`` links."""
    pages = []
    response = client.get(f"{reverse(LEAVERS)}?{query}")
    for _ in range(20):  # more than the list's pages: links going round in circles fail the test
        pages.append(_shown(response))
        query = _link(response, pattern)
        if query is None:
            return pages
        response = client.get(f"{reverse(LEAVERS)}?{query}")
    raise AssertionError("the links never end")


def page_sql(client, query: str) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"{reverse(LEAVERS)}?{query}")
    assert response.status_code == 200
    return [q["sql"] for q in queries.captured_queries]


@pytest.fixture
def leavers(org, client):
    """45 more graduates in B1, none with a destination: 51 leavers, three pages of 20."""
    for _ in range(45):
        make_graduate(org.class_b1)
    client.force_login(org.centre)
    return client


def test_the_links_reach_the_last_page_and_back_showing_every_leaver_once_in_order(leavers):
    client = leavers
    forward = follow(client, BASE, NEXT)
    assert [len(page) for page in forward] == [20, 20, 11]
    flat = [no for page in forward for no in page]
    whole = _shown(client.get(f"{reverse(LEAVERS)}?as_of=2020-08-31&size=100"))
    assert flat == whole and len(set(flat)) == 51
    # the first page's 末页 link opens the last page, numbered 3 of 3
    last_link = _link(client.get(f"{reverse(LEAVERS)}?{BASE}"), LAST)
    last = client.get(f"{reverse(LEAVERS)}?{last_link}")
    assert _shown(last) == forward[-1]
    assert (last.context["page"].number, last.context["page"].paginator.num_pages) == (3, 3)
    # and 上一页 from there walks the same pages back
    assert follow(client, last_link, PREVIOUS) == forward[::-1]


def test_a_deep_page_has_no_offset_and_costs_the_first_pages_queries(leavers):
    client = leavers
    client.get(f"{reverse(LEAVERS)}?{BASE}")  # warm the session
    first = page_sql(client, BASE)
    second_page = _link(client.get(f"{reverse(LEAVERS)}?{BASE}"), NEXT)
    assert second_page is not None and "after=" in second_page
    deep = page_sql(client, second_page)
    last = page_sql(client, f"{BASE}&last=1")
    assert len(deep) == len(first) == len(last)
    for sql in deep + last:
        assert " OFFSET " not in sql.upper(), sql


def test_an_old_page_number_still_opens_that_page_and_beyond_the_last_is_the_last(leavers):
    client = leavers
    forward = follow(client, BASE, NEXT)
    second = client.get(f"{reverse(LEAVERS)}?{BASE}&page=2")
    assert _shown(second) == forward[1] and second.context["page"].number == 2
    beyond = client.get(f"{reverse(LEAVERS)}?{BASE}&page=99")
    assert _shown(beyond) == forward[-1] and beyond.context["page"].number == 3
    assert MAX_OFFSET_PAGE >= 2
