"""Writes of background jobs: create and enqueue, move through ``JOB_TRANSITIONS``, fail the jobs of dead
workers. Only the worker (``runner``) starts and finishes a job; pages create and read them."""

import logging
import os
import shutil
import socket
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import progress
from .models import JOB_TRANSITIONS, Job, JobPhase, JobStatus

logger = logging.getLogger(__name__)

JOBS_DIR = "jobs"
MSG_WORKER_LOST = _("后台进程在任务进行中停止（被终止或服务器重启），数据库未写入任何内容。请重新提交。")


def job_directory(job: Job) -> Path:
    return Path(settings.MEDIA_ROOT) / JOBS_DIR / str(job.pk)


def job_result_path(job: Job, suffix: str) -> Path:
    """Where the job's result file goes (``result.xlsx`` in its folder, made here): an export writes straight
    into it, so the finished file is never held in memory."""
    directory = job_directory(job)
    directory.mkdir(parents=True, exist_ok=True)
    return directory / f"result{suffix}"


def job_create(*, owner, kind: str, params: dict | None = None, source: Path | None = None,
               source_name: str = "") -> Job:  # fmt: skip
    """A queued job, its task enqueued on the configured backend (``TASKS``).

    ``source`` (a file the caller owns, e.g. a previewed upload) is moved into the job's own folder under
    MEDIA_ROOT, so the job keeps reading it even after the upload's preview is gone. Call it outside a
    transaction, as views are: the task may start as soon as it is enqueued.
    """
    from .tasks import run_job

    job = Job.objects.create(owner=owner, kind=kind, params=params or {}, source_name=source_name)
    if source is not None:
        directory = job_directory(job)
        directory.mkdir(parents=True, exist_ok=True)
        target = directory / ("source" + "".join(Path(source_name).suffixes[-1:]))
        shutil.move(source, target)
        job.source_file = str(target.relative_to(settings.MEDIA_ROOT))
        job.save(update_fields=["source_file"])
    result = run_job.enqueue(job.pk)
    Job.objects.filter(pk=job.pk).update(task_id=str(result.id)[:64])
    job.task_id = str(result.id)[:64]
    return job


def job_transition(*, job: Job, action: str, **fields) -> bool:
    """Move ``job`` by ``action`` if its status in the database still allows it (compare-and-set: of a worker
    and the recovery acting on one job, exactly one wins). Returns whether this call moved it."""
    moves = {(status, act): target for (status, act), target in JOB_TRANSITIONS.items() if act == action}
    for (status, _action), target in moves.items():
        if job.status != status:
            continue
        now = timezone.now()
        values = {"status": target, **fields}
        if target == JobStatus.RUNNING:
            values["started_at"] = now
        else:
            values.setdefault("phase", JobPhase.DONE)
            values["finished_at"] = now
        with transaction.atomic():
            moved = Job.objects.filter(pk=job.pk, status=status).update(**values)
        if moved:
            for name, value in values.items():
                setattr(job, name, value)
            if target != JobStatus.RUNNING:
                progress.forget(job.pk)
        return bool(moved)
    return False


def this_worker() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # somebody else's process of that number: alive
    return True


def job_worker_lost(job: Job) -> bool:
    """A running job whose worker process, on this machine, no longer exists."""
    if job.status != JobStatus.RUNNING or not job.worker:
        return False
    host, _sep, pid = job.worker.rpartition(":")
    return host == socket.gethostname() and pid.isdigit() and not _process_alive(int(pid))


def job_fail_if_worker_lost(job: Job) -> bool:
    if not job_worker_lost(job):
        return False
    failed = job_transition(
        job=job, action="fail", summary=str(MSG_WORKER_LOST),
        errors=[{"row": None, "column": "", "message": str(MSG_WORKER_LOST)}],
    )  # fmt: skip
    if failed:
        logger.warning("job %s failed: its worker %s is gone", job.pk, job.worker)
    return failed


def jobs_recover() -> int:
    """Fail every running job whose worker on this machine died (a worker starting up calls it). The import
    it ran was one transaction, so the database holds nothing of it; the job says so."""
    return sum(job_fail_if_worker_lost(job) for job in Job.objects.filter(status=JobStatus.RUNNING))
