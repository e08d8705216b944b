import pytest
from playwright.sync_api import expect

from apps.accounts.models import Role
from apps.plans.models import DestinationPlan, PlanStatus

from ..factories import make_class, make_college, make_graduate, make_major, make_student_user, make_user
from .conftest import login

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "Mima-2020-hp"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def logout(page):
    page.get_by_role("button", name="退出").click()


def review(page, live_server, username, *, action, reason=""):
    login(page, live_server, username, PASSWORD)
    page.get_by_role("link", name="待我审核").first.click()
    page.locator("table.data tbody a").first.click()
    if action == "退回":
        page.get_by_label("退回原因（必填）").fill(reason)
    page.get_by_role("button", name=action).click()
    expect(page.locator(".messages")).to_contain_text("已退回" if action == "退回" else "已审核通过")
    logout(page)


def test_student_counsellor_college_centre_with_a_return_a_false_finding_and_its_correction(
    live_server, page, phone_page, tmp_path, artifacts_dir
):
    # given a student in a class with its counsellor, the college officer and the centre
    college = make_college("护理学院")
    klass = make_class(make_major(college, "护理"), "2017级护理1班")
    graduate = make_graduate(klass, name="王小红")
    make_student_user(graduate, password=PASSWORD)
    counsellor = make_user(Role.COUNSELLOR, username="fdy", password=PASSWORD)
    counsellor.classes.add(klass)
    make_user(Role.COLLEGE, username="xy", password=PASSWORD, college=college)
    make_user(Role.CENTRE, username="jyzx", password=PASSWORD)
    contract = tmp_path / "劳动合同.pdf"
    contract.write_bytes(PDF)

    # when the student fills in a plan on a phone, attaches the contract and submits
    student = phone_page
    login(student, live_server, graduate.student_no, PASSWORD)
    student.get_by_role("link", name="我的就业方案").first.click()
    student.get_by_role("link", name="填报就业方案").click()
    student.get_by_label("毕业去向").select_option(label="11 签劳动合同形式就业")
    expect(student.get_by_label("升学/留学院校")).to_be_hidden()  # only the fields this destination needs
    student.get_by_label("单位名称").fill("孝感市中心医院")
    student.get_by_label("单位性质").select_option(label="医疗卫生单位")
    student.get_by_label("单位行业").select_option(label="卫生和社会工作")
    student.get_by_label("单位所在省份").select_option(label="湖北省")
    student.get_by_label("单位所在地（县级）").select_option(label="420902 湖北省孝感市孝南区")
    student.get_by_role("textbox", name="工作职位").fill("护士")
    student.get_by_label("合同类型").select_option(label="劳动合同")
    student.get_by_role("button", name="保存").click()
    student.get_by_role("link", name="我的就业方案").first.click()
    student.get_by_label("材料类型").select_option(label="就业协议/劳动合同")
    student.get_by_label("文件（PDF、JPG、PNG）").set_input_files(str(contract))
    student.get_by_role("button", name="上传材料").click()
    expect(student.locator(".messages")).to_contain_text("证明材料已上传")
    student.get_by_role("button", name="提交审核").click()
    expect(student.locator("#open-plan")).to_contain_text("待辅导员审核")
    logout(student)

    # and the counsellor approves, the college returns it with a reason
    review(page, live_server, "fdy", action="审核通过")
    review(page, live_server, "xy", action="退回", reason="单位名称请写全称")

    # then the student sees the reason, corrects the plan and resubmits
    login(student, live_server, graduate.student_no, PASSWORD)
    student.get_by_role("link", name="我的就业方案").first.click()
    expect(student.locator("#return-reason")).to_contain_text("单位名称请写全称")
    student.get_by_role("link", name="修改方案").click()
    student.get_by_label("单位名称").fill("孝感市中心医院（孝感市第一人民医院）")
    # the edit offers the counties of the plan's province, its county chosen; another province's instead
    county = student.get_by_label("单位所在地（县级）")
    expect(county.locator("option:checked")).to_have_text("420902 湖北省孝感市孝南区")
    student.get_by_label("单位所在省份").select_option(label="广东省")
    expect(county.locator("option", has_text="440103")).to_have_count(1)
    student.get_by_label("单位所在省份").select_option(label="湖北省")
    county.select_option(label="420902 湖北省孝感市孝南区")
    student.get_by_role("button", name="保存").click()
    student.get_by_role("link", name="我的就业方案").first.click()
    student.get_by_role("button", name="提交审核").click()
    logout(student)

    # and all three levels approve
    review(page, live_server, "fdy", action="审核通过")
    review(page, live_server, "xy", action="审核通过")
    review(page, live_server, "jyzx", action="审核通过")

    # then the destination is registered and the student sees it with its whole history
    login(student, live_server, graduate.student_no, PASSWORD)
    student.get_by_role("link", name="我的就业方案").first.click()
    expect(student.locator("body")).to_contain_text("已登记")
    expect(student.locator("body")).to_contain_text("孝感市中心医院（孝感市第一人民医院）")
    student.screenshot(path=str(artifacts_dir / "student-plan-registered.png"), full_page=True)
    plan = DestinationPlan.objects.get()
    assert plan.status == PlanStatus.APPROVED
    assert plan.events.count() == 7  # submit, approve, return, resubmit, three approvals
    logout(student)

    # when the centre draws the college for 核查 and records that the employer denies it
    login(page, live_server, "jyzx", PASSWORD)
    page.get_by_role("link", name="就业核查").first.click()
    page.get_by_role("link", name="抽样核查").first.click()
    page.get_by_label("学院").select_option(label="护理学院")
    page.get_by_role("button", name="抽取").click()
    expect(page.locator(".messages")).to_contain_text("已抽取 1 份方案")
    page.get_by_role("link", name="记录结果").click()
    page.get_by_label("核查方式").select_option(label="单位核实")
    page.get_by_label("核查结果").select_option(label="不属实")
    page.get_by_label("核查说明").fill("单位人事处称无此人")
    page.get_by_role("button", name="记录").click()
    expect(page.locator(".messages")).to_contain_text("核查结果已记录：不属实")
    logout(page)

    # then the student sees the finding, and corrects it by a new plan (the false one cannot be edited)
    login(student, live_server, graduate.student_no, PASSWORD)
    student.get_by_role("link", name="我的就业方案").first.click()
    expect(student.locator("#false-finding")).to_contain_text("单位人事处称无此人")
    expect(student.get_by_role("link", name="修改方案")).to_have_count(0)
    student.screenshot(path=str(artifacts_dir / "student-plan-found-false.png"), full_page=True)
    student.get_by_role("link", name="填报更正方案").click()
    student.get_by_label("毕业去向").select_option(label="70 待就业")
    student.get_by_label("未就业原因").select_option(label="求职中")
    student.get_by_role("button", name="保存").click()
    student.get_by_role("link", name="我的就业方案").first.click()
    student.get_by_role("button", name="提交审核").click()
    expect(student.locator("#open-plan")).to_contain_text("待辅导员审核")
    logout(student)

    # and the correction passes the three reviews
    review(page, live_server, "fdy", action="审核通过")
    review(page, live_server, "xy", action="审核通过")
    review(page, live_server, "jyzx", action="审核通过")

    # then the correction is registered, the false plan is kept as it was checked
    login(student, live_server, graduate.student_no, PASSWORD)
    student.get_by_role("link", name="我的就业方案").first.click()
    expect(student.locator("body")).to_contain_text("待就业")
    expect(student.locator("#false-finding")).to_have_count(0)
    false_plan, correction = DestinationPlan.objects.order_by("pk")
    assert (false_plan.status, false_plan.employer_name) == (
        PlanStatus.FALSE,
        "孝感市中心医院（孝感市第一人民医院）",
    )
    assert correction.status == PlanStatus.APPROVED
