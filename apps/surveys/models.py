"""就业跟踪调查 (seed 2.3): a survey campaign per cohort and kind, and the responses imported from the survey
platform's export, one row a respondent.

Every rate of the report is (favourable answers) / (answers given) to that question, half-up to two decimals
(``apps.reports.rates.percent``); a blank answer is a question not answered and counts in neither part. The
favourable answers are 满意 + 基本满意 for satisfaction and 对口 + 基本对口 for the major match. Employer ratings
are 满意 / 一般 / 不满意, each a share of all ratings given over the six dimensions. See README.md.
"""

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.graduates.models import Cohort, College, Gender, Graduate


class SurveyKind(models.TextChoices):
    GRADUATES = "graduates", _("毕业生跟踪调查")
    EMPLOYERS = "employers", _("用人单位满意度调查")


class Satisfaction(models.TextChoices):
    """A graduate's answer to a satisfaction question; blank (not a choice) means not answered."""

    SATISFIED = "satisfied", _("满意")
    FAIRLY_SATISFIED = "fairly", _("基本满意")
    NEUTRAL = "neutral", _("一般")
    DISSATISFIED = "dissatisfied", _("不满意")


class MajorMatch(models.TextChoices):
    """How well the job matches the major; blank for a respondent not employed or who did not answer."""

    MATCHED = "matched", _("对口")
    FAIRLY_MATCHED = "fairly", _("基本对口")
    UNMATCHED = "unmatched", _("不对口")


class EmployerRating(models.TextChoices):
    SATISFIED = "satisfied", _("满意")
    AVERAGE = "average", _("一般")
    DISSATISFIED = "dissatisfied", _("不满意")


SATISFIED_ANSWERS = (Satisfaction.SATISFIED, Satisfaction.FAIRLY_SATISFIED)
MATCHED_ANSWERS = (MajorMatch.MATCHED, MajorMatch.FAIRLY_MATCHED)
# The graduates' satisfaction questions, in the order the seed prints them (2.3.3, then 2.3.5).
SATISFACTION_FIELDS = ("job_satisfaction", "school_overall", "teaching", "student_affairs", "living_services")
# The six dimensions employers rate (seed 2.3.4), in the seed's order: (field, label).
EMPLOYER_DIMENSIONS = (
    ("quality", _("品质素质")),
    ("social_ability", _("社会能力")),
    ("professional_foundation", _("专业基础")),
    ("professional_ability", _("专业能力")),
    ("development_ability", _("发展能力")),
    ("overall", _("综合评价")),
)


def _one_of(field: str, choices: type[models.TextChoices], *, blank: bool) -> Q:
    values = list(choices.values) + ([""] if blank else [])
    return Q(**{f"{field}__in": values})


class SurveyCampaign(models.Model):
    """One survey of a cohort: who it went to (graduates or employers), how many were sent, when it closed.

    ``returned`` is the platform's own count, kept to be checked against the responses stored; the report
    counts the responses stored, so its sample table always adds up to its returned figure.
    """

    cohort = models.ForeignKey(
        Cohort, verbose_name=_("届别"), on_delete=models.PROTECT, related_name="survey_campaigns"
    )
    kind = models.CharField(_("调查对象"), max_length=10, choices=SurveyKind.choices)
    title = models.CharField(_("调查名称"), max_length=100)
    sent = models.PositiveIntegerField(_("发出问卷数"), validators=[MinValueValidator(1)])
    returned = models.PositiveIntegerField(
        _("平台统计回收数"),
        null=True,
        blank=True,
        help_text=_("调查平台报告的回收份数，用于核对导入的答卷数；留空则不核对。"),
    )
    closed_on = models.DateField(_("截止日期"))
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("调查")
        verbose_name_plural = _("调查")
        ordering = ("-cohort__year", "-kind")  # graduates before employers, as the seed
        constraints = [
            models.UniqueConstraint(fields=["cohort", "kind"], name="surveycampaign_one_per_cohort_kind"),
            models.CheckConstraint(
                condition=_one_of("kind", SurveyKind, blank=False), name="surveycampaign_kind"
            ),
            models.CheckConstraint(condition=Q(sent__gte=1), name="surveycampaign_sent_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.cohort} {self.get_kind_display()}：{self.title}"

    @property
    def is_graduates(self) -> bool:
        return self.kind == SurveyKind.GRADUATES


class GraduateResponse(models.Model):
    """One graduate's questionnaire. Gender and college are as the respondent answered them; ``graduate`` is
    linked only when the export carries a 学号."""

    campaign = models.ForeignKey(
        SurveyCampaign, verbose_name=_("调查"), on_delete=models.CASCADE, related_name="graduate_responses"
    )
    response_no = models.CharField(_("答卷编号"), max_length=40)
    graduate = models.ForeignKey(
        Graduate,
        verbose_name=_("毕业生"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,  # a rebuilt cohort loses the link, never the answers
        related_name="survey_responses",
    )
    gender = models.CharField(_("性别"), max_length=1, choices=Gender.choices)
    college = models.ForeignKey(College, verbose_name=_("学院"), on_delete=models.PROTECT, related_name="+")
    employed = models.BooleanField(_("已就业"))
    major_match = models.CharField(_("专业对口程度"), max_length=10, choices=MajorMatch.choices, blank=True)
    job_satisfaction = models.CharField(
        _("就业满意度"), max_length=12, choices=Satisfaction.choices, blank=True
    )
    school_overall = models.CharField(
        _("母校总体满意度"), max_length=12, choices=Satisfaction.choices, blank=True
    )
    teaching = models.CharField(_("教学满意度"), max_length=12, choices=Satisfaction.choices, blank=True)
    student_affairs = models.CharField(
        _("学生工作满意度"), max_length=12, choices=Satisfaction.choices, blank=True
    )
    living_services = models.CharField(
        _("生活服务满意度"), max_length=12, choices=Satisfaction.choices, blank=True
    )

    class Meta:
        verbose_name = _("毕业生答卷")
        verbose_name_plural = _("毕业生答卷")
        ordering = ("campaign", "pk")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "response_no"], name="graduateresponse_unique_no"),
            models.UniqueConstraint(
                fields=["campaign", "graduate"],
                condition=Q(graduate__isnull=False),
                name="graduateresponse_one_per_graduate",
            ),
            # Questions about the job are for the employed only.
            models.CheckConstraint(
                condition=Q(employed=True) | Q(major_match="", job_satisfaction=""),
                name="graduateresponse_job_questions_employed",
            ),
            models.CheckConstraint(
                condition=_one_of("gender", Gender, blank=False), name="graduateresponse_gender"
            ),
            models.CheckConstraint(
                condition=_one_of("major_match", MajorMatch, blank=True), name="graduateresponse_major_match"
            ),
            *(
                models.CheckConstraint(
                    condition=_one_of(field, Satisfaction, blank=True), name=f"graduateresponse_{field}"
                )
                for field in SATISFACTION_FIELDS
            ),
        ]

    def __str__(self) -> str:
        return f"{self.campaign_id}#{self.response_no}"


class EmployerResponse(models.Model):
    """One employer's ratings of the school's graduates on the six dimensions of seed 2.3.4."""

    campaign = models.ForeignKey(
        SurveyCampaign, verbose_name=_("调查"), on_delete=models.CASCADE, related_name="employer_responses"
    )
    response_no = models.CharField(_("答卷编号"), max_length=40)
    employer_name = models.CharField(_("单位名称"), max_length=100)
    quality = models.CharField(_("品质素质"), max_length=12, choices=EmployerRating.choices)
    social_ability = models.CharField(_("社会能力"), max_length=12, choices=EmployerRating.choices)
    professional_foundation = models.CharField(_("专业基础"), max_length=12, choices=EmployerRating.choices)
    professional_ability = models.CharField(_("专业能力"), max_length=12, choices=EmployerRating.choices)
    development_ability = models.CharField(_("发展能力"), max_length=12, choices=EmployerRating.choices)
    overall = models.CharField(_("综合评价"), max_length=12, choices=EmployerRating.choices)

    class Meta:
        verbose_name = _("用人单位答卷")
        verbose_name_plural = _("用人单位答卷")
        ordering = ("campaign", "pk")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "response_no"], name="employerresponse_unique_no"),
            *(
                models.CheckConstraint(
                    condition=_one_of(field, EmployerRating, blank=False), name=f"employerresponse_{field}"
                )
                for field, _label in EMPLOYER_DIMENSIONS
            ),
        ]

    def __str__(self) -> str:
        return f"{self.campaign_id}#{self.response_no} {self.employer_name}"
