"""Writes to accounts: first-login codes for students."""

import secrets
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db import transaction

from apps.graduates.models import Graduate

from .models import User

# No 0/O, 1/l/I: the codes are read off paper.
CODE_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ"
CODE_LENGTH = 8


@dataclass(frozen=True)
class IssuedCode:
    student_no: str
    name: str
    class_name: str
    code: str


def _new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


@transaction.atomic
def login_codes_issue(*, graduates: Iterable[Graduate], only_unclaimed: bool = True) -> list[IssuedCode]:
    """Give each graduate's student account a fresh first-login code and flag it to change password.

    ``graduates`` must already be limited to the actor's scope (callers pass a selector's queryset).
    With ``only_unclaimed`` (a class hand-out) students who have already set their own password are
    skipped, so a second hand-out never locks anyone out; a single reset passes False.
    """
    issued: list[IssuedCode] = []
    accounts: list[User] = []
    for graduate in graduates:
        account = graduate.user
        if account is None or not account.is_active:
            continue
        if only_unclaimed and account.has_usable_password() and not account.must_change_password:
            continue
        code = _new_code()
        account.password = make_password(code, hasher="pbkdf2_sha256_first_login")
        account.must_change_password = True
        accounts.append(account)
        issued.append(IssuedCode(graduate.student_no, graduate.name, graduate.class_group.name, code))
    User.objects.bulk_update(accounts, ["password", "must_change_password"])
    return issued
