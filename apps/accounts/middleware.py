import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .models import STAFF_ROLES

LAST_ACTIVITY_KEY = "hpi_last_activity"
# Writing the session on every request would cost a write per page; a minute's precision is enough.
ACTIVITY_RESOLUTION_SECONDS = 60
MSG_SESSION_IDLE = _("长时间未操作，已自动退出，请重新登录。")


class ForcePasswordChangeMiddleware:
    """A user holding a first-login code must set their own password before doing anything else."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.must_change_password:
            allowed = {reverse("accounts:password_change"), reverse("accounts:logout")}
            if request.path not in allowed and not request.path.startswith("/static/"):
                return redirect("accounts:password_change")
        return self.get_response(request)


def idle_limit_seconds(user) -> int:
    """How long a session of ``user`` may stay unused: staff hold more personal data, so theirs is short."""
    if user.role in STAFF_ROLES:
        return settings.HPI_STAFF_SESSION_IDLE_SECONDS
    return settings.HPI_STUDENT_SESSION_IDLE_SECONDS


class SessionIdleTimeoutMiddleware:
    """Ends a session unused for longer than its role allows, whatever the cookie says.

    The cookie's own age is set at login (apps.accounts.signals): staff cookies end with the browser,
    students' after their idle span; this check makes the idle span hold on the server as well.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = time.time()
            last = request.session.get(LAST_ACTIVITY_KEY)
            if last is not None and now - last > idle_limit_seconds(user):
                path = request.get_full_path()
                logout(request)
                messages.info(request, MSG_SESSION_IDLE)
                return redirect_to_login(path)
            if last is None or now - last > ACTIVITY_RESOLUTION_SECONDS:
                request.session[LAST_ACTIVITY_KEY] = now
        return self.get_response(request)
