"""The annual report's Excel and Word as a background job: the same query the page validated, the same
report and formatters, for the owner's scope (a college officer's own college) when it runs."""

from django.conf import settings
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import Role
from apps.graduates.models import Cohort
from apps.jobs.imports import set_phase
from apps.jobs.models import Job, JobPhase
from apps.jobs.progress import ProgressReporter
from apps.jobs.runner import Outcome
from apps.jobs.services import job_result_path

from .forms import ReportForm, default_cut_off
from .selectors import annual_report

EXPORT_FORMATS = ("xlsx", "docx")
MSG_REPORT_EXPORTED = _("{cohort}届就业质量报告（截至 {day}）已生成。")
MSG_REPORT_QUERY_INVALID = _("报告条件无效，未生成文件：{errors}")
MSG_NO_COLLEGE = _("账号未关联学院，不能导出学院报告。")


def run_report_export(job: Job, reporter: ProgressReporter) -> Outcome:
    from .exports import report_to_docx, report_to_xlsx

    owner = job.owner
    fixed = None
    if owner.role == Role.COLLEGE:
        if owner.college_id is None:
            return Outcome(ok=False, summary=str(MSG_NO_COLLEGE))
        fixed = owner.college
    data = QueryDict(job.params.get("query", "")).copy()
    if not data.get("cohort") and (latest := Cohort.objects.order_by("-year").first()) is not None:
        data["cohort"] = str(latest.year)
    form = ReportForm(data, college_fixed=fixed)
    if not form.is_valid():
        errors = "；".join(str(message) for messages in form.errors.values() for message in messages)
        return Outcome(ok=False, summary=str(MSG_REPORT_QUERY_INVALID.format(errors=errors)))
    cohort = form.cleaned_data["cohort"]
    as_of = form.cleaned_data["as_of"] or default_cut_off(cohort)
    set_phase(job, reporter, JobPhase.EXPORTING, rows_total=0)
    report = annual_report(cohort=cohort, as_of=as_of, college=form.report_college())
    output = job.params["format"]
    path = job_result_path(job, f".{output}")
    (report_to_xlsx if output == "xlsx" else report_to_docx)(report, path)
    return Outcome(
        ok=True,
        summary=str(MSG_REPORT_EXPORTED.format(cohort=cohort.year, day=as_of.isoformat())),
        result_file=str(path.relative_to(settings.MEDIA_ROOT)),
        result_name=f"annual-report-{cohort.year}-{as_of:%Y%m%d}.{output}",
    )
