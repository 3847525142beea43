"""Made-up OCR text turned into numbered Lines and Documents for the parser tests."""

from __future__ import annotations

import textwrap
from dataclasses import replace

from extractor.layout import make_line
from extractor.models import BBox, Document, Line, Page, Word
from extractor.tables import SEPARATOR


def lines_of(text: str, page: int = 1, first: int = 1) -> list[Line]:
    """The non-blank lines of a dedented block, numbered from ``first`` as in a text file.

    Blank lines are dropped (as ``split_pages`` drops them) but still count in the numbering,
    so a blank gap keeps separating paragraphs.
    """
    block = textwrap.dedent(text).strip("\n")
    return [
        Line(raw.strip(), page, number=first + offset)
        for offset, raw in enumerate(block.split("\n"))
        if raw.strip()
    ]


def table_lines_of(text: str, page: int = 1) -> list[Line]:
    """Like ``lines_of``, but a line with " | " is a row a table finder built: its cells are
    boxed words and its cell borders zero-width separator words."""
    lines = []
    for line in lines_of(text, page):
        if " | " not in line.text:
            lines.append(line)
            continue
        words, x = [], 0.0
        for token in line.text.split():
            width = 0.0 if token == SEPARATOR else 6.0 * len(token)
            words.append(Word(token, BBox(x, 10.0, x + width, 20.0), 95.0))
            x += width + 4.0
        lines.append(replace(make_line(words, page), number=line.number))
    return lines


def document(*pages: str, source: str = "made-up.txt") -> Document:
    """A plain-text Document, one page per block; line numbers run on across pages."""
    built: list[Page] = []
    first = 1
    for number, text in enumerate(pages, start=1):
        lines = lines_of(text, page=number, first=first)
        first += len(textwrap.dedent(text).strip("\n").split("\n")) + 1
        built.append(Page(number, tuple(lines), "plain"))
    return Document(source, "text", tuple(built))


def line_numbered(lines: list[Line], text: str) -> Line:
    """The one line whose text contains ``text`` (for asserting provenance)."""
    found = [line for line in lines if text in line.text]
    assert len(found) == 1, f"{text!r} found on {len(found)} lines"
    return found[0]
