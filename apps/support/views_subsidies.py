"""Subsidy pages (一次性求职补贴): the staff list with totals, review and payment in batches, the finance
export, and the student's own page. Students see only their own applications; others' answer 404."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from apps.accounts.models import Role
from apps.accounts.permissions import roles_required
from apps.downloads import Download
from apps.graduates.selectors import graduates_visible_to
from apps.plans.services import TransitionError
from apps.releases.models import ReleaseKind
from apps.releases.services import Counted, release_record

from .exports import payments_to_xlsx
from .filters import SubsidyFilter
from .forms import ApplyForm, BankAccountForm, PayForm, SubsidyActForm
from .models import ACTIVE_SUBSIDY_STATUSES, SubsidyScheme, SubsidyStatus
from .selectors import (
    SUBSIDY_ROLES,
    SUPPORT_ROLES,
    schemes_for,
    student_subsidies,
    subsidy_actions_for,
    subsidy_events,
    subsidy_get,
    subsidy_list,
    subsidy_totals,
)
from .services import subsidy_apply, subsidy_pay, subsidy_transition
from .subsidies import BANK_ACCOUNT_EDITORS, subsidy_bank_account_set
from .workflow import SubsidyAction

PAGE_SIZE = 50
REVIEWERS = (Role.COLLEGE, Role.CENTRE)

MSG_APPLIED = _("已提交{graduate}的“{scheme}”申请，等待学院审核。")
MSG_DONE = {
    SubsidyAction.WITHDRAW: _("申请已撤回。"),
    SubsidyAction.APPROVE: _("已审核通过。"),
    SubsidyAction.REJECT: _("已不予通过。"),
}
MSG_BULK_APPROVED = _("已审核通过 {count} 份申请。")
MSG_PAID = _("已发放 {count} 份申请，批次“{batch}”（{date}）。")
MSG_NO_GRADUATE = _("您的账号尚未关联毕业生信息，请联系辅导员。")
MSG_NO_SUCH_GRADUATE = _("您负责的毕业生中没有学号为 {student_no} 的学生。")


def _filtered(request) -> SubsidyFilter:
    return SubsidyFilter(request.GET or None, queryset=subsidy_list(user=request.user), user=request.user)


@roles_required(*SUPPORT_ROLES)
def subsidy_list_view(request):
    filterset = _filtered(request)
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "support/subsidy_list.html",
        {
            "filter": filterset,
            "page": page,
            "query": query.urlencode(),
            "totals": subsidy_totals(filterset.qs),
            "pay_form": PayForm(initial={"paid_on": timezone.localdate()}),
        },
    )


@roles_required(Role.CENTRE)
def subsidy_export_view(request):
    """The finance office's workbook: the paid applications the filters select, with their totals, full ID
    numbers and bank accounts (what a payment needs). Centre only; every download is a data release."""
    filterset = _filtered(request)
    paid = filterset.qs.filter(status=SubsidyStatus.PAID).order_by(
        "batch__paid_on", "batch_id", "graduate__class_group__major__college__sort_order",
        "graduate__class_group__name", "graduate__student_no",
    )  # fmt: skip
    paid = Counted(paid.iterator(chunk_size=2000))  # streamed: one chunk of applications in memory at a time
    download = Download(f"subsidy-payments-{timezone.localdate():%Y%m%d}.xlsx")
    payments_to_xlsx(paid, subsidy_totals(filterset.qs), download.file)
    release_record(user=request.user, kind=ReleaseKind.FINANCE_EXPORT, rows=paid.count, filters=request.GET)
    return download.response()


@roles_required(*SUBSIDY_ROLES)
def subsidy_detail_view(request, pk: int):
    application = subsidy_get(user=request.user, pk=pk)
    if application is None:
        raise Http404
    return render(
        request,
        "support/subsidy_detail.html",
        {
            "application": application,
            "events": subsidy_events(application),
            "actions": subsidy_actions_for(request.user, application),
            "bank_account_form": BankAccountForm()
            if _may_edit_bank_account(request.user, application)
            else None,
        },
    )


def _may_edit_bank_account(user, application) -> bool:
    if user.role == Role.STUDENT and application.graduate.user_id != user.pk:
        return False
    return user.role in BANK_ACCOUNT_EDITORS and application.status in (
        SubsidyStatus.SUBMITTED,
        SubsidyStatus.COLLEGE_APPROVED,
        SubsidyStatus.APPROVED,
    )


MSG_BANK_ACCOUNT_SAVED = _("收款银行卡号已保存（页面上只显示前4位和后4位）。")


@require_POST
@roles_required(*BANK_ACCOUNT_EDITORS)
def subsidy_bank_account_view(request, pk: int):
    application = subsidy_get(user=request.user, pk=pk)
    if application is None:
        raise Http404
    form = BankAccountForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError([e for errors in form.errors.values() for e in errors])
        subsidy_bank_account_set(
            application_id=pk, actor=request.user, bank_account=form.cleaned_data["bank_account"]
        )
    except PermissionDenied:
        raise Http404 from None
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(request, MSG_BANK_ACCOUNT_SAVED)
    return redirect("support:subsidy_detail", pk=pk)


@require_POST
@roles_required(Role.STUDENT, *REVIEWERS)
def subsidy_act_view(request, pk: int):
    form = SubsidyActForm(request.POST)
    if not form.is_valid() or form.cleaned_data["action"] not in MSG_DONE:
        raise PermissionDenied
    action = form.cleaned_data["action"]
    try:
        subsidy_transition(
            application_ids=[pk],
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
        messages.success(request, MSG_DONE[action])
    if request.user.role == Role.STUDENT:
        return redirect("support:my_subsidies")
    return redirect("support:subsidy_detail", pk=pk)


@require_POST
@roles_required(*REVIEWERS)
def subsidy_bulk_view(request):
    """Approve the selected applications at the reviewer's level, or (centre) pay them as a batch."""
    ids = [int(i) for i in request.POST.getlist("application") if i.isdigit()]
    try:
        if request.POST.get("action") == SubsidyAction.PAY:
            form = PayForm(request.POST)
            if not form.is_valid():
                raise TransitionError("；".join(e for errors in form.errors.values() for e in errors))
            batch = subsidy_pay(
                application_ids=ids,
                batch_name=form.cleaned_data["batch_name"],
                paid_on=form.cleaned_data["paid_on"],
                actor=request.user,
            )
            messages.success(
                request, MSG_PAID.format(count=len(ids), batch=batch.name, date=f"{batch.paid_on:%Y-%m-%d}")
            )
        else:
            moved = subsidy_transition(application_ids=ids, action=SubsidyAction.APPROVE, actor=request.user)
            messages.success(request, MSG_BULK_APPROVED.format(count=len(moved)))
    except PermissionDenied:
        raise Http404 from None
    except TransitionError as exc:
        messages.error(request, exc.message)
    target = reverse("support:subsidies")
    query = request.POST.get("query", "")
    return redirect(f"{target}?{query}" if query else target)


def _apply(request, form, scheme, graduate):
    try:
        applications = subsidy_apply(
            scheme=scheme, graduates=[graduate], actor=request.user, note=form.cleaned_data["note"]
        )
    except ValidationError as exc:
        form.add_error(None, exc.messages)
        return None
    messages.success(request, MSG_APPLIED.format(graduate=graduate.name, scheme=scheme.name))
    return applications[0]


@roles_required(*SUPPORT_ROLES)
def subsidy_apply_view(request):
    """Staff apply for a graduate in their scope (paper applications, graduates without access)."""
    schemes = SubsidyScheme.objects.filter(is_open=True).select_related("cohort")
    form = ApplyForm(request.POST or None, schemes=schemes)
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
        elif application := _apply(request, form, form.cleaned_data["scheme"], graduate):
            return redirect("support:subsidy_detail", pk=application.pk)
    return render(request, "support/subsidy_apply.html", {"form": form})


@roles_required(Role.STUDENT)
def my_subsidies_view(request):
    """The student's own page: the schemes of their cohort, whether they may apply, their applications."""
    graduate = getattr(request.user, "graduate", None)
    if graduate is None:
        raise Http404(MSG_NO_GRADUATE)
    applications = student_subsidies(graduate=graduate)
    # One one-time subsidy per cohort: an application that still counts in one scheme closes the others.
    active = {
        a.scheme_id
        for a in applications
        if a.status in ACTIVE_SUBSIDY_STATUSES and a.cohort_id == graduate.cohort_id
    }
    schemes = list(schemes_for(graduate))
    can_apply = [s for s in schemes if s.is_open and s.admits(graduate)] if not active else []
    form = ApplyForm(
        request.POST or None,
        schemes=SubsidyScheme.objects.filter(pk__in=[s.pk for s in can_apply]),
        for_student=True,
    )
    if request.method == "POST" and form.is_valid():
        if _apply(request, form, form.cleaned_data["scheme"], graduate):
            return redirect("support:my_subsidies")
    return render(
        request,
        "support/my_subsidies.html",
        {
            "graduate": graduate,
            "schemes": [(s, s.admits(graduate), s.pk in active, bool(active)) for s in schemes],
            "applications": [(a, subsidy_actions_for(request.user, a)) for a in applications],
            "form": form if can_apply else None,
        },
    )
