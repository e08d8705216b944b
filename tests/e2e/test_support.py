import pytest
from playwright.sync_api import expect

from apps.accounts.models import Role
from apps.graduates.models import Graduate
from apps.support.models import ActionKind, SupportCase
from apps.support.services import support_cases_open_for

from ..factories import make_class, make_college, make_graduate, make_major, make_user
from .conftest import login

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "Mima-2020-hp"


def test_a_counsellor_logs_a_job_recommendation_and_the_flag_goes(live_server, page):
    # given a counsellor's class with a 建档立卡 graduate whose case has no action yet, and a classmate
    klass = make_class(make_major(make_college("护理学院"), "护理"), "2017级护理1班")
    poor = make_graduate(klass, name="王小红", registered_poor=True)
    make_graduate(klass, name="李明")
    counsellor = make_user(
        Role.COUNSELLOR, username="fdy", password=PASSWORD, last_name="张", first_name="老师"
    )
    counsellor.classes.add(klass)
    support_cases_open_for(graduates=Graduate.objects.all())

    # when the counsellor opens the ledger at the 31 August cut-off
    login(page, live_server, "fdy", PASSWORD)
    page.get_by_role("link", name="帮扶台账", exact=True).click()  # the menu, not the home card
    expect(page.locator("#result-count")).to_have_text("1")  # only the group, not the classmate
    row = page.locator("#ledger tbody tr", has_text="王小红")
    expect(row).to_have_class("flagged")
    expect(row).to_contain_text("无记录")
    expect(page.locator("#school-average")).to_be_visible()

    # and records a job recommended first, first forgetting the position
    row.get_by_role("link", name=poor.student_no).click()
    expect(page.locator("#case-responsible")).to_contain_text("张老师")
    page.get_by_label("帮扶方式").select_option(label="推荐岗位")
    page.get_by_label("帮扶日期").fill("2020-08-25")
    page.get_by_label("帮扶记录").fill("优先推荐护理岗位，已推送招聘信息")
    page.get_by_label("推荐单位（推荐岗位时必填）").fill("孝感市中心医院")
    page.get_by_role("button", name="保存记录").click()
    expect(page.locator("#action-form")).to_contain_text("推荐岗位须写明推荐单位和岗位名称")
    page.get_by_label("推荐岗位（推荐岗位时必填）").fill("护士")
    page.get_by_role("button", name="保存记录").click()

    # then the entry is in the case's log, and on the ledger the flag is gone
    expect(page.locator(".messages")).to_contain_text("帮扶记录已保存")
    expect(page.locator("#action-log")).to_contain_text("孝感市中心医院 · 护士")
    page.get_by_role("link", name="返回台账").click()
    row = page.locator("#ledger tbody tr", has_text="王小红")
    expect(row).not_to_have_class("flagged")
    expect(row).to_contain_text("2020-08-25 推荐岗位")
    entry = SupportCase.objects.get(graduate=poor).actions.get()
    assert (entry.kind, entry.author, entry.employer_name, entry.position) == (
        ActionKind.JOB, counsellor, "孝感市中心医院", "护士",
    )  # fmt: skip
