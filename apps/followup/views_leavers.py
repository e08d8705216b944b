"""The leavers' handover (离校未就业毕业生实名服务): the centre's list for the local human-resources office.

The page masks identifiers like every list; the .xlsx in the office's layout is the one place with full ID
numbers and phones, so only the centre may have it and every export is logged as a data release.
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import Role
from apps.accounts.permissions import roles_required
from apps.downloads import Download
from apps.paging import KeysetPaginator, without_page_parameters
from apps.plans.progress import default_as_of, default_cohort
from apps.releases.models import ReleaseKind
from apps.releases.services import release_record

from .exports import LEAVERS_COLUMNS, LEAVERS_WRAPPED, print_ready_xlsx
from .forms import DEFAULT_PAGE_SIZE, LeaversForm
from .selectors import ChaseKind, chase_ordering, leavers_list, support_received

MSG_LEAVERS_FORM_INVALID = _("查询条件有误，未导出：请按提示修改后再导出。")
NO_PLAN_REASON = "未登记去向"


def leavers_form(request) -> LeaversForm:
    data = request.GET.copy()
    data.setdefault("size", str(DEFAULT_PAGE_SIZE))
    if not data.get("cohort"):
        cohort = default_cohort(user=request.user)
        if cohort is not None:
            data["cohort"] = str(cohort.pk)
    return LeaversForm(data, user=request.user)


def _query(form: LeaversForm):
    return form.chase_query(default_as_of=default_as_of(form.cleaned_data["cohort"], timezone.localdate()))


@roles_required(Role.CENTRE)
def leavers_view(request):
    form = leavers_form(request)
    context = {"form": form, "page": None}
    if form.is_valid():
        query = _query(form)
        # By key, as the chase list it is drawn from: a province's last page costs what the first does.
        paginator = KeysetPaginator(
            leavers_list(user=request.user, query=query),
            form.cleaned_data["size"],
            ordering=chase_ordering(ChaseKind.NOT_EMPLOYED),
        )
        page = paginator.get_page(request.GET)
        graduates = list(page.object_list)
        support = support_received(graduate_ids=[g.pk for g in graduates])
        context.update(
            chase=query,
            page=page,
            rows=[(g, g.reason or NO_PLAN_REASON, support.get(g.pk) or "—") for g in graduates],
            query=without_page_parameters(request.GET),
        )
    return render(request, "followup/leavers.html", context)


@roles_required(Role.CENTRE)
def leavers_export_view(request):
    form = leavers_form(request)
    if not form.is_valid():
        messages.error(request, MSG_LEAVERS_FORM_INVALID)
        return redirect(f"{reverse('followup:leavers')}?{request.GET.urlencode()}")
    query = _query(form)
    graduates = list(leavers_list(user=request.user, query=query))
    support = support_received(graduate_ids=[g.pk for g in graduates])
    rows = [
        [
            number,
            g.name,
            g.get_gender_display(),
            g.id_number,
            g.phone,
            g.origin.name,
            g.class_group.major.college.name,
            g.class_group.major.name,
            g.education_level.name,
            g.cohort.year,
            g.reason or NO_PLAN_REASON,
            str(support.get(g.pk) or "—"),
        ]
        for number, g in enumerate(graduates, start=1)
    ]
    download = Download(f"leavers-{query.cohort.year}-{query.as_of:%Y%m%d}.xlsx")
    print_ready_xlsx(
        sheet_title="离校未就业",
        title=f"{query.cohort}离校未就业毕业生实名登记（截至 {query.as_of:%Y-%m-%d}）",
        columns=LEAVERS_COLUMNS,
        wrapped=LEAVERS_WRAPPED,
        rows=rows,
        target=download.file,
    )
    release_record(
        user=request.user,
        kind=ReleaseKind.LEAVERS_HANDOVER,
        rows=len(rows),
        filters=query.as_filters(),
        description=f"离校未就业毕业生实名移交，截至 {query.as_of:%Y-%m-%d}",
    )
    return download.response()
