"""The request body is bounded before Django reads it (issue 12.4).

``DATA_UPLOAD_MAX_MEMORY_SIZE`` bounds only a form's fields: the files of a multipart body are streamed to
memory or a temporary file whatever their size, and the CSRF check reads the whole body before any view runs.
So the declared length (``CONTENT_LENGTH``) is compared with what the view accepts before that: an upload
view names its cap with ``@upload_limit(...)``; every other POST gets the largest upload cap. A longer body
is never read: the user is sent back with the same message the form gives for a file too large.
"""

from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme

from .uploads import MSG_TOO_LARGE, human_size

# The multipart framing and the small fields around the file (CSRF token, a checkbox, a hidden id).
MULTIPART_ALLOWANCE = 64 * 1024
UPLOAD_CAP_SETTINGS = ("IMPORT_MAX_UPLOAD_BYTES", "EVIDENCE_MAX_BYTES")


def upload_limit(setting: str) -> Callable:
    """Mark an upload view with the setting that holds the largest file it takes."""

    def mark(view):
        view.upload_limit_setting = setting
        return view

    return mark


def _file_cap(view) -> int:
    setting = getattr(view, "upload_limit_setting", None)
    if setting is not None:
        return getattr(settings, setting)
    return max(getattr(settings, name) for name in UPLOAD_CAP_SETTINGS)


def _declared_length(request) -> int | None:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return None


class RequestBodyLimitMiddleware:
    """Before ``CsrfViewMiddleware``: a POST whose declared body exceeds the view's cap is answered without a
    byte of it read."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method not in ("POST", "PUT", "PATCH"):
            return None
        cap = _file_cap(view_func)
        length = _declared_length(request)
        if length is not None and length <= cap + MULTIPART_ALLOWANCE:
            return None
        messages.error(request, MSG_TOO_LARGE.format(limit=human_size(cap)))
        back = request.META.get("HTTP_REFERER", "")
        if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
            back = request.path
        return redirect(back)
