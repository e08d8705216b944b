"""Login throttling (issue 12, item 5): per account and per address, Chinese lock message, admin unlock, and no
timing difference between an account holding an unused first-login code and any other."""

from unittest import mock

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import hashers
from django.test import override_settings
from django.urls import reverse

from apps.accounts.hashers import FirstLoginCodeHasher
from apps.accounts.models import Role
from apps.accounts.services import login_codes_issue
from apps.accounts.throttle import MSG_LOCKED
from hpi_employment.settings import base as base_settings

from ..factories import make_user

pytestmark = pytest.mark.django_db

LOGIN = "accounts:login"
LOCKED_TEXT = str(MSG_LOCKED.format(minutes=int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)))
PBKDF2_FIRST = [
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "apps.accounts.hashers.FirstLoginCodeHasher",
]


def attempt(client, username: str, password: str, address: str = "10.0.0.1"):
    return client.post(reverse(LOGIN), {"username": username, "password": password}, REMOTE_ADDR=address)


def test_thirty_wrong_passwords_lock_the_account_after_five_and_check_no_more_passwords(client, org):
    limit = settings.HPI_LOGIN_FAILURES_PER_ACCOUNT
    checks = mock.patch.object(hashers, "pbkdf2", wraps=hashers.pbkdf2)
    answers = [attempt(client, org.student.username, f"wrong-{i}").status_code for i in range(limit)]
    # the form again ("账号或密码不正确") until the limit-th failure, which is answered with the lock
    assert answers == [200] * (limit - 1) + [429]
    with checks as pbkdf2, mock.patch.object(hashers.MD5PasswordHasher, "verify") as md5:
        locked = [attempt(client, org.student.username, f"wrong-{i}") for i in range(limit, 30)]
    assert {r.status_code for r in locked} == {429}
    assert LOCKED_TEXT in locked[-1].content.decode()
    assert pbkdf2.call_count == 0 and md5.call_count == 0  # a locked account costs no hashing
    # even the right password is refused while the lock holds
    assert attempt(client, org.student.username, "pass-12345").status_code == 429


def test_a_locked_account_does_not_lock_others_from_the_same_address(client, org):
    for i in range(settings.HPI_LOGIN_FAILURES_PER_ACCOUNT):
        attempt(client, org.student.username, f"wrong-{i}")
    assert attempt(client, org.counsellor.username, "pass-12345").status_code == 302


def test_an_address_locks_after_many_failures_over_many_accounts(client, org):
    per_address = settings.HPI_LOGIN_FAILURES_PER_ADDRESS
    answers = [
        attempt(client, f"nobody-{i}", "wrong", address="10.9.9.9").status_code for i in range(per_address)
    ]
    assert answers == [200] * (per_address - 1) + [429]
    assert attempt(client, org.counsellor.username, "pass-12345", address="10.9.9.9").status_code == 429
    assert attempt(client, org.counsellor.username, "pass-12345", address="10.1.1.1").status_code == 302


def test_a_campus_address_with_a_few_typos_per_student_stays_open(client, org):
    # forty students behind one NAT address each mistype once: below the address limit, nobody is locked
    for i in range(40):
        attempt(client, f"student-{i}", "typo", address="10.2.2.2")
    assert attempt(client, org.student.username, "pass-12345", address="10.2.2.2").status_code == 302


def test_the_first_login_code_path_is_throttled_the_same_way(client, org):
    issued = login_codes_issue(graduates=[org.own_graduate], issued_by=org.counsellor, only_unclaimed=False)[
        0
    ]
    for i in range(settings.HPI_LOGIN_FAILURES_PER_ACCOUNT):
        attempt(client, org.student.username, f"guess-{i}")
    assert attempt(client, org.student.username, issued.code).status_code == 429


def test_the_administrator_unlocks_an_account_in_the_admin_and_sees_the_lock(client, org):
    for i in range(settings.HPI_LOGIN_FAILURES_PER_ACCOUNT):
        attempt(client, org.student.username, f"wrong-{i}")
    superuser = make_user(Role.ADMIN, username="root", is_staff=True, is_superuser=True)
    admin_client = type(client)()
    admin_client.force_login(superuser)
    changelist = admin_client.get(reverse("admin:axes_accessattempt_changelist"))
    assert changelist.status_code == 200 and org.student.username in changelist.content.decode()
    ids = [
        str(pk)
        for pk in AccessAttempt.objects.filter(username=org.student.username).values_list("pk", flat=True)
    ]
    admin_client.post(
        reverse("admin:axes_accessattempt_changelist"),
        {"action": "delete_selected", "_selected_action": ids, "post": "yes"},
    )
    assert not AccessAttempt.objects.filter(username=org.student.username).exists()
    assert attempt(client, org.student.username, "pass-12345").status_code == 302


@override_settings(PASSWORD_HASHERS=PBKDF2_FIRST)
def test_a_wrong_password_costs_the_same_work_for_an_account_holding_an_unused_code(client, org):
    """The timing oracle (0.064 s against 0.368 s) counted in PBKDF2 iterations rather than seconds."""
    holder = org.graduates["a1"][1]
    holder.user = make_user(Role.STUDENT, username=holder.student_no)
    holder.save(update_fields=["user"])
    login_codes_issue(graduates=[holder], issued_by=org.counsellor, only_unclaimed=False)
    org.counsellor.set_password("pass-12345")  # hashed with the production default
    org.counsellor.save()

    def iterations_of_a_wrong_login(username: str) -> int:
        with mock.patch.object(hashers, "pbkdf2", wraps=hashers.pbkdf2) as pbkdf2:
            assert attempt(client, username, "not-the-password", address="10.3.3.3").status_code == 200
        return sum(call.args[2] for call in pbkdf2.call_args_list)

    default_iterations = hashers.PBKDF2PasswordHasher.iterations
    assert FirstLoginCodeHasher.iterations < default_iterations  # what made the oracle
    assert iterations_of_a_wrong_login(holder.student_no) == default_iterations
    assert iterations_of_a_wrong_login(org.counsellor.username) == default_iterations


def test_with_argon2_as_the_default_a_wrong_password_costs_one_argon2_hash_either_way(client, org):
    """The production settings hash with Argon2 (settings/base.py): a wrong password against a code's hash then
    also runs one Argon2 hash, as a wrong password against any other account does."""
    with override_settings(PASSWORD_HASHERS=base_settings.PASSWORD_HASHERS):
        assert hashers.get_hasher("default").algorithm == "argon2"
        holder = org.graduates["a1"][1]
        holder.user = make_user(Role.STUDENT, username=holder.student_no)
        holder.save(update_fields=["user"])
        login_codes_issue(graduates=[holder], issued_by=org.counsellor, only_unclaimed=False)
        org.counsellor.set_password("pass-12345")
        org.counsellor.save()
        argon2 = hashers.Argon2PasswordHasher
        for username in (holder.student_no, org.counsellor.username):
            with (
                mock.patch.object(argon2, "encode", autospec=True, side_effect=argon2.encode) as encode,
                mock.patch.object(argon2, "verify", autospec=True, side_effect=argon2.verify) as verify,
            ):
                assert attempt(client, username, "not-the-password", address="10.4.4.4").status_code == 200
            assert encode.call_count + verify.call_count == 1, username
