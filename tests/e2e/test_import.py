import pytest
from openpyxl import Workbook
from playwright.sync_api import expect

from apps.accounts.models import Role
from apps.graduates.models import Graduate

from ..factories import make_college, make_major, make_user, valid_id_number
from .conftest import login

pytestmark = pytest.mark.django_db(transaction=True)

HEADERS = ["届别", "学号", "姓名", "性别", "身份证号", "民族", "学院", "专业", "班级", "生源地", "手机号"]


def write_workbook(path, rows) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    workbook.save(path)


def test_centre_officer_imports_a_workbook_and_sees_the_graduates(live_server, page, tmp_path, artifacts_dir):
    # given the college and major exist, and a workbook of three graduates
    make_major(make_college("护理学院"), "护理")
    make_user(Role.CENTRE, username="zhongxin", password="Zhongxin-2020")
    rows = [
        [2020, f"20170100{i}", name, gender, valid_id_number(100 + i), "汉族", "护理学院", "护理", "2017级护理1班",
         "湖北省", "1381234567" + str(i)]
        for i, (name, gender) in enumerate([("张三", "男"), ("李四", "女"), ("王五", "女")], start=1)
    ]  # fmt: skip
    workbook = tmp_path / "生源.xlsx"
    write_workbook(workbook, rows)

    # when the centre officer uploads it, checks the preview and confirms
    login(page, live_server, "zhongxin", "Zhongxin-2020")
    page.get_by_role("link", name="导入生源").first.click()
    page.locator("input[name=file]").set_input_files(str(workbook))
    page.get_by_role("button", name="预检").click()
    expect(page.locator("body")).to_contain_text("新增")
    assert Graduate.objects.count() == 0  # the preview writes nothing
    page.screenshot(path=str(artifacts_dir / "import-preview.png"), full_page=True)
    page.get_by_role("button", name="确认导入").click()

    # then the import runs as a job whose page says what it wrote, and the list shows the three, masked
    expect(page.locator("#job-summary")).to_contain_text("新增 3 人")
    page.get_by_role("link", name="查看毕业生名单").click()
    expect(page.locator("#result-count")).to_have_text("3")
    for name in ("张三", "李四", "王五"):
        expect(page.locator("table.data")).to_contain_text(name)
    expect(page.locator("table.data")).not_to_contain_text(rows[0][4])
    assert Graduate.objects.count() == 3


def test_a_bad_workbook_is_rejected_with_its_errors_and_nothing_written(live_server, page, tmp_path):
    make_major(make_college("护理学院"), "护理")
    make_user(Role.CENTRE, username="zhongxin", password="Zhongxin-2020")
    bad_id = valid_id_number(7)[:-1] + ("0" if valid_id_number(7)[-1] != "0" else "1")
    workbook = tmp_path / "bad.xlsx"
    write_workbook(
        workbook,
        [[2020, "201701001", "张三", "男", bad_id, "汉族", "护理学院", "护理", "1班", "湖北省", ""],
         [2020, "201701002", "李四", "女", valid_id_number(8), "汉族", "不存在学院", "护理", "1班", "湖北省", ""]],
    )  # fmt: skip

    login(page, live_server, "zhongxin", "Zhongxin-2020")
    page.goto(f"{live_server.url}/graduates/import/")
    page.locator("input[name=file]").set_input_files(str(workbook))
    page.get_by_role("button", name="预检").click()

    body = page.locator("body")
    expect(body).to_contain_text("身份证号")
    expect(body).to_contain_text("学院")
    expect(page.get_by_role("button", name="确认导入")).to_have_count(0)
    assert Graduate.objects.count() == 0


def test_an_upload_under_way_says_so_and_cannot_be_sent_twice(live_server, page, tmp_path):
    # given the centre officer on the import page (the form is kept from leaving, as if the server were slow)
    make_user(Role.CENTRE, username="zhongxin", password="Zhongxin-2020")
    workbook = tmp_path / "生源.xlsx"
    write_workbook(workbook, [])
    login(page, live_server, "zhongxin", "Zhongxin-2020")
    page.get_by_role("link", name="导入生源").first.click()
    page.evaluate(
        "document.querySelector('#import-upload').addEventListener('submit', e => e.preventDefault())"
    )

    # when they send the file
    page.locator("input[name=file]").set_input_files(str(workbook))
    page.get_by_role("button", name="预检").click()

    # then the form says it is working and its button is disabled
    expect(page.locator("#import-upload .busy")).to_have_text("正在上传并逐行检查，请稍候……")
    expect(page.get_by_role("button", name="预检")).to_be_disabled()


def test_the_job_page_follows_a_running_job_and_shows_its_outcome_when_it_ends(live_server, page):
    from apps.jobs.models import Job, JobKind, JobPhase
    from apps.jobs.progress import ProgressReporter
    from apps.jobs.services import job_transition, this_worker

    centre = make_user(Role.CENTRE, username="zhongxin", password="Zhongxin-2020")
    job = Job.objects.create(owner=centre, kind=JobKind.GRADUATE_IMPORT, source_name="生源.xlsx")
    job_transition(job=job, action="start", worker=this_worker())
    reporter = ProgressReporter(job.pk)
    reporter.set(phase=JobPhase.CHECKING, rows_done=10, rows_total=40)

    login(page, live_server, "zhongxin", "Zhongxin-2020")
    page.goto(f"{live_server.url}/jobs/{job.pk}/")
    expect(page.locator("#job-percent")).to_have_text("25%")

    # the worker gets further: the page follows without a reload
    reporter.set(rows_done=30)
    expect(page.locator("#job-percent")).to_have_text("75%")
    expect(page.locator("#job-rows-done")).to_have_text("30")

    # the job ends: the page reloads itself and shows the outcome
    job_transition(job=job, action="succeed", summary="导入完成：新增 40 人", rows_done=40, rows_total=40)
    expect(page.locator("#job-summary")).to_have_text("导入完成：新增 40 人")
    expect(page.locator("#job-running")).to_have_count(0)
