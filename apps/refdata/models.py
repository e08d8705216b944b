"""National code tables, kept as data with the standard (scheme) they come from and the document or file each
row was taken from (``source``).

Each table is loaded by a data migration (see ``seed_data``) so every database has it; the centre loads new or
revised tables from the official 代码表 (``load_code_table``, the admin's import). A code is unique within its
scheme. A code in use (anything refers to it) can be renamed or retired (``is_active``) but never re-coded or
deleted: records keep meaning what they meant when they were made.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

MSG_USED_CODE_RECODED = _("代码“{code}”（{name}）已被使用，不能修改代码或标准/版本；可以改名或停用。")
MSG_NO_CATEGORY = _("代码“{code}”没有统计类别，也没有带统计类别的上级代码（本方案中的“{parent}”）。")
MSG_CATEGORY_OF_OTHER_SCHEME = _(
    "统计类别“{category}”不属于毕业去向代码方案 {scheme} 的统计类别（{category_scheme}）。"
)
MSG_USED_CODE_DELETED = _("代码“{code}”（{name}）已被使用，不能删除；可以停用（取消“启用”）。")


class CodeInUse(ValidationError):
    """Deleting or re-coding a code that records refer to."""


class CodeEntry(models.Model):
    scheme = models.CharField(_("标准/版本"), max_length=40)
    code = models.CharField(_("代码"), max_length=8)
    name = models.CharField(_("名称"), max_length=60)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)
    is_active = models.BooleanField(_("启用"), default=True)
    source = models.CharField(
        _("来源"),
        max_length=200,
        blank=True,
        help_text=_("此代码所依据的文件或导出表，如“教学厅函〔2021〕19号”。"),
    )

    class Meta:
        abstract = True
        ordering = ("scheme", "sort_order", "code")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.check_code_change()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.is_in_use():
            raise CodeInUse(MSG_USED_CODE_DELETED.format(code=self.code, name=self.name), code="deleted")
        return super().delete(*args, **kwargs)

    def is_in_use(self) -> bool:
        """Whether any record refers to this code (the history tables' copies aside: they never block)."""
        if self.pk is None:
            return False
        for relation in self._meta.get_fields(include_hidden=True):
            if (
                not (relation.auto_created and relation.one_to_many)
                or relation.on_delete is models.DO_NOTHING
            ):
                continue
            if relation.related_model._base_manager.filter(**{relation.field.name: self.pk}).exists():
                return True
        return False

    def _stored_key(self) -> tuple[str, str] | None:
        if self.pk is None:
            return None
        return type(self)._base_manager.filter(pk=self.pk).values_list("scheme", "code").first()

    def check_code_change(self) -> None:
        """Refuse a new code or scheme for a code in use; renaming and retiring stay open."""
        stored = self._stored_key()
        if stored is not None and stored != (self.scheme, self.code) and self.is_in_use():
            raise CodeInUse(MSG_USED_CODE_RECODED.format(code=stored[1], name=self.name), code="recoded")

    def clean(self) -> None:
        super().clean()
        self.check_code_change()


class DestinationScheme(models.Model):
    """A 毕业去向 scheme (``Cohort.destination_scheme`` names it): its codes, the categories its report counts
    them in, and what its rate is called (2020: 就业率; 2021+: 毕业去向落实率, 教就业厅函〔2024〕11号)."""

    code = models.CharField(_("方案代码"), max_length=10, unique=True)
    name = models.CharField(_("名称"), max_length=60)
    rate_name = models.CharField(_("比率名称"), max_length=20)
    placed_name = models.CharField(
        _("计入人数名称"),
        max_length=20,
        default="就业",
        help_text=_("报告中计入比率的人数的名称：就业、已落实。"),
    )
    category_scheme = models.CharField(
        _("统计类别标准/版本"),
        max_length=40,
        help_text=_("报告按此标准/版本的统计类别分类（就业统计类别）。"),
    )
    source = models.CharField(_("来源"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("毕业去向代码方案")
        verbose_name_plural = _("毕业去向代码方案")
        ordering = ("code",)

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


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
    """The report's groups of destinations, per category scheme (``DestinationScheme.category_scheme``): the
    seed's 协议就业, 灵活就业, 升学、出国, 自主创业, 待就业 (2.1.1); 2021+: 单位就业, 自主创业, 自由职业, 升学,
    待就业, 暂不就业. The rate counts the categories with ``counts_as_employed``."""

    counts_as_employed = models.BooleanField(_("计入就业"), default=True)

    class Meta(CodeEntry.Meta):
        verbose_name = _("就业统计类别")
        verbose_name_plural = _("就业统计类别")
        constraints = _unique_per_scheme("reportcategory")


class DestinationCode(CodeEntry):
    """毕业去向 codes; a cohort names the scheme (2020 and earlier, or 2021+) its plans use. A three-digit
    sub-code left without a category takes its parent's (``clean``): 803 loaded under 80 counts as 升学."""

    category = models.ForeignKey(
        ReportCategory,
        verbose_name=_("统计类别"),
        on_delete=models.PROTECT,
        related_name="destination_codes",
        blank=True,
        help_text=_("留空则沿用上级代码的统计类别。"),
    )
    parent_code = models.CharField(_("上级代码"), max_length=8, blank=True)

    class Meta(CodeEntry.Meta):
        verbose_name = _("毕业去向代码")
        verbose_name_plural = _("毕业去向代码")
        constraints = [
            models.UniqueConstraint(fields=["scheme", "code"], name="destinationcode_unique_code_per_scheme")
        ]

    def save(self, *args, **kwargs):
        self.take_parent_category()
        super().save(*args, **kwargs)

    @property
    def counts_as_employed(self) -> bool:
        return self.category.counts_as_employed

    def parent_category_id(self) -> int | None:
        if not self.parent_code:
            return None
        return (
            DestinationCode._base_manager.filter(scheme=self.scheme, code=self.parent_code)
            .values_list("category_id", flat=True)
            .first()
        )

    def take_parent_category(self) -> None:
        if self.category_id is None:
            self.category_id = self.parent_category_id()
        if self.category_id is None:
            raise ValidationError(
                {"category": MSG_NO_CATEGORY.format(code=self.code, parent=self.parent_code or "—")}
            )

    def clean(self) -> None:
        super().clean()
        self.take_parent_category()
        scheme = DestinationScheme.objects.filter(code=self.scheme).first()
        category_scheme = self.category.scheme
        if scheme is not None and category_scheme != scheme.category_scheme:
            raise ValidationError(
                {
                    "category": MSG_CATEGORY_OF_OTHER_SCHEME.format(
                        category=self.category.name,
                        scheme=scheme.code,
                        category_scheme=scheme.category_scheme,
                    )
                }
            )


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


class WorkPosition(CodeEntry):
    """工作职位类别 (the old codes, still a column of the 2024 national export; domain.md)."""

    class Meta(CodeEntry.Meta):
        verbose_name = _("工作职位类别")
        verbose_name_plural = _("工作职位类别")
        constraints = _unique_per_scheme("workposition")


class DivisionLevel(models.TextChoices):
    PROVINCE = "province", _("省级")
    PREFECTURE = "prefecture", _("地级")
    COUNTY = "county", _("县级")


class AdministrativeDivision(CodeEntry):
    """GB/T 2260 six-digit divisions (单位所在地 at county level), with the version they come from in
    ``scheme``. Names repeat across provinces (朝阳区), so only the code is unique in a version; a county
    knows its province (``province_code``), which is what the report groups by."""

    level = models.CharField(_("级别"), max_length=12, choices=DivisionLevel.choices)
    parent_code = models.CharField(_("上级代码"), max_length=6, blank=True)
    province_code = models.CharField(_("省级代码"), max_length=2, db_index=True)
    full_name = models.CharField(_("全称"), max_length=100)

    class Meta(CodeEntry.Meta):
        verbose_name = _("行政区划（县级）")
        verbose_name_plural = _("行政区划（县级）")
        ordering = ("scheme", "code")
        constraints = [
            models.UniqueConstraint(fields=["scheme", "code"], name="division_unique_code_per_scheme")
        ]

    def __str__(self) -> str:
        return self.full_name


class MinimumWage(models.Model):
    """A province's monthly minimum wage for a cohort's year, as the centre enters it from the provincial
    document (教学厅函〔2021〕19号: 12, 76 and 271 need pay at or above it). No figure is shipped."""

    province = models.ForeignKey(
        Province, verbose_name=_("省份"), on_delete=models.PROTECT, related_name="minimum_wages"
    )
    year = models.PositiveSmallIntegerField(_("届别年份"))
    monthly_yuan = models.PositiveIntegerField(_("月最低工资标准（元）"))
    document = models.CharField(_("依据文件"), max_length=200)

    class Meta:
        verbose_name = _("最低工资标准")
        verbose_name_plural = _("最低工资标准")
        ordering = ("-year", "province__code")
        constraints = [
            models.UniqueConstraint(fields=["province", "year"], name="minimumwage_one_per_province_year")
        ]

    def __str__(self) -> str:
        return f"{self.province.name} {self.year}：{self.monthly_yuan} 元/月"
