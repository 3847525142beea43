"""Tables a table finder read whole: where each starts and ends, its columns' roles, and the
look-alikes (Renstra plans, year-on-year comparisons) told apart from PK and measurement tables."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..models import Line
from .cells import ROW_NUMBER_RE, first_text_before, is_value_cell, split_cells

HEADER_YEAR_RE = re.compile(r"\b(19|20)\d\d\b")
INDICATOR_CELL_RE = re.compile(r"\bindikator\b", re.IGNORECASE)
MULTI_YEAR = 3  # years named in one header: a Renstra plan or a year-on-year table
HEADER_CELL_WORDS = 3
STRAY_LINE_WORDS = 8  # a wrapped cell's rest, not a paragraph
HEADER_GAP = 3  # lines between a header and its first row (a row spanning the table)
# End-of-plan targets, national or regional standards: comparison tables, not measurements.
RENSTRA_RE = re.compile(r"\b(renstra|akhir|rpjmd|nasional|kontribusi|peringkat)\b", re.IGNORECASE)
ROLE_RES = (
    ("target", re.compile(r"\btarget\b", re.IGNORECASE)),
    ("realisasi", re.compile(r"\brealisasi\b(?!\s*anggaran)", re.IGNORECASE)),
    ("capaian", re.compile(r"\bcapaian\b|^\(?%\)?$", re.IGNORECASE)),
    ("satuan", re.compile(r"\bsatuan\b", re.IGNORECASE)),
)
UNIT = "satuan"  # a column of units ("Ha", "%", "ton") for the row's target and realisation


@dataclass(frozen=True)
class CellTable:
    """A table whose rows were read whole, from its header line to its last row."""

    start: int  # the header line
    end: int  # one past the last row
    roles: tuple[str | None, ...] | None  # the columns after the indicator; None: a look-alike


def cell_tables(lines: list[Line]) -> list[CellTable]:
    """Tables whose rows were read whole, each from its header to the last row."""
    tables: list[CellTable] = []
    index = 0
    while index < len(lines):
        header = _cell_header(lines, index)
        if header is None:
            index += 1
            continue
        roles, first = header
        end = _cell_table_end(lines, first)
        if _whole_rows(lines[first:end]):
            tables.append(CellTable(index, end, roles and _measured(roles, lines[first:end])))
        index = max(end, index + 1)
    return tables


def _measured(roles: tuple[str | None, ...], lines: list[Line]) -> tuple[str | None, ...]:
    """Three value cells in most rows make a measurement table, its header misread or not."""
    if "realisasi" in roles or "capaian" in roles:
        return roles
    rows = [[cell for _, cell in split_cells(line)] for line in lines]
    at = roles.index("target")
    width = 3 if at == len(roles) - 1 else min(len(roles) - at, 3)  # untitled columns after
    filled = [first_text_before(cells, 3) is not None for cells in rows if cells]
    if width < 3 or 2 * sum(filled) <= len(filled):
        return roles
    return (*roles[:at], "target", "realisasi", "capaian", *roles[at + 3 :])


def _whole_rows(lines: list[Line]) -> bool:
    """Each row on one line, its value cells after its text; rows of numbers only (column
    numbers under the header, a total) and rows whose value OCR could not read aside."""
    rows = [[cell for _, cell in split_cells(line)] for line in lines]
    named = [cells for cells in rows if not all(map(is_value_cell, cells))]  # not "1 | 2 | 3"
    for cells in named:
        values = [k for k, cell in enumerate(cells) if is_value_cell(cell)]
        text_at = [k for k, cell in enumerate(cells) if not is_value_cell(cell)]
        numbered = values == [0] and ROW_NUMBER_RE.fullmatch(cells[0])  # "3 | Terwujudnya …"
        if values and max(values) < text_at[0] and not numbered:
            return False  # values before the text: an OCR line with rules in it
    return bool(named)


def column_roles(cells: list[str]) -> list[str | None] | None:
    """target/realisasi/capaian for header cells, each role once; None for a look-alike table.

    A header naming a Renstra or end-of-period target, or with neither a target column nor
    realisation and capaian columns, is a comparison table, not a PK or measurement table.
    """
    years = {m.group() for cell in cells for m in HEADER_YEAR_RE.finditer(cell)}
    if len(years) >= MULTI_YEAR:
        return None  # targets or realisations of several years: a plan or a comparison
    roles: list[str | None] = []
    for cell in cells:
        if RENSTRA_RE.search(cell):
            return None
        role = next((name for name, regex in ROLE_RES if regex.search(cell)), None)
        roles.append(None if role in roles else role)
    measured = "realisasi" in roles and "capaian" in roles  # the targets stand in the PK
    return roles if "target" in roles or measured else None


def _cell_header(lines: list[Line], index: int) -> tuple[tuple[str | None, ...] | None, int] | None:
    """The roles of the columns after the indicator column, and the first line after the header.

    A second header line ("Target | Realisasi | Capaian" under "Kinerja") replaces the first's
    titles; one of years only ("2022 | 2021 | 2020") makes a year-on-year look-alike.
    """
    cells = [cell for _, cell in split_cells(lines[index])]
    named = [k for k, cell in enumerate(cells) if INDICATOR_CELL_RE.search(cell)]
    if not named or any(is_value_cell(cell) for cell in cells):
        return None
    titles = cells[named[0] + 1 :]
    below = [cell for _, cell in split_cells(lines[index + 1])] if index + 1 < len(lines) else []
    if below and all(HEADER_YEAR_RE.fullmatch(c) for c in below):
        return None, index + 2
    if _header_row(below):
        titles = below if len(below) > len(titles) else titles
        index += 1
    if not titles:  # OCR lost the titles of the value columns: a target, or three values
        return ("target",), index + 1
    roles = column_roles(titles)
    return (tuple(roles) if roles else None), index + 1


def _header_row(cells: list[str]) -> bool:
    """Column titles: short cells, none a value ("No. | Program | Anggaran", "Target | Realisasi
    | Capaian"); a row whose value OCR garbled keeps its long sasaran and indikator cells."""
    short = all(len(cell.split()) <= HEADER_CELL_WORDS for cell in cells)
    return bool(cells) and short and not any(map(is_value_cell, cells))


def _cell_table_end(lines: list[Line], first: int) -> int:
    rows = 0
    for index in range(first, len(lines)):
        text = lines[index].text.strip()
        if not split_cells(lines[index]):
            stray = not text or is_value_cell(text) or _row_follows(lines, index)
            if not stray and (rows or index - first >= HEADER_GAP):
                return index
            continue  # a cell part the table finder left out of its row: the table goes on
        cells = [cell for _, cell in split_cells(lines[index])]
        if _cell_header(lines, index) is not None or _header_row(cells):
            return index  # the next table's header ("No. | Program | Anggaran")
        rows += 1
    return len(lines)


def _row_follows(lines: list[Line], index: int) -> bool:
    """Whether a short line between rows is a wrapped cell: a row of values comes next."""
    if index + 1 >= len(lines) or len(lines[index].text.split()) > STRAY_LINE_WORDS:
        return False
    cells = [cell for _, cell in split_cells(lines[index + 1])]
    return any(map(is_value_cell, cells)) and _cell_header(lines, index + 1) is None
