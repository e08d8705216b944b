from django.db import models
from django.utils.translation import gettext_lazy as _


class DemoLoad(models.Model):
    """One run of a demo loader that wrote to the database, and the database's fingerprint right after it.

    The latest row says which parts of the demo the database holds and what it looked like when the demo last
    wrote; ``guard.demo_state`` compares the database with it before any loader writes again.
    """

    loader = models.CharField(_("加载器"), max_length=40)
    loaded_at = models.DateTimeField(_("加载时间"), auto_now_add=True)
    reset = models.BooleanField(_("重建"), default=False)
    parts = models.JSONField(_("已加载的演示部分"), default=list)
    fingerprint = models.JSONField(_("数据库指纹"), default=dict)

    class Meta:
        verbose_name = _("演示数据加载记录")
        verbose_name_plural = _("演示数据加载记录")
        ordering = ["-pk"]

    def __str__(self) -> str:
        return f"{self.loader} {self.loaded_at:%Y-%m-%d %H:%M}"
