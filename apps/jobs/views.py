"""The job page (polls its status while the job runs, and survives a reload), its status as JSON, and the
file it produced. Only the owner and the centre see a job; anybody else gets 404."""

from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import render

from apps.accounts.permissions import any_role

from .selectors import job_get, job_progress
from .services import job_fail_if_worker_lost


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
    return FileResponse(path.open("rb"), as_attachment=True, filename=job.result_name or path.name)
