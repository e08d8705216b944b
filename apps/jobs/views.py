"""The job page (polls its status while the job runs, and survives a reload), its status as JSON, and the
file it produced. Only the owner and the centre see a job; anybody else gets 404."""

from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404, JsonResponse, QueryDict
from django.shortcuts import render

from apps.accounts.permissions import any_role
from apps.releases.models import ReleaseKind
from apps.releases.services import release_record

from .models import JobKind
from .selectors import job_get, job_progress
from .services import job_fail_if_worker_lost

# Job results that are personal data: each download is a data release (apps.releases), of the kind and with
# the filters the export in the request records.
RELEASED_BY_DOWNLOAD = {
    JobKind.GRADUATE_EXPORT: (
        ReleaseKind.GRADUATE_EXPORT,
        lambda job: QueryDict(job.params.get("query", "")),
    ),
    JobKind.NATIONAL_LAYOUT_EXPORT: (
        ReleaseKind.NATIONAL_LAYOUT,
        lambda job: {"cohort": job.params["cohort"]},
    ),
}


def _job_or_404(request, pk: int):
    job = job_get(user=request.user, pk=pk)
    if job is None:
        raise Http404
    job_fail_if_worker_lost(job)
    return job


@any_role
def job_detail_view(request, pk: int):
    job = _job_or_404(request, pk)
    return render(request, "jobs/job_detail.html", {"job": job, "progress": job_progress(job)})


@any_role
def job_status_view(request, pk: int):
    job = _job_or_404(request, pk)
    response = JsonResponse(job_progress(job))
    response["Cache-Control"] = "no-store"
    return response


@any_role
def job_download_view(request, pk: int):
    job = _job_or_404(request, pk)
    if not job.result_file:
        raise Http404
    path = Path(settings.MEDIA_ROOT) / job.result_file
    if not path.is_file():
        raise Http404
    if job.kind in RELEASED_BY_DOWNLOAD:
        kind, filters = RELEASED_BY_DOWNLOAD[job.kind]
        release_record(
            user=request.user,
            kind=kind,
            rows=job.rows_done,
            filters=filters(job),
            description=f"后台任务 {job.pk} 的结果文件",
        )
    response = FileResponse(path.open("rb"), as_attachment=True, filename=job.result_name or path.name)
    response["Cache-Control"] = "no-store"  # personal data: no cache keeps a copy (as apps.downloads)
    return response
