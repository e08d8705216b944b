"""The park's pages: who gets in (403), what a company's accounts see (their own company only; others 404),
the report round trip through the pages, and pages that cost a fixed number of queries."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from apps.accounts.models import Role
from apps.park import urls as park_urls
from apps.park.models import OperatingReport, ReviewStatus, TenantStatus
from apps.park.services import report_submit
from apps.park.views_operations import MSG_REVIEW_DONE
from apps.park.workflow import ReviewAction

from ..factories import make_user
from ..html import assert_no_inline_script_or_style
from .factories import admitted_tenant, make_unit

pytestmark = pytest.mark.django_db

PARK_URLS = [(p.name, "pk" in p.pattern.converters) for p in park_urls.urlpatterns]


def url(name: str, with_pk: bool, pk: int = 1) -> str:
    return reverse(f"park:{name}", kwargs={"pk": pk} if with_pk else None)


def report_form(**overrides) -> dict:
    data = {"period": "2020-11", "revenue": "36800.00", "staff": "6", "graduates_employed": "4", "note": ""}
    data.update(overrides)
    return data


def _refused_everywhere(client, pk: int) -> None:
    for name, with_pk in PARK_URLS:
        target = url(name, with_pk, pk)
        assert client.get(target).status_code == 403, target
        assert client.post(target).status_code == 403, target


@pytest.mark.parametrize("role", [Role.STUDENT, Role.COUNSELLOR, Role.COLLEGE])
def test_students_counsellors_and_colleges_without_a_company_are_refused_on_every_park_url(
    client, org, park, role
):
    client.force_login(org.user_for(role))
    _refused_everywhere(client, park.tenant_a.pk)


def test_a_tenant_account_that_belongs_to_no_company_is_refused_on_every_park_url(client, park):
    client.force_login(make_user(Role.TENANT, username="cyy-none"))
    _refused_everywhere(client, park.tenant_a.pk)


def test_every_park_url_is_in_the_list_above():
    assert len(PARK_URLS) == len(park_urls.urlpatterns) > 30


def test_a_company_account_lists_only_its_own_company(client, park):
    client.force_login(park.leader_a)
    response = client.get(reverse("park:tenant_list"))
    assert [t.company_name for t in response.context["page"].object_list] == ["甲公司"]
    assert "乙公司" not in response.content.decode()


def test_a_company_account_lands_on_its_own_page(client, park):
    client.force_login(park.student_member)
    response = client.get(reverse("park:home"))
    assert response["Location"] == reverse("park:tenant_detail", kwargs={"pk": park.tenant_a.pk})


@pytest.mark.parametrize("account", ["leader_a", "student_member"])
@pytest.mark.parametrize(
    "name",
    ["tenant_detail", "report_create", "resumption_create", "pass_create", "funding_create"],
)
def test_another_companys_pages_are_not_found(client, park, account, name):
    client.force_login(getattr(park, account))
    target = url(name, True, park.tenant_b.pk)
    assert client.get(target).status_code == 404
    assert client.post(target, report_form()).status_code == 404
    assert not OperatingReport.objects.filter(tenant=park.tenant_b).exists()


def test_another_companys_report_is_not_found(client, park):
    report = report_submit(
        tenant=park.tenant_b, actor=park.leader_b,
        data={"period": datetime.date(2020, 11, 1), "revenue": Decimal("1"), "staff": 1, "graduates_employed": 1},
    )  # fmt: skip
    client.force_login(park.leader_a)
    assert client.get(reverse("park:report_detail", kwargs={"pk": report.pk})).status_code == 404
    assert client.get(reverse("park:report_edit", kwargs={"pk": report.pk})).status_code == 404
    assert [r.pk for r in client.get(reverse("park:report_list")).context["page"].object_list] == []


def test_a_company_submits_a_report_and_the_centre_approves_it(client, park):
    # given 甲公司's leader on their page
    client.force_login(park.leader_a)
    page = client.get(reverse("park:tenant_detail", kwargs={"pk": park.tenant_a.pk})).content.decode()
    assert reverse("park:report_create", kwargs={"pk": park.tenant_a.pk}) in page
    # when they submit November's report
    response = client.post(reverse("park:report_create", kwargs={"pk": park.tenant_a.pk}), report_form())
    report = OperatingReport.objects.get(tenant=park.tenant_a)
    assert response["Location"] == reverse("park:report_detail", kwargs={"pk": report.pk})
    assert (report.period, report.revenue, report.status) == (
        datetime.date(2020, 11, 1),
        Decimal("36800.00"),
        "submitted",
    )
    # then the centre approves it from the report's page
    client.force_login(park.centre)
    page = client.get(reverse("park:report_detail", kwargs={"pk": report.pk})).content.decode()
    assert str(ReviewAction.APPROVE.label) in page
    response = client.post(
        reverse("park:report_act", kwargs={"pk": report.pk}),
        {"action": "approve", "expected_status": "submitted", "comment": ""},
        follow=True,
    )
    assert str(MSG_REVIEW_DONE[ReviewAction.APPROVE]) in response.content.decode()
    report.refresh_from_db()
    assert report.status == ReviewStatus.APPROVED


def test_a_form_error_from_the_service_shows_on_the_form(client, park):
    client.force_login(park.leader_a)
    target = reverse("park:report_create", kwargs={"pk": park.tenant_a.pk})
    client.post(target, report_form())
    response = client.post(target, report_form())
    assert response.status_code == 200
    assert "2020年11月 的经营报表已经提交过" in response.content.decode()


def test_a_company_cannot_review(client, park):
    report = report_submit(
        tenant=park.tenant_a, actor=park.leader_a,
        data={"period": datetime.date(2020, 11, 1), "revenue": Decimal("1"), "staff": 1, "graduates_employed": 1},
    )  # fmt: skip
    client.force_login(park.leader_a)
    response = client.post(
        reverse("park:report_act", kwargs={"pk": report.pk}),
        {"action": "approve", "expected_status": "submitted"},
    )
    assert response.status_code == 403
    report.refresh_from_db()
    assert report.status == ReviewStatus.SUBMITTED


def test_the_administrator_neither_looks_nor_acts(client, org, park):
    # users and code tables only (issue 12, item 7)
    client.force_login(org.admin)
    assert client.get(reverse("park:dashboard")).status_code == 403
    assert client.get(reverse("park:tenant_detail", kwargs={"pk": park.tenant_b.pk})).status_code == 403
    response = client.post(
        reverse("park:tenant_act", kwargs={"pk": park.tenant_b.pk}),
        {"action": "exit", "expected_status": "admitted", "comment": "x"},
    )
    assert response.status_code == 403
    park.tenant_b.refresh_from_db()
    assert park.tenant_b.status == TenantStatus.ADMITTED


def test_the_centre_admits_from_the_page(client, park):
    client.force_login(park.centre)
    target = reverse("park:tenant_act", kwargs={"pk": park.applicant.pk})
    client.post(target, {"action": "review", "expected_status": "applied"})
    response = client.post(target, {"action": "admit", "expected_status": "under_review"}, follow=True)
    assert "批准入园前请先在企业信息中分配场地单元" in response.content.decode()
    park.applicant.refresh_from_db()
    assert park.applicant.status == TenantStatus.UNDER_REVIEW


def test_the_centre_registers_an_application_through_the_form(client, park):
    client.force_login(park.centre)
    response = client.post(
        reverse("park:tenant_create"),
        {
            "company_name": "孝感市新苗科技有限公司",
            "credit_code": "914403001922038216",
            "industry": park.tenant_a.industry_id,
            "leader_name": "李华",
            "leader_phone": "13700001111",
            "applied_on": "2020-12-01",
            "units": [park.units["A3"].pk],
            "jobs_created": "3",
            "member_usernames": "cyy-b",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    tenant = park.applicant.__class__.objects.get(company_name="孝感市新苗科技有限公司")
    assert tenant.status == TenantStatus.APPLIED
    assert list(tenant.members.all()) == [park.leader_b]


def test_phones_are_masked_in_lists(client, park):
    client.force_login(park.centre)
    body = client.get(reverse("park:tenant_list")).content.decode()
    assert "138****1111" in body
    assert "13800001111" not in body


def test_park_pages_have_no_inline_script_or_style(client, park):
    client.force_login(park.centre)
    for name in ("dashboard", "tenant_list", "site_list", "report_list", "meter_list", "competition_list"):
        body = client.get(reverse(f"park:{name}")).content.decode()
        assert_no_inline_script_or_style(body)
    body = client.get(reverse("park:tenant_detail", kwargs={"pk": park.tenant_a.pk})).content.decode()
    assert_no_inline_script_or_style(body)


@pytest.mark.parametrize("extra", [0, 25])
def test_the_company_list_costs_the_same_queries_at_any_size(
    client, park, django_assert_max_num_queries, extra
):
    for n in range(extra):
        unit = make_unit(park.site_b, f"C{n}", "20.00")
        admitted_tenant(park.centre, units=[unit], members=[park.leader_b])
    client.force_login(park.centre)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("park:tenant_list"), {"size": 50})
    assert len(response.context["page"].object_list) == 3 + extra


def test_a_company_accounts_list_costs_a_fixed_number_of_queries(client, park, django_assert_max_num_queries):
    client.force_login(park.leader_b)
    with django_assert_max_num_queries(10):
        assert client.get(reverse("park:tenant_list")).status_code == 200
