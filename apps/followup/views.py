"""The chase lists (催报): a page per list with filters, search and paging, and the reminder action (PRG)."""

from django.contrib import messages
from django.http import Http404, JsonResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from apps.accounts.models import Role
from apps.accounts.permissions import roles_required
from apps.downloads import Download
from apps.graduates.selectors import graduate_get
from apps.paging import KeysetPaginator, without_page_parameters
from apps.plans.progress import default_as_of, default_cohort
from apps.releases.models import ReleaseKind
from apps.releases.services import release_record

from .exports import CHASE_COLUMNS, CHASE_WRAPPED, print_ready_xlsx
from .forms import DEFAULT_DAYS, DEFAULT_PAGE_SIZE, ChaseForm, NotifyForm
from .rows import chase_export_rows, chase_rows
from .selectors import ChaseKind, chase_export_values, chase_list, chase_ordering, last_actions
from .services import chase_notify

CHASERS = (Role.COUNSELLOR, Role.COLLEGE, Role.CENTRE)

MSG_NOTIFIED = _("已向 {notified} 名毕业生发送催报通知。")
MSG_NOTIFIED_SOME_WITHOUT_ACCOUNT = _(
    "已向 {notified} 名毕业生发送催报通知；{missing} 名尚无登录账号，未能通知。"
)
MSG_NOTHING_CHOSEN = _("请先勾选要通知的毕业生。")
MSG_NO_COHORT = _("暂无届别数据。")
MSG_EXPORT_FORM_INVALID = _("查询条件有误，未导出：请按提示修改后再导出。")


def chase_form(request, data: QueryDict) -> ChaseForm:
    """The list's form over ``data``, with the user's latest cohort when none was asked for."""
    data = data.copy()
    # The defaults shown in the fields, so a 查询 without touching them keeps them.
    data.setdefault("size", str(DEFAULT_PAGE_SIZE))
    data.setdefault("days", str(DEFAULT_DAYS))
    if not data.get("cohort"):
        cohort = default_cohort(user=request.user)
        if cohort is not None:
            data["cohort"] = str(cohort.pk)
    return ChaseForm(data, user=request.user)


def chase_query_of(form: ChaseForm):
    return form.chase_query(default_as_of=default_as_of(form.cleaned_data["cohort"], timezone.localdate()))


@roles_required(*CHASERS)
def chase_view(request):
    form = chase_form(request, request.GET)
    context = {"form": form, "page": None, "rows": [], "kinds": ChaseKind.CHOICES}
    if form.is_valid():
        query = chase_query_of(form)
        # By key, not by OFFSET: the last page of 80,000 names costs what the first does.
        paginator = KeysetPaginator(
            chase_list(user=request.user, query=query),
            form.cleaned_data["size"],
            ordering=chase_ordering(query.kind),
        )
        page = paginator.get_page(request.GET)
        graduates = list(page.object_list)
        last = last_actions(graduate_ids=[g.pk for g in graduates], as_of=query.as_of)
        context.update(
            chase=query,
            page=page,
            rows=chase_rows(graduates, last=last, as_of=query.as_of),
            query=without_page_parameters(request.GET),
            back=request.GET.urlencode(),
            with_days=query.kind in ChaseKind.WITH_DAYS,
            kind_label=dict(ChaseKind.CHOICES)[query.kind],
        )
    return render(request, "followup/chase.html", context)


def _back_to_list(back: str):
    """The chase list with the filters it was sent from (only our own path, never another site)."""
    return redirect(
        f"{reverse('followup:chase')}?{QueryDict(back).urlencode()}" if back else "followup:chase"
    )


@require_POST
@roles_required(*CHASERS)
def chase_notify_view(request):
    form = NotifyForm(request.POST)
    if not form.is_valid() or not form.cleaned_data["graduate"]:
        messages.error(request, MSG_NOTHING_CHOSEN)
        return _back_to_list(request.POST.get("back", "")[:1000])
    back = form.cleaned_data["back"]
    kind = QueryDict(back).get("kind") or ChaseKind.NOT_EMPLOYED
    result = chase_notify(actor=request.user, graduate_ids=form.cleaned_data["graduate"], kind=kind)
    missing = result.chosen - result.notified
    template = MSG_NOTIFIED_SOME_WITHOUT_ACCOUNT if missing else MSG_NOTIFIED
    messages.success(request, template.format(notified=result.notified, missing=missing))
    return _back_to_list(back)


@roles_required(*CHASERS)
def chase_export_view(request):
    """The whole list as asked (every page), phones masked; each export is logged as a data release."""
    form = chase_form(request, request.GET)
    if not form.is_valid():
        messages.error(request, MSG_EXPORT_FORM_INVALID)
        return redirect(f"{reverse('followup:chase')}?{request.GET.urlencode()}")
    query = chase_query_of(form)
    values = list(chase_export_values(user=request.user, query=query))
    last = last_actions(graduate_ids=[row.pk for row in values], as_of=query.as_of)
    kind_label = dict(ChaseKind.CHOICES)[query.kind]
    download = Download(f"chase-{query.kind}-{query.as_of:%Y%m%d}.xlsx")
    print_ready_xlsx(
        sheet_title="催报名单",
        title=f"{query.cohort}催报名单（{kind_label}，截至 {query.as_of:%Y-%m-%d}）",
        columns=CHASE_COLUMNS,
        wrapped=CHASE_WRAPPED,
        rows=chase_export_rows(values, last=last, as_of=query.as_of),
        target=download.file,
    )
    release_record(
        user=request.user,
        kind=ReleaseKind.CHASE_EXPORT,
        rows=len(values),
        filters=query.as_filters(),
        description=f"{kind_label}，截至 {query.as_of:%Y-%m-%d}",
    )
    return download.response()


@require_POST
@roles_required(*CHASERS)
def phone_reveal_view(request, pk: int):
    """One graduate's full phone number for a caller who may see them; every reveal is logged."""
    graduate = graduate_get(user=request.user, pk=pk)
    if graduate is None or not graduate.phone:
        raise Http404
    release_record(
        user=request.user,
        kind=ReleaseKind.PHONE_REVEAL,
        rows=1,
        filters={"graduate": graduate.student_no},
        description=f"{graduate.student_no} {graduate.name}",
    )
    response = JsonResponse({"phone": graduate.phone})
    response["Cache-Control"] = "no-store"
    return response
