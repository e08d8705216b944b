import datetime

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.refdata.models import EducationLevel, Ethnicity, HardshipCategory, Province

from .validators import mask_email, mask_id_number, mask_phone, validate_id_number, validate_phone


class College(models.Model):
    """教学院."""

    name = models.CharField(_("学院名称"), max_length=60, unique=True)
    code = models.CharField(_("学院代码"), max_length=10, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("教学院")
        verbose_name_plural = _("教学院")
        ordering = ("sort_order", "name")

    def __str__(self) -> str:
        return self.name


class Major(models.Model):
    """专业, always under one college."""

    college = models.ForeignKey(
        College, verbose_name=_("学院"), on_delete=models.PROTECT, related_name="majors"
    )
    name = models.CharField(_("专业名称"), max_length=60)
    code = models.CharField(_("专业代码"), max_length=12, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("专业")
        verbose_name_plural = _("专业")
        ordering = ("college__sort_order", "sort_order", "name")
        constraints = [
            models.UniqueConstraint(fields=["college", "name"], name="major_unique_name_per_college")
        ]

    def __str__(self) -> str:
        return self.name


class ClassGroup(models.Model):
    """班级, under a major; created on first sight by the graduate import."""

    major = models.ForeignKey(Major, verbose_name=_("专业"), on_delete=models.PROTECT, related_name="classes")
    name = models.CharField(_("班级名称"), max_length=60)

    class Meta:
        verbose_name = _("班级")
        verbose_name_plural = _("班级")
        ordering = ("major__college__sort_order", "major__sort_order", "name")
        constraints = [
            models.UniqueConstraint(fields=["major", "name"], name="classgroup_unique_name_per_major")
        ]

    def __str__(self) -> str:
        return self.name


class Cohort(models.Model):
    """届别: the year a group graduates, and which destination-code scheme its plans use."""

    year = models.PositiveSmallIntegerField(_("届别"), unique=True, validators=[MinValueValidator(2000)])
    destination_scheme = models.CharField(
        _("毕业去向代码方案"),
        max_length=10,
        default="2020",
        help_text=_("2020：2020届及以前的代码；2021：教学厅函〔2021〕19号的代码。"),
    )
    is_archived = models.BooleanField(_("已归档"), default=False)
    # Students may submit or change destination plans only inside this window (the national system
    # accepts changes until 31 August); reviewers act at any time. Blank ends mean open on that side.
    registration_opens = models.DateField(_("方案申报开始日期"), null=True, blank=True)
    registration_closes = models.DateField(_("方案申报截止日期"), null=True, blank=True)
    # A plan returned by a reviewer or found false by 核查 can be corrected and resubmitted until this day, after
    # the window has closed: the final figure is taken at 12-31. Blank means 12-31 of the cohort's year.
    correction_deadline = models.DateField(_("更正截止日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("届别")
        verbose_name_plural = _("届别")
        ordering = ("-year",)

    def __str__(self) -> str:
        return f"{self.year}届"

    @property
    def correction_deadline_or_default(self) -> datetime.date:
        return self.correction_deadline or datetime.date(self.year, 12, 31)

    def correction_open_on(self, day) -> bool:
        """Whether a returned or false-found plan may be corrected (saved, withdrawn, resubmitted) on ``day``."""
        if self.registration_opens and day < self.registration_opens:
            return False
        return day <= max(self.correction_deadline_or_default, self.registration_closes or day)

    def registration_open_on(self, day) -> bool:
        if self.registration_opens and day < self.registration_opens:
            return False
        return not (self.registration_closes and day > self.registration_closes)


class Gender(models.TextChoices):
    MALE = "M", _("男")
    FEMALE = "F", _("女")


# Seed 4.2.8's group: "建档立卡贫困生，包括尚未摘帽 52 个贫困县地区学生" (510, 83.91%): the report's figure.
POVERTY_GROUP = models.Q(registered_poor=True) | models.Q(poverty_county=True)
# The hardship group (domain.md: 建档立卡, one of the 52 counties, or a 困难生类别 other than 非困难生) as a
# condition on graduates; the support ledger and every list that counts the group use this one definition,
# and the report prints it as 4.2.8's second line.
HARDSHIP_GROUP = POVERTY_GROUP | models.Q(hardship_category__is_hardship=True)


class Graduate(models.Model):
    """One graduate of one cohort. 学号 is the natural key the imports use."""

    cohort = models.ForeignKey(
        Cohort, verbose_name=_("届别"), on_delete=models.PROTECT, related_name="graduates"
    )
    student_no = models.CharField(_("学号"), max_length=20, unique=True)
    name = models.CharField(_("姓名"), max_length=40)
    gender = models.CharField(_("性别"), max_length=1, choices=Gender.choices)
    id_number = models.CharField(_("身份证号"), max_length=18, unique=True, validators=[validate_id_number])
    ethnicity = models.ForeignKey(
        Ethnicity, verbose_name=_("民族"), on_delete=models.PROTECT, related_name="+"
    )
    class_group = models.ForeignKey(
        ClassGroup, verbose_name=_("班级"), on_delete=models.PROTECT, related_name="graduates"
    )
    origin = models.ForeignKey(Province, verbose_name=_("生源地"), on_delete=models.PROTECT, related_name="+")
    education_level = models.ForeignKey(
        EducationLevel, verbose_name=_("学历"), on_delete=models.PROTECT, related_name="+"
    )
    hardship_category = models.ForeignKey(
        HardshipCategory, verbose_name=_("困难生类别"), on_delete=models.PROTECT, related_name="+"
    )
    registered_poor = models.BooleanField(_("建档立卡"), default=False)
    poverty_county = models.BooleanField(_("贫困县生源"), default=False, help_text=_("52个未摘帽贫困县之一"))
    phone = models.CharField(_("手机号"), max_length=11, blank=True, validators=[validate_phone])
    email = models.EmailField(_("电子邮箱"), blank=True)
    # What the national registration layout (contract §5) carries besides the above; optional in the §1 import.
    political_status = models.CharField(_("政治面貌"), max_length=20, blank=True)
    urban_rural_origin = models.CharField(_("城乡生源"), max_length=20, blank=True)
    enrolled_on = models.DateField(_("入学年月"), null=True, blank=True, help_text=_("按月记录（当月1日）"))
    graduated_on = models.DateField(_("毕业日期"), null=True, blank=True)
    training_mode = models.CharField(_("培养方式"), max_length=20, blank=True)
    sponsor = models.CharField(_("委培单位"), max_length=100, blank=True)
    study_form = models.CharField(_("学习形式"), max_length=20, blank=True)
    major_direction = models.CharField(_("专业方向"), max_length=60, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登录账号"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="graduate",
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    # Every change of a record is kept (who, when, through what, the values before and after): the import,
    # a student's contact edit, the administrator's edits (django-simple-history).
    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    class Meta:
        verbose_name = _("毕业生")
        verbose_name_plural = _("毕业生")
        ordering = ("student_no",)
        indexes = [
            # 学号 last, so a class's page comes off it in order too (else SQLite walks the cohort by 学号).
            models.Index(fields=["cohort", "class_group", "student_no"], name="graduate_cohort_class_no_idx"),
            models.Index(fields=["cohort", "gender"], name="graduate_cohort_gender_idx"),
            models.Index(fields=["cohort", "origin"], name="graduate_cohort_origin_idx"),
            models.Index(fields=["cohort", "hardship_category"], name="graduate_cohort_hardship_idx"),
            models.Index(fields=["name"], name="graduate_name_idx"),
            # A cohort's list pages by 学号 (apps.paging): its rows in that order, either way, straight off the
            # index. Without it SQLite joined and sorted the whole cohort for every page (400,000: 2.44 s).
            models.Index(fields=["cohort", "student_no"], name="graduate_cohort_student_no_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.student_no} {self.name}"

    @property
    def id_number_masked(self) -> str:
        return mask_id_number(self.id_number)

    @property
    def phone_masked(self) -> str:
        return mask_phone(self.phone)

    @property
    def email_masked(self) -> str:
        return mask_email(self.email)

    @property
    def in_hardship_group(self) -> bool:
        """建档立卡, one of the 52 counties, or a 困难生类别 other than 非困难生 (domain.md)."""
        return self.registered_poor or self.poverty_county or self.hardship_category.is_hardship
