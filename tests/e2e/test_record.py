"""Browser, on a phone: the student's home shows the registered destination at a glance, and the printable
registration record opens from it with its review trail and verification number; the centre checks it."""

import datetime

import pytest
from playwright.sync_api import expect

from apps.accounts.models import Role
from apps.followup.record import record_number
from apps.plans.models import DestinationPlan, PlanStatus

from ..factories import make_class, make_college, make_graduate, make_major, make_student_user, make_user
from ..plans.factories import employment_data
from .conftest import login

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "Mima-2020-hp"


def test_student_sees_the_destination_card_and_prints_the_record(
    live_server, phone_page, page, artifacts_dir
):
    # given a student whose plan the centre registered
    klass = make_class(make_major(make_college("护理学院"), "护理"), "2017级护理1班")
    graduate = make_graduate(klass, name="王小红")
    make_student_user(graduate, password=PASSWORD)
    centre = make_user(Role.CENTRE, username="jyzx", password=PASSWORD)
    plan = DestinationPlan.objects.create(
        graduate=graduate,
        status=PlanStatus.APPROVED,
        approved_on=datetime.date(2020, 7, 1),
        created_by=centre,
        **employment_data(),
    )

    # when the student logs in on a phone
    login(phone_page, live_server, graduate.student_no, PASSWORD)

    # then the card at the top of the home page says where they are registered, within the phone's width
    card = phone_page.locator("#destination-card")
    expect(card).to_contain_text("签劳动合同形式就业")
    expect(card).to_contain_text("已登记")
    box = card.bounding_box()
    assert box["y"] < 250 and box["x"] >= 0 and box["x"] + box["width"] <= 390
    phone_page.screenshot(path=str(artifacts_dir / "student-destination-card.png"), full_page=True)

    # when they open the record: the destination, the number, a print button
    card.get_by_role("link", name="登记记录（可打印）").click()
    expect(phone_page.locator("#record-destination")).to_contain_text("孝感市中心医院")
    number = record_number(plan)
    expect(phone_page.locator("#record-number")).to_have_text(number)
    expect(phone_page.get_by_role("button", name="打印 / 保存为 PDF")).to_be_visible()
    phone_page.emulate_media(media="print")
    expect(phone_page.locator(".topbar")).to_be_hidden()
    expect(phone_page.get_by_role("button", name="打印 / 保存为 PDF")).to_be_hidden()

    # and the centre checks the number on its lookup page
    login(page, live_server, "jyzx", PASSWORD)
    page.goto(f"{live_server.url}/followup/record/verify/")
    page.get_by_label("核验码").fill(number)
    page.get_by_role("button", name="核验").click()
    expect(page.locator("#record-found")).to_contain_text("王小红")
    expect(page.locator("#record-found")).to_contain_text("有效")
