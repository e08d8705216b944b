"""National code tables, kept as data with the standard (scheme) they come from.

Each table is loaded by a data migration (see ``seed_data``) so every database has it, and the administrator
can edit it in the admin. A code is unique within its scheme.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CodeEntry(models.Model):
    scheme = models.CharField(_("标准/版本"), max_length=40)
    code = models.CharField(_("代码"), max_length=8)
    name = models.CharField(_("名称"), max_length=60)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        abstract = True
        ordering = ("scheme", "sort_order", "code")

    def __str__(self) -> str:
        return self.name


def _unique_per_scheme(model_name: str) -> list[models.UniqueConstraint]:
    return [
        models.UniqueConstraint(fields=["scheme", "code"], name=f"{model_name}_unique_code_per_scheme"),
        models.UniqueConstraint(fields=["scheme", "name"], name=f"{model_name}_unique_name_per_scheme"),
    ]


class Province(CodeEntry):
    """GB/T 2260 province-level divisions (生源地, 就业地区)."""

    class Meta(CodeEntry.Meta):
        verbose_name = _("省级行政区")
        verbose_name_plural = _("省级行政区")
        constraints = _unique_per_scheme("province")


class Ethnicity(CodeEntry):
    """GB/T 3304 ethnic groups (民族)."""

    class Meta(CodeEntry.Meta):
        verbose_name = _("民族")
        verbose_name_plural = _("民族")
        constraints = _unique_per_scheme("ethnicity")


class ReportCategory(CodeEntry):
    """The seed report's groups of destinations (seed 2.1.1): 协议就业, 灵活就业, 升学、出国, 自主创业, 待就业."""

    counts_as_employed = models.BooleanField(_("计入就业"), default=True)

    class Meta(CodeEntry.Meta):
        verbose_name = _("就业统计类别")
        verbose_name_plural = _("就业统计类别")
        constraints = _unique_per_scheme("reportcategory")


class DestinationCode(CodeEntry):
    """毕业去向 codes; a cohort names the scheme (2020 and earlier, or 2021+) its plans use."""

    category = models.ForeignKey(
        ReportCategory, verbose_name=_("统计类别"), on_delete=models.PROTECT, related_name="destination_codes"
    )
    parent_code = models.CharField(_("上级代码"), max_length=8, blank=True)

    class Meta(CodeEntry.Meta):
        verbose_name = _("毕业去向代码")
        verbose_name_plural = _("毕业去向代码")
        constraints = [
            models.UniqueConstraint(fields=["scheme", "code"], name="destinationcode_unique_code_per_scheme")
        ]

    @property
    def counts_as_employed(self) -> bool:
        return self.category.counts_as_employed


class UnitNature(CodeEntry):
    """单位性质."""

    class Meta(CodeEntry.Meta):
        verbose_name = _("单位性质")
        verbose_name_plural = _("单位性质")
        constraints = _unique_per_scheme("unitnature")


class Industry(CodeEntry):
    """单位行业, mapped to the GB/T 4754 section letter."""

    gb4754_section = models.CharField(_("GB/T 4754 门类"), max_length=1, blank=True)

    class Meta(CodeEntry.Meta):
        verbose_name = _("单位行业")
        verbose_name_plural = _("单位行业")
        constraints = _unique_per_scheme("industry")


class HardshipCategory(CodeEntry):
    """困难生类别; every category but 非困难生 puts a graduate in the hardship group."""

    is_hardship = models.BooleanField(_("属于困难群体"), default=True)

    class Meta(CodeEntry.Meta):
        verbose_name = _("困难生类别")
        verbose_name_plural = _("困难生类别")
        constraints = _unique_per_scheme("hardshipcategory")


class EducationLevel(CodeEntry):
    """学历."""

    class Meta(CodeEntry.Meta):
        verbose_name = _("学历")
        verbose_name_plural = _("学历")
        constraints = _unique_per_scheme("educationlevel")


class NotEmployedReason(CodeEntry):
    """未就业原因 (seed 2.1.3)."""

    class Meta(CodeEntry.Meta):
        verbose_name = _("未就业原因")
        verbose_name_plural = _("未就业原因")
        constraints = _unique_per_scheme("notemployedreason")
