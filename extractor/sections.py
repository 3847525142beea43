"""Which lines of a Document belong to which section of the report (DESIGN.md identifiers)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from .models import Document, Line
from .textpages import drop_footers

MAX_HEADING_WORDS = 9
MAX_HEADING_CHARS = 80
LONG_TITLE_WORDS = 16  # "RENCANA KERJA TAHUNAN DINAS ... KABUPATEN X": opens a section at its start
# An institution's name ("BADAN KEPEGAWAIAN DAN ... KABUPATEN X") opens no section.
INSTITUTION_RE = re.compile(
    r"^\W*(badan|dinas|kantor|sekretariat|komisi|inspektorat|satuan|biro|pemerintah|"
    r"kementerian|lembaga|rumah\s+sakit|kecamatan|kelurahan)\b",
    re.IGNORECASE,
)
CELL_BAR_RE = re.compile(r"\w\s*\|\s*\w")  # "Kepegawaian | Kepegawaian": cells of a row
# "BAB IV", "BAB Il", "BAB |" (OCR of "BAB I"): a lookahead, as "|" has no \b after it.
CHAPTER = r"bab\s+[ivxl1|]+(?!\w)"
TABLE_ROW_END_RE = re.compile(r"\d\s*%?\W{0,2}$")  # a row ending in a number cell
NUMBERED_RE = re.compile(r"^\s*\d{1,2}(\.\d{1,2}){1,3}\.?\s+\S")  # "2.3." / "3.1.1"
DOT_LEADER_RE = re.compile(r"\.{4,}|…")
SOURCE_NOTE_RE = re.compile(r"^\W*sumber\s*:", re.IGNORECASE)  # "Sumber : DPA 2022" under a table
# A prose line that breaks before its last word ("... Keberhasilan ataupun"): the next line,
# capitalised or not, continues it.
CONTINUED_RE = re.compile(
    r"\b(dan|atau|ataupun|serta|yang|dengan|untuk|dalam|dari|pada|terhadap|oleh|di|ke)$",
    re.IGNORECASE,
)

# (pattern, section) in order of precedence; matched against heading-like lines only.
HEADING_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), section)
    for pattern, section in (
        # "II. PERENCANAAN DAN PERJANJIAN KINERJA": the planning chapter, its PK a subsection
        (r"^\W*(?:bab\s+)?[ivxl1|]+\s*[.:]?\s*perencanaan\b", "narrative"),
        (r"\brencana\s+kerja\s+tahunan\b|^\W*rkt\b", "rkt"),
        (r"\b(ikhtisar|ringkasan)\s+eks", "ikhtisar"),
        (r"\bperjanjian\s+kinerja\b|\bpenetapan\s+kinerja\b", "pk"),
        (r"\brencana\s+kinerja\b", "rencana-kinerja"),
        (r"\bpengukuran\s+(capaian\s+)?kinerja\b|\bcapaian\s+kinerja\s+organisasi\b", "pengukuran"),
        (r"\brealisasi\s+anggaran\b|\bakuntabilitas\s+keuangan\b", "realisasi-anggaran"),
        (r"\bsumber\s+daya\s+manusia\b|\bdata\s+pegawai\b|\bkepegawaian\b", "sdm"),
        (r"^\W*lampiran\b", "lampiran"),
        (rf"^\W*{CHAPTER}|\bpendahuluan\b|\bpenutup\b|\bkata\s+pengantar\b", "narrative"),
        (r"^\W*[a-h]\.\s+\w|\brencana\s+strategis\b|\bsistematika\b", "narrative"),
    )
)

# OCR garbles headings ("Ik 1SAR EKSEKU rir"): capitalised or lettered lines the rules miss are
# compared, as bare capital letters, with these titles.
CANONICAL_HEADINGS: tuple[tuple[str, str], ...] = (
    ("IKHTISAR EKSEKUTIF", "ikhtisar"),
    ("RINGKASAN EKSEKUTIF", "ikhtisar"),
    ("SUMBER DAYA MANUSIA", "sdm"),
    ("RENCANA KINERJA", "rencana-kinerja"),
    ("PERJANJIAN KINERJA", "pk"),
    ("PENGUKURAN CAPAIAN KINERJA", "pengukuran"),
    ("PENGUKURAN CAPAIAN KINERJA ORGANISASI", "pengukuran"),
    ("REALISASI ANGGARAN", "realisasi-anggaran"),
    ("LAMPIRAN", "lampiran"),
    ("RENCANA KERJA TAHUNAN", "rkt"),
    ("KATA PENGANTAR", "narrative"),
    ("PENDAHULUAN", "narrative"),
    ("LATAR BELAKANG", "narrative"),
    ("PERENCANAAN KINERJA", "narrative"),
    ("RENCANA STRATEGIS", "narrative"),
    ("AKUNTABILITAS KINERJA", "narrative"),
    ("PENUTUP", "narrative"),
)
# The chapters of an LKj in their fixed order: a weaker match is taken when it comes next.
CHAPTER_ORDER = (
    "ikhtisar",
    "sdm",
    "rencana-kinerja",
    "pk",
    "pengukuran",
    "realisasi-anggaran",
    "lampiran",
)
FUZZY_SURE = 75  # "LAPORAN KINERJA" scores 71 against "RENCANA KINERJA"
FUZZY_NEXT = 60  # a title that comes next in CHAPTER_ORDER
FUZZY_NEXT_LETTERED = 45  # "B. ReeHeaci Anccorgn" right after the pengukuran
MIN_FUZZY_LETTERS = 5
FUZZY_PREFIX_RE = re.compile(rf"^\W*(?:[a-h]\.|{CHAPTER})", re.IGNORECASE)
LETTERED_RE = re.compile(r"^\W*[A-H]\.\s")


@dataclass(frozen=True)
class SectionSpan:
    """A run of consecutive lines of one section, starting at its heading."""

    section: str
    lines: tuple[Line, ...]
    heading: Line | None = None


def is_heading(line: Line) -> bool:
    """Short lines, in capitals or numbered like "B. REALISASI ANGGARAN", can open a section."""
    return _strong_heading(line) or _titled_heading(line)


def _strong_heading(line: Line) -> bool:
    """A short line in capitals or lettered like "B. Realisasi Anggaran"."""
    text = line.text.strip()
    words = text.split()
    if not words or len(words) > MAX_HEADING_WORDS or len(text) > MAX_HEADING_CHARS:
        return False
    letters = [c for c in text if c.isalpha()]
    upper_share = sum(c.isupper() for c in letters) / max(len(letters), 1)
    return upper_share >= 0.6 or re.match(r"^\W*[A-H]\.\s", text) is not None


def _titled_heading(line: Line) -> bool:
    """A line of at most four capitalised words ("Sumber Daya Manusia"), or a numbered title
    ("2.3. Perjanjian Kinerja Tahun 2022"; not its table-of-contents entry "... 15")."""
    words = line.text.split()
    if CELL_BAR_RE.search(line.text):
        return False
    if NUMBERED_RE.match(line.text) and not DOT_LEADER_RE.search(line.text):
        return len(words) <= MAX_HEADING_WORDS and words[1][:1].isupper()
    return 0 < len(words) <= 4 and all(w[:1].isupper() or not w[:1].isalpha() for w in words)


def _long_capital_title(line: Line) -> bool:
    """A capitalised title longer than a heading: a section name and a long agency name."""
    words = line.text.split()
    letters = [c for c in line.text if c.isalpha()]
    upper = sum(c.isupper() for c in letters) >= 0.9 * max(len(letters), 1)
    return upper and MAX_HEADING_WORDS < len(words) <= LONG_TITLE_WORDS


def _table_cell(line: Line, previous: Line | None) -> bool:
    """A titled line right under a table row ("... 90%" or "a | b") is a wrapped cell."""
    if previous is None or previous.page != line.page or _strong_heading(line):
        return False
    if SOURCE_NOTE_RE.match(previous.text) or NUMBERED_RE.match(line.text):
        return False
    return "|" in previous.text or TABLE_ROW_END_RE.search(previous.text) is not None


def _continued(line: Line, previous: Line | None) -> bool:
    """A titled line that ends the sentence of the line above ("... ataupun" / "Kegagalan
    Pencapaian Perjanjian Kinerja") opens no section."""
    if previous is None or previous.page != line.page or _strong_heading(line):
        return False
    return CONTINUED_RE.search(previous.text.strip()) is not None


def _table_row(line: Line) -> bool:
    """A row of cells ending in a number ("PENGUKURAN KINERJA | 30,00") is no heading."""
    text = line.text
    return CELL_BAR_RE.search(text) is not None and TABLE_ROW_END_RE.search(text) is not None


def heading_section(line: Line, in_appendix: bool) -> str | None:
    """The section a heading line opens, or None when the line is no heading."""
    if INSTITUTION_RE.match(line.text):
        return None
    long_title = _long_capital_title(line)
    if not is_heading(line) and not long_title:
        return None
    for pattern, section in HEADING_RULES:
        match = pattern.search(line.text)
        if match and (not long_title or is_heading(line) or not line.text[: match.start()].strip()):
            if section == "pk" and in_appendix:
                return "lampiran-pk"
            return section
    return None


def _letters(text: str) -> str:
    """A title as bare capital letters, without "B." or "BAB IV" and from "TAHUN" on."""
    text = re.sub(r"\btahun\b.*$", "", FUZZY_PREFIX_RE.sub("", text), flags=re.IGNORECASE)
    return re.sub(r"[^A-Z]", "", text.upper())


def fuzzy_section(line: Line, chapter: int = -1, current: str = "narrative") -> str | None:
    """The section of a garbled heading, given the index in CHAPTER_ORDER reached so far.

    A close match is taken anywhere, a weaker one when its chapter comes next, and a lettered
    heading ("B. ...") matching weakly when it follows the chapter before it directly.
    """
    letters = _letters(line.text)
    if len(letters) < MIN_FUZZY_LETTERS or INSTITUTION_RE.match(line.text):
        return None
    if not _strong_heading(line) and not _long_capital_title(line):
        return None
    score, section = max(
        (fuzz.ratio(letters, title.replace(" ", "")), section)
        for title, section in CANONICAL_HEADINGS
    )
    if score >= FUZZY_SURE:
        return section
    index = CHAPTER_ORDER.index(section) if section in CHAPTER_ORDER else -1
    if not 0 < index - chapter <= 2:
        return None
    follows = index > 0 and current == CHAPTER_ORDER[index - 1] and chapter == index - 1
    lettered = follows and LETTERED_RE.match(line.text) is not None
    return section if score >= (FUZZY_NEXT_LETTERED if lettered else FUZZY_NEXT) else None


def _line_section(line: Line, previous: Line | None, state: tuple[bool, int, str]) -> str | None:
    """The section a line opens: by the rules, else as a garbled heading."""
    if _table_cell(line, previous) or _continued(line, previous) or _table_row(line):
        return None
    in_appendix, chapter, current = state
    section = heading_section(line, in_appendix)
    if section is None or (section == "narrative" and LETTERED_RE.match(line.text)):
        guessed = fuzzy_section(line, chapter, current)
        section = "lampiran-pk" if guessed == "pk" and in_appendix else guessed or section
    return section


def split_sections(document: Document) -> list[SectionSpan]:
    """Cut the Document into section spans; text before any heading is narrative."""
    spans: list[SectionSpan] = []
    current, heading, lines = "narrative", None, []
    in_appendix, chapter = False, -1
    previous: Line | None = None
    for line in (line for page in drop_footers(document.pages) for line in page.lines):
        section = _line_section(line, previous, (in_appendix, chapter, current))
        previous = line
        if section in CHAPTER_ORDER:
            chapter = max(chapter, CHAPTER_ORDER.index(section))
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
