from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from .selectors import login_code_expired, login_code_latest

MSG_CODE_EXPIRED = _("初始密码已过期（有效期 {days} 天），请联系辅导员重新生成。")


class ChineseAuthenticationForm(AuthenticationForm):
    username = forms.CharField(label=_("账号（学号或工号）"), max_length=150)

    error_messages = {
        "invalid_login": _("账号或密码不正确。"),
        "inactive": _("该账号已停用，请联系就业指导中心。"),
        "code_expired": MSG_CODE_EXPIRED,
    }

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if user.must_change_password:
            issue = login_code_latest(account=user)
            if issue is not None and login_code_expired(issue=issue):
                raise forms.ValidationError(
                    self.error_messages["code_expired"].format(days=settings.HPI_LOGIN_CODE_VALID_DAYS),
                    code="code_expired",
                )
