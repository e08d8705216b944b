from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render

from apps.accounts.models import Role
from apps.accounts.permissions import roles_required
from apps.graduates.models import Cohort

from .charts import chart_for
from .data import survey_figures
from .formatters import report_to_json
from .forms import ReportForm, default_cut_off
from .selectors import annual_report

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _college_scope(user):
    """The centre reports on the school or any college; a college officer only on their own college."""
    if user.role == Role.COLLEGE:
        if user.college_id is None:
            raise PermissionDenied
        return user.college
    return None


@roles_required(Role.CENTRE, Role.COLLEGE)
def annual_report_view(request):
    fixed = _college_scope(request.user)
    data = request.GET.copy()
    latest = Cohort.objects.order_by("-year").first()
    if latest is None:
        return render(request, "reports/annual_report.html", {"form": None})
    data.setdefault("cohort", str(latest.year))
    form = ReportForm(data, college_fixed=fixed)
    if not form.is_valid():
        return render(request, "reports/annual_report.html", {"form": form})
    cohort = form.cleaned_data["cohort"]
    as_of = form.cleaned_data["as_of"] or default_cut_off(cohort)
    college = form.report_college()
    report = annual_report(cohort=cohort, as_of=as_of, college=college)

    output = request.GET.get("format", "html")
    if output == "json":
        return JsonResponse(report_to_json(report), json_dumps_params={"ensure_ascii": False})
    if output in ("xlsx", "docx"):
        from .exports import report_to_docx, report_to_xlsx

        content, content_type = (
            (report_to_xlsx(report), XLSX) if output == "xlsx" else (report_to_docx(report), DOCX)
        )
        response = HttpResponse(content, content_type=content_type)
        response["Content-Disposition"] = (
            f'attachment; filename="annual-report-{cohort.year}-{as_of:%Y%m%d}.{output}"'
        )
        return response

    comparisons = []
    if form.cleaned_data.get("compare_as_of"):
        other = annual_report(cohort=cohort, as_of=form.cleaned_data["compare_as_of"], college=college)
        comparisons.append((f"{cohort.year}届 截至 {other.as_of:%Y-%m-%d}", other))
    if form.cleaned_data.get("compare_cohort"):
        other_cohort = form.cleaned_data["compare_cohort"]
        other = annual_report(
            cohort=other_cohort, as_of=as_of.replace(year=other_cohort.year), college=college
        )
        comparisons.append((f"{other_cohort.year}届 截至 {other.as_of:%Y-%m-%d}", other))
    tables = [(table, chart_for(table)) for table in report.tables.values()]
    figures = [(table, chart_for(table)) for table in survey_figures(report.survey)]
    query = request.GET.copy()
    query.pop("format", None)
    return render(
        request,
        "reports/annual_report.html",
        {
            "form": form,
            "report": report,
            "tables": tables,
            "survey_figures": figures,
            "comparisons": comparisons,
            "query": query.urlencode(),
        },
    )
