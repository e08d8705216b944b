import re

from django.http import Http404, JsonResponse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET

from apps.accounts.models import Role
from apps.accounts.permissions import roles_required

from .selectors import province_counties

PROVINCE_CODE = re.compile(r"[0-9]{2}")  # ASCII: \d would take "４２"
# Public code-table data that changes with a new GB/T 2260 version, not within a day: browsers keep it.
COUNTIES_MAX_AGE = 24 * 3600


@require_GET
# Public code-table data, for the roles that deal with plans (students fill the form); the administrator, who
# sees no plan (issue 12), has the code tables in the admin.
@roles_required(Role.STUDENT, Role.COUNSELLOR, Role.COLLEGE, Role.CENTRE)
def province_counties_view(request, code: str):
    """The counties of one province for the plan form's 单位所在地 (static/js/plan_form.js): JSON
    ``{"province": "42", "counties": [[id, "420902 湖北省孝感市孝南区"], ...]}``; a code that is not the two
    digits of an existing province answers 404. One query."""
    if not PROVINCE_CODE.fullmatch(code):
        raise Http404
    counties = province_counties(code)
    if counties is None:
        raise Http404
    response = JsonResponse(
        {"province": code, "counties": [[pk, f"{c} {name}"] for pk, c, name in counties]},
        json_dumps_params={"ensure_ascii": False, "separators": (",", ":")},
    )
    patch_cache_control(response, private=True, max_age=COUNTIES_MAX_AGE)
    return response
