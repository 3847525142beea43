"""The data model: a Document read from any input, and the typed records parsed from it.

Coordinates follow pdfplumber's vocabulary: ``x0, top, x1, bottom`` in PDF points, origin at
the top-left corner of the page; pages are numbered from 1. Plain-text input has no boxes
(``bbox is None``) but keeps the line number of each figure in the text file.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

InputKind = Literal["pdf-scanned", "pdf-text", "image", "text"]
Severity = Literal["error", "warning", "info", "unverifiable"]
Polarity = Literal["higher", "lower"]

SEVERITIES: tuple[Severity, ...] = ("error", "warning", "unverifiable", "info")

# Section identifiers (DESIGN.md).
SECTIONS = (
    "ikhtisar",
    "rencana-kinerja",
    "pk",
    "pengukuran",
    "realisasi-anggaran",
    "lampiran-pk",
    "rkt",
    "sdm",
    "narrative",
)


@dataclass(frozen=True)
class BBox:
    """A box on a page in PDF points; rejects inverted boxes."""

    x0: float
    top: float
    x1: float
    bottom: float

    def __post_init__(self) -> None:
        if self.x1 < self.x0 or self.bottom < self.top:
            raise ValueError(f"inverted bbox {self}")

    def union(self, other: BBox) -> BBox:
        return BBox(
            min(self.x0, other.x0),
            min(self.top, other.top),
            max(self.x1, other.x1),
            max(self.bottom, other.bottom),
        )

    def as_tuple(self) -> tuple[float, float, float, float]:
        return (self.x0, self.top, self.x1, self.bottom)


# --- the Document: what ingest produces from any input -------------------------------------


@dataclass(frozen=True)
class Word:
    """One word as read, with its box and OCR confidence (0-100) when known."""

    text: str
    bbox: BBox | None = None
    confidence: float | None = None


@dataclass(frozen=True)
class Line:
    """One line of text in reading order; ``number`` is the 1-based line in a text input."""

    text: str
    page: int
    number: int | None = None
    words: tuple[Word, ...] = ()
    bbox: BBox | None = None

    @property
    def confidence(self) -> float | None:
        known = [w.confidence for w in self.words if w.confidence is not None]
        return min(known) if known else None


@dataclass(frozen=True)
class Page:
    """A page: its lines in reading order, and how they were read."""

    number: int
    lines: tuple[Line, ...]
    kind: Literal["text-layer", "ocr", "plain"] = "plain"
    width: float | None = None
    height: float | None = None
    printed_number: int | None = None


@dataclass(frozen=True)
class Document:
    """Every input kind becomes one Document, so all parsers serve scans, PDFs and text alike."""

    source: str
    input_kind: InputKind
    pages: tuple[Page, ...]

    def lines(self) -> Iterator[Line]:
        for page in self.pages:
            yield from page.lines


# --- records: what the parsers produce ---------------------------------------------------


@dataclass(frozen=True)
class Provenance:
    """Where a figure stands: section, 1-based page, box when known, the text as read;
    ``file`` names the file it was read from when a report joins several (an LKj and its
    separately scanned PK number their pages each from 1)."""

    section: str
    page: int | None
    bbox: BBox | None
    raw: str
    line: int | None = None
    file: str | None = None


@dataclass(frozen=True)
class Quantity:
    """A number as printed. ``value is None`` when the cell was unreadable (``raw`` kept).

    ``decimals`` is the printed precision (97.20% has 2), used to compare rounded figures as
    intervals; ``repaired`` is set when OCR noise was corrected to read the value.
    """

    value: int | float | None
    unit: str | None
    provenance: Provenance
    repaired: bool = False
    confidence: float | None = None
    decimals: int = 0

    @property
    def readable(self) -> bool:
        return self.value is not None


@dataclass(frozen=True)
class Indicator:
    """One row of a PK, plan or measurement table."""

    section: str
    no: str | None
    sasaran: str
    indikator: str
    target: Quantity | None
    realisasi: Quantity | None = None
    capaian: Quantity | None = None
    polarity: Polarity = "higher"
    provenance: Provenance | None = None

    @property
    def name(self) -> str:
        """Sasaran and indikator together: what alignment matches on."""
        return f"{self.sasaran} {self.indikator}".strip()


@dataclass(frozen=True)
class BudgetLine:
    """A line item of a budget table: kegiatan of a program, with allocation and realisation."""

    section: str
    program: str | None
    code: str | None
    name: str
    allocation: Quantity | None
    realisation: Quantity | None = None
    provenance: Provenance | None = None


@dataclass(frozen=True)
class StatedFigure:
    """A figure stated once in the report: a total row, or a figure in prose.

    ``key`` says what the figure is, so that rules can compare figures across sections. Keys:

    - ``allocation`` / ``realisation`` / ``absorption``: pagu, realisasi and % serapan of the
      whole budget (``scope`` None) or of one program (``scope`` = program code such as "XY",
      or program name when no code is printed). A whole-budget figure whose sentence lists its
      programs ("Program A (XY) dan Program B (ZW)") has ``group`` = "XY+ZW".
    - ``table-total-allocation`` / ``table-total-realisation``: the total row of a budget table;
      ``scope`` = the program the table belongs to; ``group`` names the table.
    - ``rkt-program`` / ``rkt-total``: an RKT program's budget and its JUMLAH row (``group`` =
      the program), ``rkt-grand-total``: the RKT's overall (APBN) figure.
    - ``staff-total``, ``staff-asn``, ``staff-non-asn``: staff counts; ``staff-share`` (scope
      "asn" / "non-asn"): a share in percent.
    - ``indicator-count``: a count of indicators claimed in prose (``scope`` = section).
    """

    key: str
    label: str
    quantity: Quantity
    scope: str | None = None
    group: str | None = None


@dataclass(frozen=True)
class Part:
    label: str
    quantity: Quantity


@dataclass(frozen=True)
class Breakdown:
    """Parts that should add up to a stated total, e.g. staff by education vs all staff.

    ``of`` names what the parts break down (``staff-total`` or ``staff-asn``): the rule compares
    the parts with the stated figure of that key when ``stated_total`` is None.
    """

    label: str
    parts: tuple[Part, ...]
    stated_total: Quantity | None = None
    of: str | None = None


@dataclass(frozen=True)
class Claim:
    """A qualitative claim in prose, e.g. that all indicators reached their target."""

    kind: Literal["all-achieved", "efficient"]
    text: str
    provenance: Provenance
    subject: str | None = None


@dataclass
class Report:
    """Everything parsed from one report; rules see only this."""

    source: str
    input_kind: InputKind
    pages: int
    entity: str | None = None
    year: int | None = None
    indicators: list[Indicator] = field(default_factory=list)
    budget: list[BudgetLine] = field(default_factory=list)
    figures: list[StatedFigure] = field(default_factory=list)
    breakdowns: list[Breakdown] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    years: list[Quantity] = field(default_factory=list)

    def indicators_in(self, section: str) -> list[Indicator]:
        return [i for i in self.indicators if i.section == section]

    def figures_with(self, key: str) -> list[StatedFigure]:
        return [f for f in self.figures if f.key == key]


# --- findings ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Citation:
    """One figure a finding compares: what it is, and the Quantity with its provenance."""

    label: str
    quantity: Quantity


@dataclass(frozen=True)
class Message:
    """A message as a template key and its parameters, worded in any language when shown.

    A parameter is a language-neutral text or number, or a nested Message (a fragment).
    """

    key: str
    params: tuple[tuple[str, str | int | float | Message], ...] = ()


@dataclass(frozen=True)
class Finding:
    """``message`` is in English (the JSON contract); ``text`` words it in other languages."""

    rule: str
    severity: Severity
    message: str
    values: tuple[Citation, ...]
    difference: int | float | None = None
    text: Message | None = None
