import datetime

import pytest
from playwright.sync_api import expect

from apps.accounts.models import Role
from apps.refdata.models import NotEmployedReason, Province

from ..factories import make_class, make_college, make_graduate, make_major, make_user
from ..plans.factories import registered_plan
from .conftest import login

pytestmark = pytest.mark.django_db(transaction=True)


def test_centre_opens_the_annual_report_with_its_charts(live_server, page, artifacts_dir):
    # given a small cohort with destinations registered before the cut-off
    centre = make_user(Role.CENTRE, username="jyzx", password="Zhongxin-2020")
    klass = make_class(make_major(make_college("护理学院"), "护理"), "护理1班")
    other = make_class(make_major(make_college("机电工程学院", 2), "数控技术"), "数控1班")
    hubei = Province.objects.get(name="湖北省")
    for index in range(6):
        graduate = make_graduate(klass if index < 4 else other)
        if index < 4:
            registered_plan(graduate, "11", datetime.date(2020, 7, 1), created_by=centre, employer_name="某医院",
                            work_province=hubei)  # fmt: skip
        else:
            registered_plan(graduate, "70", datetime.date(2020, 7, 1), created_by=centre,
                            not_employed_reason=NotEmployedReason.objects.get(name="求职中"))  # fmt: skip

    # when the centre officer opens the report for 2020 at 08-31
    login(page, live_server, "jyzx", "Zhongxin-2020")
    page.get_by_role("link", name="质量报告").first.click()
    page.get_by_label("截止日期", exact=True).fill("2020-08-31")
    page.get_by_role("button", name="生成").click()

    # then the headline figures and the charts are there, drawn without any script
    expect(page.locator("#employment-rate")).to_have_text("66.67%")
    expect(page.locator("#table-by_category svg")).to_have_count(1)
    assert page.locator("svg.chart").count() >= 8
    page.screenshot(path=str(artifacts_dir / "annual-report.png"), full_page=True)

    # and the browser's print leaves out the menu, the form and the buttons, and keeps tables and charts
    page.emulate_media(media="print")
    expect(page.locator(".topbar")).to_be_hidden()
    expect(page.locator("form.filters")).to_be_hidden()
    expect(page.locator(".toolbar")).to_be_hidden()
    expect(page.locator("#table-by_category svg")).to_be_visible()
    (artifacts_dir / "annual-report.pdf").write_bytes(page.pdf(format="A4"))
