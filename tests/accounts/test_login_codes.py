from io import BytesIO

import pytest
from django.contrib.auth import authenticate
from django.urls import reverse
from openpyxl import load_workbook

from apps.accounts.models import Role, User
from apps.accounts.services import login_codes_issue
from apps.accounts.views_codes import CODE_HEADERS

from ..factories import make_graduate

pytestmark = pytest.mark.django_db


def give_unclaimed_account(graduate) -> User:
    user = User(username=graduate.student_no, role=Role.STUDENT, must_change_password=True)
    user.set_unusable_password()
    user.save()
    graduate.user = user
    graduate.save(update_fields=["user"])
    return user


def codes_from(response) -> dict[str, str]:
    rows = list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0] == CODE_HEADERS
    return {row[0]: row[3] for row in rows[1:]}


def test_counsellor_hands_out_codes_for_their_class_and_each_code_logs_in(client, org):
    # given: the second graduate of A1 has an unclaimed account; the first (org.student) chose a password
    unclaimed = org.graduates["a1"][1]
    give_unclaimed_account(unclaimed)
    client.force_login(org.counsellor)
    # when
    response = client.post(reverse("accounts:login_codes_class", args=[org.class_a1.pk]))
    # then: only the unclaimed student got a code, and it works once for them
    codes = codes_from(response)
    assert set(codes) == {unclaimed.student_no}
    user = authenticate(username=unclaimed.student_no, password=codes[unclaimed.student_no])
    assert user is not None and user.must_change_password
    assert authenticate(username=org.student.username, password="pass-12345") is not None


@pytest.mark.parametrize("role", [Role.COUNSELLOR, Role.COLLEGE])
def test_codes_for_a_class_outside_scope_are_refused(client, org, role):
    for graduate in org.graduates["b1"]:
        give_unclaimed_account(graduate)
    client.force_login(org.user_for(role))
    response = client.post(reverse("accounts:login_codes_class", args=[org.class_b1.pk]))
    assert response.status_code == 404
    for graduate in org.graduates["b1"]:
        graduate.user.refresh_from_db()
        assert not graduate.user.has_usable_password()


@pytest.mark.parametrize("role", [Role.STUDENT, Role.ADMIN])
def test_roles_that_do_not_issue_codes_get_403(client, org, role):
    client.force_login(org.user_for(role))
    assert client.get(reverse("accounts:login_codes")).status_code == 403
    assert client.post(reverse("accounts:login_codes_class", args=[org.class_a1.pk])).status_code == 403


def test_codes_page_lists_only_scope_classes_with_unclaimed_counts(client, org):
    give_unclaimed_account(org.graduates["a1"][1])
    client.force_login(org.counsellor)
    page = client.get(reverse("accounts:login_codes")).context["page"]
    assert [(c.name, c.graduate_count, c.unclaimed_count) for c in page.object_list] == [("护理1班", 2, 1)]


def test_reset_of_one_student_outside_scope_is_not_found(client, org):
    client.force_login(org.counsellor)
    outsider = org.graduates["a2"][0]
    give_unclaimed_account(outsider)
    assert client.post(reverse("accounts:login_code_reset", args=[outsider.pk])).status_code == 404


def test_reset_gives_a_working_code_even_to_a_claimed_account(client, org):
    client.force_login(org.counsellor)
    response = client.post(reverse("accounts:login_code_reset", args=[org.own_graduate.pk]))
    code = response.context["issued"].code
    assert authenticate(username=org.student.username, password=code) is not None
    assert authenticate(username=org.student.username, password="pass-12345") is None
    assert response["Cache-Control"] == "no-store"


def test_codes_are_unambiguous_and_distinct(org):
    graduates = [make_graduate(org.class_b1) for _ in range(20)]
    for graduate in graduates:
        give_unclaimed_account(graduate)
    issued = login_codes_issue(graduates=graduates)
    codes = [c.code for c in issued]
    assert len(set(codes)) == 20
    assert not set("".join(codes)) & set("0O1lI")
