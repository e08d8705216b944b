"""Runs a job in the worker: start it, hand it to the runner of its kind, record how it ended.

A runner is ``run(job, reporter) -> Outcome``; each app keeps its own (``RUNNERS`` names them) and wraps its
existing service, so an import stays one transaction whatever runs it: a worker killed halfway leaves the
database as it was, and the next worker to start fails the job (``services.jobs_recover``)."""

import logging
from dataclasses import dataclass, field

from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from .models import Job, JobKind, JobPhase
from .progress import ProgressReporter
from .services import job_transition, this_worker

logger = logging.getLogger(__name__)

MSG_UNEXPECTED = _("任务意外中止，数据库未写入任何内容；管理员可在服务器日志中查看原因。")

RUNNERS = {
    JobKind.GRADUATE_IMPORT: "apps.graduates.jobs.run_graduate_import",
    JobKind.GRADUATE_EXPORT: "apps.graduates.jobs.run_graduate_export",
    JobKind.DESTINATION_IMPORT: "apps.plans.jobs.run_destination_import",
    JobKind.SURVEY_IMPORT: "apps.surveys.jobs.run_survey_import",
    JobKind.REPORT_EXPORT: "apps.reports.jobs.run_report_export",
    JobKind.NATIONAL_LAYOUT_IMPORT: "apps.plans.national_layout.jobs.run_layout_import",
    JobKind.NATIONAL_LAYOUT_EXPORT: "apps.plans.national_layout.jobs.run_layout_export",
}


@dataclass
class Outcome:
    ok: bool
    summary: str
    errors: list[dict] = field(default_factory=list)
    result_file: str = ""  # relative to MEDIA_ROOT
    result_name: str = ""


def error_dicts(errors) -> list[dict]:
    """Row errors of an import (anything with row, column, message, and the refused cell's ``value`` when it
    has one) as the job stores them."""
    return [
        {"row": e.row, "column": e.column, "value": getattr(e, "value", ""), "message": str(e.message)}
        for e in errors
    ]


def execute(job_id: int) -> str:
    job = Job.objects.filter(pk=job_id).first()
    if job is None or not job_transition(job=job, action="start", worker=this_worker()):
        return "skipped"  # gone, or already run or failed (a task delivered twice runs once)
    reporter = ProgressReporter(job.pk)
    reporter.set(phase=JobPhase.READING)
    try:
        outcome = import_string(RUNNERS[job.kind])(job, reporter)
    except Exception:
        logger.exception("job %s (%s) failed", job.pk, job.kind)
        outcome = Outcome(ok=False, summary=str(MSG_UNEXPECTED))
    job_transition(
        job=job,
        action="succeed" if outcome.ok else "fail",
        summary=outcome.summary[:500],
        errors=outcome.errors,
        result_file=outcome.result_file,
        result_name=outcome.result_name,
        rows_done=reporter.rows_done,
        rows_total=reporter.rows_total,
    )
    return job.status
