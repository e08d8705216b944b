from django.shortcuts import redirect, render

from .permissions import any_role


@any_role
def home(request):
    """A student lands on their own record; staff on a page of what their role can do, with what waits."""
    from apps.plans.selectors import review_queue

    graduate = getattr(request.user, "graduate", None) if request.user.is_student else None
    if graduate is not None:
        return redirect("graduates:detail", pk=graduate.pk)
    # The unread count is the top bar's (apps.plans.context_processors), counted there once.
    return render(request, "home.html", {"waiting_for_me": review_queue(user=request.user).count()})
