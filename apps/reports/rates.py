"""The one rounding rule of every report figure: a percentage, half-up to two decimals, as the seed prints."""

from decimal import ROUND_HALF_UP, Decimal

TWO_PLACES = Decimal("0.01")


def percent_decimal(part: int, whole: int) -> Decimal | None:
    """``part`` of ``whole`` in percent, half-up to 2 decimals (4080 of 5098 -> 80.03); None without a whole."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def percent(part: int, whole: int) -> float:
    """The same rate as a float for the report's JSON; 0.0 when there is no whole."""
    rate = percent_decimal(part, whole)
    return 0.0 if rate is None else float(rate)


def points(current: float, previous: float) -> float:
    """The change between two rates in percentage points, rounded the same way."""
    return float(
        (Decimal(str(current)) - Decimal(str(previous))).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)
    )
