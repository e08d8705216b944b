"""The pages: who may open what (role × object), what they show, the exports, and their query counts."""

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse

from apps.accounts.models import Role
from apps.graduates.models import Graduate
from apps.support import urls as support_urls
from apps.support.models import (
    ActionKind,
    Eligibility,
    SubsidyApplication,
    SubsidyStatus,
    SupportAction,
    SupportCase,
)
from apps.support.services import (
    subsidy_apply,
    subsidy_pay,
    subsidy_transition,
    support_case_update,
    support_cases_open_for,
)
from apps.support.views import MSG_ACTION_SAVED, MSG_CASES_OPENED
from apps.support.workflow import SubsidyAction

from ..factories import make_student_user, make_user
from .conftest import AS_OF
from .factories import hardship_graduate, log, registered, scheme

pytestmark = pytest.mark.django_db

LEDGER_QUERY = {"as_of": AS_OF.isoformat()}
STAFF = [Role.COUNSELLOR, Role.COLLEGE, Role.CENTRE]
# The case each key names in conftest's ledger: h1 in A1, h3 in A2, h7 in B1.
CASE_SEEN_BY = {
    Role.COUNSELLOR: {"h1"},
    Role.COLLEGE: {"h1", "h3"},
    Role.CENTRE: {"h1", "h3", "h7"},
}


STUDENT, COUNSELLOR, COLLEGE, CENTRE = Role.STUDENT, Role.COUNSELLOR, Role.COLLEGE, Role.CENTRE
# Every page of the app: (url name, method, the object it needs, the roles that get in). Written out here, not
# read from the views, so a view that lets one more role in fails.
PAGES = [
    ("support:ledger", "get", None, {COUNSELLOR, COLLEGE, CENTRE}),
    ("support:ledger_export", "get", None, {COUNSELLOR, COLLEGE, CENTRE}),
    ("support:case_open", "get", None, {COUNSELLOR, COLLEGE, CENTRE}),
    ("support:cases_open_missing", "post", None, {COUNSELLOR, COLLEGE, CENTRE}),
    ("support:case_detail", "get", "case", {COUNSELLOR, COLLEGE, CENTRE}),
    ("support:case_action", "post", "case", {COUNSELLOR, COLLEGE, CENTRE}),
    ("support:case_edit", "post", "case", {COUNSELLOR, COLLEGE, CENTRE}),
    ("support:case_status", "post", "case", {COUNSELLOR, COLLEGE, CENTRE}),
    ("support:subsidies", "get", None, {COUNSELLOR, COLLEGE, CENTRE}),
    ("support:subsidy_export", "get", None, {CENTRE}),
    ("support:subsidy_apply", "get", None, {COUNSELLOR, COLLEGE, CENTRE}),
    ("support:subsidy_bulk", "post", None, {COLLEGE, CENTRE}),
    ("support:my_subsidies", "get", None, {STUDENT}),
    ("support:subsidy_detail", "get", "application", {STUDENT, COUNSELLOR, COLLEGE, CENTRE}),
    ("support:subsidy_act", "post", "application", {STUDENT, COLLEGE, CENTRE}),
    ("support:subsidy_bank_account", "post", "application", {STUDENT, CENTRE}),
]


def test_the_matrix_names_every_page_of_the_app():
    assert {f"support:{p.name}" for p in support_urls.urlpatterns} == {name for name, *_rest in PAGES}


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize(("name", "method", "needs", "allowed"), PAGES, ids=[p[0] for p in PAGES])
def test_every_page_lets_in_exactly_its_roles(
    client, ledger, applications, name, method, needs, allowed, role
):
    # given an object in everybody's scope: h1 (class A1) and the student's own application
    user = make_user(Role.TENANT) if role == Role.TENANT else ledger.org.user_for(role)
    args = {"case": [ledger.case("h1").pk], "application": [applications["own"].pk], None: []}[needs]
    client.force_login(user)
    # when they open the page (a form a role in scope could send)
    data = {"action": "approve", "expected_status": "submitted"} if method == "post" else LEDGER_QUERY
    response = getattr(client, method)(reverse(name, args=args), data)
    # then the roles of the page get in (the page may still refuse the request itself), and nobody else
    assert (response.status_code != 403) == (role in allowed), response.status_code


@pytest.mark.parametrize("role", STAFF)
@pytest.mark.parametrize("key", ["h1", "h3", "h7"])
def test_cases_outside_scope_are_not_found_for_every_page(client, ledger, role, key):
    case = ledger.case(key)
    client.force_login(ledger.org.user_for(role))
    expected = 200 if key in CASE_SEEN_BY[role] else 404
    assert client.get(reverse("support:case_detail", args=[case.pk])).status_code == expected
    action = {"kind": ActionKind.CALL, "acted_on": "2020-08-20", "note": "电话"}
    response = client.post(reverse("support:case_action", args=[case.pk]), action)
    assert response.status_code == (302 if expected == 200 else 404)
    response = client.post(reverse("support:case_status", args=[case.pk]), {"status": "employed"})
    assert response.status_code == (302 if expected == 200 else 404)
    written = SupportAction.objects.filter(case=case, note="电话").exists()
    assert written == (expected == 200)


def test_the_ledger_page_shows_the_rows_flags_and_rates(client, ledger):
    client.force_login(ledger.org.college_officer)
    response = client.get(reverse("support:ledger"), LEDGER_QUERY)
    assert response.status_code == 200
    rows = response.context["rows"]
    assert len(rows) == 6 and sum(row.flagged for row in rows) == 3
    body = response.content.decode()
    assert "16.67%" in body and "28.57%" in body  # the group (护理学院) beside the school average
    response = client.get(reverse("support:ledger"), {**LEDGER_QUERY, "flagged": "yes"})
    flagged = {row.case.graduate_id for row in response.context["rows"]}
    assert flagged == {ledger.graduates[k].pk for k in ("h3", "h4", "h6")}
    response = client.get(reverse("support:ledger"), {**LEDGER_QUERY, "status": "closed"})
    assert [row.case.graduate_id for row in response.context["rows"]] == [ledger.graduates["h5"].pk]
    response = client.get(reverse("support:ledger"), {**LEDGER_QUERY, "q": ledger.graduates["h4"].student_no})
    assert [row.case.graduate_id for row in response.context["rows"]] == [ledger.graduates["h4"].pk]


def test_the_ledger_opens_on_the_latest_cohort_at_its_first_cut_off(client, ledger):
    client.force_login(ledger.org.centre)
    response = client.get(reverse("support:ledger"))
    assert response.context["summary"].as_of == AS_OF  # a past cohort: 31 August of its year
    assert 'value="2020-08-31"' in response.content.decode()
    assert "as_of=2020-08-31" in response.context["query"]  # kept by the export link and the pages


def test_a_counsellor_logs_an_action_and_corrects_it_through_the_page(client, ledger):
    case = ledger.case("h2")
    client.force_login(ledger.org.counsellor)
    response = client.post(
        reverse("support:case_action", args=[case.pk]),
        {
            "kind": ActionKind.JOB,
            "acted_on": "2020-08-20",
            "note": "优先推荐",
            "employer_name": "孝感市中心医院",
        },
    )
    assert response.status_code == 400  # no position
    response = client.post(
        reverse("support:case_action", args=[case.pk]),
        {"kind": ActionKind.JOB, "acted_on": "2020-08-20", "note": "优先推荐", "employer_name": "孝感市中心医院",
         "position": "护士", "author": ledger.org.centre.pk},
        follow=True,
    )  # fmt: skip
    assert str(MSG_ACTION_SAVED) in response.content.decode()
    entry = case.actions.get(kind=ActionKind.JOB)
    assert entry.author == ledger.org.counsellor  # never taken from the form
    page = client.get(reverse("support:case_detail", args=[case.pk]), {"corrects": entry.pk})
    assert page.context["action_form"].initial["corrects"] == entry.pk
    client.post(
        reverse("support:case_action", args=[case.pk]),
        {"kind": ActionKind.JOB, "acted_on": "2020-08-21", "note": "日期更正", "employer_name": "孝感市中心医院",
         "position": "护士", "corrects": entry.pk},
    )  # fmt: skip
    assert case.actions.get(corrects=entry).acted_on == datetime.date(2020, 8, 21)


def test_staff_open_cases_by_hand(client, org):
    newcomer = hardship_graduate(org.class_a1)
    other = hardship_graduate(org.class_b1)
    client.force_login(org.counsellor)
    response = client.post(reverse("support:case_open"), {"student_no": other.student_no})
    assert response.status_code == 200 and not SupportCase.objects.exists()  # not one of theirs
    response = client.post(reverse("support:case_open"), {"student_no": newcomer.student_no})
    assert response.status_code == 302
    assert SupportCase.objects.get().graduate == newcomer
    client.force_login(org.centre)
    response = client.post(reverse("support:cases_open_missing") + "?as_of=2020-08-31", follow=True)
    assert str(MSG_CASES_OPENED.format(count=1)) in response.content.decode()
    assert SupportCase.objects.count() == 2


def _case_set(org, count: int):
    """``count`` hardship graduates in A1, each with a plan and two log entries (one of them corrected)."""
    graduates = [hardship_graduate(org.class_a1) for _ in range(count)]
    support_cases_open_for(graduates=Graduate.objects.all())
    for n, graduate in enumerate(graduates):
        case = graduate.support_case
        first = log(case, org.counsellor, ActionKind.CALL, datetime.date(2020, 8, 1))
        log(case, org.counsellor, ActionKind.CALL, datetime.date(2020, 8, 2), corrects=first)
        registered(graduate, "11" if n % 2 else "70", datetime.date(2020, 7, 1), org.centre)


# Pinned exactly: the same 16 and 10 at 5, 50 and the demo's 510 cases (test_demo.py): user, cohort, the rows,
# their plans and last actions, three summary tables; the page adds its count, filter choices and the top bar
# (the session comes from its cache: tests/accounts/test_cached_sessions.py).
LEDGER_PAGE_QUERIES = 16
LEDGER_EXPORT_QUERIES = 10  # with the data-release record


@pytest.mark.parametrize("count", [5, 50])
def test_the_ledger_page_costs_the_same_queries_for_5_or_50_cases(
    client, org, count, django_assert_num_queries
):
    _case_set(org, count)
    client.force_login(org.college_officer)
    with django_assert_num_queries(LEDGER_PAGE_QUERIES):
        response = client.get(reverse("support:ledger"), LEDGER_QUERY)
    assert response.context["page"].paginator.count == count


@pytest.mark.parametrize("count", [5, 50])
def test_the_ledger_export_costs_the_same_queries_for_5_or_50_cases(
    client, org, count, django_assert_num_queries
):
    _case_set(org, count)
    client.force_login(org.centre)
    with django_assert_num_queries(LEDGER_EXPORT_QUERIES):
        response = client.get(reverse("support:ledger_export"), LEDGER_QUERY)
    workbook = openpyxl.load_workbook(io.BytesIO(response.getvalue()))
    assert workbook["护理学院"].max_row == 2 + count


def test_the_export_is_the_layout_an_inspector_reads(client, ledger):
    # given a personal plan that a spreadsheet would take for a formula
    plan = '=HYPERLINK("http://example.com","x")'
    support_case_update(
        case_id=ledger.case("h1").pk,
        actor=ledger.org.centre,
        responsible=None,
        personal_plan=plan,
        priority="key",
    )
    client.force_login(ledger.org.centre)
    response = client.get(reverse("support:ledger_export"), LEDGER_QUERY)
    assert response["Content-Disposition"] == 'attachment; filename="support-ledger-2020-20200831.xlsx"'
    workbook = openpyxl.load_workbook(io.BytesIO(response.getvalue()))
    # then: a summary sheet, then one sheet per college with one row a graduate
    assert workbook.sheetnames == ["汇总", "护理学院", "机电工程学院"]
    summary = list(workbook["汇总"].iter_rows(min_row=3, values_only=True))
    assert [row[:9] for row in summary] == [
        ("护理学院", 6, 1, 16.67, 10, 2, 20, 6, 5),
        ("机电工程学院", 2, 1, 50, 4, 2, 50, 2, 2),
        ("合计", 8, 2, 25, 14, 4, 28.57, 8, 7),
        ("全校", 8, 2, 25, 14, 4, 28.57, None, None),
    ]
    assert [row[11] for row in summary[:3]] == [3, 1, 4]  # 预警
    sheet = workbook["护理学院"]
    header = [c.value for c in sheet[2]]
    rows = {r[1]: dict(zip(header, r, strict=True)) for r in sheet.iter_rows(min_row=3, values_only=True)}
    assert len(rows) == 6
    h1 = rows[ledger.graduates["h1"].student_no]
    assert (h1["毕业去向"], h1["最近帮扶日期"], h1["距截止日天数"], h1["预警"]) == (
        "11 签劳动合同形式就业", "2020-06-01", 91, None,
    )  # fmt: skip
    assert rows[ledger.graduates["h4"].student_no]["预警"] == "是"
    cell = next(c for c in sheet.iter_rows(min_row=3) if c[1].value == ledger.graduates["h1"].student_no)[10]
    assert (cell.value, cell.data_type) == (plan, "s")


def test_the_counsellors_export_holds_only_their_cases(client, ledger):
    client.force_login(ledger.org.counsellor)
    workbook = openpyxl.load_workbook(
        io.BytesIO(client.get(reverse("support:ledger_export"), LEDGER_QUERY).getvalue())
    )
    assert workbook.sheetnames == ["汇总", "护理学院"]
    assert workbook["护理学院"].max_row == 2 + 4


# --- subsidies ------------------------------------------------------------------------------------------


@pytest.fixture
def applications(org):
    """An application for every org graduate to a scheme for all graduates: own (the student's), a1, a2, b1."""
    everyone = scheme(
        org.own_graduate.cohort, name="全体毕业生求职补贴", amount="1100.00", eligibility=Eligibility.ALL
    )
    graduates = {"own": org.own_graduate, "a1": org.graduates["a1"][1], "a2": org.graduates["a2"][0],
                 "b1": org.graduates["b1"][0]}  # fmt: skip
    made = subsidy_apply(scheme=everyone, graduates=list(graduates.values()), actor=org.centre)
    return dict(zip(graduates, made, strict=True))


SUBSIDY_SEEN_BY = {
    Role.STUDENT: {"own"},
    Role.COUNSELLOR: {"own", "a1"},
    Role.COLLEGE: {"own", "a1", "a2"},
    Role.CENTRE: {"own", "a1", "a2", "b1"},
}


@pytest.mark.parametrize("role", list(SUBSIDY_SEEN_BY))
@pytest.mark.parametrize("key", ["own", "a1", "a2", "b1"])
def test_subsidy_applications_outside_scope_are_not_found(client, org, applications, role, key):
    client.force_login(org.user_for(role))
    response = client.get(reverse("support:subsidy_detail", args=[applications[key].pk]))
    assert response.status_code == (200 if key in SUBSIDY_SEEN_BY[role] else 404)


def test_a_student_sees_only_their_own_application_on_their_own_page(client, org, applications):
    client.force_login(org.student)
    response = client.get(reverse("support:my_subsidies"))
    assert [a.pk for a, _actions in response.context["applications"]] == [applications["own"].pk]
    assert org.graduates["a1"][1].name not in response.content.decode()
    assert client.get(reverse("support:subsidies")).status_code == 403
    response = client.post(
        reverse("support:subsidy_act", args=[applications["a1"].pk]),
        {"action": "withdraw", "expected_status": "submitted"},
    )
    assert response.status_code == 404
    client.post(
        reverse("support:subsidy_act", args=[applications["own"].pk]),
        {"action": "withdraw", "expected_status": "submitted"},
    )
    applications["own"].refresh_from_db()
    assert applications["own"].status == SubsidyStatus.WITHDRAWN


def test_a_student_applies_on_their_own_page_when_eligible(client, org):
    hardship = scheme(org.own_graduate.cohort)
    poor = hardship_graduate(org.class_a1)
    user = make_student_user(poor)
    client.force_login(org.student)  # not in the group
    response = client.get(reverse("support:my_subsidies"))
    assert response.context["form"] is None
    assert client.post(reverse("support:my_subsidies"), {"scheme": hardship.pk}).status_code == 200
    assert not hardship.applications.exists()
    client.force_login(user)
    response = client.post(reverse("support:my_subsidies"), {"scheme": hardship.pk, "note": "申请"})
    assert response.status_code == 302
    assert hardship.applications.get().graduate == poor


def test_staff_apply_for_a_graduate_in_scope_by_student_number(client, org):
    everyone = scheme(org.own_graduate.cohort, name="全体", eligibility=Eligibility.ALL)
    client.force_login(org.counsellor)
    outside = org.graduates["b1"][0]
    response = client.post(
        reverse("support:subsidy_apply"), {"scheme": everyone.pk, "student_no": outside.student_no}
    )
    assert response.status_code == 200 and not everyone.applications.exists()
    inside = org.graduates["a1"][1]
    response = client.post(
        reverse("support:subsidy_apply"), {"scheme": everyone.pk, "student_no": inside.student_no}
    )
    assert response.status_code == 302
    assert everyone.applications.get().applied_by == org.counsellor


def test_bulk_review_and_payment_and_the_finance_export(client, org, applications):
    ids = [a.pk for a in applications.values()]
    client.force_login(org.college_officer)
    client.post(
        reverse("support:subsidy_bulk"), {"application": ids, "action": "approve"}
    )  # b1 is not theirs
    assert not _count(ids, status=SubsidyStatus.COLLEGE_APPROVED)
    client.post(reverse("support:subsidy_bulk"), {"application": ids[:3], "action": "approve"})
    assert _count(ids[:3], status=SubsidyStatus.COLLEGE_APPROVED) == 3
    subsidy_transition(
        application_ids=[applications["b1"].pk], action=SubsidyAction.APPROVE,
        actor=make_user(Role.COLLEGE, username="college-b", college=org.college_b),
    )  # fmt: skip
    client.force_login(org.centre)
    client.post(reverse("support:subsidy_bulk"), {"application": ids, "action": "approve"})
    client.post(
        reverse("support:subsidy_bulk"),
        {"application": ids, "action": "pay", "batch_name": "第一批", "paid_on": "2020-06-30"},
    )
    assert _count(ids, status=SubsidyStatus.PAID) == 4
    response = client.get(reverse("support:subsidies"))
    assert response.context["totals"].total.amount == Decimal("4400.00")
    workbook = openpyxl.load_workbook(io.BytesIO(client.get(reverse("support:subsidy_export")).getvalue()))
    assert workbook.sheetnames == ["发放明细", "按批次汇总", "按学院汇总"]
    detail = list(workbook["发放明细"].iter_rows(min_row=2, values_only=True))
    assert len(detail) == 5 and detail[-1][-1] == 4400
    # the finance office pays by ID number: the centre's export carries it whole (issue 12, item 9)
    assert org.own_graduate.id_number in {row[8] for row in detail}
    assert list(workbook["按学院汇总"].iter_rows(min_row=2, values_only=True)) == [
        ("护理学院", 3, 3300), ("机电工程学院", 1, 1100), ("合计", 4, 4400),
    ]  # fmt: skip
    assert list(workbook["按批次汇总"].iter_rows(min_row=2, values_only=True)) == [
        ("全体毕业生求职补贴 第一批", "2020-06-30", 4, 4400), ("合计", None, 4, 4400),
    ]  # fmt: skip
    client.force_login(org.college_officer)
    assert client.get(reverse("support:subsidy_export")).status_code == 403


def _count(ids, *, status) -> int:
    return SubsidyApplication.objects.filter(pk__in=ids, status=status).count()


def test_payment_is_refused_to_the_college(client, org, applications):
    client.force_login(org.college_officer)
    response = client.post(
        reverse("support:subsidy_bulk"),
        {
            "application": [applications["a1"].pk],
            "action": "pay",
            "batch_name": "第一批",
            "paid_on": "2020-06-30",
        },
    )
    assert response.status_code == 404
    assert not _count([applications["a1"].pk], status=SubsidyStatus.PAID)


def test_subsidy_pages_cost_a_constant_number_of_queries(client, org, django_assert_max_num_queries):
    everyone = scheme(org.own_graduate.cohort, name="全体", eligibility=Eligibility.ALL)
    graduates = [hardship_graduate(org.class_a1) for _ in range(20)]
    applications = subsidy_apply(scheme=everyone, graduates=graduates, actor=org.centre)
    ids = [a.pk for a in applications]
    subsidy_transition(application_ids=ids, action=SubsidyAction.APPROVE, actor=org.college_officer)
    subsidy_transition(application_ids=ids, action=SubsidyAction.APPROVE, actor=org.centre)
    subsidy_pay(
        application_ids=ids, batch_name="第一批", paid_on=datetime.date(2020, 6, 30), actor=org.centre
    )
    client.force_login(org.centre)
    with django_assert_max_num_queries(14):
        assert client.get(reverse("support:subsidies")).status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get(reverse("support:subsidy_export")).status_code == 200
