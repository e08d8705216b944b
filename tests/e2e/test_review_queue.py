"""The counsellor's queue in a browser at 1366 px: filters survive every POST, select-all, named results."""

import pytest
from playwright.sync_api import expect

from apps.accounts.models import Role
from apps.plans import views
from apps.plans.models import DestinationPlan, PlanStatus
from apps.plans.services import MSG_COMMENT_REQUIRED

from ..factories import make_class, make_college, make_graduate, make_major, make_student_user, make_user
from ..plans.factories import submitted_plan
from .conftest import login

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "Mima-2020-hp"


@pytest.fixture
def counsellor_with_two_classes():
    college = make_college("护理学院")
    major = make_major(college, "护理")
    first, second = make_class(major, "护理1班"), make_class(major, "护理2班")
    counsellor = make_user(Role.COUNSELLOR, username="fdy", password=PASSWORD)
    counsellor.classes.add(first, second)

    plans = []
    for klass, names in ((first, ["王一", "王二", "王三"]), (second, ["李四"])):
        for name in names:
            graduate = make_graduate(klass, name=name)
            make_student_user(graduate)
            plans.append(submitted_plan(None, graduate=graduate))
    return first, plans


def test_counsellor_filters_selects_all_approves_and_stays_in_the_filtered_queue(
    live_server, page, counsellor_with_two_classes, artifacts_dir
):
    first_class, plans = counsellor_with_two_classes
    page.set_viewport_size({"width": 1366, "height": 900})
    login(page, live_server, "fdy", PASSWORD)
    page.get_by_role("link", name="待我审核").first.click()
    page.get_by_label("班级").select_option(label="护理1班")
    page.get_by_role("button", name="查询").click()
    filtered_url = page.url
    expect(page.locator("#result-count")).to_have_text("3")

    # nothing ticked: asked to tick rows, nothing done
    page.get_by_role("button", name="批量通过所选").click()
    expect(page.locator(".messages")).to_contain_text(str(views.MSG_BULK_NONE_SELECTED))
    assert page.url == filtered_url

    # one row opened: a return without a reason keeps the reviewer on the plan with the error
    page.locator("table.data tbody a").first.click()
    page.get_by_label("退回原因（必填）").fill("   ")
    page.get_by_role("button", name="退回").click()
    expect(page.locator("#action-error")).to_contain_text(str(MSG_COMMENT_REQUIRED))
    expect(page.locator("#next-plan")).to_contain_text("王二")
    page.locator("#next-plan").click()
    expect(page.locator("h1")).to_contain_text("王二")
    page.get_by_role("link", name="返回列表").click()
    assert page.url == filtered_url

    # select-all ticks the page's rows, bulk approval comes back to the same filtered queue
    page.get_by_label("全选本页").check()
    expect(page.locator("input[name=plan]:checked")).to_have_count(3)
    page.get_by_role("button", name="批量通过所选").click()
    assert page.url == filtered_url
    expect(page.locator("#bulk-results")).to_contain_text("王一")
    expect(page.locator("#bulk-results")).not_to_contain_text("方案 #")
    page.screenshot(path=str(artifacts_dir / "queue-bulk-approved.png"), full_page=True)

    # a reload is an ordinary GET: no re-sent POST, the results are gone, the filter is still set
    page.reload()
    expect(page.locator("#bulk-results")).to_have_count(0)
    expect(page.locator("#result-count")).to_have_text("0")
    statuses = dict(DestinationPlan.objects.values_list("graduate__name", "status"))
    assert statuses == {
        "王一": PlanStatus.COUNSELLOR_APPROVED,
        "王二": PlanStatus.COUNSELLOR_APPROVED,
        "王三": PlanStatus.COUNSELLOR_APPROVED,
        "李四": PlanStatus.SUBMITTED,
    }
