"""An import as a job: the same all-or-nothing service the page's confirmation called, given the uploaded
file the job keeps, with its rows counted for the page as the service checks them."""

import dataclasses
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from apps.graduates.uploads import UploadRejected, read_table

from .models import Job, JobPhase
from .progress import CountedRows, ProgressReporter
from .runner import Outcome, error_dicts

MSG_IMPORT_REFUSED = _("文件有错误，未导入任何内容。请改正下列错误后重新上传并预检。")


def run_import(
    job: Job,
    reporter: ProgressReporter,
    *,
    service: Callable,
    summary: Callable[[object], str],
    refused: Callable[[object], str] = lambda result: str(MSG_IMPORT_REFUSED),
    **arguments,
) -> Outcome:
    """``service(rows_source=table, dry_run=False, actor=owner, **arguments)`` -> a result with ``ok`` and
    ``errors``; ``summary(result)`` says what it wrote, ``refused(result)`` why it wrote nothing."""
    try:
        table = read_table(Path(settings.MEDIA_ROOT) / job.source_file)
    except UploadRejected as exc:
        errors = [{"row": None, "column": "", "message": str(message)} for message in exc.messages]
        return Outcome(ok=False, summary=str(MSG_IMPORT_REFUSED), errors=errors)
    set_phase(job, reporter, JobPhase.CHECKING, rows_total=len(table.rows))
    table = dataclasses.replace(table, rows=CountedRows(table.rows, reporter, phase_after=JobPhase.WRITING))
    result = service(rows_source=table, dry_run=False, actor=job.owner, **arguments)
    if not result.ok:
        return Outcome(ok=False, summary=refused(result), errors=error_dicts(result.errors))
    return Outcome(ok=True, summary=summary(result))


def set_phase(job: Job, reporter: ProgressReporter, phase: str, *, rows_total: int) -> None:
    # Saved outside any import transaction: a page reloaded later still knows how much there was.
    Job.objects.filter(pk=job.pk).update(phase=phase, rows_total=rows_total)
    reporter.set(phase=phase, rows_total=rows_total, rows_done=0)
