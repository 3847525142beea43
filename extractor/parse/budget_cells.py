"""Budget tables read cell by cell (a text layer's table finder, a ruled scan) that print no
kegiatan codes: program rows, the kegiatan under each, and the JUMLAH row."""

from __future__ import annotations

import re

from ..models import BudgetLine, Line, Quantity, StatedFigure
from ..numbers import parse_number
from .cells import cell_quantity, provenance, split_cells

# A rupiah cell: thousands in groups ("12.281.319.513", "Rp. 700.000,00") or five digits and
# more; "100,00" (a percentage) and "2022" are not amounts.
AMOUNT_CELL_RE = re.compile(
    r"^(?:rp\.?\s*)?(?:\d{1,3}(?:[.,]\d{3})+(?:,\d{2})?|\d{5,})\s*,?-?$", re.IGNORECASE
)
PROGRAM_CELL_RE = re.compile(r"^\W*program\b\s*", re.IGNORECASE)
TOTAL_CELL_RE = re.compile(r"^\W*(jumlah|total)\b", re.IGNORECASE)
# "TOTAL KEGIATAN": the sum of the kegiatan (belanja langsung), not the whole budget a report
# states in prose (which adds belanja tidak langsung, the salaries).
SUBTOTAL_RE = re.compile(r"\bkegiatan\b|\bbelanja\s+langsung\b", re.IGNORECASE)
KEGIATAN_SUBTOTAL = "kegiatan"
ENUMERATOR_CELL_RE = re.compile(r"^\W*([A-H]|\d{1,2})\W*$")  # "1.", "B.": a row number


def parse_budget_cells(
    lines: list[Line], section: str
) -> tuple[list[BudgetLine], list[StatedFigure]]:
    """Kegiatan lines under their program, and the program and JUMLAH rows as table totals.

    A row counts when it has an allocation and a realisation cell; the program it names (a
    cell starting "Program") holds the kegiatan rows below it, up to the next program.
    """
    budget: list[BudgetLine] = []
    figures: list[StatedFigure] = []
    program: str | None = None
    closed = False  # after the total row: a summary by spending class, not kegiatan
    for line in lines:
        row = _amount_row(line, section)
        if row is None:
            continue
        name, allocation, realisation = row
        if TOTAL_CELL_RE.match(name):
            if not closed:
                group = KEGIATAN_SUBTOTAL if SUBTOTAL_RE.search(name) else None
                figures += _totals(None, allocation, realisation, group)
            program, closed = None, True
        elif PROGRAM_CELL_RE.match(name):
            program, closed = PROGRAM_CELL_RE.sub("", name).strip(), False
            figures += _totals(program, allocation, realisation, program)
        elif not closed:
            budget.append(
                BudgetLine(
                    section, program, None, name, allocation, realisation, provenance(line, section)
                )
            )
    return budget, figures


def _amount_row(line: Line, section: str) -> tuple[str, Quantity, Quantity] | None:
    """The row's name cell and its first two amount cells (allocation, realisation)."""
    cells = split_cells(line)
    at = [k for k, (_, cell) in enumerate(cells) if AMOUNT_CELL_RE.match(cell)]
    if len(at) < 2:
        return None
    names = [cell for _, cell in cells[: at[0]] if not ENUMERATOR_CELL_RE.match(cell)]
    if not names:
        return None
    name = next((cell for cell in names if PROGRAM_CELL_RE.match(cell)), names[-1])
    allocation, realisation = (_quantity(line, section, *cells[k]) for k in at[:2])
    return re.sub(r"\s+", " ", name), allocation, realisation


def _quantity(line: Line, section: str, start: int, cell: str) -> Quantity:
    return cell_quantity(line, section, start, cell, parse_number(cell, "rp"))


def _totals(
    program: str | None, allocation: Quantity, realisation: Quantity, group: str | None
) -> list[StatedFigure]:
    label = f"total row of the {program or 'budget'} table"
    return [
        StatedFigure("table-total-allocation", label, allocation, scope=program, group=group),
        StatedFigure("table-total-realisation", label, realisation, scope=program, group=group),
    ]
