import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.bounds import MAX_DAYS
from apps.graduates.models import ClassGroup, College
from apps.graduates.selectors import scope_classes, scope_colleges
from apps.refdata.models import DestinationCode

from .models import PlanStatus
from .selectors import waiting_at_least


class PlanFilter(django_filters.FilterSet):
    """Filters of the review queue and the plan list: college, class, code, status, days waiting, search."""

    q = django_filters.CharFilter(label=_("搜索"), method="filter_search")
    college = django_filters.ModelChoiceFilter(
        label=_("学院"), field_name="graduate__class_group__major__college", queryset=College.objects.none()
    )
    class_group = django_filters.ModelChoiceFilter(
        label=_("班级"), field_name="graduate__class_group", queryset=ClassGroup.objects.none()
    )
    destination = django_filters.ModelChoiceFilter(
        label=_("毕业去向"), queryset=DestinationCode.objects.all()
    )
    status = django_filters.ChoiceFilter(label=_("状态"), choices=PlanStatus.choices)
    waiting_days = django_filters.NumberFilter(
        label=_("等待天数≥"), method="filter_waiting", min_value=0, max_value=MAX_DAYS
    )

    def __init__(self, data=None, *args, user=None, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.filters["college"].queryset = scope_colleges(user)
        self.filters["class_group"].queryset = scope_classes(user)
        self.form.fields["destination"].label_from_instance = lambda c: f"{c.code} {c.name}（{c.scheme}）"

    def filter_search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(graduate__student_no__icontains=value) | queryset.filter(
            graduate__name__icontains=value
        )

    def filter_waiting(self, queryset, name, value):
        return queryset.filter(waiting_at_least(int(value), timezone.now()))
