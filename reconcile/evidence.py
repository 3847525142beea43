"""Evidence of a cited figure: its region of the page image, boxed in red, or its OCR text lines.

PDFs (scanned or digital) are rendered with pypdfium2 and images read with PIL; the figure's
``bbox`` (PDF points, ``x0, top, x1, bottom``) is scaled to pixels, widened by some page around
it and cropped. The red box stays off the glyphs of the figure and of the lines above and below
(it fits the gap between lines of running text), so the figure reads as it does on the page.
Plain OCR text has no image: the evidence is the text lines around the cited one.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageDraw

from extractor.images import _dpi as image_dpi
from extractor.ingest import IMAGE_SUFFIXES, PDF_MAGIC
from extractor.models import BBox, Quantity, Report
from extractor.ocr import DESKEW_MIN_ANGLE, skew_angle
from extractor.settings import MAX_DPI, MIN_DPI, IngestSettings

DEFAULT_DPI = 150
DEFAULT_MARGIN_X = 144.0  # points of page left and right of the figure (two inches)
DEFAULT_MARGIN_Y = 24.0  # points above and below: about a line of table either side
DEFAULT_CONTEXT_LINES = 3  # text lines before and after the cited line
BOX_COLOUR = (220, 0, 0)
# Points of page between the figure's box and its red box, and the red line's width (≥ 2 pixels):
# 2 points in all stay within the ~3.5 points between two lines of running text.
BOX_GAP = 1.0
BOX_WIDTH = 1.0
SOURCE_SEPARATOR = " + "  # how check_files joins the sources of one report


@dataclass(frozen=True)
class EvidenceSettings:
    """How much of the page a crop shows and at what resolution; ``ingest`` as the check read it.

    ``ingest.dpi`` matters for images without a recorded resolution: their boxes were scaled
    at that dpi.
    """

    dpi: int = DEFAULT_DPI
    margin_x: float = DEFAULT_MARGIN_X
    margin_y: float = DEFAULT_MARGIN_Y
    context_lines: int = DEFAULT_CONTEXT_LINES
    ingest: IngestSettings = field(default_factory=IngestSettings)

    def __post_init__(self) -> None:
        if not MIN_DPI <= self.dpi <= MAX_DPI:
            raise ValueError(f"dpi must be between {MIN_DPI} and {MAX_DPI}, got {self.dpi}")
        if self.margin_x < 0 or self.margin_y < 0:
            raise ValueError(f"margins must not be negative, got {self.margin_x}, {self.margin_y}")
        if self.context_lines < 0:
            raise ValueError(f"context_lines must not be negative, got {self.context_lines}")


@dataclass(frozen=True)
class ExcerptLine:
    """A line of an OCR text file, 1-based; ``cited`` marks the line the figure stands on."""

    number: int
    text: str
    cited: bool = False


PixelBox = tuple[int, int, int, int]  # x0, top, x1, bottom in pixels of a crop


@dataclass(frozen=True)
class Evidence:
    """A PNG crop of the page (PDF, image) or the text lines around the figure (OCR text).

    ``figure`` is where the figure stands in the PNG, its red box ``BOX_GAP`` points outside it.
    """

    source: Path
    png: bytes | None = None
    lines: tuple[ExcerptLine, ...] = ()
    figure: PixelBox | None = None


def report_sources(report: Report) -> tuple[Path, ...]:
    """The files a report was read from (``check_files`` joins several with `` + ``)."""
    return tuple(Path(part) for part in report.source.split(SOURCE_SEPARATOR))


def evidence_for(
    quantity: Quantity, sources: Sequence[Path], settings: EvidenceSettings | None = None
) -> Evidence | None:
    """The evidence of one figure, or None when its place or its source file is not known."""
    settings = settings or EvidenceSettings()
    source = source_of(quantity, sources)
    if source is None:
        return None
    p = quantity.provenance
    if p.bbox is not None and p.page is not None:
        return crop_figure(source, p.page, p.bbox, settings)
    if p.line is not None:
        return Evidence(source, lines=text_excerpt(source, p.line, settings.context_lines))
    return None


def source_of(quantity: Quantity, sources: Sequence[Path]) -> Path | None:
    """The file ``quantity`` was read from: the only one of its kind, else the one whose text
    at the figure's place shows its raw text (never a guess between scans)."""
    p = quantity.provenance
    if p.file is not None:
        named = [s for s in sources if s.name == p.file and s.exists()]
        if len(named) == 1:
            return named[0]
    if p.bbox is not None and p.page is not None:
        candidates = [s for s in sources if s.exists() and kind_of(s) != "text"]
    elif p.line is not None:
        candidates = [s for s in sources if s.exists() and kind_of(s) == "text"]
    else:
        return None
    if len(candidates) <= 1:
        return candidates[0] if candidates else None
    return next((s for s in candidates if _shows_raw(s, quantity)), None)


def kind_of(source: Path) -> str:
    """``pdf``, ``image`` or ``text``, as ingest tells them apart."""
    with source.open("rb") as fp:
        head = fp.read(len(PDF_MAGIC))
    if head == PDF_MAGIC or source.suffix.lower() == ".pdf":
        return "pdf"
    return "image" if source.suffix.lower() in IMAGE_SUFFIXES else "text"


def _shows_raw(source: Path, quantity: Quantity) -> bool:
    """Whether the text at the figure's place in ``source`` contains its raw text."""
    p = quantity.provenance
    wanted = "".join(p.raw.split())
    if p.bbox is None:
        lines = _text_lines(str(source))
        found = lines[p.line - 1] if p.line is not None and 0 < p.line <= len(lines) else ""
    elif kind_of(source) == "pdf" and p.page is not None:
        found = _pdf_text_at(str(source), p.page, p.bbox)
    else:
        return False
    return bool(wanted) and wanted in "".join(found.split())


def _pdf_text_at(source: str, page: int, bbox: BBox) -> str:
    """The text layer inside ``bbox`` on a page (empty for scans and pages out of range)."""
    pdf = pdfium.PdfDocument(source)
    try:
        if not 0 < page <= len(pdf):
            return ""
        pdf_page = pdf[page - 1]
        height = pdf_page.get_height()
        text = pdf_page.get_textpage().get_text_bounded(
            bbox.x0 - 1, height - bbox.bottom - 1, bbox.x1 + 1, height - bbox.top + 1
        )
        return text
    finally:
        pdf.close()


def crop_figure(source: Path, page: int, bbox: BBox, settings: EvidenceSettings) -> Evidence:
    """The figure's region of the page with some page around it, the figure marked."""
    image, scale = page_image(str(source), page, settings)
    px = [v * scale for v in bbox.as_tuple()]
    mx, my = settings.margin_x * scale, settings.margin_y * scale
    region = (
        max(0, int(px[0] - mx)),
        max(0, int(px[1] - my)),
        min(image.width, int(px[2] + mx + 1)),
        min(image.height, int(px[3] + my + 1)),
    )
    crop = image.crop(region)
    figure = (
        max(0, round(px[0]) - region[0]),
        max(0, round(px[1]) - region[1]),
        min(crop.width, round(px[2]) - region[0]),
        min(crop.height, round(px[3]) - region[1]),
    )
    box_figure(crop, figure, scale)
    buffer = io.BytesIO()
    crop.save(buffer, format="PNG")
    return Evidence(source, png=buffer.getvalue(), figure=figure)


def box_figure(image: Image.Image, figure: PixelBox, scale: float) -> None:
    """Draw a red box ``BOX_GAP`` points outside ``figure``, its pixels untouched."""
    width = max(2, round(BOX_WIDTH * scale))
    gap = round(BOX_GAP * scale) + width  # PIL draws the line inside the box's bounds
    box = (figure[0] - gap, figure[1] - gap, figure[2] + gap, figure[3] + gap)
    ImageDraw.Draw(image).rectangle(box, outline=BOX_COLOUR, width=width)


def page_image(source: str, page: int, settings: EvidenceSettings) -> tuple[Image.Image, float]:
    """The page as an RGB image at ``settings.dpi``, and its scale in pixels per point."""
    return _load_page(source, Path(source).stat().st_mtime_ns, page, settings)


@lru_cache(maxsize=4)  # findings cite a few pages many times over
def _load_page(
    source: str, _mtime: int, page: int, settings: EvidenceSettings
) -> tuple[Image.Image, float]:
    path = Path(source)
    if kind_of(path) == "pdf":
        image, scale, scanned = _render_pdf_page(path, page, settings)
    else:
        (image, scale), scanned = _image_frame(path, page, settings), True
    return (deskewed(image, settings.dpi) if scanned else image), scale


def deskewed(image: Image.Image, dpi: int) -> Image.Image:
    """The page turned as ingest turns a scan before OCR, so that OCR boxes fall on it."""
    angle = skew_angle(np.asarray(image.convert("L")), dpi)
    if abs(angle) <= DESKEW_MIN_ANGLE:
        return image
    return image.rotate(-angle, resample=Image.Resampling.BILINEAR, fillcolor=(255, 255, 255))


def _render_pdf_page(
    path: Path, page: int, settings: EvidenceSettings
) -> tuple[Image.Image, float, bool]:
    """The page at ``settings.dpi``, its scale, and whether it is a scan (next to no text)."""
    pdf = pdfium.PdfDocument(path)
    try:
        if not 0 < page <= len(pdf):
            raise ValueError(f"{path} has {len(pdf)} pages, not page {page}")
        scale = settings.dpi / 72
        pdf_page = pdf[page - 1]
        image = pdf_page.render(scale=scale).to_pil().convert("RGB")
        scanned = pdf_page.get_textpage().count_chars() < settings.ingest.min_text_chars
    finally:
        pdf.close()
    return image, scale, scanned


def _image_frame(path: Path, page: int, settings: EvidenceSettings) -> tuple[Image.Image, float]:
    """Frame ``page`` of an image in RGB, resized from its resolution (as ingest read it)."""
    with Image.open(path) as image:
        image.seek(page - 1)
        zoom = settings.dpi / image_dpi(image, settings.ingest)
        size = (round(image.width * zoom), round(image.height * zoom))
        return image.convert("RGB").resize(size, Image.Resampling.LANCZOS), settings.dpi / 72


def text_excerpt(source: Path, line: int, context: int) -> tuple[ExcerptLine, ...]:
    """Lines ``line - context`` to ``line + context`` of a text file, the cited one marked."""
    lines = _text_lines(str(source))
    first, last = max(1, line - context), min(len(lines), line + context)
    return tuple(
        ExcerptLine(n, lines[n - 1].rstrip(), cited=n == line) for n in range(first, last + 1)
    )


def _text_lines(source: str) -> list[str]:
    """The lines of a text file, numbered as ingest numbers them (form feeds dropped)."""
    return _read_lines(source, Path(source).stat().st_mtime_ns)


@lru_cache(maxsize=4)
def _read_lines(source: str, _mtime: int) -> list[str]:
    data = Path(source).read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return [line.replace("\f", " ") for line in lines]
