from django import forms
from django.utils.translation import gettext_lazy as _

from apps.bounds import bound_to_cohort
from apps.graduates.models import Cohort, College
from apps.graduates.selectors import scope_colleges
from apps.refdata.selectors import with_rate_names


class ProgressForm(forms.Form):
    """The progress page's choices: a cohort, a cut-off date and, for users who see several, one college."""

    # Each cohort brings what its scheme calls the rate (就业率, 毕业去向落实率) for the page's headings.
    cohort = forms.ModelChoiceField(
        label=_("届别"), queryset=with_rate_names(Cohort.objects.all()), empty_label=None
    )
    as_of = forms.DateField(
        label=_("截止日期"), required=False, widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    )
    college = forms.ModelChoiceField(
        label=_("学院"), queryset=College.objects.none(), required=False, empty_label=_("全部")
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["college"].queryset = scope_colleges(user)

    def clean(self):
        cleaned = super().clean()
        cohort = cleaned.get("cohort")
        bound_to_cohort(self, cohort.year if cohort else None, "as_of")
        return cleaned
