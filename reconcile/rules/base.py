"""The Rule type, and how rules cite figures and word their findings."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from extractor.models import (
    Citation,
    Finding,
    Indicator,
    Provenance,
    Quantity,
    Report,
    Severity,
    StatedFigure,
)
from reconcile.compare import PERCENT, POINTS, agrees, format_value

if TYPE_CHECKING:
    from reconcile.align import Alignment

LOW_CONFIDENCE = 80.0
PLAN_SECTIONS = ("rkt", "pk", "lampiran-pk", "rencana-kinerja")
PK_SECTIONS = ("pk", "lampiran-pk")
MEASURED_SECTIONS = ("pengukuran", "ikhtisar")

Check = Callable[[Report, "Alignment"], list[Finding]]


@dataclass(frozen=True)
class Rule:
    """A named check of a report: ``id`` is the ``rule`` of every finding it makes."""

    id: str
    check: Check

    def __call__(self, report: Report, alignment: Alignment) -> list[Finding]:
        return self.check(report, alignment)


def where(q: Quantity) -> str:
    """The section and page of a figure: ``ikhtisar, p. 3``."""
    p = q.provenance
    return p.section if p.page is None else f"{p.section}, p. {p.page}"


def shown(q: Quantity) -> str:
    """A figure with its page, for a message: ``Rp1.234.567.890, p. 3``."""
    page = q.provenance.page
    return format_value(q) if page is None else f"{format_value(q)}, p. {page}"


def stated_in(q: Quantity) -> str:
    """Where and what a figure is: ``in ikhtisar (Rp1.234.567.890, p. 3)``."""
    return f"in {q.provenance.section} ({shown(q)})"


def cell(q: Quantity) -> str:
    """Names a cell fully: section, page, line and raw text."""
    p = q.provenance
    parts = [p.section]
    if p.page is not None:
        parts.append(f"p. {p.page}")
    if p.line is not None:
        parts.append(f"line {p.line}")
    return f"{', '.join(parts)} ({p.raw!r})"


def caveats(quantities: Iterable[Quantity]) -> str:
    """A clause saying which figures were repaired or read with low confidence ('' if none)."""
    notes = []
    for q in quantities:
        if q.repaired:
            notes.append(f"a repaired reading {cell(q)}")
        elif q.confidence is not None and q.confidence < LOW_CONFIDENCE:
            notes.append(f"a low-confidence ({q.confidence:.0f}) reading {cell(q)}")
    return f" (this rests on {' and '.join(notes)})" if notes else ""


def finding(
    rule: str,
    severity: Severity,
    sentence: str,
    values: Sequence[Citation],
    difference: int | float | None = None,
) -> Finding:
    """A finding whose message is ``sentence`` plus caveats on the cited figures, and a stop."""
    note = caveats(c.quantity for c in values if c.quantity.readable)
    return Finding(rule, severity, f"{sentence}{note}.", tuple(values), difference)


def unverifiable(
    rule: str, what: str, values: Sequence[Citation], unreadable: Sequence[Quantity]
) -> Finding:
    """The finding for a check an unreadable cell stopped; the message names every such cell."""
    cells = "; ".join(cell(q) for q in unreadable)
    return finding(rule, "unverifiable", f"Cannot check {what}: unreadable {cells}", values)


def cite(figure: StatedFigure) -> Citation:
    return Citation(figure.label, figure.quantity)


def cite_claim(text: str, provenance: Provenance) -> Citation:
    """A prose claim cited as a valueless figure (its raw text kept)."""
    return Citation(f"claim: {text}", Quantity(None, None, provenance))


def cite_indicator(indicator: Indicator, field: str = "target") -> Citation:
    """An indicator's cell (``target``, ``realisasi`` or ``capaian``), labelled with its name."""
    q = getattr(indicator, field)
    if q is None:
        prov = indicator.provenance or Provenance(indicator.section, None, None, indicator.name)
        q = Quantity(None, None, prov)
    return Citation(f"{field} of {indicator.indikator!r} ({indicator.section})", q)


def distinct(citations: Iterable[Citation]) -> list[Citation]:
    """The first citation of each value: later ones agreeing (value and unit) are dropped."""
    kept: list[Citation] = []
    for c in citations:
        if not any(_same(c.quantity, k.quantity) for k in kept):
            kept.append(c)
    return kept


def _same(a: Quantity, b: Quantity) -> bool:
    return a.unit == b.unit and agrees(a, b)


def difference(a: Quantity, b: Quantity) -> int | float:
    """``a − b``: an int for rupiah and counts, a float (percentage points) otherwise."""
    diff = a.value - b.value  # type: ignore[operator]
    return diff if isinstance(diff, int) else round(float(diff), 6)


def capitalised(text: str) -> str:
    """``text`` with its first letter upper-cased (the rest kept, unlike str.capitalize)."""
    return text[:1].upper() + text[1:]


def format_difference(diff: int | float, unit: str | None) -> str:
    """The size of a difference: rupiah and counts as such, percentages in percentage points."""
    return format_value(abs(diff), POINTS if unit == PERCENT else unit)


def same_name(a: str | None, b: str | None) -> bool:
    """Whether two program codes, scopes or names are the same text (None matches only None)."""
    if a is None or b is None:
        return a is b
    return a.casefold().split() == b.casefold().split()


def measured(report: Report) -> list[Indicator]:
    """The measured indicators: the pengukuran table, else the ikhtisar's."""
    for section in MEASURED_SECTIONS:
        indicators = report.indicators_in(section)
        if indicators:
            return indicators
    return []
