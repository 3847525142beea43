"""Split plain OCR text into pages: form feeds, page footers, blank runs and page-start indents.

A running header or footer ("Laporan Kinerja (LKj) Dinas X 12") stands at a page's top or bottom
and repeats from page to page; a body line worded alike ("Laporan Kinerja ini disusun ...") is
kept, however often it appears, unless it stands where running lines stand.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from .models import BBox, Line, Page

BLANK_RUN_BREAK = 3  # this many blank lines in a row end a page
FOOTER_MIN_REPEATS = 2  # a running footer/header text repeats on at least this many pages
# ... and, unless it prints page numbers, stands at a page edge on this share of the pages: a body
# line that happens to end two pages of a long report is no running line. Low, as OCR loses
# most running lines (the Tangerang KPU text keeps 5 of its ~50; their page numbers find them).
RUNNING_MIN_SHARE = 0.1
FOOTER_RE = re.compile(
    r"^\s*(?:laporan\s+(?:kinerja|akuntabilitas)|lkj\w*|lakip|lkip)\b.*?(?:\s(\d{1,3}))?\s*$",
    re.IGNORECASE,
)
FOOTER_ZONE = 3  # a PDF page's running footer stands among its last lines (pages without boxes)
HEADER_ZONE = 2  # ... and a running header among its first lines
# With boxes: running lines stand in the page's margin, 2.5-3 cm of A4's 29.7 cm (8-10%), with
# room for a scan set a little off the page's centre.
EDGE_BAND = 0.12
# Points: a garbled footer stands as far from the page edge as the readable ones, within about
# half a line; the last body line stands a line or more above it.
SLOT_TOLERANCE = 6.0
# An OCR'd running footer, its first word often garbled: "1 annean Kinerja (LKj) Sekretariat .. 4".
OCR_FOOTER_RE = re.compile(
    r"^\W*(?:\w{1,2}\s+)?[A-Za-z]{4,9}\s+\w{3,8}\s*\(L[Kk]\w?\)+\s+[A-Z].*?(?:\s(\d{1,3}))?\W*$"
)
CELL_BAR_RE = re.compile(r"\w\s*\|\s*\w")  # "Capaian | 95%": cells of a table row
FOOTER_SECOND_RE = re.compile(r"\btahun\s+\d{4}\W*$", re.IGNORECASE)  # "KPU Kota X Tahun 2024"
PAGE_START_RE = re.compile(r"^ \S")  # OCR output indents the first line of a page by one space

Edge = Literal["top", "bottom"]


@dataclass(frozen=True)
class _Footer:
    printed_number: int | None
    continuation: bool  # the line after a footer that repeats too ("Kabupaten X Tahun 2024")


def _shape(text: str) -> str:
    """A line with its digits removed: running footers share a shape."""
    return re.sub(r"\d+", "#", re.sub(r"\s*\d+\s*$", "", text.strip().lower()))


def _number(match: re.Match[str]) -> int | None:
    """The page number a running line prints after its words."""
    return int(match.group(1)) if match.group(1) else None


def _needed(pages: int) -> int:
    """On how many pages a line must stand at an edge to be a running header or footer."""
    return max(FOOTER_MIN_REPEATS, math.ceil(RUNNING_MIN_SHARE * pages))


# --- plain text --------------------------------------------------------------------------


def _find_footers(raw_lines: list[str]) -> dict[int, _Footer]:
    """Index of each running footer (or header) line and of its continuation line."""
    shapes = Counter(_shape(t) for t in raw_lines if t.strip())
    candidates = {
        i: match
        for i, text in enumerate(raw_lines)
        if (match := FOOTER_RE.match(text))
        and len(text.split()) >= 3
        and shapes[_shape(text)] >= FOOTER_MIN_REPEATS
    }
    running = _running_shapes(raw_lines, candidates, shapes)
    footers = {
        i: _Footer(_number(match), continuation=False)
        for i, match in candidates.items()
        if _shape(raw_lines[i]) in running
    }
    for i in _continuations(raw_lines, footers.keys(), shapes):
        footers[i] = _Footer(None, continuation=True)
    return footers


def _running_shapes(
    raw_lines: list[str], candidates: dict[int, re.Match[str]], shapes: Counter[str]
) -> set[str]:
    """Shapes of running lines: printing different page numbers, or standing at page edges.

    A body line worded like a footer goes on with its sentence on the next line, and what it
    ends with, if a number, is the same each time it is repeated.
    """
    starts = _page_starts(raw_lines)
    below = _continuations(raw_lines, candidates.keys(), shapes)
    numbers: defaultdict[str, set[int]] = defaultdict(set)
    edges: Counter[str] = Counter()
    for i, match in candidates.items():
        shape = _shape(raw_lines[i])
        if (number := _number(match)) is not None:
            numbers[shape].add(number)
        edges[shape] += _at_page_edge(raw_lines, i, starts, below)
    needed = _needed(len(starts))
    return {s for s, found in numbers.items() if len(found) >= FOOTER_MIN_REPEATS} | {
        s for s, count in edges.items() if count >= needed
    }


def _continuations(raw_lines: list[str], heads: Iterable[int], shapes: Counter[str]) -> set[int]:
    """The lines under running lines that repeat there and nowhere else.

    A table header repeated on the page after a footer stands above the table's first rows too.
    """
    under = {
        following
        for i in heads
        if (following := _next_nonblank(raw_lines, i + 1, within=2)) is not None
        and not FOOTER_RE.match(raw_lines[following])
    }
    under_shapes = Counter(_shape(raw_lines[i]) for i in under)
    return {
        i
        for i in under
        if FOOTER_MIN_REPEATS <= under_shapes[_shape(raw_lines[i])] == shapes[_shape(raw_lines[i])]
    }


def _page_starts(raw_lines: list[str]) -> set[int]:
    """The non-blank lines that open a page: the first, and each after a page break."""
    starts: set[int] = set()
    previous: int | None = None
    for i, raw in enumerate(raw_lines):
        if not raw.strip():
            continue
        if previous is None or _page_break(raw_lines[previous], raw_lines[previous + 1 : i], raw):
            starts.add(i)
        previous = i
    return starts


def _page_break(before: str, gap: list[str], after: str) -> bool:
    """Whether a page ends between two non-blank lines: a form feed or a blank run between
    them, or the second indented by one space."""
    feed = "\f" in before.rstrip(" \t")[-1:] + "".join(gap) + after.lstrip(" \t")[:1]
    return feed or _starts_page(len(gap), after)


def _starts_page(blank_run: int, line: str) -> bool:
    """Whether a line after ``blank_run`` blank lines opens a page (no form feed between)."""
    return blank_run >= BLANK_RUN_BREAK or PAGE_START_RE.match(line) is not None


def _at_page_edge(raw_lines: list[str], index: int, starts: set[int], below: set[int]) -> bool:
    """Whether a line opens a page, or ends one: what follows it, past its repeated second
    line, opens the next page or ends the text; or that second line names the entity and
    the year as a footer's does ("Kota Fiktif Tahun 2031")."""
    if index in starts:
        return True
    following = _next_nonblank(raw_lines, index + 1, within=len(raw_lines))
    if following in below:
        if FOOTER_SECOND_RE.search(raw_lines[following]):
            return True
        following = _next_nonblank(raw_lines, following + 1, within=len(raw_lines))
    return following is None or following in starts


def _next_nonblank(raw_lines: list[str], start: int, within: int) -> int | None:
    for index in range(start, min(start + within, len(raw_lines))):
        if raw_lines[index].strip():
            return index
    return None


def split_pages(text: str) -> tuple[Page, ...]:
    """Cut OCR text into pages; footer lines end a page and give its printed number."""
    raw_lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    footers = _find_footers(raw_lines)
    pages: list[Page] = []
    current: list[Line] = []
    printed: int | None = None
    blanks = 0

    def close() -> None:
        nonlocal current, printed
        if current:
            pages.append(Page(len(pages) + 1, tuple(current), "plain", printed_number=printed))
        current, printed = [], None

    for index, raw in enumerate(raw_lines):
        chunks = raw.split("\f")
        for k, chunk in enumerate(chunks):
            if k:
                close()
            if index in footers:
                printed = footers[index].printed_number or printed
                if footers[index].continuation or not _continued(footers, raw_lines, index):
                    close()
                continue
            if not chunk.strip():
                blanks += 1
                continue
            if _starts_page(blanks, chunk):
                close()
            blanks = 0
            current.append(Line(chunk.strip(), len(pages) + 1, number=index + 1))
    close()
    return tuple(pages)


def _continued(footers: dict[int, _Footer], raw_lines: list[str], index: int) -> bool:
    """Whether a footer line is followed by its repeated continuation line."""
    following = _next_nonblank(raw_lines, index + 1, within=2)
    return following is not None and following in footers and footers[following].continuation


# --- PDF pages ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Candidate:
    """A PDF line worded like a running header/footer and standing at a page edge."""

    page: int  # its page's position in the sequence
    index: int
    edge: Edge
    shape: str
    number: int | None
    offset: float | None  # points from its edge, when boxes are known


def drop_footers(pages: Sequence[Page]) -> tuple[Page, ...]:
    """PDF pages without their running headers and footers and what stands beyond them (a
    footer's second line); plain-text pages lost theirs when split.

    A running line is worded like "Laporan Kinerja (LKj) X 12" (OCR garbles its first word:
    "1 annean Kinerja (LKj) X"), stands at the page's top or bottom edge, and prints a page
    number, or stands at that edge on many pages, or where such lines stand on other pages.
    """
    drop: defaultdict[int, set[int]] = defaultdict(set)
    for found in _running(_candidates(pages), len(pages)):
        drop[found.page] |= _span(pages[found.page], found.index, found.edge)
    return tuple(
        replace(page, lines=tuple(line for k, line in enumerate(page.lines) if k not in drop[p]))
        if p in drop
        else page
        for p, page in enumerate(pages)
    )


def _candidates(pages: Sequence[Page]) -> list[_Candidate]:
    """The lines of PDF pages worded like running lines that stand at a page edge."""
    found: list[_Candidate] = []
    for p, page in enumerate(pages):
        if page.kind == "plain":
            continue
        for index, line in enumerate(page.lines):
            matches = _running_wording(line.text)
            edge = _edge(page, index) if matches else None
            if edge is not None:
                number = next((n for m in matches if (n := _number(m)) is not None), None)
                offset = _offset(page, line, edge)
                found.append(_Candidate(p, index, edge, _shape(line.text), number, offset))
    return found


def _running_wording(text: str) -> list[re.Match[str]]:
    """The running-footer patterns a line matches; none for table rows and short lines."""
    if CELL_BAR_RE.search(text) or len(text.split()) < 3:
        return []
    return [m for m in (FOOTER_RE.match(text), OCR_FOOTER_RE.match(text)) if m]


def _edge(page: Page, index: int) -> Edge | None:
    """The edge a line stands at: in the page's outer band when boxes are known, else among
    its first or last lines."""
    line = page.lines[index]
    if line.bbox is not None and page.height:
        if line.bbox.top >= (1 - EDGE_BAND) * page.height:
            return "bottom"
        return "top" if line.bbox.bottom <= EDGE_BAND * page.height else None
    if index >= len(page.lines) - FOOTER_ZONE:
        return "bottom"
    return "top" if index < HEADER_ZONE else None


def _offset(page: Page, line: Line, edge: Edge) -> float | None:
    """How far a line stands from its edge of the page, in points."""
    if line.bbox is None or not page.height:
        return None
    return page.height - line.bbox.top if edge == "bottom" else line.bbox.top


def _running(candidates: list[_Candidate], pages: int) -> list[_Candidate]:
    """The candidates that are running lines: numbered, or at an edge on enough pages, or
    standing in the place of those (a garbled footer without its number)."""
    per_page = {(c.page, c.edge, c.shape): c for c in candidates}.values()
    on_pages = Counter((c.edge, c.shape) for c in per_page)
    needed = _needed(pages)
    sure = {c for c in candidates if c.number is not None or on_pages[c.edge, c.shape] >= needed}
    slots = {(c.edge, c.offset) for c in sure if c.offset is not None}
    return [c for c in candidates if c in sure or _in_slot(c, slots)]


def _in_slot(candidate: _Candidate, slots: set[tuple[Edge, float]]) -> bool:
    """Whether a candidate stands as far from its edge as a sure running line does."""
    return candidate.offset is not None and any(
        edge == candidate.edge and abs(offset - candidate.offset) <= SLOT_TOLERANCE
        for edge, offset in slots
    )


def _span(page: Page, index: int, edge: Edge) -> set[int]:
    """A running line and what stands beyond it toward its edge (a footer's second line, OCR
    specks): by the boxes when known, else by reading order."""
    line = page.lines[index]
    if line.bbox is None or not page.height:
        return set(range(index, len(page.lines))) if edge == "bottom" else set(range(index + 1))
    return {
        k
        for k, other in enumerate(page.lines)
        if other.bbox is not None and _beyond(other.bbox, line.bbox, edge)
    }


def _beyond(other: BBox, running: BBox, edge: Edge) -> bool:
    """Whether a box's middle stands past a running line's inner side."""
    middle = (other.top + other.bottom) / 2
    return middle >= running.top if edge == "bottom" else middle <= running.bottom
