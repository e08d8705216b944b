from .selectors import unread_notifications as unread_notifications_of


def unread_notifications(request) -> dict:
    """The unread count in the top bar; lazy, so pages that do not render the bar pay nothing."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": lambda: unread_notifications_of(user=user).count()}
