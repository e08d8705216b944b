"""Writes to accounts: first-login codes for students."""

import logging
import secrets
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.graduates.models import Graduate

from .models import LoginCodeIssue, User

logger = logging.getLogger(__name__)

# No 0/O, 1/l/I: the codes are read off paper.
CODE_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ"
CODE_LENGTH = 8
MSG_PASSWORD_RESET_NOTICE = _(
    "您的登录密码已于 {time} 被{issuer}（{role}）重置为初始密码。如非本人申请，请立即联系就业指导中心。"
)
MAIL_SUBJECT = "【湖职就业】账号密码已被重置"


@dataclass(frozen=True)
class IssuedCode:
    student_no: str
    name: str
    class_name: str
    code: str


def _new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def _holds_own_password(account: User) -> bool:
    return account.has_usable_password() and not account.must_change_password


@transaction.atomic
def login_codes_issue(
    *, graduates: Iterable[Graduate], issued_by: User, only_unclaimed: bool = True
) -> list[IssuedCode]:
    """Give each graduate's student account a fresh first-login code and flag it to change password.

    ``graduates`` must already be limited to the actor's scope (callers pass a selector's queryset).
    With ``only_unclaimed`` (a class hand-out) students who have already set their own password are
    skipped, so a second hand-out never locks anyone out; a single reset passes False. Every code is
    recorded with its issuer; a reset that replaces a password the student chose tells the student (in the
    app and by e-mail), because until they log in again someone else holds their account's key.
    """
    issued: list[IssuedCode] = []
    accounts: list[User] = []
    records: list[LoginCodeIssue] = []
    kind = LoginCodeIssue.Kind.HANDOUT if only_unclaimed else LoginCodeIssue.Kind.RESET
    for graduate in graduates:
        account = graduate.user
        if account is None or not account.is_active:
            continue
        replaced_own = _holds_own_password(account)
        if only_unclaimed and replaced_own:
            continue
        code = _new_code()
        account.password = make_password(code, hasher="pbkdf2_sha256_first_login")
        account.must_change_password = True
        accounts.append(account)
        records.append(
            LoginCodeIssue(
                account=account,
                issued_by=issued_by,
                issued_by_role=issued_by.role,
                kind=kind,
                replaced_own_password=replaced_own,
            )
        )
        issued.append(IssuedCode(graduate.student_no, graduate.name, graduate.class_group.name, code))
    User.objects.bulk_update(accounts, ["password", "must_change_password"])
    LoginCodeIssue.objects.bulk_create(records)
    told = [r.account for r in records if r.replaced_own_password]
    if told:
        transaction.on_commit(lambda: _tell_of_reset(accounts=told, issued_by=issued_by))
    return issued


def _tell_of_reset(*, accounts: list[User], issued_by: User) -> None:
    from apps.plans.models import Notification  # accounts sits below plans; the notice borrows its inbox

    when = timezone.localtime().strftime("%Y-%m-%d %H:%M")
    message = str(
        MSG_PASSWORD_RESET_NOTICE.format(
            time=when,
            issuer=issued_by.get_full_name() or issued_by.username,
            role=issued_by.get_role_display(),
        )
    )[:200]
    Notification.objects.bulk_create(Notification(recipient=account, message=message) for account in accounts)
    for account in accounts:
        if not account.email:
            continue
        try:
            send_mail(MAIL_SUBJECT, message, settings.DEFAULT_FROM_EMAIL, [account.email])
        except Exception:  # the reset is committed; a mail hiccup must not turn it into an error page
            logger.exception("could not mail the password-reset notice to account %s", account.pk)
