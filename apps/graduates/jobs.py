"""The graduate import and the graduate export as background jobs (``apps.jobs``): the same service and the
same workbook as in the request, with progress for the job page."""

import dataclasses
from pathlib import Path

from django.conf import settings
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.jobs.models import Job, JobPhase
from apps.jobs.progress import CountedRows, ProgressReporter
from apps.jobs.runner import Outcome, error_dicts
from apps.jobs.services import job_directory

from .exports import graduates_to_xlsx
from .filters import GraduateFilter
from .imports import graduate_import
from .selectors import graduate_list
from .uploads import UploadRejected, read_table

MSG_IMPORTED = _("导入完成：新增 {new} 人，更新 {changed} 人，未变 {unchanged} 人。")
MSG_IMPORT_REFUSED = _("文件有错误，未导入任何内容。请改正下列错误后重新上传并预检。")
MSG_IMPORT_NEEDS_MOVES_CONFIRMED = _(
    "文件中有已登记去向的毕业生变更届别，未导入任何内容。请重新上传并在预检后勾选“确认届别变更”。"
)
MSG_EXPORTED = _("已导出 {count} 名毕业生。")


def run_graduate_import(job: Job, reporter: ProgressReporter) -> Outcome:
    try:
        table = read_table(Path(settings.MEDIA_ROOT) / job.source_file)
    except UploadRejected as exc:
        errors = [{"row": None, "column": "", "message": str(message)} for message in exc.messages]
        return Outcome(ok=False, summary=str(MSG_IMPORT_REFUSED), errors=errors)
    _phase(job, reporter, JobPhase.CHECKING, rows_total=len(table.rows))
    table = dataclasses.replace(table, rows=CountedRows(table.rows, reporter, phase_after=JobPhase.WRITING))
    result = graduate_import(
        rows_source=table,
        dry_run=False,
        actor=job.owner,
        confirm_cohort_moves=bool(job.params.get("confirm_cohort_moves")),
    )
    if result.needs_confirmation:
        return Outcome(
            ok=False, summary=str(MSG_IMPORT_NEEDS_MOVES_CONFIRMED), errors=error_dicts(result.errors)
        )
    if not result.ok:
        return Outcome(ok=False, summary=str(MSG_IMPORT_REFUSED), errors=error_dicts(result.errors))
    summary = MSG_IMPORTED.format(new=result.new, changed=result.changed, unchanged=result.unchanged)
    return Outcome(ok=True, summary=str(summary))


def run_graduate_export(job: Job, reporter: ProgressReporter) -> Outcome:
    """The rows the owner sees under the list's filters as they were when the export was asked for."""
    filterset = GraduateFilter(
        QueryDict(job.params.get("query", "")) or None, queryset=graduate_list(user=job.owner), user=job.owner
    )
    graduates = filterset.qs
    _phase(job, reporter, JobPhase.EXPORTING, rows_total=graduates.count())
    content = graduates_to_xlsx(reporter.counting(graduates.iterator(chunk_size=2000)))
    directory = job_directory(job)
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "result.xlsx"
    path.write_bytes(content)
    return Outcome(
        ok=True,
        summary=str(MSG_EXPORTED.format(count=reporter.rows_done)),
        result_file=str(path.relative_to(settings.MEDIA_ROOT)),
        result_name=f"graduates-{timezone.localdate():%Y%m%d}.xlsx",
    )


def _phase(job: Job, reporter: ProgressReporter, phase: str, *, rows_total: int) -> None:
    # Saved outside any import transaction: a page reloaded later still knows how much there was.
    Job.objects.filter(pk=job.pk).update(phase=phase, rows_total=rows_total)
    reporter.set(phase=phase, rows_total=rows_total, rows_done=0)
