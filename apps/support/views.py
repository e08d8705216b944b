"""Pages of the support ledger (帮扶台账) and its cases. Subsidy pages are in ``views_subsidies``.

Counsellors, college officers and the centre only (students, tenants and administrators get 403); a case
outside the user's scope answers 404.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from apps.accounts.permissions import roles_required
from apps.downloads import Download
from apps.graduates.models import Graduate
from apps.graduates.selectors import graduates_visible_to
from apps.plans.progress import default_as_of, default_cohort
from apps.releases.models import ReleaseKind
from apps.releases.services import release_record

from .exports import ledger_to_xlsx
from .filters import LedgerFilter
from .forms import ActionForm, CaseForm, CaseStatusForm, CorrectsForm, LedgerForm, OpenCaseForm
from .models import ActionKind
from .selectors import (
    FLAG_WINDOW_DAYS,
    SUPPORT_ROLES,
    case_actions,
    case_get,
    group_without_case,
    ledger_cases,
    ledger_rows,
    ledger_summary,
    responsible_choices,
)
from .services import (
    support_action_record,
    support_case_open,
    support_case_set_status,
    support_case_update,
    support_cases_open_for,
)

PAGE_SIZE = 50
SCHOOL_NAME = "湖北职业技术学院"

MSG_ACTION_SAVED = _("帮扶记录已保存。")
MSG_CORRECTION_SAVED = _("更正已保存，原记录保留并标注“已更正”。")
MSG_CASE_SAVED = _("帮扶档案已保存。")
MSG_STATUS_SAVED = _("帮扶状态已更新。")
MSG_CASE_OPENED = _("已为 {graduate} 建立帮扶档案。")
MSG_CASES_OPENED = _("已为 {count} 名困难群体毕业生建立帮扶档案。")
MSG_NO_SUCH_GRADUATE = _("您负责的毕业生中没有学号为 {student_no} 的学生。")
MSG_NO_COHORT = _("还没有任何届别的毕业生。")


class _Ledger:
    """The ledger's cohort, date and filters as the request asks (defaults: latest cohort, its cut-off)."""

    def __init__(self, request):
        user = request.user
        data = request.GET.copy()
        self.cohort = None
        if "cohort" not in data:
            cohort = default_cohort(user=user)
            if cohort is not None:
                data["cohort"] = str(cohort.pk)
        self.has_cohorts = "cohort" in data
        self.as_of = None
        self.form = LedgerForm(data)
        if self.form.is_valid():
            self.cohort = self.form.cleaned_data["cohort"]
            self.as_of = self.form.cleaned_data["as_of"]
            if self.as_of is None:  # shown in the form (its data), and kept by the export link and the pages
                self.as_of = default_as_of(self.cohort, timezone.localdate())
                data["as_of"] = self.as_of.isoformat()
        self.filter = None
        if self.cohort is not None:
            cases = ledger_cases(user=user, cohort=self.cohort, as_of=self.as_of)
            self.filter = LedgerFilter(data, queryset=cases, user=user)
        self.query = data


def _ledger_or_back(request) -> "_Ledger | HttpResponse":
    """The ledger a download or a bulk action works on; a query the ledger page would refuse (a date outside the
    cohort's window, not a date) goes back to that page, which shows the form error."""
    ledger = _Ledger(request)
    if not ledger.has_cohorts:
        raise Http404
    if ledger.cohort is None:
        messages.error(request, "；".join(e for errors in ledger.form.errors.values() for e in errors))
        return redirect(f"{reverse('support:ledger')}?{_query_without(ledger.query, 'page')}")
    return ledger


def _query_without(data, *names) -> str:
    query = data.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()


@roles_required(*SUPPORT_ROLES)
def ledger_view(request):
    ledger = _Ledger(request)
    context = {"ledger": ledger, "form": ledger.form, "filter": ledger.filter}
    if ledger.cohort is None:
        if not ledger.has_cohorts:
            messages.info(request, MSG_NO_COHORT)
        return render(request, "support/ledger.html", context)
    page = Paginator(ledger.filter.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    context.update(
        page=page,
        rows=ledger_rows(page.object_list, as_of=ledger.as_of),
        summary=ledger_summary(user=request.user, cohort=ledger.cohort, as_of=ledger.as_of),
        without_case=group_without_case(user=request.user, cohort=ledger.cohort).count(),
        flag_days=FLAG_WINDOW_DAYS,
        query=_query_without(ledger.query, "page"),
    )
    return render(request, "support/ledger.html", context)


@roles_required(*SUPPORT_ROLES)
def ledger_export_view(request):
    ledger = _ledger_or_back(request)
    if isinstance(ledger, HttpResponse):
        return ledger
    rows = ledger_rows(ledger.filter.qs, as_of=ledger.as_of)
    summary = ledger_summary(user=request.user, cohort=ledger.cohort, as_of=ledger.as_of)
    download = Download(f"support-ledger-{ledger.cohort.year}-{ledger.as_of:%Y%m%d}.xlsx")
    ledger_to_xlsx(summary, rows, download.file, school_name=SCHOOL_NAME)
    release_record(user=request.user, kind=ReleaseKind.LEDGER_EXPORT, rows=len(rows), filters=request.GET)
    return download.response()


def _case_or_404(request, pk: int):
    case = case_get(user=request.user, pk=pk)
    if case is None:
        raise Http404
    return case


def _form_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _render_case(request, case, *, action_form=None, case_form=None, status_form=None, status=200):
    actions = list(case_actions(case))
    return render(
        request,
        "support/case_detail.html",
        {
            "case": case,
            "graduate": case.graduate,
            "actions": actions,
            "action_form": action_form or ActionForm(),
            "case_form": case_form
            or CaseForm(
                initial={
                    "responsible": case.responsible_id,
                    "priority": case.priority,
                    "personal_plan": case.personal_plan,
                },
                responsible_choices=responsible_choices(case.graduate),
            ),
            "status_form": status_form or CaseStatusForm(current=case.status),
            "job_kind": ActionKind.JOB,
        },
        status=status,
    )


@roles_required(*SUPPORT_ROLES)
def case_detail_view(request, pk: int):
    case = _case_or_404(request, pk)
    action_form = None
    corrects = CorrectsForm(request.GET)
    if corrects.is_valid() and corrects.cleaned_data["corrects"]:
        original = (
            case.actions.filter(pk=corrects.cleaned_data["corrects"]).exclude(kind=ActionKind.STATUS).first()
        )
        if original is not None:
            action_form = ActionForm(
                initial={
                    "kind": original.kind,
                    "acted_on": original.acted_on,
                    "note": original.note,
                    "employer_name": original.employer_name,
                    "position": original.position,
                    "corrects": original.pk,
                }
            )
    return _render_case(request, case, action_form=action_form)


@require_POST
@roles_required(*SUPPORT_ROLES)
def case_action_view(request, pk: int):
    case = _case_or_404(request, pk)
    form = ActionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        corrects = None
        if data["corrects"]:
            corrects = case.actions.filter(pk=data["corrects"]).first()
            if corrects is None:
                raise Http404
        try:
            support_action_record(
                case_id=case.pk,
                actor=request.user,
                kind=data["kind"],
                acted_on=data["acted_on"],
                note=data["note"],
                employer_name=data["employer_name"],
                position=data["position"],
                corrects=corrects,
            )
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, MSG_CORRECTION_SAVED if corrects else MSG_ACTION_SAVED)
            return redirect("support:case_detail", pk=case.pk)
    return _render_case(request, case, action_form=form, status=400)


@require_POST
@roles_required(*SUPPORT_ROLES)
def case_edit_view(request, pk: int):
    case = _case_or_404(request, pk)
    form = CaseForm(request.POST, responsible_choices=responsible_choices(case.graduate))
    if form.is_valid():
        try:
            support_case_update(case_id=case.pk, actor=request.user, **form.cleaned_data)
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, MSG_CASE_SAVED)
            return redirect("support:case_detail", pk=case.pk)
    return _render_case(request, case, case_form=form, status=400)


@require_POST
@roles_required(*SUPPORT_ROLES)
def case_status_view(request, pk: int):
    case = _case_or_404(request, pk)
    form = CaseStatusForm(request.POST, current=case.status)
    if form.is_valid():
        try:
            support_case_set_status(
                case_id=case.pk,
                actor=request.user,
                status=form.cleaned_data["status"],
                reason=form.cleaned_data["reason"],
            )
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, MSG_STATUS_SAVED)
            return redirect("support:case_detail", pk=case.pk)
    return _render_case(request, case, status_form=form, status=400)


@roles_required(*SUPPORT_ROLES)
def case_open_view(request):
    """Open a case by hand for a graduate of the hardship group in the user's scope, found by 学号."""
    form = OpenCaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        student_no = form.cleaned_data["student_no"].strip()
        graduate = (
            graduates_visible_to(request.user)
            .select_related("hardship_category")
            .filter(student_no=student_no)
            .first()
        )
        if graduate is None:
            form.add_error("student_no", MSG_NO_SUCH_GRADUATE.format(student_no=student_no))
        else:
            try:
                case = support_case_open(graduate=graduate, actor=request.user)
            except ValidationError as exc:
                _form_errors(form, exc)
            else:
                messages.success(request, MSG_CASE_OPENED.format(graduate=graduate))
                return redirect("support:case_detail", pk=case.pk)
    return render(request, "support/case_open.html", {"form": form})


@require_POST
@roles_required(*SUPPORT_ROLES)
def cases_open_missing_view(request):
    """Open the cases the import did not (flags set later, graduates imported before this app): the hardship
    group of the chosen cohort in the user's scope."""
    ledger = _ledger_or_back(request)
    if isinstance(ledger, HttpResponse):
        return ledger
    count = support_cases_open_for(
        graduates=Graduate.objects.filter(cohort=ledger.cohort), actor=request.user
    )
    messages.success(request, MSG_CASES_OPENED.format(count=count))
    return redirect(f"{reverse('support:ledger')}?{_query_without(ledger.query, 'page')}")
