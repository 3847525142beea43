"""Percent signs OCR read as digits, settled by the same indicator elsewhere in the report.

A scanned "100%" often comes out "10096" or "100 96". Within a table, a column printed much
with "%" repairs such a cell (see ``resolve_column``); a table that prints few "%" cannot
tell. Another section can: where the PK states the indicator's target as 100%, the
measurement table's "10096" is that 100% misread, not a target of ten thousand. The value is
repaired (marked so, its raw text kept) only when the "%" reading equals a percentage the
same indicator has, in the same field, in another section.
"""

from __future__ import annotations

from dataclasses import replace

from extractor.models import Indicator, Quantity, Report
from extractor.numbers import PERCENT
from extractor.parse.cells import as_misread_percent

from .align import AlignedRow, Alignment

FIELDS = ("target", "realisasi")  # capaian is read as a percentage wherever it stands


def settle_percent_misreads(report: Report, alignment: Alignment) -> tuple[Report, Alignment]:
    """The report and its alignment with each such misread repaired (the same objects when
    there is none)."""
    repaired: dict[int, Indicator] = {}
    for row in alignment.rows:
        for _, indicator in row.members:
            fixed = _settled(indicator, row)
            if fixed is not indicator:
                repaired[id(indicator)] = fixed
    if not repaired:
        return report, alignment

    def current(indicator: Indicator) -> Indicator:
        return repaired.get(id(indicator), indicator)

    rows = tuple(
        replace(row, members=tuple((sec, current(ind)) for sec, ind in row.members))
        for row in alignment.rows
    )
    indicators = [current(indicator) for indicator in report.indicators]
    return replace(report, indicators=indicators), Alignment(rows)


def _settled(indicator: Indicator, row: AlignedRow) -> Indicator:
    """``indicator`` with each field whose "%" reading is a percentage that field has in
    another section of its row read so."""
    changes = {}
    for name in FIELDS:
        quantity: Quantity | None = getattr(indicator, name)
        others = [getattr(other, name) for _, other in row.members if other is not indicator]
        percents = {q.value for q in others if q is not None and q.unit == PERCENT}
        fixed = as_misread_percent(quantity) if quantity is not None and percents else None
        if fixed is not None and fixed.value in percents:
            changes[name] = fixed
    return replace(indicator, **changes) if changes else indicator
