from django.core.paginator import Paginator
from django.shortcuts import render

from apps.accounts.models import Role
from apps.accounts.permissions import roles_required

from .forms import ReleaseFilterForm
from .selectors import release_list

PAGE_SIZE = 50


@roles_required(Role.CENTRE)
def release_list_view(request):
    """The centre's view of the log: who took which personal data out, when, how much, with which filters."""
    form = ReleaseFilterForm(request.GET)
    filters = form.cleaned_data if form.is_valid() else {}
    releases = release_list(**filters) if form.is_valid() else release_list().none()
    page = Paginator(releases, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request, "releases/release_list.html", {"form": form, "page": page, "query": query.urlencode()}
    )
