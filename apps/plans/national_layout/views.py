"""The centre's page for the national layout: export a cohort's layout; upload one, dry run, confirm.

The upload waits on disk as the destination import's does (``PendingUploads``); the day it is registered on
is kept with it in the session, so the confirmation writes exactly what was previewed. The confirmed import
and the page's export run as background jobs (``jobs.py`` here) whose page shows their progress; the
export's URL still answers a GET with the file itself (streamed from disk), for a link or a script.
"""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from apps.accounts.models import Role
from apps.accounts.permissions import roles_required
from apps.downloads import Download
from apps.graduates.pending import (
    PendingRefused,
    PendingUploads,
    pending_confirmation,
)
from apps.jobs.models import JobKind
from apps.jobs.services import job_create
from apps.releases.models import ReleaseKind
from apps.releases.services import release_record

from .columns import COLUMNS
from .export import export_layout
from .forms import LayoutExportForm, LayoutImportConfirmForm, LayoutImportForm
from .importer import REQUIRED_COLUMNS, national_layout_import

MSG_BAD_COHORT = _("请选择一个已有的届别。")

TEMPLATE = "plans/national_layout.html"
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
    download = Download(f"{cohort.year}届就业方案.xlsx")
    count = export_layout(cohort=cohort, target=download.file, actor=request.user)
    # Personal data leaves the system: recorded before the file is handed out (domain.md, release of data).
    release_record(
        user=request.user, kind=ReleaseKind.NATIONAL_LAYOUT, rows=count, filters={"cohort": cohort.year}
    )
    return download.response()


@roles_required(Role.CENTRE)
@require_POST
def layout_export_job_view(request):
    """The cohort's layout as a background job; the file is downloaded (and its release logged) from the
    job's page."""
    form = LayoutExportForm(request.POST)
    if not form.is_valid():
        messages.error(request, MSG_BAD_COHORT)
        return redirect("plans:national_layout")
    cohort = form.cleaned_data["cohort"]
    job = job_create(owner=request.user, kind=JobKind.NATIONAL_LAYOUT_EXPORT, params={"cohort": cohort.year})
    return redirect("jobs:detail", job.pk)


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
    # The write runs as a background job, one transaction as before (all or nothing); a change since the
    # preview (an approval, another import) makes it write nothing and list the errors on the job's page.
    job = job_create(
        owner=request.user,
        kind=JobKind.NATIONAL_LAYOUT_IMPORT,
        params={"approved_on": pending["approved_on"]},
        source=path,
        source_name=pending.get("name") or "",
    )
    request.session.pop(SESSION_KEY, None)
    return redirect("jobs:detail", job.pk)


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
