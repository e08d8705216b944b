"""The graduate import and the graduate export as background jobs (``apps.jobs``): the same service and the
same workbook as in the request, with progress for the job page."""

from django.conf import settings
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.jobs.imports import MSG_IMPORT_REFUSED, run_import, set_phase
from apps.jobs.models import Job, JobPhase
from apps.jobs.progress import ProgressReporter
from apps.jobs.runner import Outcome
from apps.jobs.services import job_result_path

from .exports import graduates_to_xlsx
from .filters import GraduateFilter
from .imports import graduate_import
from .selectors import graduate_export_values, graduate_list

MSG_IMPORTED = _("导入完成：新增 {new} 人，更新 {changed} 人，未变 {unchanged} 人。")
MSG_IMPORT_NEEDS_MOVES_CONFIRMED = _(
    "文件中有已登记去向的毕业生变更届别，未导入任何内容。请重新上传并在预检后勾选“确认届别变更”。"
)
MSG_EXPORTED = _("已导出 {count} 名毕业生。")
# Rows read from the database at a time (plain values: the graduate's and its class's, major's, college's and
# code rows' names).
EXPORT_CHUNK = 2000


def run_graduate_import(job: Job, reporter: ProgressReporter) -> Outcome:
    return run_import(
        job,
        reporter,
        service=graduate_import,
        confirm_cohort_moves=bool(job.params.get("confirm_cohort_moves")),
        summary=lambda result: str(
            MSG_IMPORTED.format(new=result.new, changed=result.changed, unchanged=result.unchanged)
        ),
        refused=lambda result: str(
            MSG_IMPORT_NEEDS_MOVES_CONFIRMED if result.needs_confirmation else MSG_IMPORT_REFUSED
        ),
    )


def run_graduate_export(job: Job, reporter: ProgressReporter) -> Outcome:
    """The rows the owner sees under the list's filters as they were when the export was asked for."""
    filterset = GraduateFilter(
        QueryDict(job.params.get("query", "")) or None, queryset=graduate_list(user=job.owner), user=job.owner
    )
    graduates = filterset.qs
    set_phase(job, reporter, JobPhase.EXPORTING, rows_total=graduates.count())
    path = job_result_path(job, ".xlsx")
    rows = graduate_export_values(graduates).iterator(chunk_size=EXPORT_CHUNK)
    graduates_to_xlsx(reporter.counting(rows), path)
    return Outcome(
        ok=True,
        summary=str(MSG_EXPORTED.format(count=reporter.rows_done)),
        result_file=str(path.relative_to(settings.MEDIA_ROOT)),
        result_name=f"graduates-{timezone.localdate():%Y%m%d}.xlsx",
    )
