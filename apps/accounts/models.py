from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.records import AppendOnly

from .roles import STAFF_ROLES, Role

__all__ = ["STAFF_ROLES", "LoginCodeIssue", "Role", "User"]


class User(AbstractUser):
    """A person who logs in. Their role decides what they may do; college and classes decide where."""

    role = models.CharField(
        _("角色"), max_length=16, choices=Role.choices, default=Role.STUDENT, db_index=True
    )
    college = models.ForeignKey(
        "graduates.College",
        verbose_name=_("所属教学院"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="officers",
        help_text=_("教学院账号的管辖范围"),
    )
    classes = models.ManyToManyField(
        "graduates.ClassGroup",
        verbose_name=_("负责班级"),
        blank=True,
        related_name="counsellors",
        help_text=_("辅导员、班主任的管辖范围"),
    )
    must_change_password = models.BooleanField(_("首次登录须修改密码"), default=False)

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")

    def __str__(self) -> str:
        return f"{self.get_full_name() or self.username}（{self.get_role_display()}）"

    def get_full_name(self) -> str:
        # Chinese names are written family name first with no space.
        return f"{self.last_name}{self.first_name}".strip()

    @property
    def is_student(self) -> bool:
        return self.role == Role.STUDENT

    @property
    def is_counsellor(self) -> bool:
        return self.role == Role.COUNSELLOR

    @property
    def is_college_officer(self) -> bool:
        return self.role == Role.COLLEGE

    @property
    def is_centre(self) -> bool:
        return self.role == Role.CENTRE

    @property
    def is_tenant(self) -> bool:
        return self.role == Role.TENANT

    @property
    def is_administrator(self) -> bool:
        return self.role == Role.ADMIN or self.is_superuser


class LoginCodeIssue(AppendOnly):
    """A first-login code handed to a student's account: by whom and when, and whether it replaced a password
    the student had set (a reset the student is told of). The code itself is only in the account's hash."""

    class Kind(models.TextChoices):
        HANDOUT = "handout", _("按班发放")
        RESET = "reset", _("单个重置")

    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("毕业生账号"),
        on_delete=models.CASCADE,
        related_name="login_code_issues",
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("发放人"), on_delete=models.PROTECT, related_name="+"
    )
    issued_by_role = models.CharField(_("发放人角色"), max_length=16, choices=Role.choices)
    kind = models.CharField(_("方式"), max_length=10, choices=Kind.choices)
    replaced_own_password = models.BooleanField(_("替换了本人设置的密码"), default=False)
    issued_at = models.DateTimeField(_("发放时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("初始密码发放记录")
        verbose_name_plural = _("初始密码发放记录")
        ordering = ("-issued_at", "-pk")
        indexes = [models.Index(fields=["account", "-issued_at"], name="logincode_account_idx")]

    def __str__(self) -> str:
        return f"{self.account} ← {self.issued_by}（{self.get_kind_display()}）"
