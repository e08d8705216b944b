from django.http import HttpResponse

from apps.accounts.models import Role
from apps.accounts.permissions import roles_required

ALL = (Role.STUDENT, Role.COUNSELLOR, Role.COLLEGE, Role.CENTRE, Role.ADMIN)


@roles_required(*ALL)
def graduate_list_view(request):
    return HttpResponse("")


@roles_required(*ALL)
def graduate_export_view(request):
    return HttpResponse("")


@roles_required(*ALL)
def graduate_detail_view(request, pk):
    return HttpResponse("")


@roles_required(Role.STUDENT)
def graduate_contact_edit_view(request, pk):
    return HttpResponse("")
