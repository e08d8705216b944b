"""The plan form's 单位所在地 (issue 14): the county select offers the counties of the chosen 单位所在省份 only
(all ~3,000 of GB/T 2260 made the form 221 KB and 236 ms of CPU in the rush); plan_form.js refills it from a
small JSON endpoint when the province changes. What a student chose is never lost, and the county is still
judged against every county of the shipped version."""

import json
import re

import pytest
from django import forms
from django.urls import reverse

from apps.plans.forms import COUNTY_PROVINCE_FIRST, PlanForm, QuickSelect
from apps.plans.models import DestinationPlan
from apps.plans.services import MSG_COUNTY_NOT_IN_PROVINCE, plan_save_draft
from apps.refdata import seed_data
from apps.refdata.models import AdministrativeDivision, DivisionLevel, Province

from .factories import employment_data

pytestmark = pytest.mark.django_db

# The form with a province's counties: what a phone on a campus network loads in the rush.
PLAN_FORM_MAX_BYTES = 40_000
# session, user, graduate and cohort, the codes of each select, the county's province's counties, unread.
PLAN_FORM_QUERIES = 14


def county(code: str) -> AdministrativeDivision:
    return AdministrativeDivision.objects.get(scheme=seed_data.DIVISION_SCHEME, code=code)


def province(code: str) -> Province:
    return Province.objects.get(scheme=seed_data.PROVINCE_SCHEME, code=code)


def _select(page: str, name: str) -> str:
    match = re.search(rf'<select name="{name}".*?</select>', page, re.S)
    assert match, name
    return match.group(0)


def _county_options(page: str) -> list[str]:
    return re.findall(r'<option value="(\d*)"', _select(page, "work_county"))


def _selected(page: str, name: str) -> str:
    match = re.search(r'<option value="(\d*)"[^>]* selected', _select(page, name))
    return match.group(1) if match else ""


def _post(**overrides) -> dict:
    data = {name: getattr(value, "pk", value) for name, value in employment_data().items()}
    data.update(overrides)
    return {name: value for name, value in data.items() if value is not None}


def _hubei_counties() -> set[str]:
    return {
        str(pk)
        for pk in AdministrativeDivision.objects.filter(
            scheme=seed_data.DIVISION_SCHEME, level=DivisionLevel.COUNTY, is_active=True, province_code="42"
        ).values_list("pk", flat=True)
    }


def test_a_new_plan_asks_for_the_province_first_and_the_page_is_small(
    client, org, django_assert_max_num_queries
):
    client.force_login(org.student)
    client.get(reverse("plans:create"))
    with django_assert_max_num_queries(PLAN_FORM_QUERIES):
        response = client.get(reverse("plans:create"))
    page = response.content.decode()
    assert len(response.content) < PLAN_FORM_MAX_BYTES
    assert _county_options(page) == [""]
    assert f'<option value="" selected>{COUNTY_PROVINCE_FIRST}</option>' in _select(page, "work_county")
    # every province says where its counties are, for plan_form.js
    hubei = province("42")
    counties_url = reverse("refdata:province_counties", args=["42"])
    assert f'<option value="{hubei.pk}" data-counties="{counties_url}">湖北省</option>' in page


def test_editing_a_plan_offers_the_counties_of_its_countys_province(client, org):
    plan = plan_save_draft(
        graduate=org.own_graduate,
        actor=org.student,
        data=employment_data(work_county=county("420902")),
    )
    client.force_login(org.student)
    page = client.get(reverse("plans:edit", args=[plan.pk])).content.decode()
    options = _county_options(page)
    assert set(options) - {""} == _hubei_counties()
    assert str(county("110101").pk) not in options
    assert _selected(page, "work_county") == str(county("420902").pk)
    assert _selected(page, "work_province") == str(province("42").pk)


def test_a_post_with_an_error_keeps_the_province_and_the_county(client, org):
    client.force_login(org.student)
    data = _post(work_province=province("42").pk, work_county=county("420902").pk, employer_name="")
    page = client.post(reverse("plans:create"), data).content.decode()
    assert not DestinationPlan.objects.exists()  # 单位名称 is required: the form comes back
    assert _selected(page, "work_province") == str(province("42").pk)
    assert _selected(page, "work_county") == str(county("420902").pk)
    assert set(_county_options(page)) - {""} == _hubei_counties()


def test_a_county_of_another_province_is_the_services_error_and_stays_chosen(client, org):
    client.force_login(org.student)
    data = _post(work_province=province("44").pk, work_county=county("420902").pk)
    page = client.post(reverse("plans:create"), data).content.decode()
    assert not DestinationPlan.objects.exists()
    message = MSG_COUNTY_NOT_IN_PROVINCE.format(county="湖北省孝感市孝南区", province="广东省")
    assert message in page
    assert _selected(page, "work_province") == str(province("44").pk)
    assert _selected(page, "work_county") == str(county("420902").pk)
    assert str(county("440103").pk) in _county_options(page)  # and the province's own counties


def test_any_county_of_the_version_is_still_accepted_and_gives_its_province(client, org):
    client.force_login(org.student)
    data = _post(work_province="", work_county=county("110101").pk)
    response = client.post(reverse("plans:create"), data)
    assert response.status_code == 302
    plan = DestinationPlan.objects.get()
    assert (plan.work_county.code, plan.work_province.code) == ("110101", "11")


def test_the_form_with_no_province_but_a_county_lists_that_countys_province(org):
    form = PlanForm(
        data=_post(work_province="", work_county=county("420902").pk), cohort=org.own_graduate.cohort
    )
    options = {str(value) for value, _label in form.fields["work_county"].widget.choices}
    assert options - {""} == _hubei_counties()


def test_the_quick_select_writes_what_djangos_select_writes(org):
    form = PlanForm(data=_post(work_county=county("420902").pk), cohort=org.own_graduate.cohort)
    selects = [name for name, field in form.fields.items() if isinstance(field.widget, QuickSelect)]
    assert {"destination", "unit_nature", "work_province", "work_county", "contract_type"} <= set(selects)
    for name in selects:
        widget = form.fields[name].widget
        plain = forms.Select(attrs=widget.attrs, choices=widget.choices)
        plain.is_required = widget.is_required
        plain.create_option = widget.create_option  # the data-* attributes of the subclasses
        bound = form[name]
        assert bound.as_widget() == bound.as_widget(widget=plain), name


def test_the_counties_of_a_province_come_as_json_in_one_query(client, org, django_assert_max_num_queries):
    client.force_login(org.student)
    url = reverse("refdata:province_counties", args=["42"])
    client.get(url)
    with django_assert_max_num_queries(3):  # session, user, the counties with their province
        response = client.get(url)
    assert response.status_code == 200
    assert "private" in response["Cache-Control"] and "max-age=" in response["Cache-Control"]
    data = json.loads(response.content)
    assert data["province"] == "42"
    assert [county("420902").pk, "420902 湖北省孝感市孝南区"] in data["counties"]
    assert {str(pk) for pk, _label in data["counties"]} == _hubei_counties()


def test_a_province_without_counties_answers_an_empty_list(client, org):
    client.force_login(org.student)
    response = client.get(reverse("refdata:province_counties", args=["81"]))
    assert (response.status_code, json.loads(response.content)["counties"]) == (200, [])


@pytest.mark.parametrize("code", ["4", "420", "4a", "00", "99", "４２"])
def test_a_code_that_is_no_province_is_a_404(client, org, code):
    client.force_login(org.student)
    assert client.get(f"/refdata/provinces/{code}/counties.json").status_code == 404


def test_the_counties_need_a_login(client):
    response = client.get(reverse("refdata:province_counties", args=["42"]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
