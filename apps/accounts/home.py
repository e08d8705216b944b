from django.shortcuts import redirect, render

from .permissions import any_role


@any_role
def home(request):
    """A student lands on their own record; staff on a page of what their role can do."""
    graduate = getattr(request.user, "graduate", None) if request.user.is_student else None
    if graduate is not None:
        return redirect("graduates:detail", pk=graduate.pk)
    return render(request, "home.html")
