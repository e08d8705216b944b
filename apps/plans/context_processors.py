from functools import cache

from .selectors import unread_notifications as unread_notifications_of


def unread_notifications(request) -> dict:
    """The unread count in the top bar; lazy, so pages that do not render the bar pay nothing, and counted
    once however often a page's templates ask (base.html tests it, then prints it)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": cache(lambda: unread_notifications_of(user=user).count())}
