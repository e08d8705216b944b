"""Roles, apart from the user model so the shared record bases (apps.records) can name them."""

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
