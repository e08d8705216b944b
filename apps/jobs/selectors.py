"""Reads of background jobs. A job is its owner's; the centre sees every job (it answers for imports)."""

from apps.accounts.models import Role

from . import progress
from .models import Job, JobStatus


def jobs_visible_to(user):
    jobs = Job.objects.select_related("owner")
    if user.role == Role.CENTRE:
        return jobs
    return jobs.filter(owner=user)


def job_get(*, user, pk: int) -> Job | None:
    return jobs_visible_to(user).filter(pk=pk).first()


def job_progress(job: Job) -> dict:
    """What the page shows: status, phase, rows done of total, percentage; the live counts of a running job
    come from the worker's reports (``progress``), the rest from the row."""
    live = progress.read(job.pk) if job.status == JobStatus.RUNNING else None
    rows_done = (live or {}).get("rows_done", job.rows_done)
    rows_total = (live or {}).get("rows_total", job.rows_total) or 0
    phase = (live or {}).get("phase") or job.phase
    if job.status == JobStatus.SUCCEEDED:
        percent = 100
    else:
        percent = min(100, int(rows_done * 100 / rows_total)) if rows_total else 0
    return {
        "id": job.pk,
        "status": job.status,
        "status_label": str(job.get_status_display()),
        "phase": phase,
        "phase_label": str(Job(phase=phase).get_phase_display()) if phase else "",
        "rows_done": rows_done,
        "rows_total": rows_total,
        "percent": percent,
        "finished": job.is_finished,
        "summary": job.summary,
        "error_count": len(job.errors),
    }
