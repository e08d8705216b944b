"""Which colleges' majors and classes a list's filter selects offer (the graduate list, the chase lists).

A province's centre has thousands of classes in scope: every page of a list would render each as an
``<option>`` (2,880 classes and 480 majors in the benchmarks: most of a chase page's time and ~130 KB of HTML
on a phone). Up to ``MAX_OFFERED`` options a select offers them all, as before; beyond, it offers those of the
college (or major) chosen, or only the value chosen and asks for a college first. The fields' querysets are
untouched, so any value in the user's scope is still accepted from the URL. The options are read when the
select is rendered, in the query it would have run anyway (one more only when it had to narrow).
"""

from django import forms
from django.utils.choices import BaseChoiceIterator
from django.utils.translation import gettext_lazy as _

MAX_OFFERED = 300
CHOOSE_COLLEGE_FIRST = _("（请先选择学院）")


class OfferedChoices(BaseChoiceIterator):
    def __init__(self, field: forms.ModelChoiceField, *, narrowed, selected: str):
        self.field = field
        self.narrowed = narrowed  # the queryset to offer when the whole scope is too long, or None
        self.selected = selected
        self._choices: list | None = None

    def __iter__(self):
        if self._choices is None:
            self._choices = self._read()
        return iter(self._choices)

    def _read(self) -> list:
        field = self.field
        empty = [("", field.empty_label)] if field.empty_label is not None else []
        objects = list(field.queryset[: MAX_OFFERED + 1])
        if len(objects) > MAX_OFFERED:
            queryset = self.narrowed if self.narrowed is not None else field.queryset.none()
            if self.selected.isdigit():
                queryset = queryset | field.queryset.filter(pk=self.selected)
            objects = list(queryset[: MAX_OFFERED + 1])
            if self.narrowed is None or len(objects) > MAX_OFFERED:
                objects = [obj for obj in objects if str(obj.pk) == self.selected]
                empty = [("", f"{field.empty_label}{CHOOSE_COLLEGE_FIRST}")]
        return empty + [(obj.pk, field.label_from_instance(obj)) for obj in objects]


def offer_places(form: forms.BaseForm, data, *, college: str, major: str, class_group: str) -> None:
    """Narrow what the ``major`` and ``class_group`` selects of ``form`` offer to the college and major
    chosen in ``data`` (the form's raw query), when the user's scope has more than ``MAX_OFFERED``."""
    data = data or {}
    chosen_college, chosen_major = str(data.get(college) or ""), str(data.get(major) or "")
    majors, classes = form.fields[major], form.fields[class_group]
    narrowed_majors = narrowed_classes = None
    if chosen_college.isdigit():
        narrowed_majors = majors.queryset.filter(college_id=chosen_college)
        narrowed_classes = classes.queryset.filter(major__college_id=chosen_college)
    if chosen_major.isdigit():
        narrowed_classes = classes.queryset.filter(major_id=chosen_major)
    majors.widget.choices = OfferedChoices(majors, narrowed=narrowed_majors, selected=chosen_major)
    classes.widget.choices = OfferedChoices(
        classes, narrowed=narrowed_classes, selected=str(data.get(class_group) or "")
    )
