from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _

from .forms import ChineseAuthenticationForm
from .permissions import any_role

MSG_PASSWORD_CHANGED = _("密码已修改。")


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = ChineseAuthenticationForm
    redirect_authenticated_user = True


@method_decorator(any_role, name="dispatch")
class LogoutView(auth_views.LogoutView):
    pass


@method_decorator(any_role, name="dispatch")
class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("home")

    def form_valid(self, form):
        response = super().form_valid(form)
        if self.request.user.must_change_password:
            self.request.user.must_change_password = False
            self.request.user.save(update_fields=["must_change_password"])
        messages.success(self.request, MSG_PASSWORD_CHANGED)
        return response
