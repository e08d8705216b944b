"""The chase list's and the handover's choices. Everything from the URL passes through here, with bounds."""

import datetime

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.bounds import cohort_window
from apps.graduates.models import ClassGroup, Cohort, College, Major
from apps.graduates.place_choices import offer_places
from apps.graduates.selectors import scope_classes, scope_colleges, scope_majors
from apps.plans.models import IN_REVIEW_STATUSES, PlanStatus

from .selectors import ChaseKind, ChaseQuery

MAX_DAYS = 365
DEFAULT_DAYS = 3
PAGE_SIZES = (20, 50, 100)
DEFAULT_PAGE_SIZE = 50

MSG_AS_OF_RANGE = _("截止日期须在 {first} 至 {last} 之间。")
MSG_CLASS_OUTSIDE_MAJOR = _("所选班级不属于所选专业。")
MSG_MAJOR_OUTSIDE_COLLEGE = _("所选专业不属于所选学院。")


def as_of_bounds(cohort: Cohort) -> tuple[datetime.date, datetime.date]:
    """The cohort's window (apps.bounds) cut at today: nobody can be chased in the future."""
    return cohort_window(cohort.year)[0], timezone.localdate()


class ChaseForm(forms.Form):
    cohort = forms.ModelChoiceField(label=_("届别"), queryset=Cohort.objects.all(), empty_label=None)
    as_of = forms.DateField(
        label=_("截止日期"), required=False, widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    )
    kind = forms.ChoiceField(label=_("名单"), choices=ChaseKind.CHOICES, required=False)
    days = forms.IntegerField(
        label=_("天数≥"),
        required=False,
        min_value=0,
        max_value=MAX_DAYS,
        help_text=_("退回后未处理或待审核的天数，0–365，默认 3。"),
        validators=[MinValueValidator(0), MaxValueValidator(MAX_DAYS)],
    )
    level = forms.ChoiceField(
        label=_("审核环节"),
        required=False,
        choices=[("", _("全部"))] + [(s.value, s.label) for s in PlanStatus if s in IN_REVIEW_STATUSES],
    )
    college = forms.ModelChoiceField(
        label=_("学院"), queryset=College.objects.none(), required=False, empty_label=_("全部")
    )
    major = forms.ModelChoiceField(
        label=_("专业"), queryset=Major.objects.none(), required=False, empty_label=_("全部")
    )
    class_group = forms.ModelChoiceField(
        label=_("班级"), queryset=ClassGroup.objects.none(), required=False, empty_label=_("全部")
    )
    q = forms.CharField(
        label=_("搜索"),
        required=False,
        max_length=40,
        widget=forms.TextInput(attrs={"placeholder": _("学号或姓名")}),
    )
    size = forms.TypedChoiceField(
        label=_("每页"),
        required=False,
        coerce=int,
        choices=[(n, str(n)) for n in PAGE_SIZES],
        empty_value=DEFAULT_PAGE_SIZE,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["college"].queryset = scope_colleges(user)
        self.fields["major"].queryset = scope_majors(user)
        self.fields["class_group"].queryset = scope_classes(user)
        offer_places(self, self.data, college="college", major="major", class_group="class_group")

    def clean(self):
        data = super().clean()
        cohort, as_of = data.get("cohort"), data.get("as_of")
        if cohort is not None and as_of is not None:
            first, last = as_of_bounds(cohort)
            if not first <= as_of <= last:
                self.add_error("as_of", MSG_AS_OF_RANGE.format(first=first, last=last))
        college, major, class_group = data.get("college"), data.get("major"), data.get("class_group")
        if college and major and major.college_id != college.pk:
            self.add_error("major", MSG_MAJOR_OUTSIDE_COLLEGE)
        if major and class_group and class_group.major_id != major.pk:
            self.add_error("class_group", MSG_CLASS_OUTSIDE_MAJOR)
        return data

    def chase_query(self, *, default_as_of: datetime.date) -> ChaseQuery:
        data = self.cleaned_data
        days = data.get("days")
        kind = data.get("kind") or ChaseKind.NOT_EMPLOYED
        if kind in ChaseKind.WITH_DAYS:
            default_as_of = timezone.localdate()  # returned and waiting plans are today's work by default
        return ChaseQuery(
            cohort=data["cohort"],
            as_of=data.get("as_of") or default_as_of,
            kind=kind,
            days=DEFAULT_DAYS if days is None else days,
            college_id=data["college"].pk if data.get("college") else None,
            major_id=data["major"].pk if data.get("major") else None,
            class_group_id=data["class_group"].pk if data.get("class_group") else None,
            level=data.get("level") or "",
            search=data.get("q") or "",
        )


class NotifyForm(forms.Form):
    """The graduates ticked on a chase list; the list's own query string travels along to come back to it."""

    graduate = forms.TypedMultipleChoiceField(coerce=int, required=False, choices=())
    back = forms.CharField(required=False, max_length=1000)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The ids are checked against the user's scope by the service, not against a list of choices here.
        self.fields["graduate"].valid_value = lambda value: True


class LeaversForm(ChaseForm):
    """The handover's choices: the chase form without the list kind, days and level (the list is fixed)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("kind", "days", "level"):
            del self.fields[name]
