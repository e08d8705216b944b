"""The responses import pages (centre only): upload and dry run, then confirm, per campaign.

Confirming hands the previewed file (``pending`` keeps it meanwhile) to a background job (apps.jobs) that checks
it again and writes; the job's page shows the progress and the outcome.
"""

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from apps.accounts.models import Role
from apps.accounts.permissions import roles_required
from apps.downloads import XLSX as XLSX_CONTENT_TYPE
from apps.graduates.pending import (
    PendingRefused,
    PendingUploads,
    pending_confirmation,
)
from apps.graduates.request_limits import upload_limit
from apps.jobs.models import JobKind
from apps.jobs.services import job_create

from .forms import SurveyImportConfirmForm, SurveyImportForm
from .imports import ImportResult, columns_for, survey_response_import
from .models import SurveyCampaign
from .resources import import_template

MSG_IMPORTED = _("导入完成：答卷 {rows} 份（替换原有 {replaced} 份）。")

TEMPLATE = "surveys/import.html"
SESSION_KEY = "survey_import_pending"
PENDING = PendingUploads(".survey-upload")


@upload_limit("IMPORT_MAX_UPLOAD_BYTES")
@roles_required(Role.CENTRE)
@require_http_methods(["GET", "POST"])
def survey_import_view(request, pk: int):
    campaign = _campaign_or_404(pk)
    if request.method == "GET" and request.GET.get("download") == "template":
        response = HttpResponse(import_template(campaign), content_type=XLSX_CONTENT_TYPE)
        response["Content-Disposition"] = content_disposition_header(
            True, f"{campaign.get_kind_display()}答卷导入模板.xlsx"
        )
        return response
    form = SurveyImportForm()
    result = confirm_form = file_name = None
    if request.method == "POST":
        form = SurveyImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            file_name = upload.name
            result = survey_response_import(
                campaign=campaign, rows_source=upload, dry_run=True, actor=request.user
            )
            _discard_pending(request)
            if result.ok:
                token = PENDING.store(upload)
                request.session[SESSION_KEY] = {"token": token, "name": file_name, "campaign": campaign.pk}
                confirm_form = SurveyImportConfirmForm(initial={"token": token})
    return _render(
        request, campaign, form=form, result=result, confirm_form=confirm_form, file_name=file_name
    )


@roles_required(Role.CENTRE)
@require_POST
def survey_import_confirm_view(request, pk: int):
    campaign = _campaign_or_404(pk)
    form = SurveyImportConfirmForm(request.POST)
    try:
        waiting, path = pending_confirmation(
            request,
            session_key=SESSION_KEY,
            store=PENDING,
            form=form,
            belongs=lambda pending: pending.get("campaign") == campaign.pk,
        )
    except PendingRefused as refused:
        messages.error(request, refused.message)
        return redirect("surveys:import", campaign.pk)
    # The write runs as a background job (apps.jobs), one transaction as before; its page shows the outcome.
    job = job_create(
        owner=request.user,
        kind=JobKind.SURVEY_IMPORT,
        params={"campaign": campaign.pk},
        source=path,
        source_name=waiting.get("name") or "",
    )
    request.session.pop(SESSION_KEY, None)
    return redirect("jobs:detail", job.pk)


def _campaign_or_404(pk: int) -> SurveyCampaign:
    campaign = SurveyCampaign.objects.select_related("cohort").filter(pk=pk).first()
    if campaign is None:
        raise Http404
    return campaign


def _render(request, campaign, *, form, result: ImportResult | None, confirm_form=None, file_name=None):
    required, optional = columns_for(campaign)
    context = {
        "campaign": campaign,
        "form": form,
        "result": result,
        "confirm_form": confirm_form,
        "file_name": file_name,
        "required_columns": required,
        "optional_columns": optional,
        "max_rows": settings.IMPORT_MAX_ROWS,
    }
    return render(request, TEMPLATE, context)


def _discard_pending(request) -> None:
    PENDING.discard((request.session.pop(SESSION_KEY, None) or {}).get("token", ""))
