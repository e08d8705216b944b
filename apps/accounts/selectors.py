"""Reads about accounts: the first-login code an account holds."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from .models import LoginCodeIssue, User


def login_code_latest(*, account: User) -> LoginCodeIssue | None:
    """The last code handed to ``account`` (the one its hash holds while it must change its password)."""
    return account.login_code_issues.select_related("issued_by").first()


def login_code_expired(*, issue: LoginCodeIssue, now=None) -> bool:
    now = now or timezone.now()
    return issue.issued_at + timedelta(days=settings.HPI_LOGIN_CODE_VALID_DAYS) < now
