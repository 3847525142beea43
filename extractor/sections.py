"""Which lines of a Document belong to which section of the report (DESIGN.md identifiers)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .models import Document, Line

MAX_HEADING_WORDS = 9
MAX_HEADING_CHARS = 80

# (pattern, section) in order of precedence; matched against heading-like lines only.
HEADING_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), section)
    for pattern, section in (
        (r"\brencana\s+kerja\s+tahunan\b|^\W*rkt\b", "rkt"),
        (r"\b(ikhtisar|ringkasan)\s+eks", "ikhtisar"),
        (r"\bperjanjian\s+kinerja\b|\bpenetapan\s+kinerja\b", "pk"),
        (r"\brencana\s+kinerja\b", "rencana-kinerja"),
        (r"\bpengukuran\s+(capaian\s+)?kinerja\b|\bcapaian\s+kinerja\s+organisasi\b", "pengukuran"),
        (r"\brealisasi\s+anggaran\b|\bakuntabilitas\s+keuangan\b", "realisasi-anggaran"),
        (r"\bsumber\s+daya\s+manusia\b|\bdata\s+pegawai\b|\bkepegawaian\b", "sdm"),
        (r"^\W*lampiran\b", "lampiran"),
        (r"^\W*bab\s+[ivxl1|]+\b|\bpendahuluan\b|\bpenutup\b|\bkata\s+pengantar\b", "narrative"),
        (r"^\W*[a-h]\.\s+\w|\brencana\s+strategis\b|\bsistematika\b", "narrative"),
    )
)


@dataclass(frozen=True)
class SectionSpan:
    """A run of consecutive lines of one section, starting at its heading."""

    section: str
    lines: tuple[Line, ...]
    heading: Line | None = None


def is_heading(line: Line) -> bool:
    """Short lines, in capitals or numbered like "B. REALISASI ANGGARAN", can open a section."""
    text = line.text.strip()
    words = text.split()
    if not words or len(words) > MAX_HEADING_WORDS or len(text) > MAX_HEADING_CHARS:
        return False
    letters = [c for c in text if c.isalpha()]
    upper_share = sum(c.isupper() for c in letters) / max(len(letters), 1)
    titled = all(w[:1].isupper() or not w[:1].isalpha() for w in words)
    return (
        upper_share >= 0.6
        or re.match(r"^\W*[A-H]\.\s", text) is not None
        or (titled and len(words) <= 4)
    )


def heading_section(line: Line, in_appendix: bool) -> str | None:
    """The section a heading line opens, or None when the line is no heading."""
    if not is_heading(line):
        return None
    for pattern, section in HEADING_RULES:
        if pattern.search(line.text):
            if section == "pk" and in_appendix:
                return "lampiran-pk"
            return section
    return None


def split_sections(document: Document) -> list[SectionSpan]:
    """Cut the Document into section spans; text before any heading is narrative."""
    spans: list[SectionSpan] = []
    current, heading, lines = "narrative", None, []
    in_appendix = False
    for line in document.lines():
        section = heading_section(line, in_appendix)
        if section == "lampiran":
            in_appendix, section = True, "narrative"
        elif section == "narrative" and re.match(r"^\W*bab\b", line.text, re.IGNORECASE):
            in_appendix = False
        if section is not None and (section != current or _restarts(section)):
            if lines:
                spans.append(SectionSpan(current, tuple(lines), heading))
            current, heading, lines = section, line, []
        lines.append(line)
    if lines:
        spans.append(SectionSpan(current, tuple(lines), heading))
    return spans


def _restarts(section: str) -> bool:
    """Sections whose repeated heading starts a separate table (a second PK, a second RKT)."""
    return section in ("lampiran-pk", "rkt")
