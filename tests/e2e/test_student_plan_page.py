"""The student's one page on a phone: save, upload, take back a wrong file, upload the right one, submit."""

import pytest
from playwright.sync_api import expect

from apps.plans import views
from apps.plans.forms import COUNTY_PROVINCE_FIRST
from apps.plans.models import DestinationPlan, PlanStatus

from ..factories import make_class, make_college, make_graduate, make_major, make_student_user
from .conftest import login

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "Mima-2020-hp"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_student_saves_uploads_removes_a_wrong_file_and_submits_on_one_page(
    live_server, phone_page, tmp_path, artifacts_dir
):
    graduate = make_graduate(
        make_class(make_major(make_college("护理学院"), "护理"), "护理1班"), name="王小红"
    )
    make_student_user(graduate, password=PASSWORD)
    wrong, right = tmp_path / "身份证.pdf", tmp_path / "录用通知.pdf"
    wrong.write_bytes(PDF)
    right.write_bytes(PDF)
    page = phone_page
    login(page, live_server, graduate.student_no, PASSWORD)
    page.get_by_role("link", name="我的就业方案").first.click()
    page.get_by_role("link", name="填报就业方案").click()

    # the form: Chinese empty choices, required fields marked as the destination asks
    destination = page.get_by_label("毕业去向")
    expect(destination.locator("option").first).to_have_text("请选择")
    expect(page.locator("#required-note")).to_be_visible()
    destination.select_option(label="70 待就业")
    expect(page.locator("label.required", has_text="未就业原因")).to_be_visible()
    destination.select_option(label="11 签劳动合同形式就业")
    expect(page.locator("label.required", has_text="单位名称")).to_be_visible()
    page.get_by_label("单位名称").fill("孝感市中心医院")
    page.get_by_label("单位性质").select_option(label="医疗卫生单位")
    page.get_by_label("单位行业").select_option(label="卫生和社会工作")
    # 单位所在地: the province first, then one of its counties (plan_form.js fetches them)
    county = page.get_by_label("单位所在地（县级）")
    expect(county.locator("option")).to_have_text([str(COUNTY_PROVINCE_FIRST)])
    page.get_by_label("单位所在省份").select_option(label="湖北省")
    expect(county.locator("option", has_text="420902 湖北省孝感市孝南区")).to_have_count(1)
    expect(county.locator("option", has_text="110101")).to_have_count(0)
    county.select_option(label="420902 湖北省孝感市孝南区")
    page.get_by_role("textbox", name="工作职位").fill("护士")
    page.get_by_label("合同类型").select_option(label="劳动合同")
    page.get_by_role("button", name="保存").click()

    # saved: the same page uploads and submits; the picker says what it takes
    expect(page.locator("#open-plan")).to_be_visible()
    expect(page.locator("#open-plan")).to_contain_text("420902 湖北省孝感市孝南区")
    file_input = page.get_by_label("文件（PDF、JPG、PNG）")
    expect(file_input).to_have_attribute(
        "accept", ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
    )
    expect(page.locator("#open-plan")).to_contain_text("不超过 5 MB")
    page.get_by_label("材料类型").select_option(label="就业协议/劳动合同")
    file_input.set_input_files(str(wrong))
    page.get_by_role("button", name="上传材料").click()
    expect(page.locator("#evidence-list")).to_contain_text("身份证.pdf")

    # a wrong file is taken back before submission, the right one uploaded
    page.get_by_role("button", name="删除 身份证.pdf").click()
    expect(page.locator(".messages")).to_contain_text(str(views.MSG_EVIDENCE_REMOVED))
    expect(page.locator("#evidence-list")).not_to_contain_text("身份证.pdf")
    page.get_by_label("材料类型").select_option(label="就业协议/劳动合同")
    page.get_by_label("文件（PDF、JPG、PNG）").set_input_files(str(right))
    page.get_by_role("button", name="上传材料").click()
    page.screenshot(path=str(artifacts_dir / "student-one-page.png"), full_page=True)
    page.get_by_role("button", name="提交审核").click()
    expect(page.locator("#open-plan")).to_contain_text("待辅导员审核")
    plan = DestinationPlan.objects.get()
    assert plan.status == PlanStatus.SUBMITTED
    assert [e.original_name for e in plan.evidence.filter(removal=None)] == ["录用通知.pdf"]
