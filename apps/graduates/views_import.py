"""The graduate import pages (centre only): upload and dry run, then confirm.

The previewed upload waits on disk under ``MEDIA_ROOT/imports`` with a random name that only the session
knows; the client never names a path. Confirming hands that file to a background job (apps.jobs, the job
page shows its progress) that checks it again and writes it in one transaction. A file refused only for
cohort moves of graduates with registered destination plans can be confirmed with the box that says so
(recorded in each graduate's history); without it nothing is written and the job says so.
"""

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from apps.accounts.models import Role
from apps.accounts.permissions import roles_required
from apps.downloads import XLSX as XLSX_CONTENT_TYPE
from apps.jobs.models import JobKind
from apps.jobs.services import job_create

from .forms_import import CohortMoveConfirmForm, GraduateImportForm
from .imports import OPTIONAL_COLUMNS, REQUIRED_COLUMNS, ImportResult, graduate_import
from .jobs import MSG_IMPORTED  # noqa: F401 (the pages' message, named here as before)
from .pending import PendingRefused, PendingUploads, pending_confirmation
from .request_limits import upload_limit
from .resources import graduate_import_template

MSG_CONFIRM_MOVES = _("请勾选“确认届别变更”后再确认导入，或改正文件后重新上传。")

TEMPLATE = "graduates/import.html"
TEMPLATE_FILE_NAME = "生源信息导入模板.xlsx"
SESSION_KEY = "graduate_import_pending"
PENDING = PendingUploads(".upload")


@upload_limit("IMPORT_MAX_UPLOAD_BYTES")
@roles_required(Role.CENTRE)
@require_http_methods(["GET", "POST"])
def graduate_import_view(request):
    if request.method == "GET" and request.GET.get("download") == "template":
        response = HttpResponse(graduate_import_template(), content_type=XLSX_CONTENT_TYPE)
        response["Content-Disposition"] = content_disposition_header(True, TEMPLATE_FILE_NAME)
        return response
    form = GraduateImportForm()
    result = confirm_form = file_name = None
    if request.method == "POST":
        form = GraduateImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            file_name = upload.name
            result = graduate_import(rows_source=upload, dry_run=True, actor=request.user)
            _discard_pending(request)
            if result.ok or result.needs_confirmation:
                token = PENDING.store(upload)
                request.session[SESSION_KEY] = {
                    "token": token,
                    "name": file_name,
                    "needs_confirmation": result.needs_confirmation,
                }
                confirm_form = CohortMoveConfirmForm(initial={"token": token})
    return _render(request, form=form, result=result, confirm_form=confirm_form, file_name=file_name)


@roles_required(Role.CENTRE)
@require_POST
def graduate_import_confirm_view(request):
    form = CohortMoveConfirmForm(request.POST)
    try:
        pending, path = pending_confirmation(request, session_key=SESSION_KEY, store=PENDING, form=form)
    except PendingRefused as refused:
        messages.error(request, refused.message)
        return redirect("graduates:import")
    if pending.get("needs_confirmation") and not form.cleaned_data["confirm_cohort_moves"]:
        # Nothing written: the cohort moves wait for the box; the same upload is offered again.
        form.add_error("confirm_cohort_moves", MSG_CONFIRM_MOVES)
        result = graduate_import(rows_source=path, dry_run=True, actor=request.user)
        return _render(
            request,
            form=GraduateImportForm(),
            result=result,
            confirm_form=form,
            file_name=pending.get("name"),
        )
    # The write runs as a background job (apps.jobs), one transaction as before: the page polls its progress.
    # The dry run above stays in the request (files are capped at IMPORT_MAX_UPLOAD_BYTES and IMPORT_MAX_ROWS).
    job = job_create(
        owner=request.user,
        kind=JobKind.GRADUATE_IMPORT,
        params={"confirm_cohort_moves": form.cleaned_data["confirm_cohort_moves"]},
        source=path,
        source_name=pending.get("name") or "",
    )
    request.session.pop(SESSION_KEY, None)
    return redirect("jobs:detail", job.pk)


def _render(request, *, form, result: ImportResult | None, confirm_form=None, file_name=None):
    context = {
        "form": form,
        "result": result,
        "confirm_form": confirm_form,
        "file_name": file_name,
        "required_columns": REQUIRED_COLUMNS,
        "optional_columns": OPTIONAL_COLUMNS,
        "max_rows": settings.IMPORT_MAX_ROWS,
    }
    return render(request, TEMPLATE, context)


def _discard_pending(request) -> None:
    PENDING.discard((request.session.pop(SESSION_KEY, None) or {}).get("token", ""))
