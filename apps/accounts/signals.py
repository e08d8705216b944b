"""What a login sets up for the session: its lifetime, and whether it began with a first-login code."""

import time

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from simple_history.models import HistoricalRecords
from simple_history.signals import pre_create_historical_record

from .middleware import LAST_ACTIVITY_KEY
from .models import STAFF_ROLES
from .selectors import login_code_latest

CODE_LOGIN_KEY = "hpi_login_code_issue"
CODE_LOGIN_REASON = "使用{issuer}（{role}）于 {issued} 发放的初始密码登录后操作"


@receiver(user_logged_in, dispatch_uid="hpi_session_on_login")
def session_on_login(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    # Staff cookies end with the browser; the idle span (middleware) holds on the server for everyone.
    request.session[LAST_ACTIVITY_KEY] = time.time()
    if user.role in STAFF_ROLES:
        request.session.set_expiry(0)
    else:
        request.session.set_expiry(settings.HPI_STUDENT_SESSION_IDLE_SECONDS)
    if user.must_change_password:
        issue = login_code_latest(account=user)
        if issue is not None:
            # Whoever handed out the code could be the one typing it: the session says whose key it was.
            request.session[CODE_LOGIN_KEY] = CODE_LOGIN_REASON.format(
                issuer=issue.issued_by.get_full_name() or issue.issued_by.username,
                role=issue.issued_by.get_role_display(),
                issued=issue.issued_at.strftime("%Y-%m-%d %H:%M"),
            )


@receiver(pre_create_historical_record, dispatch_uid="hpi_name_code_issuer_in_history")
def name_code_issuer_in_history(sender, history_instance, **kwargs):
    """Every record history written in a session that began with a code names the code's issuer."""
    request = getattr(HistoricalRecords.context, "request", None)
    session = getattr(request, "session", None)
    reason = session.get(CODE_LOGIN_KEY) if session is not None else None
    if reason:
        own = history_instance.history_change_reason
        history_instance.history_change_reason = (f"{own}；{reason}" if own else reason)[:100]
