from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class ChineseAuthenticationForm(AuthenticationForm):
    username = forms.CharField(label=_("账号（学号或工号）"), max_length=150)

    error_messages = {
        "invalid_login": _("账号或密码不正确。"),
        "inactive": _("该账号已停用，请联系就业指导中心。"),
    }
