"""Indicator tables (PK, plan, measurement) rebuilt from OCR lines where the cells interleave.

OCR reads a table row by row, visual line by visual line: a row's sasaran and indikator cells wrap
over several lines and the number cells sit on the middle line. So a line ending in number cells
is a row's *anchor*, and the text lines between two anchors are split between the rows at the line
where a new cell starts (a sasaran verb such as "Terwujudnya", an indicator noun such as
"Persentase", or a row number). When the number cells stand on lines of their own (a table read
column by column), the text before them belongs to them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..models import Indicator, Line, Polarity, Quantity
from ..numbers import NumberToken, find_numbers, parse_number
from .cells import GRADE_RE, MONTHS_RE, is_year, provenance, text_before, token_quantity
from .cells import trailing_tokens as _trailing

INDICATOR_START_RE = re.compile(
    r"^(persentase|prosentase|presentase|pers\w{0,3}ase|jumlah|indeks|indek|nilai|tingkat|rasio|"
    r"angka|cakupan|ketepatan|rata-rata|luas|produksi|produktivitas|opini|predikat|skor|proporsi|"
    r"banyaknya|capaian|kualitas|kepuasan|waktu|sosialisasi|satker)\b",
    re.IGNORECASE,
)
SASARAN_START_RE = re.compile(
    r"^(ter\w{4,}n[yv]a|men\w{3,}n[yv]a|meningkat\w*|peningkatan|penurunan|terwujud\w*|"
    r"tersedia\w*|terlaksana\w*|terfasilitasi\w*)\b",
    re.IGNORECASE,
)
ROW_NUMBER_RE = re.compile(r"^\W*(\d{1,2})\s*[.,|)]?(?=\s|$)")
HEADER_TARGET_RE = re.compile(r"\b(TARGET|Target)\b")
HEADER_NAME_RE = re.compile(r"\b(indikator|sasaran)\b", re.IGNORECASE)
HEADER_MEASURED_RE = re.compile(r"\brealisasi\b", re.IGNORECASE)
HEADER_YEAR_RE = re.compile(r"\b(19|20)\d\d\b")
LOWER_IS_BETTER_RE = re.compile(
    r"\b(kehilangan|susut|serangan|terserang|kematian|kemiskinan|pengangguran|pelanggaran|"
    r"kerusakan|gangguan|stunting|buta huruf|kecelakaan|tunggakan)\b",
    re.IGNORECASE,
)
HEADER_LOOKBACK = 3  # non-blank lines above "TARGET" that may hold the rest of the header
MAX_GAP = 14  # lines without a row that close a table (prose after it)
MAX_ROW_VALUE = 100_000  # a larger plain number at a row's end is no target (phone, amount)
NAME_NOISE_RE = re.compile(r"[|_\"“”‘’`~*]+")


@dataclass(frozen=True)
class _Anchor:
    index: int
    tokens: tuple[NumberToken, ...]
    grade: str | None = None

    def value_only(self, lines: list[Line]) -> bool:
        text = lines[self.index].text
        return self.grade is not None or not re.search(
            r"[A-Za-z]{3}", text_before(text, self.tokens)
        )


@dataclass(frozen=True)
class _Region:
    start: int  # first line after the header
    end: int  # one past the last line
    columns: int  # number cells per row: 1 (target) or 3 (target, realisasi, capaian)


def parse_indicator_spans(lines: list[Line], section: str) -> list[Indicator]:
    """All indicator rows of one section span."""
    indicators: list[Indicator] = []
    for region in _regions(lines, section):
        indicators.extend(_parse_region(lines, region, section))
    return indicators


def _regions(lines: list[Line], section: str) -> list[_Region]:
    headers = [(i, cols) for i, cols in ((i, _header_columns(lines, i)) for i in range(len(lines)))]
    headers = [(i, cols) for i, cols in headers if cols]
    if not headers:
        default = 3 if section in ("pengukuran", "ikhtisar") else 1
        return [_Region(0, len(lines), default)] if section.endswith("pk") else []
    regions = []
    for k, (index, columns) in enumerate(headers):
        end = headers[k + 1][0] if k + 1 < len(headers) else len(lines)
        regions.append(_Region(index + 1, end, columns))
    return regions


def _header_columns(lines: list[Line], index: int) -> int:
    """1 or 3 when line ``index`` ends a table header (TARGET with INDIKATOR/SASARAN above)."""
    text = lines[index].text
    if not HEADER_TARGET_RE.search(text) or HEADER_YEAR_RE.search(text) or not _header_like(text):
        return 0
    window = " ".join(line.text for line in lines[max(index - HEADER_LOOKBACK, 0) : index + 3])
    if not HEADER_NAME_RE.search(window) or _anchor(lines[index]) is not None:
        return 0
    return 3 if HEADER_MEASURED_RE.search(window) and re.search(r"capaian", window, re.I) else 1


def _header_like(text: str) -> bool:
    """Column titles: a few capitalised words, no sentence."""
    words = re.findall(r"[A-Za-z]+", text)
    capitalised = sum(w[0].isupper() for w in words)
    return (
        0 < len(words) <= 12 and capitalised >= 0.7 * len(words) and not text.rstrip().endswith(".")
    )


def _anchor(line: Line, index: int = 0) -> _Anchor | None:
    text = line.text
    if MONTHS_RE.search(text):
        return None
    if GRADE_RE.match(text):
        return _Anchor(index, (), grade=text.strip(" .|"))
    if any(t.parsed.unit == "rp" for t in find_numbers(text)):
        return None  # budget figures, not indicator targets
    tokens = tuple(t for t in _trailing(text) if not is_year(t))
    if not tokens or len(tokens) > 3:
        return None
    last = tokens[-1].parsed
    if last.unit is None and isinstance(last.value, (int, float)) and last.value >= MAX_ROW_VALUE:
        return None
    before = text_before(text, list(tokens))
    bare = isinstance(last.value, int) and not re.search(r"[.,]", last.raw)
    if last.unit is None and len(tokens) == 1 and bare and not re.search(r"[A-Za-z]{3}", before):
        return None  # a bare integer on its own line is a row number
    return _Anchor(index, tokens)


def _parse_region(lines: list[Line], region: _Region, section: str) -> list[Indicator]:
    anchors = _merge_ghosts(lines, _find_anchors(lines, region))
    if not anchors:
        return []
    blocks = _blocks(lines, region, anchors)
    indicators: list[Indicator] = []
    previous_no: str | None = None
    previous_sasaran = ""
    for anchor, block in zip(anchors, blocks, strict=False):
        row = _row(lines, anchor, block, region.columns, section, previous_no, previous_sasaran)
        indicators.append(row)
        previous_no, previous_sasaran = row.no, row.sasaran
    return indicators


def _find_anchors(lines: list[Line], region: _Region) -> list[_Anchor]:
    anchors: list[_Anchor] = []
    since = 0
    for index in range(region.start, region.end):
        anchor = _anchor(lines[index], index)
        if anchor is None:
            since += 1
            if anchors and since > MAX_GAP:
                break
            continue
        anchors.append(anchor)
        since = 0
    return anchors


def _merge_ghosts(lines: list[Line], anchors: list[_Anchor]) -> list[_Anchor]:
    """A row read twice (a value-only line right before a line repeating its cells) is one row."""
    merged: list[_Anchor] = []
    for anchor in anchors:
        last = merged[-1] if merged else None
        if (
            last is not None
            and anchor.index == last.index + 1
            and last.value_only(lines)
            and not anchor.value_only(lines)
            and not _starts_row(lines[anchor.index].text)
            and len(anchor.tokens) == len(last.tokens)
        ):
            continue  # keep the first reading; the second line's text joins the row
        merged.append(anchor)
    return merged


def _starts_row(text: str) -> bool:
    stripped = ROW_NUMBER_RE.sub("", text, count=1).lstrip(" .,|:;'\"-")
    return bool(INDICATOR_START_RE.match(stripped) or SASARAN_START_RE.match(stripped))


def _blocks(lines: list[Line], region: _Region, anchors: list[_Anchor]) -> list[list[int]]:
    """The line indices of each row: its anchor plus the text lines that belong to it."""
    heads: list[list[int]] = []
    tails: list[list[int]] = [[] for _ in anchors]
    previous = region.start - 1
    for k, anchor in enumerate(anchors):
        between = [i for i in range(previous + 1, anchor.index) if lines[i].text.strip()]
        if k == 0 or anchor.value_only(lines):
            head = _from_first_start(lines, between) if k == 0 else between
        else:
            split = _split_point(lines, between, len(heads[-1]))
            tails[k - 1], head = between[:split], between[split:]
        heads.append(head)
        previous = anchor.index
    after = [i for i in range(previous + 1, region.end) if lines[i].text.strip()]
    last_tail = []
    for i in after[: len(heads[-1])]:
        text = lines[i].text
        if _starts_row(text) or _anchor(lines[i]) is not None or _header_like(text):
            break
        last_tail.append(i)
    tails[-1] = last_tail
    return [h + [a.index] + t for h, a, t in zip(heads, anchors, tails, strict=False)]


def _from_first_start(lines: list[Line], between: list[int]) -> list[int]:
    for position, index in enumerate(between):
        if _starts_row(lines[index].text):
            return between[position:]
    return between[-2:]


def _split_point(lines: list[Line], between: list[int], previous_head: int) -> int:
    """Where the previous row's tail ends and the next row's head begins."""
    for position, index in enumerate(between):
        if _starts_row(lines[index].text) or re.fullmatch(r"\W*\d{1,2}\W*", lines[index].text):
            return position
    return min(previous_head, len(between))


def _row(
    lines: list[Line],
    anchor: _Anchor,
    block: list[int],
    columns: int,
    section: str,
    previous_no: str | None,
    previous_sasaran: str,
) -> Indicator:
    anchor_line = lines[anchor.index]
    texts = []
    number = None
    for index in block:
        text = lines[index].text
        if index == anchor.index:
            text = "" if anchor.grade else text_before(text, list(anchor.tokens))
        match = ROW_NUMBER_RE.match(text)
        if match and number is None:
            number = match.group(1)
        texts.append(ROW_NUMBER_RE.sub("", text, count=1) if match else text)
    name = _clean(" ".join(texts))
    sasaran, indikator = _split_name(name)
    values = _values(anchor, anchor_line, columns, section)
    return Indicator(
        section=section,
        no=number or previous_no,
        sasaran=sasaran or (previous_sasaran if not _has_sasaran_start(name) else ""),
        indikator=indikator,
        target=values[0],
        realisasi=values[1] if columns == 3 else None,
        capaian=values[2] if columns == 3 else None,
        polarity=_polarity(indikator),
        provenance=provenance(anchor_line, section),
    )


def _values(anchor: _Anchor, line: Line, columns: int, section: str) -> list[Quantity | None]:
    if anchor.grade is not None:
        grade = parse_number(anchor.grade)
        quantity = token_quantity(NumberToken(0, len(line.text), grade), line, section)
        return [quantity, None, None]
    quantities = [_percent_aware(t, line, section) for t in anchor.tokens[-columns:]]
    padding: list[Quantity | None] = [None] * (columns - len(quantities))
    return padding + quantities + [None] * (3 - columns)


def _percent_aware(token: NumberToken, line: Line, section: str) -> Quantity:
    """A unitless cell in a percentage table is read as a percentage (``1008`` is 100%)."""
    if token.parsed.unit is None:
        reparsed = parse_number(token.parsed.raw, "%")
        if reparsed.value is not None and reparsed.value <= 200:
            token = NumberToken(token.start, token.end, reparsed)
    return token_quantity(token, line, section)


def _clean(text: str) -> str:
    text = re.sub(r"(?<=\w)_(?=\w)", "", text)
    text = NAME_NOISE_RE.sub(" ", text)
    return re.sub(r"\s+", " ", text).strip(" .,:;-")


def _has_sasaran_start(name: str) -> bool:
    return any(SASARAN_START_RE.match(word) for word in name.split()[:3])


def _split_name(name: str) -> tuple[str, str]:
    """Sasaran words come before the first indicator noun; the rest is the indikator."""
    words = name.split()
    for position, word in enumerate(words):
        if INDICATOR_START_RE.match(word) and (position > 0 or not _has_sasaran_start(name)):
            if position == 0:
                return "", name
            return " ".join(words[:position]), " ".join(words[position:])
    return ("", name) if not _has_sasaran_start(name) else (name, name)


def _polarity(indikator: str) -> Polarity:
    return "lower" if LOWER_IS_BETTER_RE.search(indikator) else "higher"
