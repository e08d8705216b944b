from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from apps.accounts.models import Role
from apps.accounts.permissions import roles_required
from apps.bounds import same_day_in_year
from apps.downloads import Download
from apps.graduates.models import Cohort
from apps.jobs.models import JobKind
from apps.jobs.services import job_create

from .charts import chart_for
from .data import survey_figures
from .formatters import report_to_json
from .forms import PublicationListForm, PublishForm, ReportForm, default_cut_off
from .jobs import EXPORT_FORMATS
from .publications import (
    MSG_PUBLISHED,
    publication_changes,
    publication_comparison,
    publication_for,
    publication_get,
    publication_headline,
    publication_list,
    report_publish,
)
from .selectors import annual_report

MSG_BAD_EXPORT_FORMAT = _("只能导出 Excel 或 Word。")


def _college_scope(user):
    """The centre reports on the school or any college; a college officer only on their own college."""
    if user.role == Role.COLLEGE:
        if user.college_id is None:
            raise PermissionDenied
        return user.college
    return None


@roles_required(Role.CENTRE, Role.COLLEGE)
def annual_report_view(request):
    return _report_page(request, request.GET.copy(), output=request.GET.get("format", "html"))


@roles_required(Role.CENTRE, Role.COLLEGE)
@require_POST
def report_export_job_view(request):
    """The page's Excel or Word as a background job (a province's report takes longer than a request)."""
    output = request.POST.get("format", "")
    query = QueryDict(request.POST.get("query", "")).copy()
    query.pop("format", None)
    if output not in EXPORT_FORMATS:
        messages.error(request, MSG_BAD_EXPORT_FORMAT)
        return redirect(f"{reverse('reports:annual')}?{query.urlencode()}")
    job = job_create(
        owner=request.user, kind=JobKind.REPORT_EXPORT, params={"query": query.urlencode(), "format": output}
    )
    return redirect("jobs:detail", job.pk)


def _report_page(request, data, *, output: str = "html", publish_form: PublishForm | None = None):
    """The report page for the query ``data`` (GET, or the cut-off of a publish form being re-shown)."""
    fixed = _college_scope(request.user)
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

    if output == "json":
        return JsonResponse(report_to_json(report), json_dumps_params={"ensure_ascii": False})
    if output in ("xlsx", "docx"):
        from .exports import report_to_docx, report_to_xlsx

        download = Download(f"annual-report-{cohort.year}-{as_of:%Y%m%d}.{output}")
        (report_to_xlsx if output == "xlsx" else report_to_docx)(report, download.file)
        return download.response()

    comparisons = []
    if form.cleaned_data.get("compare_as_of"):
        other = annual_report(cohort=cohort, as_of=form.cleaned_data["compare_as_of"], college=college)
        comparisons.append((f"{cohort.year}届 截至 {other.as_of:%Y-%m-%d}", other))
    if form.cleaned_data.get("compare_cohort"):
        other_cohort = form.cleaned_data["compare_cohort"]
        other = annual_report(
            cohort=other_cohort, as_of=same_day_in_year(as_of, other_cohort.year), college=college
        )
        comparisons.append((f"{other_cohort.year}届 截至 {other.as_of:%Y-%m-%d}", other))
    comparisons = [(label, other, _comparable_categories(report, other)) for label, other in comparisons]
    tables = [(table, chart_for(table)) for table in report.tables.values()]
    figures = [(table, chart_for(table)) for table in survey_figures(report.survey)]
    query = data.copy()
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
            **_publication_panel(request.user, report, cohort, as_of, publish_form),
        },
    )


def _comparable_categories(report, other) -> list[int | None]:
    """The other report's category counts under this report's columns; None (shown as —) throughout when it
    counts by another scheme's categories (2020's 待就业 holds 71/72, 2021+'s does not): never side by side."""
    columns = [row.name for row in report.table("by_category").rows]
    rows = other.table("by_category").rows
    if [row.name for row in rows] != columns or other.rate_name != report.rate_name:
        return [None] * len(columns)
    return [row.count for row in rows]


def _publication_panel(user, report, cohort, as_of, publish_form) -> dict:
    """The centre's 发布 form, or the published figures of this cut-off beside the report shown. Publications
    are the school's report: a college report only links to them. One query."""
    if user.role != Role.CENTRE:
        return {}
    publication = publication_for(cohort=cohort, as_of=as_of)
    if publication is not None:
        headline = publication_headline(publication, report) if report.college is None else None
        return {"publication": publication, "publication_headline": headline}
    if report.college is not None:
        return {}
    if as_of > timezone.localdate():
        return {"publish_not_yet": True}
    form = publish_form or PublishForm(initial={"cohort": cohort, "as_of": as_of})
    return {"publish_form": form}


def _report_url(cohort: Cohort, as_of) -> str:
    return f"{reverse('reports:annual')}?{urlencode({'cohort': cohort.year, 'as_of': as_of.isoformat()})}"


@roles_required(Role.CENTRE)
@require_POST
def report_publish_view(request):
    """发布 the school's report at the cut-off shown (PRG back to it); a form error re-shows the page with the
    note kept; a second publication of the same cut-off is a message naming the first."""
    form = PublishForm(request.POST)
    if not form.is_valid():
        if "cohort" in form.errors or "as_of" in form.errors:  # not what the page sent
            messages.error(request, "；".join(form.errors.get("cohort", []) + form.errors.get("as_of", [])))
            return redirect("reports:annual")
        query = {"cohort": form.cleaned_data["cohort"].year, "as_of": form.cleaned_data["as_of"].isoformat()}
        return _report_page(request, _query_dict(query), publish_form=form)
    cohort, as_of = form.cleaned_data["cohort"], form.cleaned_data["as_of"]
    try:
        publication = report_publish(
            actor=request.user, cohort=cohort, as_of=as_of, note=form.cleaned_data["note"]
        )
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(
            request,
            MSG_PUBLISHED.format(
                cohort=cohort.year, day=as_of.isoformat(), graduates=publication.data["graduates"]
            ),
        )
    return redirect(_report_url(cohort, as_of))


def _query_dict(values: dict) -> QueryDict:
    query = QueryDict(mutable=True)
    query.update(values)
    return query


PAGE_SIZE = 50


@roles_required(Role.CENTRE)
def publication_list_view(request):
    """Every publication: cohort, cut-off, who and when, each linked to its comparison."""
    form = PublicationListForm(request.GET)
    cohort = form.cleaned_data.get("cohort") if form.is_valid() else None
    page = Paginator(publication_list(cohort=cohort), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "reports/publication_list.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )


@roles_required(Role.CENTRE)
def publication_detail_view(request, pk: int):
    """One publication beside today's recomputation, table by table, and the graduates whose destination at
    its cut-off changed since, a page at a time. Centre only, as publishing is."""
    publication = publication_get(pk=pk)
    if publication is None:
        raise Http404
    comparison = publication_comparison(publication)
    page = Paginator(publication_changes(publication), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "reports/publication_detail.html",
        {
            "publication": publication,
            "comparison": comparison,
            "page": page,
            "report_url": _report_url(publication.cohort, publication.as_of),
        },
    )
