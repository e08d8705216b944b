"""First-login codes: a counsellor (or the college, or the centre) hands them out per class, or resets one."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from apps.downloads import Download
from apps.graduates.exports import table_to_xlsx
from apps.graduates.selectors import classes_with_unclaimed_accounts, graduate_get, graduates_visible_to
from apps.releases.models import ReleaseKind
from apps.releases.services import release_record

from .models import Role
from .permissions import roles_required
from .services import login_codes_issue

ISSUERS = (Role.COUNSELLOR, Role.COLLEGE, Role.CENTRE)
CODE_HEADERS = ("学号", "姓名", "班级", "初始密码")
MSG_RESET_DONE = _("已为该毕业生生成新的初始密码，请当面告知；首次登录后须修改密码。")


@roles_required(*ISSUERS)
def login_codes_view(request):
    classes = classes_with_unclaimed_accounts(user=request.user)
    search = request.GET.get("q", "").strip()
    if search:
        classes = classes.filter(name__icontains=search)
    page = Paginator(classes, 50).get_page(request.GET.get("page"))
    return render(request, "accounts/login_codes.html", {"page": page, "q": search, "query": f"q={search}"})


@require_POST
@roles_required(*ISSUERS)
def login_codes_class_export_view(request, class_id: int):
    klass = classes_with_unclaimed_accounts(user=request.user).filter(pk=class_id).first()
    if klass is None:
        raise Http404
    graduates = (
        graduates_visible_to(request.user)
        .filter(class_group=klass)
        .select_related("user", "class_group")
        .order_by("student_no")
    )
    issued = login_codes_issue(graduates=graduates, issued_by=request.user, only_unclaimed=True)
    download = Download(f"login-codes-{klass.pk}.xlsx")
    table_to_xlsx(
        "初始密码",
        CODE_HEADERS,
        ((c.student_no, c.name, c.class_name, c.code) for c in issued),
        download.file,
    )
    release_record(
        user=request.user,
        kind=ReleaseKind.LOGIN_CODES,
        rows=len(issued),
        filters={"class_id": klass.pk},
        description=str(klass),
    )
    return download.response()


@require_POST
@roles_required(*ISSUERS)
def login_code_reset_view(request, graduate_id: int):
    graduate = graduate_get(user=request.user, pk=graduate_id)
    if graduate is None:
        raise Http404
    issued = login_codes_issue(graduates=[graduate], issued_by=request.user, only_unclaimed=False)
    response = render(
        request,
        "accounts/login_code_reset.html",
        {"graduate": graduate, "issued": issued[0] if issued else None, "message": MSG_RESET_DONE},
    )
    response["Cache-Control"] = "no-store"
    return response
