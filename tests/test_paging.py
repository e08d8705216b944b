"""Keyset pages (``apps.paging``) of the two long lists, the graduate list and the chase list: walking the
links forward and back shows every row once, in order, with the filters kept; a deep page's query has no
OFFSET and costs the same number of queries as the first."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from apps.followup.selectors import ChaseKind
from apps.graduates import place_choices
from apps.graduates.models import Graduate
from apps.paging import MAX_OFFSET_PAGE, decode_key, encode_key
from apps.plans.models import DestinationPlan

from .factories import make_graduate, make_student_user
from .plans.factories import submitted_plan

pytestmark = pytest.mark.django_db

LIST = "graduates:list"
CHASE = "followup:chase"
AUG_31 = "2020-08-31"
NEXT = re.compile(r'rel="next" href="\?([^"]+)"')
PREVIOUS = re.compile(r'rel="prev" href="\?([^"]+)"')


def follow(client, url: str, params: dict, pattern: re.Pattern, start: str = "") -> list[list[str]]:
    """The 学号 of each page, from the first (or ``start``, a query string) along the ``pattern`` links."""
    pages = []
    response = client.get(f"{reverse(url)}?{start}" if start else reverse(url), params if not start else None)
    for _ in range(50):  # more pages than any list here has: a link going round in circles fails the test
        pages.append([_student_no(row) for row in response.context["page"].object_list])
        found = pattern.search(response.content.decode())
        if found is None:
            return pages
        response = client.get(f"{reverse(url)}?{found[1].replace('&amp;', '&')}")
    raise AssertionError("the links never end")


def _student_no(row) -> str:
    return getattr(row, "student_no", None) or row.graduate.student_no


def page_sql(client, url: str, query: str) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"{reverse(url)}?{query}")
    assert response.status_code == 200
    return [q["sql"] for q in queries.captured_queries]


@pytest.fixture
def many(org):
    """45 more graduates in B1 (51 in all), for pages of 20."""
    return [make_graduate(org.class_b1) for _ in range(45)]


def test_the_graduate_list_walked_forward_and_back_shows_everyone_once_in_order(client, org, many):
    client.force_login(org.centre)
    forward = follow(client, LIST, {"size": 20}, NEXT)
    flat = [no for page in forward for no in page]
    assert [len(page) for page in forward] == [20, 20, 11]
    assert flat == sorted(Graduate.objects.values_list("student_no", flat=True))
    # back from the last page (末页) along 上一页: the same pages, in reverse
    backward = follow(client, LIST, {}, PREVIOUS, start="size=20&last=1")
    assert backward == forward[::-1]


def test_the_graduate_lists_links_keep_the_filters(client, org, many):
    client.force_login(org.centre)
    pages = follow(client, LIST, {"size": 20, "class_group": org.class_b1.pk}, NEXT)
    flat = [no for page in pages for no in page]
    assert len(flat) == len(set(flat)) == 45 + len(org.graduates["b1"])
    assert set(flat) == {g.student_no for g in many} | {g.student_no for g in org.graduates["b1"]}


def test_a_deep_page_of_the_graduate_list_has_no_offset_and_costs_what_the_first_does(client, org, many):
    client.force_login(org.centre)
    client.get(reverse(LIST), {"size": 20})  # warm the session
    first = page_sql(client, LIST, "size=20")
    response = client.get(reverse(LIST), {"size": 20})
    second_link = NEXT.search(response.content.decode())[1].replace("&amp;", "&")
    deep = page_sql(client, LIST, second_link)
    last = page_sql(client, LIST, "size=20&last=1")
    assert len(deep) == len(first) == len(last)
    for sql in deep + last:
        assert " OFFSET " not in sql.upper(), sql


def test_an_edited_or_foreign_key_in_the_link_is_the_first_page_not_a_500(client, org, many):
    client.force_login(org.centre)
    first = [g.student_no for g in client.get(reverse(LIST), {"size": 20}).context["page"].object_list]
    for bad in ("x", "!!!", encode_key((1, 2, 3)), encode_key((True,)), "A" * 700):
        response = client.get(reverse(LIST), {"size": 20, "after": bad})
        assert response.status_code == 200
        assert [g.student_no for g in response.context["page"].object_list] == first


def test_an_old_page_number_link_still_opens_that_page_up_to_the_bound(client, org, many):
    client.force_login(org.centre)
    forward = follow(client, LIST, {"size": 20}, NEXT)
    second = client.get(reverse(LIST), {"size": 20, "page": 2}).context["page"]
    assert [g.student_no for g in second.object_list] == forward[1] and second.number == 2
    beyond = client.get(reverse(LIST), {"size": 20, "page": 99}).context["page"]
    assert [g.student_no for g in beyond.object_list] == forward[-1] and beyond.number == 3
    assert MAX_OFFSET_PAGE >= 2


def test_the_chase_list_walked_by_its_links_shows_every_graduate_once_in_its_order(client, org, many):
    client.force_login(org.centre)
    params = {"as_of": AUG_31, "kind": ChaseKind.NOT_REGISTERED, "size": 20}
    pages = follow(client, CHASE, params, NEXT)
    flat = [no for page in pages for no in page]
    assert [len(page) for page in pages] == [20, 20, 11]
    assert len(set(flat)) == 51
    # by college, class, then 学号 (chase_list's order): the two of college A first
    whole = client.get(reverse(CHASE), {**params, "size": 100}).context["rows"]
    assert flat == [row.graduate.student_no for row in whole]
    backward = follow(client, CHASE, {}, PREVIOUS, start=f"as_of={AUG_31}&kind={ChaseKind.NOT_REGISTERED}"
                      "&size=20&last=1")  # fmt: skip
    assert backward == pages[::-1]


def test_a_deep_chase_page_has_no_offset_and_the_same_queries_as_the_first(client, org, many):
    client.force_login(org.centre)
    base = f"as_of={AUG_31}&kind={ChaseKind.NOT_EMPLOYED}&size=20"
    client.get(f"{reverse(CHASE)}?{base}")
    first = page_sql(client, CHASE, base)
    response = client.get(f"{reverse(CHASE)}?{base}")
    deep = page_sql(client, CHASE, NEXT.search(response.content.decode())[1].replace("&amp;", "&"))
    last = page_sql(client, CHASE, f"{base}&last=1")
    assert len(deep) == len(first) == len(last)
    for sql in deep + last:
        assert " OFFSET " not in sql.upper(), sql


def test_the_waiting_list_pages_by_its_wait_a_time_in_the_key(client, org):
    # given three plans waiting 5, 4 and 3 days at the counsellor
    graduates = [*org.graduates["a1"], org.graduates["a2"][0]]
    for days, graduate in zip((5, 4, 3), graduates, strict=True):
        if graduate.user_id is None:
            make_student_user(graduate)
        plan = submitted_plan(org, graduate)
        DestinationPlan.objects.filter(pk=plan.pk).update(
            status_changed_at=timezone.now() - datetime.timedelta(days=days, hours=1)
        )
    client.force_login(org.centre)
    today = timezone.localdate().isoformat()
    # when the page after the first row's key is asked for (the form's pages hold 20 at least)
    response = client.get(reverse(CHASE), {"kind": ChaseKind.WAITING, "as_of": today, "days": 0})
    rows = response.context["rows"]
    assert [r.graduate for r in rows] == graduates  # longest wait first
    page = response.context["page"]
    key = page.paginator.key_of(page.object_list[0])
    assert isinstance(key[0], datetime.datetime)
    after_first = client.get(
        reverse(CHASE), {"kind": ChaseKind.WAITING, "as_of": today, "days": 0, "after": encode_key(key)}
    )
    assert [r.graduate for r in after_first.context["rows"]] == graduates[1:]
    assert decode_key(encode_key(key), 3) == key


@pytest.fixture
def few_offered(monkeypatch):
    """A scope "too long" for the selects from 3 classes on, as a province's thousands are."""
    monkeypatch.setattr(place_choices, "MAX_OFFERED", 2)


def options(html: str, name: str) -> list[str]:
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S)[1]
    return re.findall(r'<option value="([^"]*)"', select)


@pytest.mark.parametrize("url", [LIST, CHASE])
def test_a_long_scope_offers_the_classes_of_the_chosen_college_and_still_takes_any(client, org, few_offered,
                                                                                   url):  # fmt: skip
    client.force_login(org.centre)
    params = {"as_of": AUG_31} if url == CHASE else {}
    # nothing chosen: no class offered, only the prompt
    html = client.get(reverse(url), params).content.decode()
    assert options(html, "class_group") == [""]
    # a college chosen: its two classes
    html = client.get(reverse(url), {**params, "college": org.class_a1.major.college_id}).content.decode()
    assert sorted(options(html, "class_group")) == sorted(["", str(org.class_a1.pk), str(org.class_a2.pk)])
    # a class from the URL without its college is still the filter, and shown as chosen
    response = client.get(reverse(url), {**params, "class_group": org.class_b1.pk})
    assert options(response.content.decode(), "class_group") == ["", str(org.class_b1.pk)]
    shown = response.context["page"].object_list
    assert {_student_no(row) for row in shown} == {g.student_no for g in org.graduates["b1"]}


def test_a_short_scope_offers_every_class_as_before(client, org):
    client.force_login(org.centre)
    html = client.get(reverse(LIST)).content.decode()
    assert len(options(html, "class_group")) == 1 + 3
