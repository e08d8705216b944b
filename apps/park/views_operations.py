"""Pages of a company's operations: operating reports and resumption applications (the company submits, the
centre approves or returns), access passes, patrol records and meter readings."""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from .filters import MeterReadingFilter, PassFilter, PatrolFilter, ReportFilter, ResumptionFilter
from .forms import (
    AccessPassForm,
    MeterReadingForm,
    OperatingReportForm,
    PatrolForm,
    ResumptionForm,
    ReviewActionForm,
)
from .models import EventSubject
from .pages import add_service_errors, paged, tenant_or_404
from .permissions import CENTRE, CENTRE_OR_MEMBERS, MEMBERS, VIEWERS, park_roles
from .selectors import (
    can_resubmit,
    due_period,
    meter_reading_list,
    pass_list,
    patrol_get,
    patrol_list,
    report_get,
    report_list,
    resumption_get,
    resumption_list,
    review_actions_for,
    submission_events,
    units_visible_to,
)
from .services import (
    TransitionError,
    access_pass_issue,
    meter_reading_record,
    patrol_record,
    report_submit,
    resumption_submit,
    submission_transition,
)
from .workflow import ReviewAction

MSG_REVIEW_DONE = {
    ReviewAction.APPROVE: _("已审核通过。"),
    ReviewAction.RETURN: _("已退回企业修改。"),
}
MSG_PASS_ISSUED = _("临时出入证已登记。")
MSG_PATROL_SAVED = _("巡察记录已保存。")
MSG_READING_SAVED = _("电表读数已记录。")


@dataclass(frozen=True)
class SubmissionPages:
    """What differs between the operating report's pages and the resumption application's."""

    subject: str
    form: type
    filter: type
    list_selector: Callable
    get_selector: Callable
    submit: Callable
    list_template: str
    detail_template: str
    title: str
    detail_url: str
    msg_submitted: str
    msg_resubmitted: str


REPORTS = SubmissionPages(
    subject=EventSubject.REPORT,
    form=OperatingReportForm,
    filter=ReportFilter,
    list_selector=report_list,
    get_selector=report_get,
    submit=report_submit,
    list_template="park/report_list.html",
    detail_template="park/report_detail.html",
    title=_("经营报表"),
    detail_url="park:report_detail",
    msg_submitted=_("经营报表已提交，等待创业中心审核。"),
    msg_resubmitted=_("经营报表已修改并重新提交。"),
)
RESUMPTIONS = SubmissionPages(
    subject=EventSubject.RESUMPTION,
    form=ResumptionForm,
    filter=ResumptionFilter,
    list_selector=resumption_list,
    get_selector=resumption_get,
    submit=resumption_submit,
    list_template="park/resumption_list.html",
    detail_template="park/resumption_detail.html",
    title=_("复工申请"),
    detail_url="park:resumption_detail",
    msg_submitted=_("复工申请已提交，批准后方可复工。"),
    msg_resubmitted=_("复工申请已修改并重新提交。"),
)


def _list(request, pages: SubmissionPages):
    filterset = pages.filter(request.GET or None, queryset=pages.list_selector(user=request.user))
    return paged(request, filterset, pages.list_template)


def _create(request, pk: int, pages: SubmissionPages, initial: dict | None = None):
    tenant = tenant_or_404(request, pk)
    form = pages.form(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            submission = pages.submit(tenant=tenant, actor=request.user, data=form.cleaned_data)
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, pages.msg_submitted)
            return redirect(pages.detail_url, pk=submission.pk)
    return render(
        request,
        "park/form.html",
        {"form": form, "tenant": tenant, "title": pages.title, "submit_label": _("提交")},
    )


def _submission_or_404(request, pk: int, pages: SubmissionPages):
    submission = pages.get_selector(user=request.user, pk=pk)
    if submission is None:
        raise Http404
    return submission


def _detail(request, pk: int, pages: SubmissionPages):
    submission = _submission_or_404(request, pk, pages)
    return render(
        request,
        pages.detail_template,
        {
            "item": submission,
            "tenant": submission.tenant,
            "events": submission_events(submission, pages.subject),
            "actions": review_actions_for(request.user, submission),
            "can_resubmit": can_resubmit(request.user, submission),
        },
    )


def _edit(request, pk: int, pages: SubmissionPages):
    """A returned report or application, corrected by the company and submitted again."""
    submission = _submission_or_404(request, pk, pages)
    if not can_resubmit(request.user, submission):
        raise Http404
    form = pages.form(request.POST or None, instance=submission)
    if request.method == "POST" and form.is_valid():
        try:
            submission_transition(
                subject=pages.subject,
                pk=submission.pk,
                action=ReviewAction.RESUBMIT,
                actor=request.user,
                data=form.cleaned_data,
                expected_status=submission.status,
            )
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as exc:
            add_service_errors(form, exc)
        except TransitionError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, pages.msg_resubmitted)
            return redirect(pages.detail_url, pk=submission.pk)
    return render(
        request,
        "park/form.html",
        {
            "form": form,
            "tenant": submission.tenant,
            "title": pages.title,
            "submit_label": _("重新提交"),
            "review_comment": submission.review_comment,
        },
    )


def _act(request, pk: int, pages: SubmissionPages):
    form = ReviewActionForm(request.POST)
    if not form.is_valid() or form.cleaned_data["action"] not in MSG_REVIEW_DONE:
        raise PermissionDenied
    action = form.cleaned_data["action"]
    try:
        submission_transition(
            subject=pages.subject,
            pk=pk,
            action=action,
            actor=request.user,
            comment=form.cleaned_data["comment"],
            expected_status=form.cleaned_data["expected_status"],
        )
    except PermissionDenied:
        raise Http404 from None
    except TransitionError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, MSG_REVIEW_DONE[action])
    return redirect(pages.detail_url, pk=pk)


@park_roles(*VIEWERS)
def report_list_view(request):
    return _list(request, REPORTS)


@park_roles(*MEMBERS)
def report_create_view(request, pk: int):
    return _create(request, pk, REPORTS, initial={"period": due_period(timezone.localdate())})


@park_roles(*VIEWERS)
def report_detail_view(request, pk: int):
    return _detail(request, pk, REPORTS)


@park_roles(*MEMBERS)
def report_edit_view(request, pk: int):
    return _edit(request, pk, REPORTS)


@park_roles(*CENTRE)
@require_POST
def report_act_view(request, pk: int):
    return _act(request, pk, REPORTS)


@park_roles(*VIEWERS)
def resumption_list_view(request):
    return _list(request, RESUMPTIONS)


@park_roles(*MEMBERS)
def resumption_create_view(request, pk: int):
    return _create(request, pk, RESUMPTIONS)


@park_roles(*VIEWERS)
def resumption_detail_view(request, pk: int):
    return _detail(request, pk, RESUMPTIONS)


@park_roles(*MEMBERS)
def resumption_edit_view(request, pk: int):
    return _edit(request, pk, RESUMPTIONS)


@park_roles(*CENTRE)
@require_POST
def resumption_act_view(request, pk: int):
    return _act(request, pk, RESUMPTIONS)


@park_roles(*VIEWERS)
def pass_list_view(request):
    filterset = PassFilter(request.GET or None, queryset=pass_list(user=request.user))
    return paged(request, filterset, "park/pass_list.html", {"today": timezone.localdate()})


@park_roles(*CENTRE_OR_MEMBERS)
def pass_create_view(request, pk: int):
    tenant = tenant_or_404(request, pk)
    form = AccessPassForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            access_pass_issue(tenant=tenant, actor=request.user, data=form.cleaned_data)
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, MSG_PASS_ISSUED)
            return redirect("park:tenant_detail", pk=tenant.pk)
    return render(
        request,
        "park/form.html",
        {"form": form, "tenant": tenant, "title": _("登记临时出入证"), "submit_label": _("登记")},
    )


@park_roles(*VIEWERS)
def patrol_list_view(request):
    filterset = PatrolFilter(request.GET or None, queryset=patrol_list(user=request.user))
    return paged(request, filterset, "park/patrol_list.html", {"can_record": request.user.is_centre})


def _save_patrol(request, patrol=None):
    form = PatrolForm(request.POST or None, instance=patrol)
    if request.method == "POST" and form.is_valid():
        try:
            patrol_record(actor=request.user, data=form.cleaned_data, patrol=patrol)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, MSG_PATROL_SAVED)
            return redirect("park:patrol_list")
    title = _("巡察记录：处理情况") if patrol else _("新增巡察记录")
    return render(request, "park/form.html", {"form": form, "title": title, "submit_label": _("保存")})


@park_roles(*CENTRE)
def patrol_create_view(request):
    return _save_patrol(request)


@park_roles(*CENTRE)
def patrol_edit_view(request, pk: int):
    patrol = patrol_get(user=request.user, pk=pk)
    if patrol is None:
        raise Http404
    return _save_patrol(request, patrol)


@park_roles(*VIEWERS)
def meter_list_view(request):
    units = units_visible_to(request.user).select_related("site").order_by("site__sort_order", "code")
    filterset = MeterReadingFilter(
        request.GET or None, queryset=meter_reading_list(user=request.user), units=units
    )
    return paged(request, filterset, "park/meter_list.html", {"can_record": request.user.is_centre})


@park_roles(*CENTRE)
def meter_create_view(request):
    form = MeterReadingForm(request.POST or None, initial={"read_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            meter_reading_record(
                unit=form.cleaned_data["unit"],
                actor=request.user,
                read_on=form.cleaned_data["read_on"],
                reading=form.cleaned_data["reading"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, MSG_READING_SAVED)
            return redirect("park:meter_list")
    return render(
        request, "park/form.html", {"form": form, "title": _("记录电表读数"), "submit_label": _("保存")}
    )
