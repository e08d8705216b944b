"""Placeholder: the import pages are built in their own module (see README)."""

from django.http import HttpResponse

from apps.accounts.models import Role
from apps.accounts.permissions import roles_required


@roles_required(Role.CENTRE)
def graduate_import_view(request):
    return HttpResponse(status=501)


@roles_required(Role.CENTRE)
def graduate_import_confirm_view(request):
    return HttpResponse(status=501)
