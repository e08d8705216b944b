"""Verification pages (centre only): the summary, drawing a batch, the list of checks, recording one."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from apps.accounts.models import Role
from apps.accounts.permissions import roles_required
from apps.graduates.models import Cohort

from .forms_verification import DrawForm, RecordForm, VerificationFilter
from .models import VerificationResult
from .selectors import plan_events
from .verification import (
    MSG_ALREADY_RECORDED,
    verification_batch_draw,
    verification_get,
    verification_list,
    verification_next,
    verification_record,
    verification_summary,
)

MSG_DRAWN = _("已抽取 {count} 份方案：{description}")
MSG_RECORDED = _("核查结果已记录：{result}。")
MSG_FOUND_FALSE = _("核查结果已记录：不属实。该方案不再计入，已通知毕业生填报更正方案。")
PAGE_SIZE = 50


def _form_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


@roles_required(Role.CENTRE)
def verification_summary_view(request):
    cohorts = list(Cohort.objects.all())
    cohort = next((c for c in cohorts if str(c.pk) == request.GET.get("cohort")), None)
    return render(
        request,
        "plans/verification_summary.html",
        {"cohorts": cohorts, "cohort": cohort, "summary": verification_summary(cohort=cohort)},
    )


@roles_required(Role.CENTRE)
@require_http_methods(["GET", "POST"])
def verification_draw_view(request):
    form = DrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            batch = verification_batch_draw(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            count = batch.verifications.count()
            messages.success(request, MSG_DRAWN.format(count=count, description=batch.description))
            return redirect(f"{reverse('plans:verification_list')}?{urlencode({'batch': batch.pk})}")
    return render(request, "plans/verification_draw.html", {"form": form})


@roles_required(Role.CENTRE)
def verification_list_view(request):
    filterset = VerificationFilter(request.GET or None, queryset=verification_list())
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "plans/verification_list.html",
        {"filter": filterset, "page": page, "query": query.urlencode()},
    )


@roles_required(Role.CENTRE)
@require_http_methods(["GET", "POST"])
def verification_record_view(request, pk: int):
    verification = verification_get(pk=pk)
    if verification is None:
        raise Http404
    pending = verification.result == VerificationResult.PENDING
    form = RecordForm(request.POST or None) if pending else None
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            verification_record(verification_id=pk, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            result = form.cleaned_data["result"]
            if result == VerificationResult.FALSE:
                messages.success(request, MSG_FOUND_FALSE)
            else:
                messages.success(request, MSG_RECORDED.format(result=VerificationResult(result).label))
            query = urlencode({"batch": verification.batch_id, "result": VerificationResult.PENDING})
            return redirect(f"{reverse('plans:verification_list')}?{query}")
    elif request.method == "POST" and form is None:
        messages.error(request, MSG_ALREADY_RECORDED.format(result=verification.get_result_display()))
    plan = verification.plan
    return render(
        request,
        "plans/verification_record.html",
        {
            "verification": verification,
            "plan": plan,
            "form": form,
            "events": plan_events(plan),
            "next_record": verification_next(verification),
        },
    )
