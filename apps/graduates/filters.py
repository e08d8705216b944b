import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from apps.refdata.models import HardshipCategory, Province

from .models import HARDSHIP_GROUP as IN_HARDSHIP_GROUP
from .models import ClassGroup, Cohort, College, Gender, Graduate, Major
from .place_choices import offer_places
from .selectors import scope_classes, scope_colleges, scope_majors, search_condition

HARDSHIP_GROUP = "group"
HARDSHIP_REGISTERED_POOR = "registered_poor"
HARDSHIP_POVERTY_COUNTY = "poverty_county"
HARDSHIP_NONE = "none"


class GraduateFilter(django_filters.FilterSet):
    """Search and filters of the graduate list; choices offered are limited to the user's own scope."""

    q = django_filters.CharFilter(label=_("搜索"), method="filter_search")
    cohort = django_filters.ModelChoiceFilter(label=_("届别"), queryset=Cohort.objects.all())
    college = django_filters.ModelChoiceFilter(
        label=_("学院"), field_name="class_group__major__college", queryset=College.objects.none()
    )
    major = django_filters.ModelChoiceFilter(
        label=_("专业"), field_name="class_group__major", queryset=Major.objects.none()
    )
    class_group = django_filters.ModelChoiceFilter(label=_("班级"), queryset=ClassGroup.objects.none())
    gender = django_filters.ChoiceFilter(label=_("性别"), choices=Gender.choices)
    origin = django_filters.ModelChoiceFilter(label=_("生源地"), queryset=Province.objects.all())
    hardship = django_filters.ChoiceFilter(label=_("困难群体"), method="filter_hardship", choices=())

    class Meta:
        model = Graduate
        fields = ["q", "cohort", "college", "major", "class_group", "gender", "origin", "hardship"]

    def __init__(self, data=None, *args, user=None, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.filters["college"].queryset = scope_colleges(user)
        self.filters["major"].queryset = scope_majors(user)
        self.filters["class_group"].queryset = scope_classes(user)
        self.filters["hardship"].extra["choices"] = [
            (HARDSHIP_GROUP, _("困难群体（任一）")),
            (HARDSHIP_REGISTERED_POOR, _("建档立卡")),
            (HARDSHIP_POVERTY_COUNTY, _("贫困县生源")),
            (HARDSHIP_NONE, _("非困难群体")),
            *[(f"cat:{c.pk}", c.name) for c in HardshipCategory.objects.filter(is_hardship=True)],
        ]
        for field in self.form.fields.values():
            if isinstance(field.widget, forms.TextInput):
                field.widget.attrs.setdefault("placeholder", _("学号、姓名或完整身份证号"))
        offer_places(self.form, self.data, college="college", major="major", class_group="class_group")

    def filter_search(self, queryset, name, value):
        return queryset.filter(search_condition(value)) if value.strip() else queryset

    def filter_hardship(self, queryset, name, value):
        if value == HARDSHIP_GROUP:
            return queryset.filter(IN_HARDSHIP_GROUP)
        if value == HARDSHIP_REGISTERED_POOR:
            return queryset.filter(registered_poor=True)
        if value == HARDSHIP_POVERTY_COUNTY:
            return queryset.filter(poverty_county=True)
        if value == HARDSHIP_NONE:
            return queryset.exclude(IN_HARDSHIP_GROUP)
        if value.startswith("cat:"):
            return queryset.filter(hardship_category_id=value.removeprefix("cat:"))
        return queryset
