from datetime import timedelta
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from apps.accounts.forms import MSG_CODE_EXPIRED
from apps.accounts.models import LoginCodeIssue, Role, User
from apps.accounts.services import login_codes_issue
from apps.accounts.views_codes import CODE_HEADERS
from apps.plans.models import Notification

from ..factories import authenticate_at_login, log_in, make_graduate

pytestmark = pytest.mark.django_db


def give_unclaimed_account(graduate) -> User:
    user = User(username=graduate.student_no, role=Role.STUDENT, must_change_password=True)
    user.set_unusable_password()
    user.save()
    graduate.user = user
    graduate.save(update_fields=["user"])
    return user


def codes_from(response) -> dict[str, str]:
    rows = list(load_workbook(BytesIO(response.getvalue())).active.iter_rows(values_only=True))
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
    user = authenticate_at_login(unclaimed.student_no, codes[unclaimed.student_no])
    assert user is not None and user.must_change_password
    assert authenticate_at_login(org.student.username, "pass-12345") is not None


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
    assert authenticate_at_login(org.student.username, code) is not None
    assert authenticate_at_login(org.student.username, "pass-12345") is None
    assert response["Cache-Control"] == "no-store"


def test_codes_are_unambiguous_and_distinct(org):
    graduates = [make_graduate(org.class_b1) for _ in range(20)]
    for graduate in graduates:
        give_unclaimed_account(graduate)
    issued = login_codes_issue(graduates=graduates, issued_by=org.counsellor)
    codes = [c.code for c in issued]
    assert len(set(codes)) == 20
    assert not set("".join(codes)) & set("0O1lI")


# Issue 12, item 6: codes expire; a reset of a chosen password is told and recorded; the issuer is named.


def test_a_code_older_than_its_validity_no_longer_logs_in(client, org, settings):
    holder = org.graduates["a1"][1]
    give_unclaimed_account(holder)
    code = login_codes_issue(graduates=[holder], issued_by=org.counsellor)[0].code
    issued_at = timezone.now() - timedelta(days=settings.HPI_LOGIN_CODE_VALID_DAYS, hours=1)
    LoginCodeIssue.objects.filter(account=holder.user).update(issued_at=issued_at)
    response = client.post(reverse("accounts:login"), {"username": holder.student_no, "password": code})
    assert response.status_code == 200
    expected = str(MSG_CODE_EXPIRED.format(days=settings.HPI_LOGIN_CODE_VALID_DAYS))
    assert expected in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_code_within_its_validity_logs_in(client, org, settings):
    holder = org.graduates["a1"][1]
    give_unclaimed_account(holder)
    code = login_codes_issue(graduates=[holder], issued_by=org.counsellor)[0].code
    issued_at = timezone.now() - timedelta(days=settings.HPI_LOGIN_CODE_VALID_DAYS - 1)
    LoginCodeIssue.objects.filter(account=holder.user).update(issued_at=issued_at)
    assert log_in(client, holder.student_no, code)


def test_resetting_a_chosen_password_tells_the_student_and_is_recorded(
    client, org, mailoutbox, django_capture_on_commit_callbacks
):
    org.student.email = "student@example.com"
    org.student.save(update_fields=["email"])
    client.force_login(org.counsellor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:login_code_reset", args=[org.own_graduate.pk]))
    record = LoginCodeIssue.objects.get(account=org.student)
    assert (record.issued_by, record.kind, record.replaced_own_password) == (
        org.counsellor,
        LoginCodeIssue.Kind.RESET,
        True,
    )
    notice = Notification.objects.get(recipient=org.student)
    assert "重置" in notice.message and org.counsellor.get_role_display() in notice.message
    assert [m.to for m in mailoutbox] == [["student@example.com"]]


def test_handing_out_codes_to_unclaimed_accounts_is_recorded_without_a_notice(
    client, org, django_capture_on_commit_callbacks
):
    holder = org.graduates["a1"][1]
    give_unclaimed_account(holder)
    client.force_login(org.counsellor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:login_codes_class", args=[org.class_a1.pk]))
    record = LoginCodeIssue.objects.get(account=holder.user)
    assert (record.kind, record.replaced_own_password) == (LoginCodeIssue.Kind.HANDOUT, False)
    assert not Notification.objects.filter(recipient=holder.user).exists()


def test_what_is_done_after_a_code_login_names_the_codes_issuer_in_the_history(client, org):
    # given: the counsellor resets the student's password and (whoever it is) logs in with the code
    code = login_codes_issue(graduates=[org.own_graduate], issued_by=org.counsellor, only_unclaimed=False)[
        0
    ].code
    assert log_in(client, org.student.username, code)
    client.post(
        reverse("accounts:password_change"),
        {"old_password": code, "new_password1": "Xq7-long-enough", "new_password2": "Xq7-long-enough"},
    )
    # when: the session edits the student's contact details
    client.post(
        reverse("graduates:contact_edit", args=[org.own_graduate.pk]),
        {"phone": "13900001111", "email": "new@example.com"},
    )
    # then: the history entry is the student's, and names who handed out the code
    latest = org.own_graduate.history.latest()
    assert latest.history_user == org.student
    assert org.counsellor.username in latest.history_change_reason
    assert "初始密码" in latest.history_change_reason
