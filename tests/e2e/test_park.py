import datetime

import pytest
from playwright.sync_api import expect

from apps.accounts.models import Role
from apps.park.models import OperatingReport, ReviewStatus

from ..factories import make_user
from ..park.factories import admitted_tenant, make_site, make_unit
from .conftest import login

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "Mima-2020-hp"


def logout(page):
    page.get_by_role("button", name="退出").click()


def test_a_company_submits_its_report_on_a_phone_and_the_centre_approves_it(
    live_server, page, phone_page, artifacts_dir
):
    # given a company in the park, its leader's account and the centre
    centre = make_user(Role.CENTRE, username="jyzx", password=PASSWORD)
    leader = make_user(Role.TENANT, username="cyy01", password=PASSWORD, last_name="刘", first_name="坤")
    unit = make_unit(make_site("体育馆创业一条街"), "TY-01", "86.50")
    tenant = admitted_tenant(
        centre, units=[unit], members=[leader], company_name="孝感市坤元网络科技有限公司",
        move_in_on=datetime.date(2019, 9, 1),
    )  # fmt: skip

    # when the leader logs in on a phone and submits November's operating report
    phone = phone_page
    login(phone, live_server, "cyy01", PASSWORD)
    phone.get_by_role("link", name="创业园", exact=True).click()  # the menu, not the home card
    expect(phone.get_by_role("heading", level=1)).to_contain_text("孝感市坤元网络科技有限公司")
    phone.get_by_role("link", name="提交经营报表").click()
    phone.get_by_label("报表月份").fill("2020-11")
    phone.get_by_label("营业收入（元）").fill("36800")
    phone.get_by_label("员工人数").fill("6")
    phone.get_by_label("吸纳高校毕业生（人）").fill("4")
    phone.get_by_role("button", name="提交").click()
    expect(phone.locator(".messages")).to_contain_text("经营报表已提交")
    expect(phone.locator("#report-status")).to_have_text("待审核")
    phone.screenshot(path=str(artifacts_dir / "park-report-submitted.png"), full_page=True)

    # then the centre finds it among the reports and approves it
    login(page, live_server, "jyzx", PASSWORD)
    page.get_by_role("link", name="创业园", exact=True).click()
    expect(page.locator("#stat-tenants")).to_have_text("1")
    page.get_by_role("link", name="经营报表").first.click()
    page.get_by_role("link", name=tenant.company_name).click()
    page.get_by_role("button", name="审核通过").click()
    expect(page.locator(".messages")).to_contain_text("已审核通过")
    expect(page.locator("#report-status")).to_have_text("已通过")
    page.screenshot(path=str(artifacts_dir / "park-report-approved.png"), full_page=True)

    report = OperatingReport.objects.get(tenant=tenant)
    assert (report.status, report.reviewed_by_id, report.period) == (
        ReviewStatus.APPROVED, centre.pk, datetime.date(2020, 11, 1),
    )  # fmt: skip

    # and the leader sees the approval on their company's page, and no other company's pages
    phone.goto(f"{live_server.url}/park/")
    expect(phone.locator("#tenant-reports")).to_contain_text("已通过")
    assert phone.goto(f"{live_server.url}/park/dashboard/").status == 403
