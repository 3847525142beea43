"""Budget realisation tables: kegiatan lines (code, name, alokasi, realisasi) per program.

OCR reads these tables in two ways: row by row ("6709 Perencanaan … 10,000 9,500"), or column
block by column block (the number pairs first, the code and name lines after). Both are rebuilt
here; the number row after the last kegiatan is the table's total row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import takewhile

from ..models import BudgetLine, Line, Quantity, StatedFigure
from ..numbers import NumberToken, find_numbers, parse_number
from .cells import CELL_GAP_RE, is_year, provenance, text_quantity, token_quantity
from .programs import PROGRAM_CODE_RE

CODE_LINE_RE = re.compile(r"^\W{0,3}(?:[a-zA-Z]\s+)?(\d{4})\s*[|:.-]?\s+(\S.*)$")
TOTAL_LABEL_RE = re.compile(r"\b(jumlah|total)\b", re.IGNORECASE)
# A cell OCR could not read at the end of a row: "i", "a", "]" ("1]" reads as a number).
UNREADABLE_CELL_RE = re.compile(r"^[\s|]*[^\s\d|]{1,2}[\s|]*$")
NAME_START_RE = re.compile(r"^[^A-Za-z]*[A-Z]")  # a kegiatan name starts with a capital
MIN_AMOUNT = 1_000  # "1.000" and up: smaller plain numbers are no budget amounts


@dataclass
class _Table:
    """The rows of one program's table, in reading order."""

    program: str | None
    named: tuple[str, ...] = ()  # every program code the line opening the table names
    items: list[tuple[Line, str, str, list[NumberToken]]] = field(default_factory=list)
    names: list[tuple[Line, str, str]] = field(default_factory=list)
    number_rows: list[tuple[Line, list[NumberToken]]] = field(default_factory=list)
    labelled_totals: list[tuple[Line, list[NumberToken]]] = field(default_factory=list)

    def has_rows(self) -> bool:
        return bool(self.items or self.names)


def is_amount(token: NumberToken) -> bool:
    """Whether a number read as rupiah is an amount as printed: with "Rp", or plain and nil
    (nothing spent) or 1.000 and up and no year. Read as rupiah, every number has the unit
    "rp": the unit printed is read again from the raw text."""
    printed = NumberToken(token.start, token.end, parse_number(token.parsed.raw))
    if printed.parsed.unit is not None:
        return printed.parsed.unit == "rp"
    value = printed.parsed.value
    return value == 0 or (value is not None and value >= MIN_AMOUNT and not is_year(printed))


def amount_row(text: str) -> list[NumberToken] | None:
    """The amounts of a line made of amounts only (noise between them allowed).

    A single amount may be followed by an unreadable cell ("221.000 i"): the realisation.
    """
    tokens = [t for t in find_numbers(text, "rp") if t.parsed.value is not None]
    if not tokens or len(tokens) > 2 or not all(is_amount(t) for t in tokens):
        return None
    gaps = [text[: tokens[0].start]] + [
        text[a.end : b.start] for a, b in zip(tokens, tokens[1:], strict=False)
    ]
    last = text[tokens[-1].end :]
    unreadable = len(tokens) == 1 and UNREADABLE_CELL_RE.match(last) is not None
    gaps += [] if unreadable else [last]
    return tokens if all(CELL_GAP_RE.match(g) for g in gaps) else None


def is_table_row(text: str) -> bool:
    """A row of a budget table: amounts only, a kegiatan code with amounts, or ruled cells."""
    if text.count("|") >= 2 or amount_row(text) is not None:
        return True
    match = CODE_LINE_RE.match(text)
    return match is not None and any(is_amount(t) for t in find_numbers(match.group(2), "rp"))


def parse_budget_tables(
    lines: list[Line], section: str
) -> tuple[list[BudgetLine], list[StatedFigure]]:
    """Kegiatan lines and table totals of the realisation tables in one section span."""
    budget: list[BudgetLine] = []
    figures: list[StatedFigure] = []
    for table in _tables(lines):
        rows, totals = _rebuild(table, section)
        budget.extend(rows)
        figures.extend(totals)
    return budget, figures


def _tables(lines: list[Line]) -> list[_Table]:
    """Each program's prose ("… Program X (XY) sebesar …") opens its table; rows before any
    program (a summary pagu/realisasi table) belong to no kegiatan table."""
    tables: list[_Table] = [_Table(None)]
    for line in lines:
        codes = PROGRAM_CODE_RE.findall(line.text)
        if codes:
            tables.append(_Table(codes[0], tuple(codes)))
        _classify(line, tables[-1])
    return [t for t in _with_late_code(tables) if t.has_rows()]


def _with_late_code(tables: list[_Table]) -> list[_Table]:
    """Kegiatan rows before any program code: their program sentence, scrambled by OCR, names
    its code below the table. The code lines after the rows, up to the next table's rows, name
    their program when they name one code only; with none, the one code of the span no table
    holds. Never a guess between two codes."""
    first, rest = tables[0], tables[1:]
    if first.program is not None or not first.has_rows():
        return tables
    below = list(takewhile(lambda table: not table.has_rows(), rest))
    held = {table.program for table in rest if table.has_rows()}
    unheld = {code for table in rest for code in table.named} - held
    candidates = {code for table in below for code in table.named} or unheld
    if len(candidates) != 1:
        return tables
    first.program = candidates.pop()
    for table in below:  # the rest of the table: a total row after the code line
        first.labelled_totals += table.labelled_totals
        first.number_rows += [row for row in table.number_rows if len(row[1]) == 2]
    return [first, *rest[len(below) :]]


def _classify(line: Line, table: _Table) -> None:
    text = line.text
    row = amount_row(text)
    if row is not None:
        table.number_rows.append((line, row))
        return
    match = CODE_LINE_RE.match(text)
    if match is None:
        if TOTAL_LABEL_RE.search(text):
            amounts = [t for t in find_numbers(text, "rp") if is_amount(t)]
            if amounts and len(text.split()) <= 6:
                table.labelled_totals.append((line, amounts))
        return
    code, rest = match.groups()
    offset = match.start(2)
    amounts = [t for t in find_numbers(rest, "rp") if is_amount(t) and t.parsed.value is not None]
    if amounts and re.search(r"[A-Za-z]{3}", rest[: amounts[0].start]):
        table.items.append((line, code, rest, amounts))  # not "2023 | Rp. 248.935.203.000 | …"
    elif re.search(r"[A-Za-z]{3}", rest) and NAME_START_RE.match(rest):
        table.names.append((line, code, text[offset:]))


def _rebuild(table: _Table, section: str) -> tuple[list[BudgetLine], list[StatedFigure]]:
    lines: list[BudgetLine] = []
    total_rows = list(table.labelled_totals)
    for line, code, rest, amounts in table.items:
        lines.append(_item(line, code, rest, amounts, table.program, section))
    if table.names:
        pairs = list(zip(table.names, table.number_rows, strict=False))
        for (line, code, name), (number_line, amounts) in pairs:
            alloc, real = _pair(amounts, number_line, section)
            lines.append(
                BudgetLine(
                    section,
                    table.program,
                    code,
                    _name(name),
                    alloc,
                    real,
                    provenance(line, section),
                )
            )
        total_rows += table.number_rows[len(pairs) :][-1:]
    else:
        last_item = max((item[0].number or 0 for item in table.items), default=0)
        after = [row for row in table.number_rows if (row[0].number or 0) > last_item]
        total_rows += after[:1]
    return lines, _totals(total_rows, table.program, section)


def _item(
    line: Line, code: str, rest: str, amounts: list[NumberToken], program: str | None, section: str
) -> BudgetLine:
    start = line.text.find(rest)
    shifted = [NumberToken(t.start + start, t.end + start, t.parsed) for t in amounts]
    allocation = token_quantity(shifted[0], line, section)
    realisation = _cell_after(line, shifted[0], section)
    name = rest[: amounts[0].start]
    return BudgetLine(
        section, program, code, _name(name), allocation, realisation, provenance(line, section)
    )


def _pair(
    amounts: list[NumberToken], line: Line, section: str
) -> tuple[Quantity | None, Quantity | None]:
    """Allocation and realisation of an amount row; a realisation cell left as read."""
    quantities = [token_quantity(t, line, section) for t in amounts]
    if len(quantities) > 1:
        return quantities[0], quantities[1]
    return quantities[0], _cell_after(line, amounts[0], section)


def _cell_after(line: Line, token: NumberToken, section: str) -> Quantity | None:
    """The cell after ``token`` as printed: "1]" reads as 1 (repaired), "]" or "a" unreadable.

    A lone "|" is a cell read as its border only: unreadable too, never taken as no cell.
    """
    after = line.text[token.end :].strip()
    cell = after if after and not after.strip(" |") else after.strip(" |")
    return text_quantity(cell, line, section, "rp") if cell else None


def _totals(
    rows: list[tuple[Line, list[NumberToken]]], program: str | None, section: str
) -> list[StatedFigure]:
    figures: list[StatedFigure] = []
    for line, amounts in rows:
        alloc, real = _pair(amounts, line, section)
        for key, quantity in (("table-total-allocation", alloc), ("table-total-realisation", real)):
            if quantity is not None:
                label = f"total row of the {program or 'budget'} table"
                figures.append(StatedFigure(key, label, quantity, scope=program, group=program))
    return figures


def _name(text: str) -> str:
    text = re.sub(r"[|\[\]]+", " ", text)
    return re.sub(r"\s+", " ", text).strip(" .,:;-")
