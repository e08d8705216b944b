"""The park's front pages: the centre's dashboard, sites and units, and the companies (register, page,
admission workflow, team)."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from apps.bounds import OpenDateForm
from apps.downloads import Download
from apps.releases.models import ReleaseKind
from apps.releases.services import Counted, release_record

from .exports import tenants_to_xlsx
from .filters import TenantFilter, UnitFilter
from .forms import TeamMemberForm, TenantActionForm, TenantForm
from .models import ASSESSMENT_CRITERIA, TenantStatus
from .pages import add_service_errors, paged, tenant_or_404
from .permissions import CENTRE, CENTRE_OR_MEMBERS, CENTRE_VIEWERS, VIEWERS, park_roles
from .selectors import (
    is_member_of,
    park_dashboard,
    sees_whole_park,
    site_occupancy,
    tenant_actions_for,
    tenant_list,
    tenant_page,
    tenants_visible_to,
    units_with_holder,
)
from .services import MSG_CLOSED_RECORD, TransitionError, team_member_add, tenant_save, tenant_transition
from .workflow import TenantAction

MSG_TENANT_REGISTERED = _("入园申请已登记，请在详情页受理审核。")
MSG_TENANT_SAVED = _("企业信息已保存。")
MSG_TEAM_MEMBER_ADDED = _("团队成员已添加。")
MSG_TENANT_DONE = {
    TenantAction.REVIEW: _("已受理，进入审核。"),
    TenantAction.ADMIT: _("已批准入园。"),
    TenantAction.REJECT: _("已登记为不予入园。"),
    TenantAction.RENEW: _("已续租。"),
    TenantAction.MARK_FOR_EXIT: _("已列入清退。"),
    TenantAction.REINSTATE: _("已撤销清退。"),
    TenantAction.EXIT: _("已办理退园。"),
}


def _as_of(request) -> datetime.date:
    """The dashboard's 查看日期; one that is not a date or lies outside the window is a message, and today."""
    form = OpenDateForm(request.GET)
    if form.is_valid():
        return form.cleaned_data["on"] or timezone.localdate()
    messages.error(request, "；".join(form.errors["on"]))
    return timezone.localdate()


@park_roles(*VIEWERS)
def park_home_view(request):
    """The centre starts on its dashboard; a company's account on its company's page."""
    if sees_whole_park(request.user):
        return redirect("park:dashboard")
    mine = list(tenants_visible_to(request.user).values_list("pk", flat=True)[:2])
    if len(mine) == 1:
        return redirect("park:tenant_detail", pk=mine[0])
    return redirect("park:tenant_list")


@park_roles(*CENTRE_VIEWERS)
def dashboard_view(request):
    return render(request, "park/dashboard.html", park_dashboard(today=_as_of(request)))


@park_roles(*CENTRE_VIEWERS)
def site_list_view(request):
    """Each site's occupancy at a glance, then its units (searchable, filtered, paged) with their holders."""
    filterset = UnitFilter(request.GET or None, queryset=units_with_holder())
    return paged(request, filterset, "park/site_list.html", {"sites": site_occupancy()})


def _tenant_filter(request) -> TenantFilter:
    return TenantFilter(request.GET or None, queryset=tenant_list(user=request.user))


@park_roles(*VIEWERS)
def tenant_list_view(request):
    return paged(request, _tenant_filter(request), "park/tenant_list.html")


@park_roles(*CENTRE_VIEWERS)
def tenant_export_view(request):
    # Streamed: one chunk of tenants (the selector's related rows and units with it) in memory at a time.
    tenants = Counted(_tenant_filter(request).qs.iterator(chunk_size=2000))
    download = Download(f"park-tenants-{timezone.localdate():%Y%m%d}.xlsx")
    tenants_to_xlsx(tenants, download.file)
    release_record(user=request.user, kind=ReleaseKind.PARK_EXPORT, rows=tenants.count, filters=request.GET)
    return download.response()


def _save_tenant(request, tenant=None):
    form = TenantForm(request.POST or None, instance=tenant)
    if request.method == "POST" and form.is_valid():
        try:
            saved = tenant_save(actor=request.user, data=form.service_data(), tenant=tenant)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, MSG_TENANT_REGISTERED if tenant is None else MSG_TENANT_SAVED)
            return redirect("park:tenant_detail", pk=saved.pk)
    return render(request, "park/tenant_form.html", {"form": form, "tenant": tenant})


@park_roles(*CENTRE)
def tenant_create_view(request):
    return _save_tenant(request)


@park_roles(*CENTRE)
def tenant_edit_view(request, pk: int):
    tenant = tenant_or_404(request, pk)
    if tenant.status in (TenantStatus.EXITED, TenantStatus.REJECTED):
        messages.error(request, MSG_CLOSED_RECORD)
        return redirect("park:tenant_detail", pk=tenant.pk)
    return _save_tenant(request, tenant)


@park_roles(*VIEWERS)
def tenant_detail_view(request, pk: int):
    tenant = tenant_or_404(request, pk)
    member = is_member_of(request.user, tenant)
    context = tenant_page(tenant=tenant)
    context.update(
        tenant=tenant,
        is_member=member,
        can_submit=member and tenant.is_active,
        can_manage=request.user.is_centre,
        actions=tenant_actions_for(request.user, tenant),
        action_form=TenantActionForm(initial={"expected_status": tenant.status}),
        team_form=TeamMemberForm(),
        criteria=ASSESSMENT_CRITERIA,
        today=timezone.localdate(),
    )
    return render(request, "park/tenant_detail.html", context)


@park_roles(*CENTRE)
@require_POST
def tenant_act_view(request, pk: int):
    form = TenantActionForm(request.POST)
    if not form.is_valid() or form.cleaned_data["action"] not in TenantAction.values:
        raise PermissionDenied
    action = form.cleaned_data["action"]
    try:
        tenant_transition(
            tenant_id=pk,
            action=action,
            actor=request.user,
            comment=form.cleaned_data["comment"],
            lease_ends_on=form.cleaned_data["lease_ends_on"],
            expected_status=form.cleaned_data["expected_status"],
        )
    except PermissionDenied:
        raise Http404 from None
    except TransitionError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, MSG_TENANT_DONE.get(action, _("操作成功。")))
    return redirect("park:tenant_detail", pk=pk)


@park_roles(*CENTRE_OR_MEMBERS)
@require_POST
def team_member_add_view(request, pk: int):
    tenant = tenant_or_404(request, pk)
    form = TeamMemberForm(request.POST)
    if form.is_valid():
        try:
            team_member_add(tenant=tenant, actor=request.user, data=form.service_data())
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
        else:
            messages.success(request, MSG_TEAM_MEMBER_ADDED)
    else:
        messages.error(request, "；".join(e for errors in form.errors.values() for e in errors))
    return redirect("park:tenant_detail", pk=tenant.pk)
