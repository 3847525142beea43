"""The Rule type, and how rules cite figures and word their findings."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import reduce
from typing import TYPE_CHECKING

from extractor.models import (
    Citation,
    Finding,
    Indicator,
    Message,
    Provenance,
    Quantity,
    Report,
    Severity,
    StatedFigure,
)
from reconcile.compare import PERCENT, agrees, format_value
from reconcile.i18n import message, wording

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


Fragment = str | Message  # a part of a message: language-neutral text, or a Message


def figure(q: Quantity | int | float, unit: str | None = None) -> Fragment:
    """A figure for a message: ``Rp1.234.567.890``; unreadable ones name their raw text."""
    if isinstance(q, Quantity) and not q.readable:
        return message("unreadable", raw=q.provenance.raw)
    return format_value(q, unit)


def at_page(place: Fragment, provenance: Provenance) -> Fragment:
    """``place, p. 3`` (``hal. 3`` in Indonesian), ``place, PK.pdf p. 3`` when the report
    joins several files, or ``place`` when the page is unknown."""
    page, file = provenance.page, provenance.file
    if page is None:
        return place
    if file is not None:
        return message("at_file_page", place=place, file=file, page=page)
    return message("at_page", place=place, page=page)


def where(q: Quantity) -> Fragment:
    """The section and page of a figure: ``ikhtisar, p. 3``."""
    return at_page(q.provenance.section, q.provenance)


def shown(q: Quantity) -> Fragment:
    """A figure with its page, for a message: ``Rp1.234.567.890, p. 3``."""
    return at_page(figure(q), q.provenance)


def stated_in(q: Quantity) -> Message:
    """Where and what a figure is: ``in ikhtisar (Rp1.234.567.890, p. 3)``."""
    return message("stated_in", section=q.provenance.section, shown=shown(q))


def cell(q: Quantity) -> Message:
    """Names a cell fully: section, page, line and raw text."""
    p = q.provenance
    place = where(q)
    if p.line is not None:
        place = message("at_line", place=place, line=p.line)
    return message("cell", place=place, raw=p.raw)


def joined(parts: Sequence[Fragment], key: str = "list") -> Fragment:
    """Parts joined by the template ``key``: ``list`` (a, b), ``cells`` (a; b), ``and``."""
    return reduce(lambda a, b: message(key, a=a, b=b), parts)


def caveats(quantities: Iterable[Quantity]) -> Fragment:
    """A clause saying which figures were repaired or read with low confidence ('' if none)."""
    notes: list[Fragment] = []
    for q in quantities:
        if q.repaired:
            notes.append(message("repaired_reading", cell=cell(q)))
        elif q.confidence is not None and q.confidence < LOW_CONFIDENCE:
            confidence = f"{q.confidence:.0f}"
            notes.append(message("low_confidence_reading", confidence=confidence, cell=cell(q)))
    return message("caveats", notes=joined(notes, "and")) if notes else ""


def worded(key: str, **params: Fragment | int) -> tuple[str, Message]:
    """The message ``key`` with ``params``: its English wording, and the Message itself."""
    text = message(key, **params)
    return wording(text, "en"), text


def finding(
    rule: str,
    severity: Severity,
    sentence: Message,
    values: Sequence[Citation],
    difference: int | float | None = None,
) -> Finding:
    """A finding whose message is ``sentence`` plus caveats on the cited figures, and a stop."""
    note = caveats(c.quantity for c in values if c.quantity.readable)
    english, text = worded("finding", sentence=sentence, note=note)
    return Finding(rule, severity, english, tuple(values), difference, text)


def unverifiable(
    rule: str, what: Fragment, values: Sequence[Citation], unreadable: Sequence[Quantity]
) -> Finding:
    """The finding for a check an unreadable cell stopped; the message names every such cell."""
    cells = joined([cell(q) for q in unreadable], "cells")
    return finding(rule, "unverifiable", message("unverifiable", what=what, cells=cells), values)


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


def format_difference(diff: int | float, unit: str | None) -> Fragment:
    """The size of a difference: rupiah and counts as such, percentages in percentage points."""
    if unit == PERCENT:
        return message("percentage_points", value=format_value(abs(diff)))
    return format_value(abs(diff), unit)


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
