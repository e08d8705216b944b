import hashlib

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import condition, require_POST

from apps.accounts.models import Role
from apps.accounts.permissions import any_role, roles_required
from apps.graduates.request_limits import upload_limit
from apps.releases.models import ReleaseKind
from apps.releases.services import release_record
from hpi_employment.release import release_tag

from .evidence_rules import plan_checklist
from .filters import PlanFilter
from .forms import ActionForm, EvidenceForm, EvidenceReplaceForm, PlanForm
from .history import plan_history
from .models import PlanStatus
from .selectors import (
    evidence_get,
    notifications_for,
    plan_actions_for,
    plan_events,
    plan_evidence,
    plan_get,
    plan_owner_labels,
    plans_for_review_list,
    queue_next_after,
    review_queue,
    student_graduate,
    student_page_state,
    student_plans,
    student_window_refusal,
)
from .services import (
    MSG_FALSE_NOT_EDITABLE,
    MSG_NOT_EDITABLE,
    TransitionError,
    evidence_add,
    evidence_content_type,
    evidence_remove,
    evidence_replace,
    notifications_mark_read,
    plan_bulk_approve,
    plan_save_draft,
    plan_transition,
)
from .workflow import STATUS_AWAITING, Action

REVIEWERS = (Role.COUNSELLOR, Role.COLLEGE, Role.CENTRE)
# The administrator keeps users and code tables only, never graduates' plans or evidence (issue 12, item 7).
VIEWERS = (Role.STUDENT, Role.COUNSELLOR, Role.COLLEGE, Role.CENTRE)
STAFF_VIEWERS = (Role.COUNSELLOR, Role.COLLEGE, Role.CENTRE)

MSG_SAVED = _("方案已保存。确认无误后请点击“提交审核”。")
MSG_EVIDENCE_ADDED = _("证明材料已上传。")
MSG_EVIDENCE_REMOVED = _("证明材料已删除。")
MSG_EVIDENCE_REPLACED = _("证明材料已替换。")
MSG_DONE = {
    Action.SUBMIT: _("已提交，等待辅导员审核。"),
    Action.WITHDRAW: _("已撤回，方案回到草稿状态。"),
    Action.APPROVE: _("已审核通过。"),
    Action.RETURN: _("已退回给毕业生。"),
    Action.VERIFY_FALSE: _("已记录核查不属实：该方案不再计入，毕业生须填报更正方案。"),
    Action.CANCEL: _("方案已撤销，撤销原因已告知毕业生。"),
}
MSG_BULK_DONE = _("批量审核：通过 {ok} 份，未通过 {failed} 份。")
MSG_BULK_NONE_SELECTED = _("请先勾选要通过的方案，再点击“批量通过所选”。")
MSG_OUT_OF_SCOPE = _("方案 #{pk}（不在您的审核范围内）")
# The bulk results survive the redirect once (shown by the next queue page, then dropped).
BULK_RESULTS_KEY = "plans_bulk_results"
MSG_NOTIFICATIONS_READ = _("已将 {count} 条通知标为已读。")
MSG_NO_GRADUATE = _("您的账号尚未关联毕业生信息，请联系辅导员。")


def _my_graduate(request):
    # With its cohort (the window, the scheme), which every student page reads: one query for both.
    graduate = student_graduate(user=request.user)
    if graduate is None:
        raise Http404(MSG_NO_GRADUATE)
    return graduate


def _my_plans_etag(request) -> str | None:
    """The status page's validator: a digest of what the page shows (selectors.student_page_state) and of
    what else goes into it: the release, the day (the window's messages), the CSRF secret its forms carry,
    the top bar's name and role. None (always rendered): a message waits to be shown, or there is no record.
    """
    if len(messages.get_messages(request)):  # counting does not mark them shown
        return None
    state = student_page_state(user=request.user)
    if state is None:
        return None
    user = request.user
    ground = (
        release_tag(),
        timezone.localdate().isoformat(),
        get_language(),
        request.META.get("CSRF_COOKIE", ""),
        (user.pk, user.username, user.first_name, user.last_name, user.role),
        state,
    )
    return hashlib.sha256(repr(ground).encode()).hexdigest()[:32]


# The page students reload through the deadline rush: an unchanged one is answered 304 from its ETag, which
# costs two small queries instead of seven and the template. The browser keeps the page for its own user
# only and must ask again every time (no-cache), so no reload shows a stale status.
@roles_required(Role.STUDENT)
@cache_control(private=True, no_cache=True)
@condition(etag_func=_my_plans_etag)
def my_plans_view(request):
    graduate = _my_graduate(request)
    context = student_plans(graduate=graduate)
    open_plan = context["open"]
    # Why the student may not act now (the window, or for a correction the correction deadline); None: may.
    refusal = student_window_refusal(graduate=graduate, plan=open_plan)
    cohort = graduate.cohort
    context.update(
        graduate=graduate,
        actions=plan_actions_for(request.user, open_plan) if open_plan else [],
        can_start=open_plan is None and refusal is None,
        can_edit=open_plan is not None and refusal is None,
        window_refusal=refusal,
        window_open=cohort.registration_open_on(timezone.localdate()),
        correction_deadline=cohort.correction_deadline_or_default,
        evidence_form=EvidenceForm(),
        replace_form=EvidenceReplaceForm(),
    )
    return render(request, "plans/my_plans.html", context)


def _save_plan(request, graduate, plan=None):
    form = PlanForm(request.POST or None, instance=plan, cohort=graduate.cohort)
    if request.method == "POST" and form.is_valid():
        try:
            plan_save_draft(graduate=graduate, actor=request.user, data=form.cleaned_data, plan=plan)
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, exc.messages)
        else:
            messages.success(request, MSG_SAVED)
            # The page where the student uploads the proof and submits (a plan page alone cannot).
            return redirect(f"{reverse('plans:mine')}#open-plan")
    return render(request, "plans/plan_form.html", {"form": form, "plan": plan, "graduate": graduate})


@roles_required(Role.STUDENT)
def plan_create_view(request):
    return _save_plan(request, _my_graduate(request))


@roles_required(Role.STUDENT)
def plan_edit_view(request, pk: int):
    graduate = _my_graduate(request)
    plan = plan_get(user=request.user, pk=pk)
    if plan is None:
        raise Http404
    if plan.status not in (PlanStatus.DRAFT, PlanStatus.RETURNED):
        messages.error(
            request, MSG_FALSE_NOT_EDITABLE if plan.status == PlanStatus.FALSE else MSG_NOT_EDITABLE
        )
        return redirect("plans:mine")
    return _save_plan(request, graduate, plan)


@upload_limit("EVIDENCE_MAX_BYTES")
@require_POST
@roles_required(Role.STUDENT)
def evidence_upload_view(request, pk: int):
    plan = plan_get(user=request.user, pk=pk)
    if plan is None:
        raise Http404
    form = EvidenceForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            evidence_add(
                plan=plan,
                actor=request.user,
                kind=form.cleaned_data["kind"],
                uploaded=form.cleaned_data["file"],
            )
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
        else:
            messages.success(request, MSG_EVIDENCE_ADDED)
    else:
        messages.error(request, _form_error_text(form))
    return redirect(f"{reverse('plans:mine')}#open-plan")


def safe_next(request, default: str) -> str:
    """The page to go back to (``next`` in the POST or the query string) when it is on this site; else
    ``default``. Carries the queue's search and filters through the plan page and back."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default


def _queue_filters(user, back: str):
    """The filtered review queue ``back`` points at (the queue's own URL with its query), else None."""
    path, _sep, query = back.partition("?")
    if path != reverse("plans:queue"):
        return None
    return PlanFilter(QueryDict(query) or None, queryset=review_queue(user=user), user=user).qs


def _detail_context(request, plan, *, action_error=None, failed_action="", comment="") -> dict:
    back = safe_next(request, reverse("plans:queue"))
    queue = _queue_filters(request.user, back) if request.user.role in REVIEWERS else None
    next_plan = queue_next_after(queue=queue, plan=plan) if queue is not None else None
    return {
        "plan": plan,
        "events": plan_events(plan),
        "evidence": plan_evidence(plan),
        "checklist": plan_checklist(plan),
        # A student acts on their own page, which has the upload form a submission needs.
        "actions": plan_actions_for(request.user, plan) if request.user.role != Role.STUDENT else [],
        "student_acts_on_own_page": request.user.role == Role.STUDENT
        and plan.status in (PlanStatus.DRAFT, PlanStatus.RETURNED, PlanStatus.SUBMITTED),
        "action_form": ActionForm(initial={"expected_status": plan.status}),
        # The content's history is for staff; the student sees their plan and its events.
        "history": plan_history(plan) if request.user.role != Role.STUDENT else None,
        "back": back,
        "back_query": urlencode({"next": back}),
        "next_plan": next_plan,
        "action_error": action_error,
        "failed_action": failed_action,
        "comment": comment,
    }


def _form_error_text(form) -> str:
    return "；".join(e for errors in form.errors.values() for e in errors)


@require_POST
@roles_required(Role.STUDENT)
def evidence_remove_view(request, pk: int):
    if evidence_get(user=request.user, pk=pk) is None:
        raise Http404
    try:
        evidence_remove(evidence_id=pk, actor=request.user)
    except PermissionDenied:
        raise Http404 from None
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(request, MSG_EVIDENCE_REMOVED)
    return redirect(f"{reverse('plans:mine')}#open-plan")


@require_POST
@roles_required(Role.STUDENT)
def evidence_replace_view(request, pk: int):
    if evidence_get(user=request.user, pk=pk) is None:
        raise Http404
    form = EvidenceReplaceForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _form_error_text(form))
        return redirect(f"{reverse('plans:mine')}#open-plan")
    try:
        evidence_replace(evidence_id=pk, actor=request.user, uploaded=form.cleaned_data["file"])
    except PermissionDenied:
        raise Http404 from None
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(request, MSG_EVIDENCE_REPLACED)
    return redirect(f"{reverse('plans:mine')}#open-plan")


@roles_required(*VIEWERS)
def plan_detail_view(request, pk: int):
    plan = plan_get(user=request.user, pk=pk)
    if plan is None:
        raise Http404
    return render(request, "plans/plan_detail.html", _detail_context(request, plan))


@require_POST
@roles_required(Role.STUDENT, *REVIEWERS)
def plan_act_view(request, pk: int):
    form = ActionForm(request.POST)
    if not form.is_valid() or form.cleaned_data["action"] not in Action.values:
        raise PermissionDenied
    action = form.cleaned_data["action"]
    try:
        plan_transition(
            plan_id=pk,
            action=action,
            actor=request.user,
            comment=form.cleaned_data["comment"],
            expected_status=form.cleaned_data["expected_status"],
        )
    except PermissionDenied:
        raise Http404 from None
    except TransitionError as exc:
        if request.user.role == Role.STUDENT:
            messages.error(request, exc.message)
            return redirect("plans:mine")
        # A reviewer stays on the plan with the error and what they typed (a reason is not lost).
        plan = plan_get(user=request.user, pk=pk)
        if plan is None:
            raise Http404 from None
        context = _detail_context(
            request,
            plan,
            action_error=exc.message,
            failed_action=action,
            comment=form.cleaned_data["comment"],
        )
        return render(request, "plans/plan_detail.html", context)
    messages.success(request, MSG_DONE.get(action, _("操作成功。")))
    if request.user.role == Role.STUDENT:
        return redirect("plans:mine")
    detail = reverse("plans:detail", args=[pk])
    if action in (Action.VERIFY_FALSE, Action.CANCEL):
        back = safe_next(request, "")
        return redirect(f"{detail}?{urlencode({'next': back})}" if back else detail)
    return redirect(safe_next(request, reverse("plans:queue")))


@roles_required(*VIEWERS)
def evidence_download_view(request, pk: int):
    evidence = evidence_get(user=request.user, pk=pk)
    if evidence is None:
        raise Http404
    graduate = evidence.plan.graduate
    if graduate.user_id != request.user.pk:  # a graduate's own file back to them is no release
        release_record(
            user=request.user,
            kind=ReleaseKind.EVIDENCE_FILE,
            rows=1,
            filters={"evidence_id": evidence.pk, "plan_id": evidence.plan_id},
            description=f"{graduate.student_no} {evidence.original_name}",
        )
    file = evidence.file.open("rb")
    # Inline only what the browser shows safely (PDF, JPEG, PNG), judged by the bytes now on disk; anything
    # else is a download the browser will not try to render.
    content_type = evidence_content_type(file)
    response = FileResponse(
        file,
        content_type=content_type or "application/octet-stream",
        as_attachment=content_type is None,
        filename=evidence.original_name,
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _paged_plans(request, plans, template, extra=None, statuses=None):
    filterset = PlanFilter(request.GET or None, queryset=plans, user=request.user, statuses=statuses)
    page = Paginator(filterset.qs, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"filter": filterset, "page": page, "query": query.urlencode(), "now": timezone.now()}
    context.update(extra or {})
    return render(request, template, context)


@roles_required(*REVIEWERS)
def review_queue_view(request):
    bulk_results = request.session.pop(BULK_RESULTS_KEY, None)
    return _paged_plans(
        request,
        review_queue(user=request.user),
        "plans/queue.html",
        {
            "bulk_results": bulk_results,
            "here": request.get_full_path(),
            "back_query": urlencode({"next": request.get_full_path()}),
        },
        # A queue holds the one status waiting at the reviewer's level.
        statuses=[STATUS_AWAITING[request.user.role]],
    )


@require_POST
@roles_required(*REVIEWERS)
def bulk_approve_view(request):
    back = safe_next(request, reverse("plans:queue"))
    ids = [int(i) for i in request.POST.getlist("plan") if i.isdigit()]
    if not ids:
        messages.warning(request, MSG_BULK_NONE_SELECTED)
        return redirect(back)
    results = plan_bulk_approve(plan_ids=ids, actor=request.user)
    labels = plan_owner_labels(user=request.user, plan_ids=[r.plan_id for r in results])
    ok = sum(r.ok for r in results)
    messages.info(request, MSG_BULK_DONE.format(ok=ok, failed=len(results) - ok))
    request.session[BULK_RESULTS_KEY] = [
        {
            "graduate": labels.get(r.plan_id) or str(MSG_OUT_OF_SCOPE.format(pk=r.plan_id)),
            "ok": r.ok,
            "message": r.message,
        }
        for r in results
    ]
    return redirect(back)


@roles_required(*STAFF_VIEWERS)
def plan_list_view(request):
    return _paged_plans(
        request,
        plans_for_review_list(user=request.user),
        "plans/plan_list.html",
        {"back_query": urlencode({"next": request.get_full_path()})},
    )


# The top bar links every role here: each user sees only the notifications addressed to them (none yet for a
# tenant, whose page then says so rather than answering 403).
@any_role
def notifications_view(request):
    # Reading the page changes nothing: a prefetch, a link checker or a reload must not mark anything read.
    page = Paginator(notifications_for(user=request.user), 30).get_page(request.GET.get("page"))
    return render(request, "plans/notifications.html", {"page": page, "query": ""})


@require_POST
@any_role
def notifications_read_view(request):
    marked = notifications_mark_read(user=request.user)
    if marked:
        messages.success(request, MSG_NOTIFICATIONS_READ.format(count=marked))
    return redirect("plans:notifications")
