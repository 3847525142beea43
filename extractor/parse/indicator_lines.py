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
from dataclasses import dataclass, replace

from ..models import Indicator, Line, Quantity
from ..numbers import PLAUSIBLE_PERCENT_MAX, NumberToken, find_numbers, parse_number
from ..sections import NUMBERED_RE
from .cell_tables import HEADER_YEAR_RE
from .cells import (
    GRADE_RE,
    MONTHS_RE,
    ROW_NUMBER_RE,
    is_year,
    provenance,
    text_before,
    token_quantity,
)
from .cells import trailing_tokens as _trailing
from .indicator_names import (
    INDICATOR_START_RE,
    SASARAN_START_RE,
    clean_name,
    has_sasaran_start,
    polarity,
)

CAPTION_RE = re.compile(r"^\W*(tabel\s+[\dIVX]|gambar\s+\d)", re.IGNORECASE)
HEADER_TARGET_RE = re.compile(r"\b(TARGET|Target)\b")
HEADER_NAME_RE = re.compile(r"\b(indikator|sasaran)\b", re.IGNORECASE)
HEADER_MEASURED_RE = re.compile(r"\brealisasi\b", re.IGNORECASE)
HEADER_LOOKBACK = 3  # non-blank lines above "TARGET" that may hold the rest of the header
MAX_GAP = 14  # lines without a row that close a table (prose after it)
# Distinct years a header names when its columns are years (a year-on-year or plan table);
# a PK or measurement table names one ("Target 2023 Realisasi 2023").
YEARS_COMPARED = 2
# A period ("2019-2023", "2019 - 2023"): one span of years, not columns of years.
YEAR_RANGE_RE = re.compile(r"\b(?:19|20)\d\d\s*[-–]\s*(?:19|20)\d\d\b")
MAX_ROW_VALUE = 100_000  # a larger plain number at a row's end is no target (phone, amount)
# A word right after a number, before another cell or the line end: a count unit ("8 Kasus").
UNIT_WORD_RE = re.compile(r"(?<=\d)(?<!(?:19|20)\d\d)\s+([A-Za-z]{3,12})(?=\s*[|\]]?\s*(?:\d|$))")
NOT_UNITS = frozenset({"yang", "dan", "dari", "atau", "tahun", "untuk", "dengan", "pada"})
# A grade closing a row after its indicator name ("Opini BPK atas LKPD WTP").
GRADE_TAIL_RE = re.compile(r"(?<=[A-Za-z]{2})[\s|]+(AA|BB|CC|WTP|WDP|A|B|C|D)[\s|.]*$")
GRADED_RE = re.compile(r"\b(opini|nilai|predikat|indeks|kategori)\b", re.IGNORECASE)
# A line ending in a reference, not a value cell: "… Renstra 2013-2018 (lampiran 3)."
REFERENCE_TAIL_RE = re.compile(r"\(\s*[A-Za-z]{3,}\.?\s+\d{1,3}[a-z]?\s*\)\W*$")
# Words of a sentence, never of an indicator name: a line holding one is prose.
PROSE_RE = re.compile(
    r"\b(bahwa|sebanyak|sebesar|sejumlah|seluas|senilai|setara|yaitu|yakni|adalah|merupakan|"
    r"terlihat|diatas|tersebut|berdasarkan)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class _Anchor:
    index: int
    tokens: tuple[NumberToken, ...]
    grade: str | None = None
    grade_start: int = 0  # where a grade cell starts in the line
    ghost: _Anchor | None = None  # the next line, when OCR read this row's cells twice

    def readings(self) -> list[_Anchor]:
        """This line and its ghost: the lines holding the row's cells."""
        return [self] if self.ghost is None else [self, self.ghost]

    def prefix(self, lines: list[Line]) -> str:
        """The line's text before its value cells."""
        text = lines[self.index].text
        return text[: self.grade_start] if self.grade else text_before(text, list(self.tokens))

    def value_only(self, lines: list[Line]) -> bool:
        return not re.search(r"[A-Za-z]{3}", self.prefix(lines))


@dataclass(frozen=True)
class _Region:
    start: int  # first line after the header
    end: int  # one past the last line
    columns: int  # number cells per row: 1 (target) or 3 (target, realisasi, capaian)
    headed: bool = True  # under a TARGET header, not a whole PK span read as one table


def parse_line_indicators(lines: list[Line], section: str, whole_span: bool) -> list[Indicator]:
    """The indicator rows rebuilt from OCR lines, table by table; with no TARGET header, the
    whole span of a PK read as one table (``whole_span``)."""
    return [
        row
        for region in _regions(lines, section, whole_span)
        for row in _parse_region(lines, region, section)
    ]


def _regions(lines: list[Line], section: str, whole_span: bool) -> list[_Region]:
    """The tables under a TARGET header; with none, the whole span of a PK (``whole_span``)."""
    headers = [(i, cols) for i, cols in ((i, _header_columns(lines, i)) for i in range(len(lines)))]
    headers = [(i, cols) for i, cols in headers if cols]
    if not headers:
        default = 3 if section in ("pengukuran", "ikhtisar") else 1
        whole = whole_span and section.endswith("pk")
        return [_Region(0, len(lines), default, headed=False)] if whole else []
    regions = []
    for k, (index, columns) in enumerate(headers):
        end = headers[k + 1][0] if k + 1 < len(headers) else len(lines)
        regions.append(_Region(index + 1, end, columns))
    return regions


def _header_columns(lines: list[Line], index: int) -> int:
    """1 or 3 when line ``index`` ends a table header (TARGET with INDIKATOR/SASARAN above)."""
    text = lines[index].text
    if not HEADER_TARGET_RE.search(text) or not _header_like(text) or _year_comparison(text):
        return 0
    window = " ".join(line.text for line in lines[max(index - HEADER_LOOKBACK, 0) : index + 3])
    if not HEADER_NAME_RE.search(window) or _anchor(lines[index]) is not None:
        return 0
    return 3 if HEADER_MEASURED_RE.search(window) and re.search(r"capaian", window, re.I) else 1


def _year_comparison(text: str) -> bool:
    """ "Target 2023 Realisasi 2023 Target 2024 …": years side by side, no indicator column.

    A table row read whole ("No | Sasaran | Indikator | Target 2022 | Realisasi 2022 | …")
    names its indicator column, and stays a header.
    """
    if not HEADER_YEAR_RE.search(text):
        return False
    return len(HEADER_TARGET_RE.findall(text)) > 1 or not HEADER_NAME_RE.search(text)


def _header_like(text: str) -> bool:
    """Column titles: a few capitalised words, no sentence, no caption ("Tabel 4. …") or
    numbered title ("3.1.2. Perbandingan Target dan Realisasi …")."""
    if CAPTION_RE.match(text) or NUMBERED_RE.match(text):
        return False
    words = re.findall(r"[A-Za-z]+", text)
    capitalised = sum(w[0].isupper() for w in words)
    return (
        0 < len(words) <= 12 and capitalised >= 0.7 * len(words) and not text.rstrip().endswith(".")
    )


def _anchor(line: Line, index: int = 0) -> _Anchor | None:
    text = line.text
    if MONTHS_RE.search(text) or REFERENCE_TAIL_RE.search(text):
        return None
    if GRADE_RE.match(text):
        return _Anchor(index, (), grade=text.strip(" .|"))
    grade = GRADE_TAIL_RE.search(text)
    if grade and GRADED_RE.search(text[: grade.start()]) and not PROSE_RE.search(text):
        return _Anchor(index, (), grade=grade.group(1), grade_start=grade.start())
    if any(t.parsed.unit == "rp" for t in find_numbers(text)):
        return None  # budget figures, not indicator targets
    tokens = tuple(t for t in _cells(text) if not is_year(t))
    if not tokens or len(tokens) > 3 or PROSE_RE.search(text_before(text, list(tokens))):
        return None
    last = tokens[-1].parsed
    if last.unit is None and isinstance(last.value, (int, float)) and last.value >= MAX_ROW_VALUE:
        as_percent = parse_number(last.raw, "%").value  # "104.359": 104,35% with a misread "%"
        if as_percent is None or as_percent > PLAUSIBLE_PERCENT_MAX:
            return None
    before = text_before(text, list(tokens))
    bare = isinstance(last.value, int) and not re.search(r"[.,]", last.raw)
    if last.unit is None and len(tokens) == 1 and bare and not re.search(r"[A-Za-z]{3}", before):
        return None  # a bare integer on its own line is a row number
    return _Anchor(index, tokens)


def _cells(text: str) -> list[NumberToken]:
    """The trailing number cells, a count unit the number parser does not know included."""
    masked, units = text, {}
    for match in UNIT_WORD_RE.finditer(text):
        word = match.group(1)
        if word.lower() in NOT_UNITS or parse_number(f"1 {word}").unit is not None:
            continue
        masked = masked[: match.start(1)] + " " * len(word) + masked[match.end(1) :]
        units[match.start()] = match.end()
    tokens = _trailing(masked)
    if not units or (len(tokens) == 1 and not re.search(r"[A-Za-z]{3}", text_before(text, tokens))):
        return _trailing(text) if units else tokens
    return [_with_unit(t, text, units.get(t.end)) for t in tokens]


def _with_unit(token: NumberToken, text: str, end: int | None) -> NumberToken:
    if end is None or token.parsed.unit is not None:
        return token
    unit = text[end - len(text[token.end : end].strip()) : end].lower()
    parsed = replace(token.parsed, unit=unit, raw=text[token.start : end])
    return NumberToken(token.start, end, parsed)


def _parse_region(lines: list[Line], region: _Region, section: str) -> list[Indicator]:
    region = _before_comparison(lines, region)
    anchors = _merge_ghosts(lines, _find_anchors(lines, region))
    if not anchors:
        return []
    blocks = _blocks(lines, region, anchors)
    columns = _columns(region.columns, anchors)
    indicators: list[Indicator] = []
    previous_no: str | None = None
    previous_sasaran = ""
    for anchor, block in zip(anchors, blocks, strict=False):
        row = _row(lines, anchor, block, columns, section, previous_no, previous_sasaran)
        indicators.append(row)
        previous_no, previous_sasaran = row.no, row.sasaran
    return indicators


def _columns(declared: int, anchors: list[_Anchor]) -> int:
    """Three value cells in most rows make a measurement table, its header misread or not."""
    measured = sum(len(anchor.tokens) == 3 for anchor in anchors)
    return 3 if 2 * measured > len(anchors) else declared


def _before_comparison(lines: list[Line], region: _Region) -> _Region:
    """The region up to a year-on-year table after its first row: a header naming years
    ("Realisasi 2022 Realisasi 2023 Kenaikan") opens a comparison of years, not more rows.
    Header lines above the first row may name the table's year ("Target 2023")."""
    rows = (i for i in range(region.start, region.end) if _anchor(lines[i]) is not None)
    first = next(rows, None)
    if first is None:
        return region
    for index in range(first + 1, region.end):
        if _names_years(lines[index].text):
            return replace(region, end=index)
    return region


def _names_years(text: str) -> bool:
    """Column titles of a table of years: two years or more, each titling a column
    ("Capaian 2022 Capaian 2023 Selisih", "2022 2023"), not a period ("Renstra 2019-2023")."""
    titles = YEAR_RANGE_RE.sub(" ", text)
    if len({m.group() for m in HEADER_YEAR_RE.finditer(titles)}) < YEARS_COMPARED:
        return False
    return _header_like(titles) or not re.search(r"[A-Za-z]", titles)


def _find_anchors(lines: list[Line], region: _Region) -> list[_Anchor]:
    """The rows' anchor lines, up to a gap of prose; a header whose first row is that far off
    is no table header (a lone "Target" in a formula)."""
    anchors: list[_Anchor] = []
    since = 0
    for index in range(region.start, region.end):
        anchor = _anchor(lines[index], index)
        if anchor is None:
            since += 1
            if (anchors or region.headed) and since > MAX_GAP:
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
            merged[-1] = replace(last, ghost=anchor)  # its text before the cells joins
            continue
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
            fallback = len(between) if _starts_row(lines[anchor.index].text) else len(heads[-1])
            split = _split_point(lines, between, fallback)
            tails[k - 1], head = between[:split], between[split:]
        heads.append(head)
        previous = anchor.readings()[-1].index
    after = [i for i in range(previous + 1, region.end) if lines[i].text.strip()]
    last_tail = []
    for i in after[: len(heads[-1])]:
        text = lines[i].text
        if _starts_row(text) or _anchor(lines[i]) is not None or _header_like(text):
            break
        if PROSE_RE.search(text):  # the paragraph after the table
            break
        last_tail.append(i)
    tails[-1] = last_tail
    return [
        h + [r.index for r in a.readings()] + t
        for h, a, t in zip(heads, anchors, tails, strict=False)
    ]


def _from_first_start(lines: list[Line], between: list[int]) -> list[int]:
    for position, index in enumerate(between):
        if _starts_row(lines[index].text):
            return between[position:]
    return between[-2:]


def _split_point(lines: list[Line], between: list[int], fallback: int) -> int:
    """Where the previous row's tail ends and the next row's head begins.

    At the first line that starts a cell; failing that, at ``fallback``: as many tail lines as
    the previous row had head lines (cells centred on their row), or all of them when the
    anchor line itself starts the row.
    """
    for position, index in enumerate(between):
        if _starts_row(lines[index].text) or re.fullmatch(r"\W*\d{1,2}\W*", lines[index].text):
            return position
    return min(fallback, len(between))


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
    prefixes = {reading.index: reading.prefix(lines) for reading in anchor.readings()}
    for index in block:
        text = prefixes.get(index, lines[index].text)
        match = ROW_NUMBER_RE.match(text)
        if match and number is None:
            number = match.group(1)
        texts.append(ROW_NUMBER_RE.sub("", text, count=1) if match else text)
    name = clean_name(" ".join(texts))
    sasaran, indikator = _split_name(name)
    values = _values(anchor, anchor_line, columns, section)
    return Indicator(
        section=section,
        no=number or previous_no,
        sasaran=sasaran or (previous_sasaran if not has_sasaran_start(name) else ""),
        indikator=indikator,
        target=values[0],
        realisasi=values[1] if columns == 3 else None,
        capaian=values[2] if columns == 3 else None,
        polarity=polarity(indikator),
        provenance=provenance(anchor_line, section),
    )


def _values(anchor: _Anchor, line: Line, columns: int, section: str) -> list[Quantity | None]:
    if anchor.grade is not None:
        start = line.text.index(anchor.grade, anchor.grade_start)
        token = NumberToken(start, start + len(anchor.grade), parse_number(anchor.grade))
        return [token_quantity(token, line, section), None, None]
    quantities = [_percent_aware(t, line, section) for t in anchor.tokens[-columns:]]
    padding: list[Quantity | None] = [None] * (columns - len(quantities))
    return padding + quantities + [None] * (3 - columns)


def _percent_aware(token: NumberToken, line: Line, section: str) -> Quantity:
    """A unitless cell in a percentage table is read as a percentage (``1008`` is 100%)."""
    if token.parsed.unit is None:
        reparsed = parse_number(token.parsed.raw, "%")
        if reparsed.value is not None and reparsed.value <= PLAUSIBLE_PERCENT_MAX:
            token = NumberToken(token.start, token.end, reparsed)
    return token_quantity(token, line, section)


def _split_name(name: str) -> tuple[str, str]:
    """Sasaran words come before the first indicator noun; the rest is the indikator."""
    words = name.split()
    for position, word in enumerate(words):
        if INDICATOR_START_RE.match(word) and (position > 0 or not has_sasaran_start(name)):
            if position == 0:
                return "", name
            return " ".join(words[:position]), " ".join(words[position:])
    return ("", name) if not has_sasaran_start(name) else (name, name)
