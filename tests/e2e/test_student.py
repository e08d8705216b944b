import pytest
from playwright.sync_api import expect

from ..factories import make_class, make_college, make_graduate, make_major, make_student_user
from .conftest import login

pytestmark = pytest.mark.django_db(transaction=True)


def test_student_logs_in_on_a_phone_and_sees_only_their_own_record(live_server, phone_page, artifacts_dir):
    # given two graduates of one class, one of them with an account
    klass = make_class(make_major(make_college("护理学院"), "护理"), "护理1班")
    me = make_graduate(klass, name="王小红", phone="13812345678")
    classmate = make_graduate(klass, name="李明")
    make_student_user(me, password="Xuesheng-2020")
    page = phone_page

    # when the student logs in
    login(page, live_server, me.student_no, "Xuesheng-2020")

    # then they land on their own record, masked, and nothing of the classmate
    record = page.locator("#graduate-record")
    expect(record).to_contain_text(me.student_no)
    expect(page.get_by_role("heading", level=1)).to_contain_text("王小红")
    expect(record).to_contain_text(me.id_number_masked)
    expect(record).not_to_contain_text(me.id_number)
    assert classmate.name not in page.content()
    page.screenshot(path=str(artifacts_dir / "student-own-record.png"), full_page=True)

    # and the list of graduates and a classmate's record are closed to them
    response = page.goto(f"{live_server.url}/graduates/")
    assert response.status == 403
    response = page.goto(f"{live_server.url}/graduates/{classmate.pk}/")
    assert response.status == 404

    # and they can keep their phone number current
    page.goto(f"{live_server.url}/graduates/{me.pk}/")
    page.get_by_role("link", name="修改联系方式").click()
    page.get_by_label("手机号").fill("13900001111")
    page.get_by_role("button", name="保存").click()
    expect(page.locator(".messages")).to_contain_text("联系方式已保存")
    expect(record).to_contain_text("139****1111")
