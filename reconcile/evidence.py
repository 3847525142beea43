"""Evidence of a cited figure: its region of the page image, boxed in red, or its OCR text lines.

PDFs (scanned or digital) are rendered with pypdfium2 and images read with PIL; the figure's
``bbox`` (PDF points, ``x0, top, x1, bottom``) is scaled to pixels, widened by some page around
it and cropped. Plain OCR text has no image: the evidence is the text lines around the cited one.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, ImageDraw

from extractor.images import _dpi as image_dpi
from extractor.ingest import IMAGE_SUFFIXES, PDF_MAGIC
from extractor.models import BBox, Quantity, Report
from extractor.settings import MAX_DPI, MIN_DPI, IngestSettings

DEFAULT_DPI = 150
DEFAULT_MARGIN_X = 144.0  # points of page left and right of the figure (two inches)
DEFAULT_MARGIN_Y = 24.0  # points above and below: about a line of table either side
DEFAULT_CONTEXT_LINES = 3  # text lines before and after the cited line
BOX_COLOUR = (220, 0, 0)
BOX_PADDING = 2.0  # points between the figure and its red box
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


@dataclass(frozen=True)
class Evidence:
    """A PNG crop of the page (PDF, image) or the text lines around the figure (OCR text)."""

    source: Path
    png: bytes | None = None
    lines: tuple[ExcerptLine, ...] = ()


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
        png = crop_figure(source, p.page, p.bbox, settings)
        return Evidence(source, png=png)
    if p.line is not None:
        return Evidence(source, lines=text_excerpt(source, p.line, settings.context_lines))
    return None


def source_of(quantity: Quantity, sources: Sequence[Path]) -> Path | None:
    """The file ``quantity`` was read from: the only one of its kind, else the one whose text
    at the figure's place shows its raw text (never a guess between scans)."""
    p = quantity.provenance
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


def crop_figure(source: Path, page: int, bbox: BBox, settings: EvidenceSettings) -> bytes:
    """PNG of the figure's region of the page with some page around it, the figure boxed red."""
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
    pad = BOX_PADDING * scale
    box = (
        px[0] - region[0] - pad,
        px[1] - region[1] - pad,
        px[2] - region[0] + pad,
        px[3] - region[1] + pad,
    )
    ImageDraw.Draw(crop).rectangle(box, outline=BOX_COLOUR, width=max(2, round(scale)))
    buffer = io.BytesIO()
    crop.save(buffer, format="PNG")
    return buffer.getvalue()


def page_image(source: str, page: int, settings: EvidenceSettings) -> tuple[Image.Image, float]:
    """The page as an RGB image at ``settings.dpi``, and its scale in pixels per point."""
    return _load_page(source, Path(source).stat().st_mtime_ns, page, settings)


@lru_cache(maxsize=4)  # findings cite a few pages many times over
def _load_page(
    source: str, _mtime: int, page: int, settings: EvidenceSettings
) -> tuple[Image.Image, float]:
    path = Path(source)
    if kind_of(path) == "pdf":
        return _render_pdf_page(path, page, settings.dpi)
    return _image_frame(path, page, settings)


def _render_pdf_page(path: Path, page: int, dpi: int) -> tuple[Image.Image, float]:
    pdf = pdfium.PdfDocument(path)
    try:
        if not 0 < page <= len(pdf):
            raise ValueError(f"{path} has {len(pdf)} pages, not page {page}")
        scale = dpi / 72
        image = pdf[page - 1].render(scale=scale).to_pil().convert("RGB")
    finally:
        pdf.close()
    return image, scale


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
