"""Read a PDF: text-layer pages through pdfplumber, image pages rendered and OCR'd."""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import cv2
import pdfplumber
import pypdfium2 as pdfium
from pdfminer.pdfdocument import PDFPasswordIncorrect
from pdfminer.psexceptions import PSException
from pdfplumber.page import Page as PlumberPage
from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException
from PIL import Image
from pypdfium2.version import PDFIUM_INFO

from extractor.errors import (
    CorruptInputError,
    EmptyInputError,
    EncryptedPdfError,
    NotAReportError,
)
from extractor.layout import words_to_lines
from extractor.models import BBox, Document, Page, Word
from extractor.ocr import PageImage, ocr_pages
from extractor.ocr_cache import OcrCache, cache_for, file_digest
from extractor.settings import IngestSettings
from extractor.tables import tables_to_lines
from extractor.tesseract import OcrEngine, TesseractEngine

PDF_MAGIC = b"%PDF-"
HEADER_WINDOW = 1024  # readers accept junk before the header within the first kilobyte
# A page that is mostly one image with a strip of text (an e-signature footer stamped on a
# scan) is OCR'd although it has a text layer.
SCAN_IMAGE_COVERAGE = 0.5
STAMP_TEXT_SPREAD = 0.3  # text over less than this share of the page height is a stamp
TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
RULE_MAX_THICKNESS = 2.0  # points; a filled box thicker both ways is shading, not a rule
# pdfium renders colour and converting it is faster than its grayscale mode; not for huge pages.
COLOUR_RENDER_MAX_PIXELS = 40_000_000


@dataclass(frozen=True)
class PdfPage:
    """A page of a PDF, rendered where it is OCR'd; ``source`` is the sha256 of the file."""

    path: Path
    number: int
    zoom: float  # pixels per point
    source: str

    @property
    def scale(self) -> float:
        return 1 / self.zoom

    def load(self) -> PageImage:
        """The page rendered in grayscale at ``zoom``."""
        with _open_pdfium(self.path) as doc:
            try:
                with closing(doc[self.number - 1]) as page:
                    image = _render_gray(page, self.zoom)
            except pdfium.PdfiumError as e:
                raise _corrupt(self.path, e) from e
        return PageImage(self.number, image, self.scale)

    def cache_key(self, context: str) -> str:
        """Keyed by what the image is rendered from: a warm run renders nothing."""
        source = f"{self.source}|page {self.number}|zoom {self.zoom:.6f}|pdfium {PDFIUM_INFO}"
        return OcrCache.source_key(source, context)


def read_pdf(
    path: Path,
    settings: IngestSettings,
    *,
    engine: OcrEngine | None = None,
    cache: OcrCache | None = None,
) -> Document:
    """A Document of every page; pages without enough text layer are OCR'd (cache first)."""
    _check_header(path)
    with _open_plumber(path) as pdf:
        text_pages = {n: page for n, page in _text_layer_pages(pdf.pages, settings)}
        count = len(pdf.pages)
    if count == 0:
        count = _pdfium_page_count(path)
    if count == 0:
        raise EmptyInputError(f"{path}: the PDF has no pages; check that it is the right file")
    scanned = [n for n in range(1, count + 1) if n not in text_pages]
    ocr_done = {page.number: page for page in _ocr(path, scanned, settings, engine, cache)}
    pages = tuple(text_pages.get(n) or ocr_done[n] for n in range(1, count + 1))
    # A text-layer report with a scanned cover or signature page is a text PDF; each page keeps
    # its own kind.
    kind = "pdf-scanned" if 2 * len(scanned) >= count else "pdf-text"
    return Document(str(path), kind, pages)


def _check_header(path: Path) -> None:
    with path.open("rb") as file:
        head = file.read(HEADER_WINDOW)
    if not head:
        raise EmptyInputError(f"{path}: the file is empty; check that it is the right file")
    if PDF_MAGIC not in head:
        raise NotAReportError(
            f"{path}: not a PDF (no %PDF- header); give a PDF, an image or a text file"
        )


def _corrupt(path: Path, error: Exception) -> CorruptInputError:
    reason = " ".join(str(error).split()) or type(error).__name__
    return CorruptInputError(
        f"{path}: damaged or truncated ({reason}); get a fresh copy or repair it, "
        "e.g. qpdf in.pdf repaired.pdf"
    )


def _encrypted(path: Path) -> EncryptedPdfError:
    return EncryptedPdfError(
        f"{path}: the PDF is encrypted; decrypt it first, e.g. qpdf --decrypt in.pdf out.pdf"
    )


@contextmanager
def _open_plumber(path: Path) -> Iterator[pdfplumber.PDF]:
    """pdfplumber's PDF; its errors, also those raised while reading pages, translated."""
    try:
        with pdfplumber.open(path) as pdf:
            yield pdf
    except PdfminerException as e:
        if isinstance(e.args[0] if e.args else None, PDFPasswordIncorrect):
            raise _encrypted(path) from e
        raise _corrupt(path, e) from e
    except (MalformedPDFException, PSException) as e:
        raise _corrupt(path, e) from e


def _text_layer_pages(
    pages: Sequence[PlumberPage], settings: IngestSettings
) -> Iterator[tuple[int, Page]]:
    """(number, Page) for each page read from its text layer."""
    for number, page in enumerate(pages, start=1):
        try:
            if _has_text_layer(page, settings.min_text_chars):
                yield number, _page_from_text_layer(page, number)
        finally:
            page.close()


def _has_text_layer(page: PlumberPage, min_chars: int) -> bool:
    """Enough readable characters (not blanks, not unmapped ``(cid:n)`` glyphs), not a stamp."""
    chars = [c for c in page.chars if not c["text"].isspace() and not c["text"].startswith("(cid:")]
    if len(chars) < min_chars:
        return False
    return not chars or not _is_stamped_scan(page, chars)


def _is_stamped_scan(page: PlumberPage, chars: list[dict[str, Any]]) -> bool:
    page_area = float(page.width * page.height) or 1.0
    covered = max((_area(image) for image in page.images), default=0.0) / page_area
    spread = (max(c["bottom"] for c in chars) - min(c["top"] for c in chars)) / page.height
    return covered >= SCAN_IMAGE_COVERAGE and spread < STAMP_TEXT_SPREAD


def _area(obj: dict[str, Any]) -> float:
    return float(max(0, obj["x1"] - obj["x0"]) * max(0, obj["bottom"] - obj["top"]))


def _page_from_text_layer(page: PlumberPage, number: int) -> Page:
    # Splitting words on a size change keeps a footnote mark out of the number it follows.
    found = page.extract_words(keep_blank_chars=False, use_text_flow=False, extra_attrs=["size"])
    words = [
        Word(w["text"], BBox(*(round(float(w[k]), 2) for k in ("x0", "top", "x1", "bottom"))))
        for w in found
    ]
    lines = tables_to_lines(words_to_lines(words, number), _ruled_tables(page), number).lines
    width, height = round(float(page.width), 2), round(float(page.height), 2)
    return Page(number, lines, "text-layer", width, height)


def _ruled_tables(page: PlumberPage) -> list[list[BBox]]:
    """The cell boxes of each ruled table; shading (a highlighted cell) draws no rule."""
    ruled = page.filter(lambda obj: not _is_shading(obj))
    return [[BBox(*cell) for cell in table.cells] for table in ruled.find_tables(TABLE_SETTINGS)]


def _is_shading(obj: dict[str, Any]) -> bool:
    thick = min(obj["x1"] - obj["x0"], obj["bottom"] - obj["top"]) > RULE_MAX_THICKNESS
    return (
        obj.get("object_type") == "rect"
        and bool(obj.get("fill"))
        and not obj.get("stroke")
        and thick
    )


def _ocr(
    path: Path,
    numbers: list[int],
    settings: IngestSettings,
    engine: OcrEngine | None,
    cache: OcrCache | None,
) -> list[Page]:
    """Render and OCR these pages, with the default engine and cache unless given."""
    if not numbers:
        return []
    with _open_pdfium(path) as doc, cache_for(settings, cache) as pages_cache:
        engine = engine or TesseractEngine.from_settings(settings)
        source = file_digest(path) if pages_cache is not None else ""
        pages = [PdfPage(path, n, _zoom(*_size(doc, n, path), settings), source) for n in numbers]
        return ocr_pages(pages, engine, settings, pages_cache, total=len(numbers))


def _size(doc: pdfium.PdfDocument, number: int, path: Path) -> tuple[float, float]:
    """Width and height of a page in points."""
    try:
        with closing(doc[number - 1]) as page:
            return page.get_size()
    except pdfium.PdfiumError as e:
        raise _corrupt(path, e) from e


def _pdfium_page_count(path: Path) -> int:
    """Pages pdfium finds where pdfminer found none: it repairs broken page trees."""
    try:
        with closing(pdfium.PdfDocument(path)) as doc:
            return len(doc)
    except pdfium.PdfiumError:
        return 0


@contextmanager
def _open_pdfium(path: Path) -> Iterator[pdfium.PdfDocument]:
    try:
        doc = pdfium.PdfDocument(path)
    except pdfium.PdfiumError as e:
        if e.err_code == pdfium.raw.FPDF_ERR_PASSWORD:
            raise _encrypted(path) from e
        raise _corrupt(path, e) from e
    with closing(doc):
        yield doc


def _render_gray(page: pdfium.PdfPage, zoom: float) -> Image.Image:
    """The page in grayscale at ``zoom`` pixels per point."""
    width, height = page.get_size()
    if width * height * zoom * zoom > COLOUR_RENDER_MAX_PIXELS:
        return page.render(scale=zoom, grayscale=True).to_pil()
    colour = page.render(scale=zoom).to_numpy()  # BGR, or BGRA for a transparent page
    code = cv2.COLOR_BGR2GRAY if colour.shape[2] == 3 else cv2.COLOR_BGRA2GRAY
    return Image.fromarray(cv2.cvtColor(colour, code))


def _zoom(width: float, height: float, settings: IngestSettings) -> float:
    """Pixels per point: dpi/72, reduced to keep the page image within max_pixels (+ rounding)."""
    zoom = settings.dpi / 72
    pixels = width * height * zoom * zoom
    return zoom if pixels <= settings.max_pixels else zoom * math.sqrt(settings.max_pixels / pixels)
