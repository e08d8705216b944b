from django import template

from apps.reports.rates import percent

register = template.Library()


@register.filter
def share(part: int, whole: int) -> str:
    """``part`` of ``whole`` in percent by the report's one rounding rule, two decimals shown."""
    return f"{percent(part or 0, whole or 0):.2f}"


@register.filter
def signed(change: float | None) -> str:
    """A change in percentage points with its sign: +0.91, -2.04; a dash without one."""
    if change is None:
        return "—"
    return f"{change:+.2f}"
