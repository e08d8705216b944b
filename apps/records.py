"""Abstract models shared by the apps that keep a record of what happened (plans, support, park)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.accounts.roles import Role


class AppendOnly(models.Model):
    """Rows that record what happened: written once, never changed or deleted through the ORM."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise ValueError(f"{type(self).__name__} rows are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError(f"{type(self).__name__} rows are append-only")


class WorkflowEvent(AppendOnly):
    """One move in a workflow: who, in which role, with what comment, when. A subclass adds the object moved
    and its from/to statuses (with that workflow's choices)."""

    action = models.CharField(_("操作"), max_length=20)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("操作人"), on_delete=models.PROTECT, related_name="+"
    )
    actor_role = models.CharField(_("角色"), max_length=16, choices=Role.choices)
    comment = models.TextField(_("意见"), blank=True)
    created_at = models.DateTimeField(_("时间"), auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ("created_at", "pk")
