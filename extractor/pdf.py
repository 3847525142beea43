"""Read a PDF: text-layer pages through pdfplumber, image pages rendered and OCR'd."""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any

import pdfplumber
import pypdfium2 as pdfium
from pdfminer.pdfdocument import PDFPasswordIncorrect
from pdfminer.psexceptions import PSException
from pdfplumber.page import Page as PlumberPage
from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

from extractor.errors import (
    CorruptInputError,
    EmptyInputError,
    EncryptedPdfError,
    NotAReportError,
)
from extractor.layout import words_to_lines
from extractor.models import BBox, Document, Page, Word
from extractor.ocr import OcrEngine, PageImage, TesseractEngine, ocr_pages
from extractor.ocr_cache import OcrCache, cache_for
from extractor.settings import IngestSettings
from extractor.tables import tables_to_lines

PDF_MAGIC = b"%PDF-"
HEADER_WINDOW = 1024  # readers accept junk before the header within the first kilobyte
# A page that is mostly one image with a strip of text (an e-signature footer stamped on a
# scan) is OCR'd although it has a text layer.
SCAN_IMAGE_COVERAGE = 0.5
STAMP_TEXT_SPREAD = 0.3  # text over less than this share of the page height is a stamp
TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
RULE_MAX_THICKNESS = 2.0  # points; a filled box thicker both ways is shading, not a rule


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
    return Document(str(path), "pdf-scanned" if scanned else "pdf-text", pages)


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
        images = _render(doc, numbers, settings, path)
        return ocr_pages(images, engine, settings, pages_cache, total=len(numbers))


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


def _render(
    doc: pdfium.PdfDocument, numbers: list[int], settings: IngestSettings, path: Path
) -> Iterator[PageImage]:
    """Grayscale page images at ``settings.dpi``, lower for pages too large to fit max_pixels."""
    for number in numbers:
        try:
            page = doc[number - 1]
            with closing(page):
                width, height = page.get_size()
                zoom = _zoom(width, height, settings)
                image = page.render(scale=zoom, grayscale=True).to_pil()
        except pdfium.PdfiumError as e:
            raise _corrupt(path, e) from e
        yield PageImage(number, image, 1 / zoom)


def _zoom(width: float, height: float, settings: IngestSettings) -> float:
    """Pixels per point: dpi/72, reduced to keep the page image within max_pixels (+ rounding)."""
    zoom = settings.dpi / 72
    pixels = width * height * zoom * zoom
    return zoom if pixels <= settings.max_pixels else zoom * math.sqrt(settings.max_pixels / pixels)
