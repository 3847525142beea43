"""Numbers in a line turned into Quantities with provenance; the cells of a table row read whole.

A table finder joins the cells of a row with zero-width separator words: such a row is split
into its cells here, and a value cell (a number, a grade, "N/A") told from a text cell.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..models import BBox, Line, Provenance, Quantity
from ..numbers import (
    PERCENT,
    NumberToken,
    ParsedNumber,
    find_numbers,
    parse_number,
    percent_misread,
    to_quantity,
)
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


def as_misread_percent(quantity: Quantity) -> Quantity | None:
    """A quantity without unit read as the percentage it is when OCR read its "%" as digits
    or a glyph ("10096", "100 96", "79,354"); None when its raw text shows no such misread."""
    raw = joined_digits(quantity.provenance.raw)
    if quantity.unit is not None or not percent_misread(raw):
        return None
    repaired = parse_number(raw, PERCENT)
    if not repaired.repaired or repaired.value is None:
        return None
    return replace(
        quantity, value=repaired.value, unit=PERCENT, repaired=True, decimals=repaired.decimals
    )


def first_text_before(texts: list[str], width: int, unit_at: int | None = None) -> int | None:
    """The first text cell followed by ``width`` value cells (a unit cell at ``unit_at``)."""
    for k, cell in enumerate(texts):
        following = texts[k + 1 : k + 1 + width]
        values = (is_value_cell(value) or j == unit_at for j, value in enumerate(following))
        whole = len(following) == width and all(values)
        if whole and not is_value_cell(cell):
            return k
    return None
