from django.contrib import messages
from django.http import Http404, QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from apps.accounts.models import Role
from apps.accounts.permissions import roles_required
from apps.downloads import Download
from apps.followup.record import student_record
from apps.jobs.models import JobKind
from apps.jobs.services import job_create
from apps.paging import KeysetPaginator, without_page_parameters
from apps.releases.models import ReleaseKind
from apps.releases.services import Counted, release_record

from .exports import graduates_to_xlsx
from .filters import GraduateFilter
from .forms import GraduateContactForm
from .history import graduate_history
from .selectors import graduate_export_values, graduate_get, graduate_list
from .services import graduate_update_contact

# Not the administrator: users and code tables only (issue 12, item 7).
STAFF = (Role.COUNSELLOR, Role.COLLEGE, Role.CENTRE)
EVERYONE = (Role.STUDENT, *STAFF)
CODE_ISSUERS = (Role.COUNSELLOR, Role.COLLEGE, Role.CENTRE)
PAGE_SIZES = (20, 50, 100)
DEFAULT_PAGE_SIZE = 50
LIST_ORDERING = ("student_no",)  # graduate_list's order
# Up to this many rows the list's export downloads at once; beyond, it runs as a background job.
EXPORT_IN_REQUEST_MAX_ROWS = 5000

MSG_CONTACT_SAVED = _("联系方式已保存。")


def _filtered(request) -> GraduateFilter:
    return GraduateFilter(request.GET or None, queryset=graduate_list(user=request.user), user=request.user)


def _page_size(request) -> int:
    try:
        size = int(request.GET.get("size", DEFAULT_PAGE_SIZE))
    except ValueError:
        return DEFAULT_PAGE_SIZE
    return size if size in PAGE_SIZES else DEFAULT_PAGE_SIZE


@roles_required(*STAFF)
def graduate_list_view(request):
    filterset = _filtered(request)
    # By key (学号, unique), not by OFFSET: a deep page of a province's list costs what the first does.
    paginator = KeysetPaginator(filterset.qs, _page_size(request), ordering=LIST_ORDERING)
    page = paginator.get_page(request.GET)
    context = {
        "filter": filterset,
        "page": page,
        "query": without_page_parameters(request.GET),
        "page_sizes": PAGE_SIZES,
        "export_in_background": paginator.count > EXPORT_IN_REQUEST_MAX_ROWS,
    }
    return render(request, "graduates/graduate_list.html", context)


@roles_required(*STAFF)
@require_POST
def graduate_export_job_view(request):
    """A large export as a background job: the list's filters as they are now, the owner's scope when it runs."""
    query = QueryDict(request.POST.get("query", "")).copy()
    query.pop("page", None)
    job = job_create(owner=request.user, kind=JobKind.GRADUATE_EXPORT, params={"query": query.urlencode()})
    return redirect("jobs:detail", job.pk)


@roles_required(*STAFF)
def graduate_export_view(request):
    graduates = Counted(graduate_export_values(_filtered(request).qs).iterator(chunk_size=2000))
    download = Download(f"graduates-{timezone.localdate():%Y%m%d}.xlsx")
    graduates_to_xlsx(graduates, download.file)
    release_record(
        user=request.user, kind=ReleaseKind.GRADUATE_EXPORT, rows=graduates.count, filters=request.GET
    )
    return download.response()


@roles_required(*EVERYONE)
def graduate_detail_view(request, pk: int):
    graduate = graduate_get(user=request.user, pk=pk)
    if graduate is None:
        raise Http404
    own = graduate.user_id == request.user.pk
    return render(
        request,
        "graduates/graduate_detail.html",
        {
            "graduate": graduate,
            # The student's home: their destination and its status at a glance, above the record.
            "record": student_record(graduate=graduate) if own else None,
            "can_edit_contact": graduate.user_id == request.user.pk,
            "can_reset_login_code": request.user.role in CODE_ISSUERS and graduate.user_id is not None,
            # Staff see who changed the record and how; a student sees their record as it is.
            "history": graduate_history(graduate) if request.user.role != Role.STUDENT else None,
        },
    )


@roles_required(Role.STUDENT)
def graduate_contact_edit_view(request, pk: int):
    graduate = graduate_get(user=request.user, pk=pk)
    if graduate is None or graduate.user_id != request.user.pk:
        raise Http404
    form = GraduateContactForm(request.POST or None, instance=graduate)
    if request.method == "POST" and form.is_valid():
        graduate_update_contact(
            graduate=graduate,
            actor=request.user,
            phone=form.cleaned_data["phone"],
            email=form.cleaned_data["email"],
        )
        messages.success(request, MSG_CONTACT_SAVED)
        return redirect("graduates:detail", pk=graduate.pk)
    return render(request, "graduates/graduate_contact_form.html", {"graduate": graduate, "form": form})
