"""Numbers in a line turned into Quantities with provenance; the cells of a table row."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..models import BBox, Line, Provenance, Quantity
from ..numbers import NumberToken, ParsedNumber, find_numbers, parse_number, to_quantity
from ..tables import SEPARATOR

# What may stand between the value cells at the end of a table row: rules, quotes, OCR specks.
CELL_GAP_RE = re.compile(r"^[\s|_°.,;:'\"“”‘’()\[\]\-=~*!]*$")
MONTHS_RE = re.compile(
    r"\b(januari|februari|maret|april|mei|juni|juli|agustus|september|oktober|"
    r"nopember|november|desember)\b",
    re.IGNORECASE,
)
YEAR_MIN, YEAR_MAX = 1945, 2100
GRADE_RE = re.compile(r"^\W*(AA|A|BB|B|CC|C|D|WTP|WDP)\W*$")


def is_year(token: NumberToken) -> bool:
    value = token.parsed.value
    return (
        token.parsed.unit is None
        and isinstance(value, int)
        and YEAR_MIN <= value <= YEAR_MAX
        and re.fullmatch(r"\d{4}", token.parsed.raw.strip()) is not None
    )


def span_bbox(line: Line, start: int, end: int) -> BBox | None:
    """The box of the words of ``line.text[start:end]`` (text is the words joined by spaces)."""
    box: BBox | None = None
    offset = 0
    for word in line.words:
        word_start = line.text.find(word.text, offset)
        if word_start < 0:
            return line.bbox
        word_end = word_start + len(word.text)
        offset = word_end
        if word.bbox is not None and word_start < end and word_end > start:
            box = word.bbox if box is None else box.union(word.bbox)
    return box or line.bbox


def span_confidence(line: Line, start: int, end: int) -> float | None:
    found: list[float] = []
    offset = 0
    for word in line.words:
        word_start = line.text.find(word.text, offset)
        if word_start < 0:
            break
        offset = word_start + len(word.text)
        if word.confidence is not None and word_start < end and offset > start:
            found.append(word.confidence)
    return min(found) if found else line.confidence


def provenance(line: Line, section: str, start: int = 0, end: int | None = None) -> Provenance:
    end = len(line.text) if end is None else end
    return Provenance(
        section, line.page, span_bbox(line, start, end), line.text[start:end].strip(), line.number
    )


def token_quantity(token: NumberToken, line: Line, section: str) -> Quantity:
    """A Quantity for a token found in ``line.text``, with its box and confidence."""
    return to_quantity(
        token.parsed,
        provenance(line, section, token.start, token.end),
        span_confidence(line, token.start, token.end),
    )


def text_quantity(raw: str, line: Line, section: str, expect: str | None = None) -> Quantity:
    """A Quantity for a cell that may be unreadable (``value`` None, raw kept)."""
    start = max(line.text.rfind(raw), 0)
    return to_quantity(
        parse_number(raw, expect),
        provenance(line, section, start, start + len(raw)),
        span_confidence(line, start, start + len(raw)),
    )


def trailing_tokens(text: str, expect: str | None = None) -> list[NumberToken]:
    """The number cells at the end of a row: tokens separated only by rules and specks."""
    tokens = [t for t in find_numbers(text, expect) if t.parsed.value is not None]
    tail: list[NumberToken] = []
    end = len(text)
    for token in reversed(tokens):
        if not CELL_GAP_RE.match(text[token.end : end]):
            break
        tail.append(token)
        end = token.start
    tail.reverse()
    return tail


def text_before(text: str, tokens: list[NumberToken]) -> str:
    return text[: tokens[0].start] if tokens else text


# Cells of a table row read whole: a table finder joins them with separator words.
CELL_SEPARATOR = f" {SEPARATOR} "
ROW_NUMBER_RE = re.compile(r"^\W*(\d{1,2})\s*[.,|)]?(?=\s|$)")
HEADER_YEAR_RE = re.compile(r"\b(19|20)\d\d\b")
INDICATOR_CELL_RE = re.compile(r"\bindikator\b", re.IGNORECASE)
# "JUMLAH", "Total", "Rata-rata capaian ...": not "Jumlah kasus ..." (an indicator).
SUMMARY_ROW_RE = re.compile(
    r"^(jumlah|total)(\s+(total|keseluruhan|anggaran))?\W*$|^rata-rata\s+capaian\b", re.IGNORECASE
)
MULTI_YEAR = 3  # years named in one header: a Renstra plan or a year-on-year table
HEADER_CELL_WORDS = 3
STRAY_LINE_WORDS = 8  # a wrapped cell's rest, not a paragraph
GARBLED_CELL_CHARS = 8
# A value cell whose digit OCR misread stays short: "I laporan", "kasus", "90% 0".
GARBLED_VALUE_WORDS, GARBLED_VALUE_CHARS = 2, 12
# A speck of a rule or of dirt OCR read after a value: "2% -", "95% O,", "3 Laporan P".
TRAILING_SPECK_RE = re.compile(r"\s+\S{1,2}$")
HEADER_GAP = 3  # lines between a header and its first row (a row spanning the table)
# A value cell: a number with an optional level/grade prefix and a score in brackets
# ("Level 3 (3,35)", "Nilai A (83)", "94,24%"), or a cell stating there is no value ("N/A", "-").
# A count may carry one unit word ("8 kegiatan", "13 Kasus", "20 Kelompok/Pelaku").
VALUE_CELL_RE = re.compile(
    r"^(?=.*\d)(?:(?:level|nilai|skor|predikat)\s*)?(?:(?:AA|A|BB|B|CC|C|D)\s*)?(?:rp\.?\s*)?"
    r"(?:\d[\d.,\s]*[%$¢]?(?:\s*[A-Za-z][A-Za-z/]{0,20})?)?\s*(?:\(\s*(\d[\d.,]*)\s*%?\s*\))?"
    r"(?:\s*\*+\s*\)?)?"  # a footnote mark: "12.540.550 *)"
    r"(?:\s*\([^()]*[A-Za-z][^()]*\))?$",  # a remark: "20 Kelompok/Pelaku (10 Kabupaten/Kota)"
    re.IGNORECASE,
)
NUMBER_WITH_UNIT_RE = re.compile(r"\d[\d.,\s]*[%$¢]?(?:\s*[A-Za-z][A-Za-z/]{0,20})?")
NO_VALUE_RE = re.compile(r"^(n/?a|-|–|—)$", re.IGNORECASE)
# End-of-plan targets, national or regional standards: comparison tables, not measurements.
RENSTRA_RE = re.compile(r"\b(renstra|akhir|rpjmd|nasional|kontribusi|peringkat)\b", re.IGNORECASE)
ROLE_RES = (
    ("target", re.compile(r"\btarget\b", re.IGNORECASE)),
    ("realisasi", re.compile(r"\brealisasi\b(?!\s*anggaran)", re.IGNORECASE)),
    ("capaian", re.compile(r"\bcapaian\b|^\(?%\)?$", re.IGNORECASE)),
    ("satuan", re.compile(r"\bsatuan\b", re.IGNORECASE)),
)
UNIT = "satuan"  # a column of units ("Ha", "%", "ton") for the row's target and realisation


def is_cell_row(line: Line) -> bool:
    """A row a table finder built (ruled grid, pdfplumber): its cell borders are zero-width
    separator words. A "|" in OCR text is a glyph, maybe of a rule, and proves nothing."""
    return any(w.text == SEPARATOR and w.bbox and w.bbox.x0 == w.bbox.x1 for w in line.words)


def split_cells(line: Line) -> list[tuple[int, str]]:
    """The cells of a row read whole, each with its start in ``line.text``; [] for other lines."""
    text = line.text
    if not is_cell_row(line):
        return []
    cells, start = [], 0
    for part in text.split(CELL_SEPARATOR):
        offset = len(part) - len(part.lstrip())
        cells.append((start + offset, part.strip()))
        start += len(part) + len(CELL_SEPARATOR)
    return cells


def is_value_cell(cell: str) -> bool:
    """A number, a level or grade with its score, a grade alone ("BB"), or "N/A"."""
    return bool(NO_VALUE_RE.match(cell) or VALUE_CELL_RE.match(cell) or GRADE_RE.match(cell))


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


def value_span(cell: str) -> tuple[int, str] | None:
    """Where the value of a value cell stands in it: the score in brackets when there is one;
    None for "N/A"."""
    if GRADE_RE.match(cell):
        grade = cell.strip(" .|")
        return cell.index(grade), grade
    match = VALUE_CELL_RE.match(cell)
    if match is None:
        return None
    if match.group(1):
        return cell.index(match.group(1), cell.index("(")), match.group(1)
    found = NUMBER_WITH_UNIT_RE.search(cell)
    if found is None:
        return None
    raw = found.group().strip()
    for reading in (raw, raw.split("/")[0]):  # "20 Kelompok/Pelaku": the first unit
        if parse_number(reading).value is not None:
            return found.start(), reading
    # a unit the parser does not know: the number alone
    return found.start(), re.match(r"\d[\d.,\s]*%?", raw).group().strip()  # type: ignore[union-attr]


def cell_quantity(line: Line, section: str, begin: int, raw: str, parsed: ParsedNumber) -> Quantity:
    """A Quantity for the number ``raw`` read at ``begin`` in ``line.text``."""
    end = begin + len(raw)
    return to_quantity(
        parsed, provenance(line, section, begin, end), span_confidence(line, begin, end)
    )


def joined_digits(raw: str) -> str:
    """ "1 00,00" read as "100,00": a space inside a number cell is a rendering gap."""
    return re.sub(r"(?<=\d)\s+(?=\d)", "", raw)


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
    filled = [_first_text_before(cells, 3) is not None for cells in rows if cells]
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


def cell_row(
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


def _first_text_before(texts: list[str], width: int, unit_at: int | None = None) -> int | None:
    """The first text cell followed by ``width`` value cells (a unit cell at ``unit_at``)."""
    for k, cell in enumerate(texts):
        following = texts[k + 1 : k + 1 + width]
        values = (is_value_cell(value) or j == unit_at for j, value in enumerate(following))
        whole = len(following) == width and all(values)
        if whole and not is_value_cell(cell):
            return k
    return None


def _name_cell(texts: list[str], width: int, unit_at: int | None) -> int | None:
    """The indicator cell: the first text cell followed by ``width`` value cells, else the last
    text cell followed by one."""
    first = _first_text_before(texts, width, unit_at)
    if first is not None:
        return first
    text_cells = [k for k, cell in enumerate(texts) if not is_value_cell(cell)]
    followed = [k for k in text_cells if k + 1 < len(texts) and is_value_cell(texts[k + 1])]
    return followed[-1] if followed else None
