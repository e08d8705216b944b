"""The destination import pages (contract §2, centre only): upload and dry run, then confirm.

The same pattern as the graduate import (``apps.graduates.views_import``): the previewed upload waits on disk
under ``MEDIA_ROOT/imports`` with a random name only the session knows; confirming reads it again, checks it
again and writes, as a background job (apps.jobs) whose page shows the progress and the outcome.
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
from apps.graduates.imports import ImportResult
from apps.graduates.pending import (
    PendingRefused,
    PendingUploads,
    pending_confirmation,
)
from apps.graduates.request_limits import upload_limit
from apps.jobs.models import JobKind
from apps.jobs.services import job_create

from .destination_import import (
    OPTIONAL_COLUMNS,
    REQUIRED_COLUMNS,
    destination_import,
    destination_import_template,
)
from .forms_import import DestinationImportConfirmForm, DestinationImportForm

MSG_IMPORTED = _("导入完成：新登记 {new} 人，变更 {changed} 人（原方案标记为已变更），未变 {unchanged} 人。")

TEMPLATE = "plans/import.html"
TEMPLATE_FILE_NAME = "毕业去向导入模板.xlsx"
SESSION_KEY = "destination_import_pending"
PENDING = PendingUploads(".destinations")


@upload_limit("IMPORT_MAX_UPLOAD_BYTES")
@roles_required(Role.CENTRE)
@require_http_methods(["GET", "POST"])
def destination_import_view(request):
    if request.method == "GET" and request.GET.get("download") == "template":
        response = HttpResponse(destination_import_template(), content_type=XLSX_CONTENT_TYPE)
        response["Content-Disposition"] = content_disposition_header(True, TEMPLATE_FILE_NAME)
        return response
    form = DestinationImportForm()
    result = confirm_form = file_name = None
    if request.method == "POST":
        form = DestinationImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            file_name = upload.name
            result = destination_import(rows_source=upload, dry_run=True, actor=request.user)
            _discard_pending(request)
            if result.ok:
                token = PENDING.store(upload)
                request.session[SESSION_KEY] = {"token": token, "name": file_name}
                confirm_form = DestinationImportConfirmForm(initial={"token": token})
    return _render(request, form=form, result=result, confirm_form=confirm_form, file_name=file_name)


@roles_required(Role.CENTRE)
@require_POST
def destination_import_confirm_view(request):
    form = DestinationImportConfirmForm(request.POST)
    try:
        pending, path = pending_confirmation(request, session_key=SESSION_KEY, store=PENDING, form=form)
    except PendingRefused as refused:
        messages.error(request, refused.message)
        return redirect("plans:import")
    # The write runs as a background job (apps.jobs), one transaction as before; its page shows the outcome.
    job = job_create(
        owner=request.user,
        kind=JobKind.DESTINATION_IMPORT,
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
