"""Small helpers the park's views share: paging a filtered list, and a service's errors onto a form."""

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from .models import Tenant
from .selectors import tenant_get

PAGE_SIZES = (20, 50, 100)
DEFAULT_PAGE_SIZE = 20


def page_size(request) -> int:
    try:
        size = int(request.GET.get("size", DEFAULT_PAGE_SIZE))
    except ValueError:
        return DEFAULT_PAGE_SIZE
    return size if size in PAGE_SIZES else DEFAULT_PAGE_SIZE


def paged(request, filterset, template: str, extra: dict | None = None):
    """Render ``template`` with one page of ``filterset.qs`` and the query string without ``page``."""
    page = Paginator(filterset.qs, page_size(request)).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"filter": filterset, "page": page, "query": query.urlencode(), "page_sizes": PAGE_SIZES}
    context.update(extra or {})
    return render(request, template, context)


def add_service_errors(form, exc: ValidationError) -> None:
    """A ``ValidationError`` from a service becomes form errors (on the field it names when the form has it)."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def tenant_or_404(request, pk: int) -> Tenant:
    tenant = tenant_get(user=request.user, pk=pk)
    if tenant is None:
        raise Http404
    return tenant
