"""The bounds of every date and number a URL may carry (issue 12.3).

A cut-off date belongs to a cohort: from the year before its graduation (a plan may be signed before) to five
years after (the 3-year employment-support window and the follow-up surveys end within it). A date that has no
cohort (the park's dashboard and list filters) keeps within ten years before today and one year after. Outside
these a date is a form error: it cannot be meant, and it could make a page walk centuries of weeks or overflow
the date arithmetic (year 1, year 9999).
"""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

COHORT_YEARS_BEFORE = 1
COHORT_YEARS_AFTER = 5
OPEN_YEARS_BEFORE = 10
OPEN_YEARS_AFTER = 1
# A year typed into a list filter (考评年度, 申报年度, 赛事年度), as the assessment form bounds it.
FIRST_YEAR = 2000
LAST_YEAR = 2100
# 等待天数≥ in the review lists: nothing waits ten years; beyond that the date arithmetic overflows.
MAX_DAYS = 3650

MSG_DATE_OUTSIDE_COHORT = _("日期应在 {first} 至 {last} 之间（届别前一年至后五年）。")
MSG_DATE_OUTSIDE_WINDOW = _("日期应在 {first} 至 {last} 之间。")
MSG_YEAR = _("年度应在 {first} 至 {last} 之间。")


def cohort_window(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year - COHORT_YEARS_BEFORE, 1, 1), datetime.date(year + COHORT_YEARS_AFTER, 12, 31)


def open_window(today: datetime.date | None = None) -> tuple[datetime.date, datetime.date]:
    today = today or timezone.localdate()
    return datetime.date(today.year - OPEN_YEARS_BEFORE, 1, 1), datetime.date(
        today.year + OPEN_YEARS_AFTER, 12, 31
    )


def cohort_date_error(day: datetime.date, cohort_year: int) -> ValidationError | None:
    first, last = cohort_window(cohort_year)
    if first <= day <= last:
        return None
    message = MSG_DATE_OUTSIDE_COHORT.format(first=first.isoformat(), last=last.isoformat())
    return ValidationError(message, code="date_outside_cohort")


def bound_to_cohort(form: forms.Form, cohort_year: int | None, *field_names: str) -> None:
    """Add a form error to each of ``field_names`` whose date lies outside the cohort's window (in ``clean``)."""
    if cohort_year is None:
        return
    for name in field_names:
        day = form.cleaned_data.get(name)
        if day is not None and (error := cohort_date_error(day, cohort_year)) is not None:
            form.add_error(name, error)


def validate_open_window(day: datetime.date) -> None:
    """A field validator for a date that belongs to no cohort; the window moves with today."""
    first, last = open_window()
    if day is not None and not first <= day <= last:
        raise ValidationError(
            MSG_DATE_OUTSIDE_WINDOW.format(first=first.isoformat(), last=last.isoformat()),
            code="date_outside_window",
        )


def validate_year(value) -> None:
    if value is not None and not FIRST_YEAR <= value <= LAST_YEAR:
        raise ValidationError(MSG_YEAR.format(first=FIRST_YEAR, last=LAST_YEAR), code="year")


def same_day_in_year(day: datetime.date, year: int) -> datetime.date:
    """The same calendar day in ``year``; 29 February becomes the 28th in a common year."""
    if day.month == 2 and day.day == 29:
        try:
            return day.replace(year=year)
        except ValueError:
            return datetime.date(year, 2, 28)
    return day.replace(year=year)


class OpenDateForm(forms.Form):
    """A single date that belongs to no cohort (the park dashboard's ``on``)."""

    on = forms.DateField(required=False, validators=[validate_open_window])
