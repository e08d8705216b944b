"""The chase list's phone reveal and export, and the leavers' handover: scoped, and each release logged."""

import datetime
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from apps.accounts.models import Role
from apps.followup.selectors import ChaseKind
from apps.refdata.models import NotEmployedReason
from apps.releases.models import DataRelease, ReleaseKind
from apps.support.models import ActionKind, SupportAction, SupportCase

from ..factories import make_user
from ..plans.factories import registered_plan

pytestmark = pytest.mark.django_db

CHASERS = [Role.COUNSELLOR, Role.COLLEGE, Role.CENTRE]


def sheet_rows(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    sheet = load_workbook(BytesIO(content)).active
    return sheet, [[cell.value for cell in row] for row in sheet.iter_rows()]


@pytest.mark.parametrize("role", CHASERS)
def test_reveal_answers_the_full_number_of_a_graduate_in_scope_and_logs_it(org, client, role):
    graduate = org.own_graduate  # 13812345678, in A1: every chaser's scope
    user = org.user_for(role)
    client.force_login(user)
    response = client.post(reverse("followup:phone_reveal", args=[graduate.pk]))
    assert response.status_code == 200
    assert response.json() == {"phone": "13812345678"}
    release = DataRelease.objects.get()
    assert (release.user, release.role, release.kind, release.rows) == (
        user,
        role,
        ReleaseKind.PHONE_REVEAL,
        1,
    )
    assert release.filters == {"graduate": graduate.student_no}


@pytest.mark.parametrize("role, outside", [(Role.COUNSELLOR, "a2"), (Role.COLLEGE, "b1")])
def test_reveal_outside_the_scope_is_404_and_nothing_is_logged(org, client, role, outside):
    graduate = org.graduates[outside][0]
    graduate.phone = "13912345678"
    graduate.save(update_fields=["phone"])
    client.force_login(org.user_for(role))
    assert client.post(reverse("followup:phone_reveal", args=[graduate.pk])).status_code == 404
    assert not DataRelease.objects.exists()


@pytest.mark.parametrize("role", [Role.STUDENT, Role.ADMIN])
def test_reveal_refused_to_other_roles_and_to_a_get(org, client, role):
    client.force_login(org.user_for(role))
    assert client.post(reverse("followup:phone_reveal", args=[org.own_graduate.pk])).status_code == 403
    client.force_login(org.centre)
    assert client.get(reverse("followup:phone_reveal", args=[org.own_graduate.pk])).status_code == 405
    assert not DataRelease.objects.exists()


def test_the_page_masks_every_phone(org, client):
    client.force_login(org.counsellor)
    page = client.get(reverse("followup:chase"), {"as_of": "2020-08-31"}).content.decode()
    assert "138****5678" in page
    assert "13812345678" not in page


def test_chase_export_has_the_scopes_rows_masked_print_ready_and_is_logged(org, client):
    org.own_graduate.name = "=HYPERLINK(1)"
    org.own_graduate.save(update_fields=["name"])
    client.force_login(org.college_officer)
    params = {"as_of": "2020-08-31", "kind": ChaseKind.NOT_REGISTERED}
    response = client.get(reverse("followup:chase_export"), params)
    assert response.status_code == 200
    sheet, rows = sheet_rows(response)
    body = rows[2:]
    assert {row[1] for row in body} == {g.student_no for key in ("a1", "a2") for g in org.graduates[key]}
    assert "138****5678" in {row[5] for row in body}
    formula_cell = next(c for c in sheet["A"] if c.value == "=HYPERLINK(1)")
    assert formula_cell.data_type == "s"
    assert str(sheet.page_setup.paperSize) == sheet.PAPERSIZE_A4
    assert sheet.page_setup.fitToWidth == 1
    assert sheet.print_title_rows == "$2:$2"
    assert sheet.column_dimensions["I"].width == 40
    release = DataRelease.objects.get()
    assert (release.kind, release.rows, release.user) == (ReleaseKind.CHASE_EXPORT, 4, org.college_officer)
    assert release.filters["kind"] == ChaseKind.NOT_REGISTERED
    assert release.filters["as_of"] == "2020-08-31"


def test_a_bad_export_request_is_a_message_and_logs_nothing(org, client):
    client.force_login(org.centre)
    response = client.get(reverse("followup:chase_export"), {"days": "9999"})
    assert response.status_code == 302
    assert not DataRelease.objects.exists()


# --- the leavers' handover --------------------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.STUDENT, Role.COUNSELLOR, Role.COLLEGE, Role.ADMIN, Role.TENANT])
def test_the_handover_is_the_centres_only(org, client, role):
    user = make_user(Role.TENANT) if role == Role.TENANT else org.user_for(role)
    client.force_login(user)
    assert client.get(reverse("followup:leavers")).status_code == 403
    assert client.get(reverse("followup:leavers_export")).status_code == 403
    assert not DataRelease.objects.exists()


def test_the_handover_lists_who_left_without_a_destination_in_the_offices_layout(org, client):
    # given A1's first graduate registered 70 求职中 with support recorded, A1's second employed, the rest nothing
    waiting, employed = org.graduates["a1"]
    registered_plan(
        waiting,
        "70",
        datetime.date(2020, 7, 1),
        created_by=org.centre,
        not_employed_reason=NotEmployedReason.objects.get(name="求职中"),
    )
    registered_plan(employed, "11", datetime.date(2020, 7, 1), created_by=org.centre)
    case = SupportCase.objects.create(graduate=waiting, opened_on=datetime.date(2020, 5, 1))
    for kind in (ActionKind.CALL, ActionKind.JOB, ActionKind.JOB):
        SupportAction.objects.create(
            case=case,
            kind=kind,
            acted_on=datetime.date(2020, 6, 1),
            note="跟进",
            author=org.counsellor,
            **({"employer_name": "孝感市中心医院", "position": "护士"} if kind == ActionKind.JOB else {}),
        )
    client.force_login(org.centre)
    params = {"as_of": "2020-08-31"}
    # when the centre opens the page
    page = client.get(reverse("followup:leavers"), params)
    html = page.content.decode()
    # then masked identifiers, the reason, the support, and not the employed graduate
    assert page.context["page"].paginator.count == 5
    assert waiting.id_number_masked in html and waiting.id_number not in html
    assert "电话联系1次、推荐岗位2次" in html
    assert employed.name not in html
    assert not DataRelease.objects.exists()
    # when they export it
    response = client.get(reverse("followup:leavers_export"), params)
    sheet, rows = sheet_rows(response)
    assert rows[1] == [
        "序号", "姓名", "性别", "身份证号", "联系电话", "生源地", "学院", "专业", "学历", "毕业年份",
        "求职意向/未就业原因", "已获帮扶",
    ]  # fmt: skip
    row = next(r for r in rows[2:] if r[1] == waiting.name)
    assert row[3] == waiting.id_number  # full, only here
    assert row[4] == "13812345678"
    assert row[5] == waiting.origin.name
    assert row[10] == "求职中"
    assert row[11] == "帮扶：电话联系1次、推荐岗位2次"
    assert {r[10] for r in rows[2:] if r[1] != waiting.name} == {"未登记去向"}
    assert len(rows[2:]) == 5
    release = DataRelease.objects.get()
    assert (release.kind, release.rows, release.user) == (ReleaseKind.LEAVERS_HANDOVER, 5, org.centre)
    assert release.filters["as_of"] == "2020-08-31"


def test_the_handover_page_costs_the_same_queries_at_two_sizes(org, client, django_assert_max_num_queries):
    from ..factories import make_graduate

    client.force_login(org.centre)
    # The chase page's 13 less its last actions, plus support actions and subsidies.
    with django_assert_max_num_queries(14):
        client.get(reverse("followup:leavers"), {"as_of": "2020-08-31"})
    for _n in range(25):
        make_graduate(org.class_b1)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("followup:leavers"), {"as_of": "2020-08-31"})
    assert response.context["page"].paginator.count == 31
