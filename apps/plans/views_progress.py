"""The progress page: employment rate by college and by major at a cut-off date, and its weekly rise.

The centre sees the school, a college officer their college, a counsellor their classes (the selector starts
from ``graduates_visible_to``). The charts are SVG drawn on the server: no script, no inline style (CSP).
"""

import datetime

from django.shortcuts import render
from django.utils import timezone

from apps.accounts.models import Role
from apps.accounts.permissions import roles_required

from .forms_progress import ProgressForm
from .progress import (
    bar_chart,
    default_as_of,
    default_cohort,
    employment_progress,
    progress_graduates,
    rate_chart,
)

PROGRESS_VIEWERS = (Role.CENTRE, Role.COLLEGE, Role.COUNSELLOR)
TEMPLATE = "plans/progress.html"


def _shortcuts(cohort, today: datetime.date) -> list[tuple[str, datetime.date]]:
    """The cut-offs the report uses (domain.md): initial at 31 August, final at 31 December, and today."""
    return [
        ("8月31日（初次统计）", datetime.date(cohort.year, 8, 31)),
        ("12月31日（年终统计）", datetime.date(cohort.year, 12, 31)),
        ("今天", today),
    ]


@roles_required(*PROGRESS_VIEWERS)
def progress_view(request):
    user = request.user
    today = timezone.localdate()
    context = {"progress": None, "line": None, "bars": None, "shortcuts": []}
    data = request.GET.copy()
    if "cohort" not in data:
        cohort = default_cohort(user=user)
        if cohort is None:
            return render(request, TEMPLATE, {**context, "form": ProgressForm(user=user)})
        data["cohort"] = str(cohort.pk)
    form = ProgressForm(data, user=user)
    if form.is_valid():
        cohort = form.cleaned_data["cohort"]
        as_of = form.cleaned_data["as_of"]
        if as_of is None:
            as_of = default_as_of(cohort, today)
            data["as_of"] = as_of.isoformat()
            form = ProgressForm(data, user=user)
            form.is_valid()
        college = form.cleaned_data.get("college")
        graduates = progress_graduates(user=user, cohort=cohort, college_id=college.pk if college else None)
        progress = employment_progress(cohort=cohort, as_of=as_of, graduates=graduates)
        query = data.copy()
        query.pop("as_of", None)
        context.update(
            rate_name=cohort.rate_name,
            progress=progress,
            line=rate_chart(progress.weekly),
            bars=bar_chart(progress.by_college),
            shortcuts=_shortcuts(cohort, today),
            query=query.urlencode(),
        )
    return render(request, TEMPLATE, {**context, "form": form})
