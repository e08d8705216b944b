"""The student's registration record: the destination in force, its review trail, a verification number the
centre can check; and the student's home showing the destination at a glance."""

import pytest
from django.urls import reverse

from apps.accounts.models import Role
from apps.followup.record import plan_of_number, record_number
from apps.followup.views_record import MSG_NUMBER_UNKNOWN
from apps.plans.services import plan_transition
from apps.plans.workflow import Action

from ..html import assert_no_inline_script_or_style
from ..plans.factories import approved_plan, submitted_plan

pytestmark = pytest.mark.django_db


def test_the_record_shows_the_registered_destination_its_trail_and_a_checkable_number(org, client):
    plan = approved_plan(org)
    client.force_login(org.student)
    response = client.get(reverse("followup:my_record"))
    html = response.content.decode()
    assert response.context["record"].plan == plan
    assert "孝感市中心医院" in html
    trail = response.context["record"].events
    assert [(e.actor_role, e.to_status) for e in trail] == [
        (Role.STUDENT, "submitted"),
        (Role.COUNSELLOR, "counsellor_approved"),
        (Role.COLLEGE, "college_approved"),
        (Role.CENTRE, "approved"),
    ]
    number = record_number(plan)
    assert number in html
    assert plan_of_number(number) == plan
    assert "print-record" in html and "js/record.js" in html and "css/record.css" in html
    assert_no_inline_script_or_style(html)


@pytest.mark.parametrize(
    "tamper",
    [
        lambda n: n[:-1] + ("0" if n[-1] != "0" else "1"),  # one digit of the code changed
        lambda n: n.replace(n.split("-")[1], str(int(n.split("-")[1]) + 1), 1),  # another plan's id
        lambda n: "HPI-1-ABCD",
        lambda n: "",
    ],
)
def test_a_made_up_or_altered_number_names_no_plan(org, tamper):
    number = record_number(approved_plan(org))
    assert plan_of_number(tamper(number)) is None


def test_the_number_is_accepted_in_lower_case_and_with_spaces(org):
    plan = approved_plan(org)
    assert plan_of_number(f"  {record_number(plan).lower()} ") == plan


def test_a_plan_still_in_review_has_no_record_number(org, client):
    plan = submitted_plan(org)
    assert plan_of_number(record_number(plan)) is None
    client.force_login(org.student)
    response = client.get(reverse("followup:my_record"))
    assert response.context["record"].plan is None
    assert 'id="record-empty"' in response.content.decode()


def test_the_centre_checks_a_number(org, client):
    plan = approved_plan(org)
    client.force_login(org.centre)
    response = client.get(reverse("followup:record_lookup"), {"number": record_number(plan)})
    assert response.context["plan"] == plan
    assert plan.graduate.name in response.content.decode()
    response = client.get(reverse("followup:record_lookup"), {"number": "HPI-1-0000-0000-0000"})
    assert response.context["form"].errors["number"] == [MSG_NUMBER_UNKNOWN]


@pytest.mark.parametrize("role", [Role.STUDENT, Role.COUNSELLOR, Role.COLLEGE, Role.ADMIN])
def test_only_the_centre_may_check_numbers(org, client, role):
    client.force_login(org.user_for(role))
    assert client.get(reverse("followup:record_lookup")).status_code == 403


@pytest.mark.parametrize("role", [Role.COUNSELLOR, Role.COLLEGE, Role.CENTRE, Role.ADMIN])
def test_the_record_page_is_the_students_own(org, client, role):
    client.force_login(org.user_for(role))
    assert client.get(reverse("followup:my_record")).status_code == 403


def test_the_students_home_shows_the_destination_and_a_change_on_its_way(org, client):
    plan = approved_plan(org)
    client.force_login(org.student)
    home = client.get(reverse("home"), follow=True)
    card = home.content.decode().split('id="destination-card"')[1].split("</section>")[0]
    assert plan.destination.name in card and "已登记" in card
    assert reverse("followup:my_record") in card
    # a change submitted: the card still shows the destination in force, and the change's status
    from apps.plans.services import plan_save_draft

    from ..plans.factories import employment_data, evidence_add, pdf

    change = plan_save_draft(
        graduate=org.own_graduate, actor=org.student, data=employment_data(employer_name="武汉协和医院")
    )
    evidence_add(plan=change, actor=org.student, kind="contract", uploaded=pdf())
    plan_transition(plan_id=change.pk, action=Action.SUBMIT, actor=org.student)
    card = client.get(reverse("home"), follow=True).content.decode().split('id="destination-card"')[1]
    card = card.split("</section>")[0]
    assert "孝感市中心医院" in card and "变更申请" in card and "待辅导员审核" in card


def test_staff_see_no_card_on_a_graduates_record(org, client):
    approved_plan(org)
    client.force_login(org.counsellor)
    page = client.get(reverse("graduates:detail", args=[org.own_graduate.pk])).content.decode()
    assert 'id="destination-card"' not in page
