"""Login throttling on top of django-axes: per account and per address, with a Chinese lock page.

Axes compares every lockout parameter with one failure limit. An account should lock after a few wrong
passwords, but an address only after many: on a deadline morning a campus reaches the site through a few NAT
addresses, and fifty students mistyping once each must not lock the rest out. The handler scales the address's
count to the account limit so one setting each (HPI_LOGIN_FAILURES_PER_ACCOUNT / _PER_ADDRESS) holds.
"""

import math

from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.db.models import Sum
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from .forms import ChineseAuthenticationForm

MSG_LOCKED = _(
    "登录失败次数过多，已暂时锁定：请 {minutes} 分钟后再试，或联系系统管理员解锁。"
    "毕业生忘记密码请找辅导员重新生成初始密码。"
)


def username_from_request(request, credentials) -> str | None:
    """The account a login attempt names, as the login form would read it (surrounding spaces dropped)."""
    field = settings.AXES_USERNAME_FORM_FIELD
    value = credentials.get(field) if credentials else None
    if value is None and request is not None and hasattr(request, "POST"):
        value = request.POST.get(field)
    return value.strip() if isinstance(value, str) else value


class AccountAndAddressHandler(AxesDatabaseHandler):
    """Locks an account after HPI_LOGIN_FAILURES_PER_ACCOUNT failures and an address after
    HPI_LOGIN_FAILURES_PER_ADDRESS, within axes' cool-off window."""

    def get_failures(self, request, credentials=None) -> int:
        by_account, by_address = (
            attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        )
        per_account = settings.HPI_LOGIN_FAILURES_PER_ACCOUNT
        per_address = settings.HPI_LOGIN_FAILURES_PER_ADDRESS
        # An address at its own limit counts as an account at the (single) axes limit.
        scaled_address = math.floor(by_address * per_account / per_address)
        return max(by_account, scaled_address)


def lockout_response(request, original_response=None, credentials=None):
    """The login page again, with the lock explained, answered 429 so scripts see it too."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    form = ChineseAuthenticationForm(request, data=None)
    return render(
        request,
        "accounts/login.html",
        {"form": form, "locked_message": MSG_LOCKED.format(minutes=minutes), "next": ""},
        status=429,
    )
