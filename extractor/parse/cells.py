"""Numbers in a line turned into Quantities with provenance; the trailing cells of a table row."""

from __future__ import annotations

import re

from ..models import BBox, Line, Provenance, Quantity
from ..numbers import NumberToken, find_numbers, parse_number, to_quantity

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
