"""The centre's page for the national layout: download a cohort's layout; upload one, dry run, confirm.

The upload waits on disk as the destination import's does (``PendingUploads``); the day it is registered on
is kept with it in the session, so the confirmation writes exactly what was previewed.
"""

import datetime

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from apps.accounts.models import Role
from apps.accounts.permissions import roles_required
from apps.graduates.pending import (
    PendingRefused,
    PendingUploads,
    pending_confirmation,
)
from apps.releases.models import ReleaseKind
from apps.releases.services import release_record

from .columns import COLUMNS
from .export import export_layout
from .forms import LayoutExportForm, LayoutImportConfirmForm, LayoutImportForm
from .importer import REQUIRED_COLUMNS, national_layout_import

MSG_IMPORTED = _("导入完成：新登记 {new} 人，变更 {changed} 人（原方案标记为已变更），未变 {unchanged} 人。")
MSG_BAD_COHORT = _("请选择一个已有的届别。")

TEMPLATE = "plans/national_layout.html"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SESSION_KEY = "national_layout_pending"
PENDING = PendingUploads(".layout")


@roles_required(Role.CENTRE)
@require_GET
def layout_export_view(request):
    form = LayoutExportForm(request.GET)
    if not form.is_valid():
        messages.error(request, MSG_BAD_COHORT)
        return redirect("plans:national_layout")
    cohort = form.cleaned_data["cohort"]
    handle, count = export_layout(cohort=cohort, actor=request.user)
    # Personal data leaves the system: recorded before the file is handed out (domain.md, release of data).
    release_record(
        user=request.user, kind=ReleaseKind.NATIONAL_LAYOUT, rows=count, filters={"cohort": cohort.year}
    )
    response = FileResponse(handle, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, f"{cohort.year}届就业方案.xlsx")
    response["Cache-Control"] = "private, no-store"
    return response


@roles_required(Role.CENTRE)
@require_http_methods(["GET", "POST"])
def layout_import_view(request):
    form = LayoutImportForm()
    result = confirm_form = file_name = None
    if request.method == "POST":
        form = LayoutImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            approved_on = form.cleaned_data["approved_on"]
            file_name = upload.name
            result = national_layout_import(
                rows_source=upload, dry_run=True, actor=request.user, approved_on=approved_on
            )
            _discard_pending(request)
            if result.ok:
                token = PENDING.store(upload)
                request.session[SESSION_KEY] = {
                    "token": token, "name": file_name, "approved_on": approved_on.isoformat(),
                }  # fmt: skip
                confirm_form = LayoutImportConfirmForm(initial={"token": token})
    return _render(request, form=form, result=result, confirm_form=confirm_form, file_name=file_name)


@roles_required(Role.CENTRE)
@require_POST
def layout_import_confirm_view(request):
    form = LayoutImportConfirmForm(request.POST)
    try:
        pending, path = pending_confirmation(request, session_key=SESSION_KEY, store=PENDING, form=form)
    except PendingRefused as refused:
        messages.error(request, refused.message)
        return redirect("plans:national_layout")
    approved_on = datetime.date.fromisoformat(pending["approved_on"])
    result = national_layout_import(
        rows_source=path, dry_run=False, actor=request.user, approved_on=approved_on
    )
    _discard_pending(request)
    if not result.ok:
        # Something changed since the preview (an approval, another import): show what is wrong now.
        return _render(request, form=LayoutImportForm(), result=result, file_name=pending.get("name"))
    messages.success(
        request, MSG_IMPORTED.format(new=result.new, changed=result.changed, unchanged=result.unchanged)
    )
    return redirect("plans:list")


def _render(request, *, form, result, confirm_form=None, file_name=None):
    context = {
        "form": form,
        "export_form": LayoutExportForm(),
        "result": result,
        "confirm_form": confirm_form,
        "file_name": file_name,
        "columns": COLUMNS,
        "required_columns": REQUIRED_COLUMNS,
        "max_rows": settings.IMPORT_MAX_ROWS,
    }
    return render(request, TEMPLATE, context)


def _discard_pending(request) -> None:
    PENDING.discard((request.session.pop(SESSION_KEY, None) or {}).get("token", ""))
