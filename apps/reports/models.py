"""Published figures (发布数据): the report as it was sent to the province at a cut-off, kept for 核查.

A ``ReportPublication`` holds the whole report JSON (contract §4) exactly as the page served it, with who
published it and when; ``PublishedDestination`` holds, for every graduate of the cohort at that moment, the
plan that was their destination at the cut-off, so a later recomputation can name who changed and why.
Both are written once by ``publications.report_publish`` and never changed or deleted: the model methods
(``AppendOnly``) and the querysets refuse it.
"""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.graduates.models import Cohort, Graduate
from apps.plans.models import DestinationPlan
from apps.records import AppendOnly
from apps.refdata.models import DestinationCode


class ImmutableQuerySet(models.QuerySet):
    """``AppendOnly`` guards ``save`` and ``delete`` of one row; a published figure is also out of reach of
    bulk ``update``/``delete``, which would bypass them."""

    def update(self, **kwargs):
        raise ValueError(f"{self.model.__name__} rows are append-only")

    def delete(self):
        raise ValueError(f"{self.model.__name__} rows are append-only")


class ReportPublication(AppendOnly):
    """The school's report for a cohort at a cut-off as published: one per cohort and cut-off date."""

    cohort = models.ForeignKey(
        Cohort, verbose_name=_("届别"), on_delete=models.PROTECT, related_name="report_publications"
    )
    as_of = models.DateField(_("截止日期"))
    data = models.JSONField(_("报告数据"), encoder=DjangoJSONEncoder)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("发布人"), on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField(_("发布时间"), auto_now_add=True)
    note = models.CharField(_("发布说明"), max_length=200, blank=True)

    objects = ImmutableQuerySet.as_manager()

    class Meta:
        verbose_name = _("已发布报告数据")
        verbose_name_plural = _("已发布报告数据")
        ordering = ("-published_at", "-pk")
        constraints = [
            models.UniqueConstraint(fields=["cohort", "as_of"], name="report_publication_once_per_cut_off"),
        ]

    def __str__(self) -> str:
        return f"{self.cohort.year}届 截至 {self.as_of:%Y-%m-%d}"


class PublishedDestination(AppendOnly):
    """One graduate of the cohort at publication and the plan counted as their destination at the cut-off
    (none: counted as 待就业 without a registered destination). ``destination`` repeats the plan's code so
    the published side never depends on the plan row."""

    publication = models.ForeignKey(ReportPublication, on_delete=models.PROTECT, related_name="destinations")
    graduate = models.ForeignKey(
        Graduate, verbose_name=_("毕业生"), on_delete=models.PROTECT, related_name="+"
    )
    plan = models.ForeignKey(
        DestinationPlan,
        verbose_name=_("发布时的去向方案"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    destination = models.ForeignKey(
        DestinationCode,
        verbose_name=_("发布时的毕业去向"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    objects = ImmutableQuerySet.as_manager()

    class Meta:
        verbose_name = _("发布时毕业生去向")
        verbose_name_plural = _("发布时毕业生去向")
        ordering = ("publication", "pk")
        constraints = [
            models.UniqueConstraint(
                fields=["publication", "graduate"], name="published_destination_once_per_graduate"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.publication_id}: {self.graduate_id} → {self.plan_id or '—'}"
