"""Indicator rows of the tables a table finder read whole: each row's cells read as row number,
sasaran, indicator and values, its numbers read in the one convention of its table."""

from __future__ import annotations

import re
from dataclasses import replace

from ..models import Indicator, Line, Quantity
from ..numbers import PERCENT, parse_number, resolve_column
from .cell_tables import UNIT, CellTable
from .cells import (
    NO_VALUE_RE,
    ROW_NUMBER_RE,
    as_misread_percent,
    cell_quantity,
    first_text_before,
    is_cell_row,
    is_value_cell,
    joined_digits,
    provenance,
    split_cells,
    value_span,
)
from .indicator_names import INDICATOR_START_RE, SASARAN_START_RE, clean_name, polarity

MEASURED = ("pengukuran", "ikhtisar")
# A capaian above this is a misread (digits of a "%" glued on), left unreadable: never guessed.
# Real ones reach a few hundred percent (345% on the Jawa Barat LKIP).
CAPAIAN_MAX_READ = 1000
NAME_UNIT_RE = re.compile(r"\(([^()\d]{1,12})\)\s*$")
MEASURED_ROLES = {"realisasi", "capaian"}
# "JUMLAH", "Total", "Rata-rata capaian ...": not "Jumlah kasus ..." (an indicator).
SUMMARY_ROW_RE = re.compile(
    r"^(jumlah|total)(\s+(total|keseluruhan|anggaran))?\W*$|^rata-rata\s+capaian\b", re.IGNORECASE
)
GARBLED_CELL_CHARS = 8
# A value cell whose digit OCR misread stays short: "I laporan", "kasus", "90% 0".
GARBLED_VALUE_WORDS, GARBLED_VALUE_CHARS = 2, 12
# A speck of a rule or of dirt OCR read after a value: "2% -", "95% O,", "3 Laporan P".
TRAILING_SPECK_RE = re.compile(r"\s+\S{1,2}$")


def table_indicators(lines: list[Line], table: CellTable, section: str) -> list[Indicator]:
    """The rows of a table read cell by cell; its numbers read in the table's one convention."""
    if table.roles is None or (section in MEASURED and not MEASURED_ROLES & set(table.roles)):
        return []  # a look-alike; in a measurement chapter, a table of targets only (IKU)
    rows = [_cell_row(lines[i], table.roles) for i in range(table.start + 1, table.end)]
    cells = [(row, role, span) for row in rows if row for role, span in row[2].items()]
    cells = [cell for cell in cells if cell[1] != UNIT]
    plain = resolve_column([joined_digits(s[1]) for _, r, s in cells if r != "capaian"])
    percent = resolve_column([joined_digits(s[1]) for _, r, s in cells if r == "capaian"], "%")
    indicators: list[Indicator] = []
    group: tuple[str | None, str] = (None, "")  # the row number and sasaran rows share
    for index, row in zip(range(table.start + 1, table.end), rows, strict=True):
        row = row or _name_only(lines[index])
        if row is None:
            group = _sasaran_only(lines[index], group) or group
            continue
        (no, sasaran), indikator, spans = row
        group = (no or group[0], clean_name(sasaran) or group[1])
        named = NAME_UNIT_RE.search(indikator)  # "Persentase margin … (%)"
        unit = spans.pop(UNIT, (0, ""))[1] or (named.group(1) if named else "")
        found = {
            role: _with_column_unit(
                cell_quantity(
                    lines[index], section, *span, (percent if role == "capaian" else plain).pop(0)
                ),
                unit,
            )
            for role, span in spans.items()
        }
        indicators.append(
            _cell_indicator(lines[index], section, group, clean_name(indikator), found)
        )
    return indicators


def _texts(line: Line) -> tuple[list[str], list[str]]:
    """The row numbers and the other cells of a row read whole (a row of one cell has no cell
    borders: a line inside a table is one cell)."""
    cells = [cell for _, cell in split_cells(line)] or [line.text]
    texts = [text for text in (cell.strip(" |") for cell in cells) if text]
    numbers = [text.strip(" .") for text in texts if ROW_NUMBER_RE.fullmatch(text)]
    return numbers, [text for text in texts if not ROW_NUMBER_RE.fullmatch(text)]


def _sasaran_only(line: Line, group: tuple[str | None, str]) -> tuple[str | None, str] | None:
    """A row that opens a sasaran for the rows below without being an indicator row itself: a
    sasaran cell spanning them read apart, or a heading ("… margin usahatani : | 161,07")
    with their mean. Its number and sasaran, the number kept from ``group`` when OCR lost it."""
    numbers, words = _texts(line)
    if not is_cell_row(line) or not words or len(numbers) > 1:
        return None
    sasaran = SASARAN_START_RE.match(words[0]) is not None
    return ((numbers[0] if numbers else group[0]), clean_name(words[0])) if sasaran else None


def _name_only(line: Line) -> tuple[tuple[str | None, str], str, dict[str, tuple[int, str]]] | None:
    """A row whose value cells OCR lost, ending in its indicator: the row, without values."""
    numbers, words = _texts(line)
    if not 0 < len(words) <= 2 or len(numbers) > 1 or any(map(is_value_cell, words)):
        return None
    if not INDICATOR_START_RE.match(words[-1]) or SUMMARY_ROW_RE.match(words[-1]):
        return None
    return ((numbers[0] if numbers else None), " ".join(words[:-1])), words[-1], {}


def _cell_indicator(
    line: Line,
    section: str,
    group: tuple[str | None, str],
    indikator: str,
    found: dict[str, Quantity],
) -> Indicator:
    """One row read cell by cell, its values checked against each other."""
    found = _percent_like_its_pair(found)
    if found.get("capaian") and (found["capaian"].value or 0) > CAPAIAN_MAX_READ:
        found["capaian"] = replace(found["capaian"], value=None)  # "142,86%" read "1428646"
    return Indicator(
        section=section,
        no=group[0],
        sasaran=group[1],
        indikator=indikator,
        target=found.get("target"),
        realisasi=found.get("realisasi"),
        capaian=found.get("capaian"),
        polarity=polarity(indikator),
        provenance=provenance(line, section),
    )


def _percent_like_its_pair(found: dict[str, Quantity]) -> dict[str, Quantity]:
    """A target or realisation without unit whose "%" OCR read as a digit ("79,354") beside a
    percentage ("85%") in the same row: one indicator is measured in one unit."""
    pair = [found.get("target"), found.get("realisasi")]
    if None in pair or {q.unit for q in pair} != {None, PERCENT}:  # type: ignore[union-attr]
        return found
    role, q = next((r, q) for r, q in found.items() if r != "capaian" and q.unit is None)
    repaired = as_misread_percent(q)
    return found if repaired is None else {**found, role: repaired}


def _with_column_unit(quantity: Quantity, unit: str) -> Quantity:
    """A target or realisation given the unit its row states in a unit column ("Ha", "%")."""
    if quantity.unit is not None or quantity.value is None or not unit:
        return quantity
    return replace(quantity, unit=parse_number(f"1 {unit.strip('() ')}").unit)


def _cell_row(
    line: Line, roles: tuple[str | None, ...]
) -> tuple[tuple[str | None, str], str, dict[str, tuple[int, str]]] | None:
    """(row number, sasaran), indikator and where each value stands, for a row read whole."""
    cells = [_without_specks(*_without_bars(start, cell)) for start, cell in split_cells(line)]
    cells = [(start, cell) for start, cell in cells if cell]
    texts = [cell for _, cell in cells]
    width = max(k + 1 for k, role in enumerate(roles) if role)
    name_at = _name_cell(texts, width, roles.index(UNIT) if UNIT in roles else None)
    if name_at is None or len(texts) - name_at <= width:
        name_at = _name_by_position(texts, roles)  # a value OCR garbled
    if name_at is None or SUMMARY_ROW_RE.match(texts[name_at]) or len(texts) - name_at <= width:
        return None  # a summary row, or a row spanning columns (a sasaran's mean capaian)
    spans: dict[str, tuple[int, str]] = {}
    for role, (start, cell) in zip(roles, cells[name_at + 1 :], strict=False):
        span = (0, cell) if role == UNIT else _value_or_garbled(cell) if role else None
        if role and span:
            spans[role] = (start + span[0], span[1])
    before = texts[:name_at]
    numbers = [cell.strip(" .") for cell in before if ROW_NUMBER_RE.fullmatch(cell)]
    sasaran = " ".join(cell for cell in before if not ROW_NUMBER_RE.fullmatch(cell))
    return (numbers[-1] if numbers else None, sasaran), texts[name_at], spans


def _without_bars(start: int, cell: str) -> tuple[int, str]:
    """A cell without the stray "|" of a rule OCR read at its edge."""
    kept = cell.strip(" |")
    return start + cell.index(kept), kept


def _without_specks(start: int, cell: str) -> tuple[int, str]:
    """A value cell without the speck OCR read after it ("2% -" is "2%")."""
    kept = TRAILING_SPECK_RE.sub("", cell)
    speck = kept != cell and len(kept) > 1 and not is_value_cell(cell)
    return (start, kept) if speck and is_value_cell(kept) else (start, cell)


def _garbled(cells: list[str]) -> bool:
    """Value cells OCR garbled ("lapo"): short, not "N/A", not the long text of a sasaran."""
    return all(
        len(cell) <= GARBLED_CELL_CHARS and " " not in cell.strip() and not NO_VALUE_RE.match(cell)
        for cell in cells
    )


def _value_like(cell: str) -> bool:
    """A value cell, or one whose value OCR garbled ("Ce", "I laporan"): a word or two; not
    dashes ("---"), which print that there is no value."""
    short = len(cell.split()) <= GARBLED_VALUE_WORDS and len(cell) <= GARBLED_VALUE_CHARS
    dashes = re.fullmatch(r"[\s\-–—_]+", cell) is not None
    return is_value_cell(cell) or (not dashes and (_garbled([cell]) or short))


def _name_by_position(texts: list[str], roles: tuple[str | None, ...]) -> int | None:
    """The indicator cell of a row whose value cells OCR garbled: the cell before the last
    ``len(roles)`` cells, when it is text and every value column holds a value-like cell."""
    at = len(texts) - len(roles) - 1
    if at < 0 or not re.search(r"[A-Za-z]{3}", texts[at]) or is_value_cell(texts[at]):
        return None
    values = [cell for cell, role in zip(texts[at + 1 :], roles, strict=True) if role]
    return at if all(map(_value_like, values)) else None


def _value_or_garbled(cell: str) -> tuple[int, str] | None:
    """Where a value stands in its cell; a garbled cell whole, to be reported unreadable."""
    return value_span(cell) or ((0, cell) if _value_like(cell) else None)


def _name_cell(texts: list[str], width: int, unit_at: int | None) -> int | None:
    """The indicator cell: the first text cell followed by ``width`` value cells, else the last
    text cell followed by one."""
    first = first_text_before(texts, width, unit_at)
    if first is not None:
        return first
    text_cells = [k for k, cell in enumerate(texts) if not is_value_cell(cell)]
    followed = [k for k in text_cells if k + 1 < len(texts) and is_value_cell(texts[k + 1])]
    return followed[-1] if followed else None
