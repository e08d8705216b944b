"""The national layout (contract §5) both ways as background jobs (``apps.jobs``): the import the page's
confirmation starts, one transaction as in the request, and a cohort's export written straight into the
job's result file. The page shows their progress; the file is downloaded through the job's page."""

import datetime

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from apps.graduates.models import Cohort
from apps.jobs.imports import run_import, set_phase
from apps.jobs.models import Job, JobPhase
from apps.jobs.progress import ProgressReporter
from apps.jobs.runner import Outcome
from apps.jobs.services import job_result_path

from ..views_import import MSG_IMPORTED
from .export import export_layout, layout_plans
from .importer import national_layout_import

MSG_EXPORTED = _("已导出 {cohort}届就业方案 {count} 行。")
MSG_NO_COHORT = _("届别 {year} 已不存在，未导出。")


def run_layout_import(job: Job, reporter: ProgressReporter) -> Outcome:
    """The previewed upload, registered on the day the preview was asked for (``params["approved_on"]``)."""
    return run_import(
        job,
        reporter,
        service=national_layout_import,
        approved_on=datetime.date.fromisoformat(job.params["approved_on"]),
        summary=lambda result: str(
            MSG_IMPORTED.format(new=result.new, changed=result.changed, unchanged=result.unchanged)
        ),
    )


def run_layout_export(job: Job, reporter: ProgressReporter) -> Outcome:
    """The cohort's registered destinations (``params["cohort"]``, a year) as they are when the job runs."""
    year = job.params["cohort"]
    cohort = Cohort.objects.filter(year=year).first()
    if cohort is None:
        return Outcome(ok=False, summary=str(MSG_NO_COHORT.format(year=year)))
    set_phase(job, reporter, JobPhase.EXPORTING, rows_total=layout_plans(cohort=cohort).count())
    path = job_result_path(job, ".xlsx")
    count = export_layout(cohort=cohort, target=path, actor=job.owner, counting=reporter.counting)
    return Outcome(
        ok=True,
        summary=str(MSG_EXPORTED.format(cohort=cohort.year, count=count)),
        result_file=str(path.relative_to(settings.MEDIA_ROOT)),
        result_name=f"{cohort.year}届就业方案.xlsx",
    )
