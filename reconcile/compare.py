"""Compare printed figures at their printed precision, and format them Indonesian style.

A rounded figure stands for an interval, as in XBRL Calculations 1.1: 97.20% (``decimals`` 2)
is [97.195, 97.205) and 53% is [52.5, 53.5). Two figures contradict only when their intervals do
not overlap. Rupiah and counts are exact, and so is a value computed from figures (15/28×100).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from extractor.models import Quantity
from reconcile.i18n import Lang, message, wording

PERCENT = "%"
RUPIAH = "rp"
POINTS = "pp"  # a difference of percentages, in percentage points
YEAR = "year"


def is_exact(q: Quantity) -> bool:
    """Whether ``q`` compares exactly: rupiah, and whole counts printed without decimals."""
    if q.unit == RUPIAH:
        return True
    return q.decimals == 0 and q.unit != PERCENT and float(_value(q)).is_integer()


def interval(q: Quantity) -> tuple[float, float]:
    """The half-open interval [low, high) of values that print as ``q`` (low == high if exact)."""
    low, high = _bounds(q)
    return float(low), float(high)


def half_width(q: Quantity) -> float:
    """Half the width of ``q``'s interval: 0 for exact figures, 0.005 for 97.20%."""
    low, high = _bounds(q)
    return float((high - low) / 2)


def agrees_with_value(q: Quantity, exact: float, tolerance: float = 0.0) -> bool:
    """Whether ``exact`` ± ``tolerance`` (of a sum of rounded figures) could print as ``q``."""
    low, high = _bounds(q)
    x, tol = _decimal(exact), _decimal(tolerance)
    if low == high:
        return abs(x - low) <= tol
    return low <= x + tol and x - tol < high


def agrees(a: Quantity, b: Quantity) -> bool:
    """Whether two printed figures can stand for one value (their intervals overlap).

    Both must be readable: an unreadable quantity raises ValueError, never a guess.
    """
    if is_exact(a):
        return agrees_with_value(b, _value(a))
    if is_exact(b):
        return agrees_with_value(a, _value(b))
    a_low, a_high = _bounds(a)
    b_low, b_high = _bounds(b)
    return a_low < b_high and b_low < a_high


def percent_of(part: int | float, whole: int | float) -> float:
    """``part / whole × 100`` computed in decimal, so a tie prints as written: 23/40 → 57.5.

    Float division gives 57.49999999999999, which falls outside the interval of a printed
    "58%" although the report rounded correctly.
    """
    return float(_decimal(part) * 100 / _decimal(whole))


def miss(q: Quantity, exact: float) -> float:
    """How far ``exact`` lies outside ``q``'s interval (0.0 inside or on its open end)."""
    low, high = _bounds(q)
    x = _decimal(exact)
    return float(max(low - x, x - high, Decimal(0)))


@dataclass(frozen=True)
class SumResult:
    """The sum of the readable quantities; ``unreadable`` lists the cells left out.

    ``tolerance`` is the sum of the half-widths of rounded parts (0 for rupiah and counts).
    """

    value: int | float
    unreadable: tuple[Quantity, ...] = ()
    tolerance: float = 0.0

    @property
    def complete(self) -> bool:
        return not self.unreadable


def sum_quantities(qs: Iterable[Quantity]) -> SumResult:
    """Add up quantities exactly (an int when every value is an int); unreadable ones are listed."""
    qs = list(qs)
    readable = [q for q in qs if q.readable]
    total = sum((_decimal(_value(q)) for q in readable), Decimal(0))
    whole = all(isinstance(q.value, int) for q in readable)
    return SumResult(
        value=int(total) if whole else float(total),
        unreadable=tuple(q for q in qs if not q.readable),
        tolerance=sum(half_width(q) for q in readable),
    )


def format_value(
    q_or_value: Quantity | int | float | None, unit: str | None = None, lang: Lang = "en"
) -> str:
    """A figure Indonesian style: ``Rp1.234.567.890``, ``97,20%``, ``1.046 orang``, ``2024``.

    A Quantity keeps its printed decimals; ``unit`` overrides its unit. A bare number (computed)
    shows up to four decimals. Unit ``pp`` formats a difference of percentages. ``lang`` words
    only percentage points and unreadable cells: the digits are Indonesian style in both.
    """
    decimals: int | None = None
    value = q_or_value
    if isinstance(q_or_value, Quantity):
        value, decimals = q_or_value.value, q_or_value.decimals
        unit = unit or q_or_value.unit
        if value is None:
            return wording(message("unreadable", raw=q_or_value.provenance.raw), lang)
    if value is None:
        return wording(message("unreadable_value"), lang)
    if unit == YEAR:
        return str(int(value))
    if unit == RUPIAH:
        sign = "-" if value < 0 else ""
        return f"{sign}Rp{_number(abs(value), 0)}"
    number = _number(value, decimals)
    if unit == PERCENT:
        return f"{number}%"
    if unit == POINTS:
        return wording(message("percentage_points", value=number), lang)
    return f"{number} {unit}" if unit else number


def _number(value: int | float, decimals: int | None) -> str:
    """Thousands with ``.``, decimals with ``,``; ``decimals`` None shows at most four, trimmed."""
    places = 4 if decimals is None else decimals
    text = f"{value:,.{places}f}"
    if decimals is None:
        text = text.rstrip("0").rstrip(".")
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def _bounds(q: Quantity) -> tuple[Decimal, Decimal]:
    value = _decimal(_value(q))
    if is_exact(q):
        return value, value
    half = Decimal(5).scaleb(-(q.decimals + 1))
    return value - half, value + half


def _value(q: Quantity) -> int | float:
    if q.value is None:
        raise ValueError(f"unreadable quantity {q.provenance.raw!r} cannot be compared")
    return q.value


def _decimal(x: int | float) -> Decimal:
    return Decimal(str(x))
