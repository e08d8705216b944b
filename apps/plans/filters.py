import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.bounds import MAX_DAYS
from apps.graduates.models import ClassGroup, Cohort, College
from apps.graduates.selectors import scope_classes, scope_colleges
from apps.refdata.models import DestinationCode

from .models import PlanStatus
from .selectors import waiting_at_least


class PlanFilter(django_filters.FilterSet):
    """Filters of the review queue and the plan list: cohort, college, class, code, status, days waiting,
    search. Each offers only what can match: the codes of the chosen cohort's scheme (or of the schemes of
    the cohorts in the list), and ``statuses`` (a queue holds one)."""

    q = django_filters.CharFilter(label=_("搜索"), method="filter_search")
    cohort = django_filters.ModelChoiceFilter(
        label=_("届别"), field_name="graduate__cohort", queryset=Cohort.objects.all()
    )
    college = django_filters.ModelChoiceFilter(
        label=_("学院"), field_name="graduate__class_group__major__college", queryset=College.objects.none()
    )
    class_group = django_filters.ModelChoiceFilter(
        label=_("班级"), field_name="graduate__class_group", queryset=ClassGroup.objects.none()
    )
    destination = django_filters.ModelChoiceFilter(
        label=_("毕业去向"), queryset=DestinationCode.objects.none()
    )
    status = django_filters.ChoiceFilter(label=_("状态"), choices=PlanStatus.choices)
    waiting_days = django_filters.NumberFilter(
        label=_("等待天数≥"), method="filter_waiting", min_value=0, max_value=MAX_DAYS
    )

    def __init__(self, data=None, queryset=None, *, user=None, statuses=None, **kwargs):
        super().__init__(data, queryset, **kwargs)
        self.filters["college"].queryset = scope_colleges(user)
        self.filters["class_group"].queryset = scope_classes(user)
        listed = Cohort.objects.filter(pk__in=self.queryset.values("graduate__cohort"))
        chosen = self._chosen_cohort()
        schemes = [chosen.destination_scheme] if chosen else listed.values("destination_scheme")
        self.filters["destination"].queryset = DestinationCode.objects.filter(scheme__in=schemes)
        if statuses is not None:
            wanted = {str(status) for status in statuses}
            self.filters["status"].extra["choices"] = [c for c in PlanStatus.choices if c[0] in wanted]
        destination = self.form.fields["destination"]
        destination.label_from_instance = lambda c: f"{c.code} {c.name}（{c.scheme}）"

    def _chosen_cohort(self) -> Cohort | None:
        value = (self.data or {}).get("cohort")
        if not value or not str(value).isdigit():
            return None
        return Cohort.objects.filter(pk=int(value)).first()

    def filter_search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(graduate__student_no__icontains=value) | queryset.filter(
            graduate__name__icontains=value
        )

    def filter_waiting(self, queryset, name, value):
        return queryset.filter(waiting_at_least(int(value), timezone.now()))
