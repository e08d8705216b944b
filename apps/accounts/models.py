from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    STUDENT = "student", _("毕业生")
    COUNSELLOR = "counsellor", _("辅导员")
    COLLEGE = "college", _("教学院")
    CENTRE = "centre", _("就业指导中心")
    ADMIN = "admin", _("系统管理员")
    TENANT = "tenant", _("创业园企业")


STAFF_ROLES = (Role.COUNSELLOR, Role.COLLEGE, Role.CENTRE, Role.ADMIN)


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
