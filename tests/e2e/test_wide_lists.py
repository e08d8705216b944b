"""At 1366 x 768 (a reviewer's laptop) the wide lists show every column without scrolling sideways, and the
error pages fit a phone with a way back (issue 11 items 9 and 11)."""

import datetime

import pytest
from playwright.sync_api import expect

from apps.accounts.models import Role
from apps.graduates.models import Graduate
from apps.park.services import assessment_record
from apps.refdata.models import Industry, Province
from apps.support.services import support_cases_open_for

from ..factories import make_class, make_college, make_graduate, make_major, make_user
from ..park.factories import admitted_tenant, make_site, make_unit
from ..park.test_dashboard import scores
from ..plans.factories import registered_plan
from .conftest import login

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "Mima-2020-hp"
LAPTOP = {"width": 1366, "height": 768}


@pytest.fixture
def long_names(db):
    """The longest names of the demo cohort: the college, major and class, a company, a unit, an employer."""
    college = make_college("旅游与酒店管理学院（国际教育学院）")
    klass = make_class(make_major(college, "建筑装饰工程技术"), "2017级建筑装饰工程技术1班")
    centre = make_user(Role.CENTRE, username="jyzx", password=PASSWORD, last_name="苏", first_name="玉敏")
    hubei = Province.objects.get(name="湖北省")
    for _ in range(3):
        graduate = make_graduate(
            klass,
            name="欧阳思雨",
            registered_poor=True,
            poverty_county=True,
            origin=hubei,
            phone="13812345678",
        )
        registered_plan(
            graduate, "12", datetime.date(2020, 7, 1), created_by=centre,
            employer_name="湖北省武汉市长江建筑装饰工程集团有限责任公司孝感分公司", work_province=hubei,
        )  # fmt: skip
    make_graduate(klass, name="李明", registered_poor=True)  # no destination: flagged on the ledger
    support_cases_open_for(graduates=Graduate.objects.all())
    site = make_site("体育馆创业一条街（知行楼一楼东侧）")
    industry = Industry.objects.order_by("-name").first()
    for number in range(3):
        tenant = admitted_tenant(
            centre,
            units=[make_unit(site, f"A{number}1"), make_unit(site, f"A{number}2")],
            company_name=f"孝感市坤元网络科技与文化传媒有限公司第{number}分部",
            industry=industry,
            leader_name="欧阳思雨",
        )
        assessment_record(tenant=tenant, actor=centre, year=2020, scores=scores(85))
    return centre


@pytest.mark.parametrize(
    "path",
    [
        "/plans/all/",
        "/support/",
        "/support/?flagged=on",
        "/park/tenants/",
        "/graduates/",
        "/park/assessments/",
    ],
)
def test_every_column_of_a_wide_list_is_visible_at_1366_px(live_server, browser, long_names, path):
    context = browser.new_context(viewport=LAPTOP, locale="zh-CN")
    page = context.new_page()
    login(page, live_server, "jyzx", PASSWORD)
    page.goto(f"{live_server.url}{path}")
    table = page.locator("table.data").last
    expect(table.locator("tbody tr").first).to_be_visible()
    last_header = table.locator("thead th").last
    viewport_width = page.evaluate("document.documentElement.clientWidth")
    box = last_header.bounding_box()
    assert box["x"] + box["width"] <= viewport_width, (path, box, viewport_width)
    overflow = table.evaluate("t => t.parentElement.scrollWidth - t.parentElement.clientWidth")
    assert overflow <= 0, (path, overflow)  # nothing hidden to the right inside the table's box
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport_width
    context.close()


def test_a_404_on_a_phone_fits_the_screen_and_leads_home_or_back(live_server, phone_page, long_names):
    login(phone_page, live_server, "jyzx", PASSWORD)
    phone_page.goto(f"{live_server.url}/graduates/")
    phone_page.goto(f"{live_server.url}/graduates/999999/")
    expect(phone_page.get_by_role("heading", name="页面不存在")).to_be_visible()
    width = phone_page.evaluate("document.documentElement.clientWidth")
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= width
    for name in ("返回首页", "返回上一页"):
        box = phone_page.get_by_role("link", name=name).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width
    phone_page.get_by_role("link", name="返回上一页").click()
    expect(phone_page).to_have_url(f"{live_server.url}/graduates/")
    phone_page.goto(f"{live_server.url}/graduates/999999/")
    phone_page.get_by_role("link", name="返回首页").click()
    expect(phone_page).to_have_url(f"{live_server.url}/")
