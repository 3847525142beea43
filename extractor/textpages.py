"""Split plain OCR text into pages: form feeds, page footers, blank runs and page-start indents."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from .models import Line, Page

BLANK_RUN_BREAK = 3  # this many blank lines in a row end a page
FOOTER_MIN_REPEATS = 2  # a running footer/header text repeats on at least this many pages
FOOTER_RE = re.compile(
    r"^\s*(?:laporan\s+(?:kinerja|akuntabilitas)|lkj\w*|lakip|lkip)\b.*?(?:\s(\d{1,3}))?\s*$",
    re.IGNORECASE,
)
FOOTER_ZONE = 3  # a PDF page's running footer stands among its last lines
# An OCR'd running footer, its first word often garbled: "1 annean Kinerja (LKj) Sekretariat .. 4".
OCR_FOOTER_RE = re.compile(
    r"^\W*(?:\w{1,2}\s+)?[A-Za-z]{4,9}\s+\w{3,8}\s*\(L[Kk]\w?\)+\s+[A-Z].*?(?:\s(\d{1,3}))?\W*$"
)
CELL_BAR_RE = re.compile(r"\w\s*\|\s*\w")  # "Capaian | 95%": cells of a table row
FOOTER_SECOND_RE = re.compile(r"\btahun\s+\d{4}\W*$", re.IGNORECASE)  # "KPU Kota X Tahun 2024"
PAGE_START_RE = re.compile(r"^ \S")  # OCR output indents the first line of a page by one space


@dataclass(frozen=True)
class _Footer:
    printed_number: int | None
    continuation: bool  # the line after a footer that repeats too ("Kabupaten X Tahun 2024")


def _shape(text: str) -> str:
    """A line with its digits removed: running footers share a shape."""
    return re.sub(r"\d+", "#", re.sub(r"\s*\d+\s*$", "", text.strip().lower()))


def _find_footers(raw_lines: list[str]) -> dict[int, _Footer]:
    """Index of each footer line and of its continuation line.

    A continuation line repeats under footers and nowhere else: a table header repeated on the
    page after a footer stands above the table's first rows too.
    """
    shapes = Counter(_shape(t) for t in raw_lines if t.strip())
    footers: dict[int, _Footer] = {}
    for i, text in enumerate(raw_lines):
        match = FOOTER_RE.match(text)
        if match and len(text.split()) >= 3 and shapes[_shape(text)] >= FOOTER_MIN_REPEATS:
            number = match.group(1)
            footers[i] = _Footer(int(number) if number else None, continuation=False)
    under = {
        following
        for i in footers
        if (following := _next_nonblank(raw_lines, i + 1, within=2)) is not None
        and not FOOTER_RE.match(raw_lines[following])
    }
    under_shapes = Counter(_shape(raw_lines[i]) for i in under)
    for i in under:
        shape = _shape(raw_lines[i])
        if FOOTER_MIN_REPEATS <= under_shapes[shape] == shapes[shape]:
            footers[i] = _Footer(None, continuation=True)
    return footers


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
            if blanks >= BLANK_RUN_BREAK or (PAGE_START_RE.match(chunk) and current):
                close()
            blanks = 0
            current.append(Line(chunk.strip(), len(pages) + 1, number=index + 1))
    close()
    return tuple(pages)


def _continued(footers: dict[int, _Footer], raw_lines: list[str], index: int) -> bool:
    """Whether a footer line is followed by its repeated continuation line."""
    following = _next_nonblank(raw_lines, index + 1, within=2)
    return following is not None and following in footers and footers[following].continuation


def drop_footers(pages: Sequence[Page]) -> tuple[Page, ...]:
    """PDF pages without their running footer and what stands below it (its second line).

    A footer is among the last lines of a page, looks like "Laporan Kinerja (LKj) X 12" and
    ends in a page number or repeats on other pages; OCR garbles its first word ("1 annean
    Kinerja (LKj) Dinas X") and may set it mid-page, with its number, above a table's last rows.
    Plain-text pages lost theirs when split.
    """
    shapes = Counter(_shape(line.text) for page in pages for line in page.lines)
    return tuple(page if page.kind == "plain" else _without_footer(page, shapes) for page in pages)


def _without_footer(page: Page, shapes: Counter[str]) -> Page:
    lines = page.lines
    for index, line in enumerate(lines):
        in_zone = index >= len(lines) - FOOTER_ZONE
        if not _is_footer(line.text, shapes, in_zone):
            continue
        if in_zone:
            return replace(page, lines=lines[:index])
        end = index + 2 if index + 1 < len(lines) and _second_line(lines[index + 1]) else index + 1
        return replace(page, lines=lines[:index] + lines[end:])
    return page


def _is_footer(text: str, shapes: Counter[str], in_zone: bool) -> bool:
    """Whether a line is the running footer: among the last lines, or OCR'd with its number."""
    if CELL_BAR_RE.search(text) or len(text.split()) < 3:
        return False
    match = FOOTER_RE.match(text)
    if match and in_zone and (match.group(1) or shapes[_shape(text)] >= FOOTER_MIN_REPEATS):
        return True
    match = OCR_FOOTER_RE.match(text)
    return match is not None and (in_zone or match.group(1) is not None)


def _second_line(line: Line) -> bool:
    """The footer's second line ("Dinas X Tahun 2024"), not a table row."""
    return "|" not in line.text and FOOTER_SECOND_RE.search(line.text) is not None
