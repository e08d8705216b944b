"""The one rounding rule of every report figure: a percentage, half-up to two decimals, as the seed prints."""

from decimal import ROUND_HALF_UP, Decimal

TWO_PLACES = Decimal("0.01")


def percent(part: int, whole: int) -> float:
    """``part`` of ``whole`` in percent, half-up to 2 decimals; 0.0 when there is no whole."""
    if not whole:
        return 0.0
    return float((Decimal(part) * 100 / Decimal(whole)).quantize(TWO_PLACES, rounding=ROUND_HALF_UP))


def points(current: float, previous: float) -> float:
    """The change between two rates in percentage points, rounded the same way."""
    return float(
        (Decimal(str(current)) - Decimal(str(previous))).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)
    )
