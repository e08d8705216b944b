import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from apps.graduates.models import ClassGroup, College, Graduate
from apps.graduates.selectors import scope_classes, scope_colleges, search_condition

from .models import CaseStatus, Priority, SubsidyBatch, SubsidyScheme, SubsidyStatus

YES, NO = "yes", "no"


def _search(queryset, value: str):
    """学号 or 姓名 by part, a full 身份证号 exactly (the graduate list's rule), on the rows' graduates."""
    if not value.strip():
        return queryset
    return queryset.filter(graduate__in=Graduate.objects.filter(search_condition(value)).values("pk"))


class _ScopedFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("搜索"), method="filter_search")
    college = django_filters.ModelChoiceFilter(
        label=_("学院"), field_name="graduate__class_group__major__college", queryset=College.objects.none()
    )
    class_group = django_filters.ModelChoiceFilter(
        label=_("班级"), field_name="graduate__class_group", queryset=ClassGroup.objects.none()
    )

    def __init__(self, data=None, *args, user=None, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.filters["college"].queryset = scope_colleges(user)
        self.filters["class_group"].queryset = scope_classes(user)
        widget = self.form.fields["q"].widget
        if isinstance(widget, forms.TextInput):
            widget.attrs.setdefault("placeholder", _("学号、姓名或完整身份证号"))

    def filter_search(self, queryset, name, value):
        return _search(queryset, value)


class LedgerFilter(_ScopedFilter):
    """Narrows ``selectors.ledger_cases`` (which annotates ``flagged``)."""

    flagged = django_filters.ChoiceFilter(
        label=_("预警"), method="filter_flagged", choices=[(YES, _("仅预警")), (NO, _("无预警"))]
    )
    status = django_filters.ChoiceFilter(label=_("帮扶状态"), choices=CaseStatus.choices)
    priority = django_filters.ChoiceFilter(label=_("帮扶等级"), choices=Priority.choices)

    def filter_flagged(self, queryset, name, value):
        return queryset.filter(flagged=(value == YES))


class SubsidyFilter(_ScopedFilter):
    scheme = django_filters.ModelChoiceFilter(label=_("补贴项目"), queryset=SubsidyScheme.objects.all())
    status = django_filters.ChoiceFilter(label=_("状态"), choices=SubsidyStatus.choices)
    batch = django_filters.ModelChoiceFilter(
        label=_("发放批次"), queryset=SubsidyBatch.objects.select_related("scheme")
    )
