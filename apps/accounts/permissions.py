"""Role checks for views. Every view names the roles that may use it; nothing else gets in."""

from collections.abc import Callable
from functools import wraps

from django.core.exceptions import PermissionDenied

from .models import Role


def roles_required(*roles: Role) -> Callable:
    """Allow the decorated view only to logged-in users whose role is one of ``roles`` (403 otherwise).

    The allowed roles are kept on the view as ``allowed_roles`` so a test can prove that every URL names them.
    """

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            user = request.user
            if not user.is_authenticated:
                raise PermissionDenied
            if user.role not in roles and not (Role.ADMIN in roles and user.is_superuser):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapped.allowed_roles = tuple(roles)
        return wrapped

    return decorator


def any_role(view: Callable) -> Callable:
    """For pages every logged-in user may open (home, password change): still states it explicitly."""
    return roles_required(*Role.values)(view)
