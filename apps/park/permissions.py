"""Who may open the park's pages. Every view names its roles through ``park_roles`` (``roles_required``
underneath, so the roles stay on the view for tests/accounts/test_access.py)."""

from collections.abc import Callable
from functools import wraps

from django.core.exceptions import PermissionDenied

from apps.accounts.models import Role
from apps.accounts.permissions import roles_required

from .selectors import is_park_member
from .workflow import MEMBER_ROLES

# The centre reviews; a company's own accounts see and submit for it. The administrator keeps users and code
# tables only (issue 12, item 7).
CENTRE = (Role.CENTRE,)
CENTRE_VIEWERS = (Role.CENTRE,)
MEMBERS = MEMBER_ROLES
VIEWERS = (*CENTRE_VIEWERS, *MEMBER_ROLES)
CENTRE_OR_MEMBERS = (Role.CENTRE, *MEMBER_ROLES)


def park_roles(*roles: Role) -> Callable:
    """``roles_required(*roles)``; in addition a 创业园企业 or student account must belong to a park company,
    so students, counsellors and colleges without one are refused (403) before anything is looked up."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def checked(request, *args, **kwargs):
            if request.user.role in MEMBER_ROLES and not is_park_member(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return roles_required(*roles)(checked)

    return decorator
