import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import ReleaseKind

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
# The log starts with this system; nothing in it is older, and a date past today is a typing error.
EARLIEST_DAY = datetime.date(2015, 1, 1)

MSG_DAY_RANGE = _("日期须在 {first} 至 {last} 之间。")
MSG_DAYS_REVERSED = _("起始日期不能晚于截止日期。")


class ReleaseFilterForm(forms.Form):
    who = forms.CharField(label=_("操作人"), required=False, max_length=50, help_text=_("账号或姓名"))
    kind = forms.ChoiceField(label=_("类别"), required=False, choices=[("", _("全部")), *ReleaseKind.choices])
    date_from = forms.DateField(label=_("起始日期"), required=False, widget=DATE_INPUT)
    date_to = forms.DateField(label=_("截止日期"), required=False, widget=DATE_INPUT)

    def _bounded(self, name: str) -> datetime.date | None:
        day = self.cleaned_data.get(name)
        last = timezone.localdate()
        if day is not None and not EARLIEST_DAY <= day <= last:
            raise forms.ValidationError(MSG_DAY_RANGE.format(first=EARLIEST_DAY, last=last))
        return day

    def clean_date_from(self):
        return self._bounded("date_from")

    def clean_date_to(self):
        return self._bounded("date_to")

    def clean(self):
        cleaned = super().clean()
        first, last = cleaned.get("date_from"), cleaned.get("date_to")
        if first and last and first > last:
            self.add_error("date_to", MSG_DAYS_REVERSED)
        return cleaned
