"""Browser: a counsellor opens a chase list from the progress page, reveals a phone and notifies two graduates."""

import re

import pytest
from playwright.sync_api import expect

from apps.accounts.models import Role
from apps.followup.views import MSG_NOTIFIED
from apps.plans.models import Notification
from apps.releases.models import DataRelease, ReleaseKind

from ..factories import make_class, make_college, make_graduate, make_major, make_student_user, make_user
from .conftest import login

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "Mima-2020-hp"


def test_counsellor_opens_a_chase_list_from_progress_and_notifies_two(live_server, page, artifacts_dir):
    # given a counsellor's class of three graduates, none registered, and another class they do not have
    college = make_college("护理学院")
    klass = make_class(make_major(college, "护理"), "2017级护理1班")
    graduates = [make_graduate(klass, name=name, phone=f"1381234567{n}") for n, name in enumerate("甲乙丙")]
    for graduate in graduates:
        make_student_user(graduate)
    make_graduate(make_class(make_major(college, "助产"), "2017级助产1班"), name="丁")
    counsellor = make_user(Role.COUNSELLOR, username="fdy", password=PASSWORD)
    counsellor.classes.add(klass)
    page.set_viewport_size({"width": 1366, "height": 900})

    # when the counsellor opens the progress page and clicks the college's 未就业 count
    login(page, live_server, "fdy", PASSWORD)
    page.get_by_role("link", name="就业进度").first.click()
    page.locator("#rate-by-college a.chase-link").first.click()

    # then the chase list of those three, with the filters in the URL
    expect(page.locator("h1")).to_have_text("催报名单")
    expect(page.locator("#result-count")).to_have_text("3")
    assert re.search(r"kind=not_employed", page.url) and f"college={college.pk}" in page.url

    # when they reveal one phone, the full number shows and the reveal is logged
    first_row = page.locator("#chase-table tbody tr").first
    expect(first_row.locator(".phone")).to_contain_text("****")
    first_row.get_by_role("button", name="查看").click()
    expect(first_row.locator(".phone")).to_have_text(re.compile(r"^1381234567\d$"))
    assert DataRelease.objects.filter(kind=ReleaseKind.PHONE_REVEAL, user=counsellor).count() == 1

    # when they tick two graduates and notify them
    page.get_by_label("选择 甲").check()
    page.get_by_label("选择 乙").check()
    page.get_by_role("button", name="通知所选毕业生").click()

    # then back on the same list (filters kept) with how many were told, and the two have the note
    expect(page.locator(".messages")).to_contain_text(MSG_NOTIFIED.format(notified=2, missing=0))
    expect(page.locator("#result-count")).to_have_text("3")
    assert f"college={college.pk}" in page.url
    told = set(Notification.objects.values_list("recipient__graduate__name", flat=True))
    assert told == {"甲", "乙"}
    page.screenshot(path=str(artifacts_dir / "chase-notified.png"), full_page=True)

    # and select-all ticks every row of the page
    page.locator("#select-all").check()
    expect(page.locator("input.pick:checked")).to_have_count(3)
