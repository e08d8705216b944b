"""Pages of the yearly assessment, funding applications and competition entries."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from .filters import AssessmentFilter, CompetitionFilter, FundingFilter
from .forms import (
    AssessmentForm,
    CompetitionAwardForm,
    CompetitionEntryForm,
    FundingDecisionForm,
    FundingForm,
)
from .models import ASSESSMENT_CRITERIA, PASS_MARK, EventSubject
from .pages import add_service_errors, paged, tenant_or_404
from .permissions import CENTRE, CENTRE_OR_MEMBERS, CENTRE_VIEWERS, VIEWERS, park_roles
from .selectors import (
    assessment_list,
    competition_entry_get,
    competition_entry_list,
    competition_summary,
    funding_actions_for,
    funding_get,
    funding_list,
    submission_events,
)
from .services import (
    TransitionError,
    assessment_record,
    competition_award_add,
    competition_entry_save,
    funding_apply,
    funding_decide,
)
from .workflow import FundingAction

MSG_ASSESSMENT_SAVED = _("综合考评已登记。")
MSG_ASSESSMENT_FAILED = _("综合考评已登记：不合格，该企业已列入清退。")
MSG_FUNDING_SAVED = _("扶持资金申报已登记。")
MSG_FUNDING_DONE = {
    FundingAction.GRANT: _("已登记为获得扶持。"),
    FundingAction.DECLINE: _("已登记为未获扶持。"),
}
MSG_ENTRY_SAVED = _("参赛项目已保存。")
MSG_AWARD_SAVED = _("获奖情况已登记。")


@park_roles(*VIEWERS)
def assessment_list_view(request):
    filterset = AssessmentFilter(request.GET or None, queryset=assessment_list(user=request.user))
    return paged(
        request,
        filterset,
        "park/assessment_list.html",
        {"criteria": ASSESSMENT_CRITERIA, "pass_mark": PASS_MARK},
    )


@park_roles(*CENTRE)
def assessment_create_view(request, pk: int):
    tenant = tenant_or_404(request, pk)
    today = timezone.localdate()
    form = AssessmentForm(request.POST or None, initial={"year": today.year, "assessed_on": today})
    if request.method == "POST" and form.is_valid():
        try:
            assessment = assessment_record(
                tenant=tenant,
                actor=request.user,
                year=form.cleaned_data["year"],
                scores=form.scores(),
                comment=form.cleaned_data["comment"],
                assessed_on=form.cleaned_data["assessed_on"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, MSG_ASSESSMENT_SAVED if assessment.passed else MSG_ASSESSMENT_FAILED)
            return redirect("park:tenant_detail", pk=tenant.pk)
    title = _("综合考评（合格线 %(mark)s 分）") % {"mark": PASS_MARK}
    return render(
        request, "park/form.html", {"form": form, "tenant": tenant, "title": title, "submit_label": _("登记")}
    )


@park_roles(*VIEWERS)
def funding_list_view(request):
    filterset = FundingFilter(request.GET or None, queryset=funding_list(user=request.user))
    return paged(request, filterset, "park/funding_list.html")


@park_roles(*CENTRE_OR_MEMBERS)
def funding_create_view(request, pk: int):
    tenant = tenant_or_404(request, pk)
    form = FundingForm(request.POST or None, initial={"year": timezone.localdate().year})
    if request.method == "POST" and form.is_valid():
        try:
            application = funding_apply(tenant=tenant, actor=request.user, data=form.cleaned_data)
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, MSG_FUNDING_SAVED)
            return redirect("park:funding_detail", pk=application.pk)
    return render(
        request,
        "park/form.html",
        {"form": form, "tenant": tenant, "title": _("申报创业扶持资金"), "submit_label": _("申报")},
    )


@park_roles(*VIEWERS)
def funding_detail_view(request, pk: int):
    application = funding_get(user=request.user, pk=pk)
    if application is None:
        raise Http404
    return render(
        request,
        "park/funding_detail.html",
        {
            "item": application,
            "tenant": application.tenant,
            "events": submission_events(application, EventSubject.FUNDING),
            "actions": funding_actions_for(request.user, application),
            "decision_form": FundingDecisionForm(
                initial={
                    "expected_result": application.result,
                    "amount_granted": application.amount_requested,
                }
            ),
        },
    )


@park_roles(*CENTRE)
@require_POST
def funding_decide_view(request, pk: int):
    form = FundingDecisionForm(request.POST)
    if not form.is_valid() or form.cleaned_data["action"] not in MSG_FUNDING_DONE:
        raise PermissionDenied
    action = form.cleaned_data["action"]
    try:
        funding_decide(
            funding_id=pk,
            action=action,
            actor=request.user,
            amount_granted=form.cleaned_data["amount_granted"],
            decided_on=form.cleaned_data["decided_on"],
            comment=form.cleaned_data["comment"],
            expected_result=form.cleaned_data["expected_result"],
        )
    except PermissionDenied:
        raise Http404 from None
    except TransitionError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, MSG_FUNDING_DONE[action])
    return redirect("park:funding_detail", pk=pk)


@park_roles(*CENTRE_VIEWERS)
def competition_list_view(request):
    filterset = CompetitionFilter(request.GET or None, queryset=competition_entry_list())
    return paged(
        request,
        filterset,
        "park/competition_list.html",
        {"summary": competition_summary(), "can_record": request.user.is_centre},
    )


@park_roles(*CENTRE)
def competition_create_view(request):
    form = CompetitionEntryForm(request.POST or None, initial={"year": timezone.localdate().year})
    if request.method == "POST" and form.is_valid():
        try:
            entry = competition_entry_save(actor=request.user, data=form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, MSG_ENTRY_SAVED)
            return redirect("park:competition_detail", pk=entry.pk)
    return render(
        request, "park/form.html", {"form": form, "title": _("登记参赛项目"), "submit_label": _("保存")}
    )


@park_roles(*CENTRE_VIEWERS)
def competition_detail_view(request, pk: int):
    entry = competition_entry_get(pk=pk)
    if entry is None:
        raise Http404
    award_form = CompetitionAwardForm(
        initial={"competition": entry.competition, "stage": entry.stage_reached}
    )
    return render(
        request,
        "park/competition_detail.html",
        {"entry": entry, "award_form": award_form, "can_record": request.user.is_centre},
    )


@park_roles(*CENTRE)
@require_POST
def competition_award_add_view(request, pk: int):
    entry = competition_entry_get(pk=pk)
    if entry is None:
        raise Http404
    form = CompetitionAwardForm(request.POST)
    if form.is_valid():
        try:
            competition_award_add(entry=entry, actor=request.user, data=form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
        else:
            messages.success(request, MSG_AWARD_SAVED)
    else:
        messages.error(request, "；".join(e for errors in form.errors.values() for e in errors))
    return redirect("park:competition_detail", pk=entry.pk)
