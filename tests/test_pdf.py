"""PDFs: text-layer pages, image pages OCR'd, the choice between them, the OCR cache."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from extractor.layout import words_to_lines
from extractor.models import BBox, Line, Page, Word
from extractor.ocr import TesseractEngine, check_tesseract
from extractor.ocr_cache import OcrCache, page_from_json, page_to_json
from extractor.pdf import read_pdf
from tests.test_ocr import (
    SCAN_DPI,
    FakeEngine,
    assert_boxes_inside,
    document_text,
    draw_scan,
    settings_for,
)

# --- helpers shared with test_bad_input.py ----------------------------------------------------


def text_pdf(path: Path, pages: list[list[str]], **options: object) -> Path:
    """A PDF with a text layer: each page's strings typed 20 points apart from the top."""
    pdf = canvas.Canvas(str(path), pagesize=A4, **options)  # type: ignore[arg-type]
    for lines in pages:
        for i, text in enumerate(lines):
            pdf.drawString(72, A4[1] - 72 - 20 * i, text)
        pdf.showPage()
    pdf.save()
    return path


def image_pdf(path: Path, images: list[Image.Image], dpi: int = SCAN_DPI) -> Path:
    """An image-only PDF (a scan): one page per image, sized by ``dpi``."""
    images[0].save(path, "PDF", resolution=dpi, save_all=True, append_images=images[1:])
    return path


class ForbiddenEngine(FakeEngine):
    """Fails the test if OCR is asked for; ``identity`` given so cache keys can match."""

    def __init__(self, identity: str) -> None:
        super().__init__()
        self.identity = identity  # type: ignore[misc]

    def ocr_page(self, image: Image.Image, page_number: int, scale: float) -> tuple[Line, ...]:
        self.calls.append((page_number, image.size, scale))
        raise AssertionError("OCR should have been served from the cache")


# --- text layer -------------------------------------------------------------------------------


def test_text_pdf_is_read_from_its_text_layer(tmp_path: Path) -> None:
    path = text_pdf(
        tmp_path / "digital.pdf",
        [
            ["Pagu anggaran Rp 1.234.567.000", "Capaian kinerja 97,20%"],
            ["Halaman kedua laporan kinerja"],
        ],
    )
    document = read_pdf(path, settings_for(tmp_path), engine=ForbiddenEngine("none"))
    assert document.input_kind == "pdf-text"
    assert [(p.number, p.kind) for p in document.pages] == [(1, "text-layer"), (2, "text-layer")]
    assert [line.text for line in document.pages[0].lines] == [
        "Pagu anggaran Rp 1.234.567.000",
        "Capaian kinerja 97,20%",
    ]
    assert document.pages[0].width == pytest.approx(A4[0], abs=0.01)
    first = document.pages[0].lines[0]
    assert [w.text for w in first.words] == ["Pagu", "anggaran", "Rp", "1.234.567.000"]
    assert first.bbox is not None and first.bbox.top == pytest.approx(72, abs=10)
    assert all(w.confidence is None for w in first.words)
    assert_boxes_inside(document)


def test_words_on_one_baseline_form_one_line_left_to_right() -> None:
    def word(text: str, x0: float, top: float) -> Word:
        return Word(text, BBox(x0, top, x0 + 30, top + 10))

    words = [word("100%", 400, 101), word("Target", 50, 100), word("Realisasi", 50, 130)]
    words.append(word("12", 250, 99.5))
    lines = words_to_lines(words, page=4)
    assert [line.text for line in lines] == ["Target 12 100%", "Realisasi"]
    assert lines[0].bbox == BBox(50, 99.5, 430, 111)
    assert {line.page for line in lines} == {4}


# --- choosing OCR per page --------------------------------------------------------------------


def test_mixed_pdf_ocrs_only_the_image_page(tmp_path: Path) -> None:
    path = tmp_path / "mixed.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.drawString(72, 770, "Bab I Pendahuluan laporan kinerja")
    pdf.showPage()
    pdf.drawImage(ImageReader(draw_scan()), 0, 0, *A4)
    pdf.showPage()
    pdf.save()
    engine = FakeEngine()
    document = read_pdf(path, settings_for(tmp_path, use_cache=False), engine=engine)
    assert document.input_kind == "pdf-scanned"
    assert [p.kind for p in document.pages] == ["text-layer", "ocr"]
    assert [(number, scale) for number, _, scale in engine.calls] == [(2, 72 / SCAN_DPI)]
    assert document.pages[1].lines[0].text == "page2"
    assert document.pages[1].width == pytest.approx(A4[0], abs=0.5)


def test_scan_with_a_stamped_text_footer_is_still_ocrd(tmp_path: Path) -> None:
    path = tmp_path / "stamped.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.drawImage(ImageReader(draw_scan()), 0, 0, *A4)
    pdf.drawString(72, 30, "Dokumen ini telah ditandatangani secara elektronik")
    pdf.save()
    engine = FakeEngine()
    document = read_pdf(path, settings_for(tmp_path, use_cache=False), engine=engine)
    assert [p.kind for p in document.pages] == ["ocr"]
    assert len(engine.calls) == 1


def test_page_with_too_little_text_is_ocrd(tmp_path: Path) -> None:
    path = text_pdf(tmp_path / "short.pdf", [["12 Kali"]])
    engine = FakeEngine()
    settings = settings_for(tmp_path, use_cache=False, min_text_chars=20)
    assert [p.kind for p in read_pdf(path, settings, engine=engine).pages] == ["ocr"]
    settings = settings_for(tmp_path, use_cache=False, min_text_chars=5)
    assert [p.kind for p in read_pdf(path, settings, engine=engine).pages] == ["text-layer"]


def test_huge_page_is_rendered_within_the_pixel_limit(tmp_path: Path) -> None:
    path = tmp_path / "poster.pdf"
    pdf = canvas.Canvas(str(path), pagesize=(2000, 3000))
    pdf.rect(100, 100, 500, 500, fill=1)
    pdf.save()
    engine = FakeEngine()
    settings = settings_for(tmp_path, use_cache=False, max_pixels=1_000_000)
    document = read_pdf(path, settings, engine=engine)
    ((_, (width, height), scale),) = engine.calls
    assert width * height <= 1_000_000 * 1.01  # pdfium rounds the bitmap size up
    assert document.pages[0].width == pytest.approx(2000, rel=0.01)
    assert scale > 72 / SCAN_DPI


# --- OCR of a scanned PDF, and the cache ------------------------------------------------------


def test_scanned_pdf_is_ocrd_once_then_served_from_the_cache(tmp_path: Path) -> None:
    second_page = draw_scan(("Realisasi Rp 987.654.321", "Jumlah pegawai 42 orang"))
    path = image_pdf(tmp_path / "scan.pdf", [draw_scan(), second_page])
    settings = settings_for(tmp_path)
    engine = TesseractEngine(check_tesseract(settings.lang), settings.lang)
    with OcrCache(tmp_path / "cache") as cache:
        first = read_pdf(path, settings, engine=engine, cache=cache)
        assert (cache.hits, cache.misses) == (0, 2)
    assert first.input_kind == "pdf-scanned"
    assert [p.kind for p in first.pages] == ["ocr", "ocr"]
    assert "1.234.567.000" in document_text(first)
    assert "987.654.321" in document_text(first)
    assert_boxes_inside(first)

    forbidden = ForbiddenEngine(engine.identity)
    with OcrCache(tmp_path / "cache") as cache:
        second = read_pdf(path, settings, engine=forbidden, cache=cache)
        assert (cache.hits, cache.misses) == (2, 0)
    assert forbidden.calls == []
    assert second == first


def test_cache_key_depends_on_pixels_and_context() -> None:
    page = draw_scan(dpi=72)
    key = OcrCache.key(page, "tesseract 5.3.0 ind+eng")
    assert key == OcrCache.key(page.copy(), "tesseract 5.3.0 ind+eng")
    assert key != OcrCache.key(page, "tesseract 5.3.0 eng")
    assert key != OcrCache.key(page.rotate(180), "tesseract 5.3.0 ind+eng")


def test_cached_page_round_trips_and_takes_the_asked_page_number() -> None:
    words = (Word("Rp", BBox(1, 2, 3, 4), 96.0), Word("1.000", BBox(5, 2, 9, 4.5), 71.5))
    line = Line("Rp 1.000", 3, words=words, bbox=BBox(1, 2, 9, 4.5))
    page = Page(3, (line,), "ocr", 595.0, 842.0)
    assert page_from_json(page_to_json(page), 3) == page
    moved = page_from_json(page_to_json(page), 8)
    assert moved.number == 8 and moved.lines[0].page == 8
