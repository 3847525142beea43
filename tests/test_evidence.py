"""Tests for reconcile.evidence: crops of cited figures read back by OCR, and text excerpts."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import numpy as np
import pdfplumber
import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageOps
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from extractor.models import BBox, Provenance, Quantity
from extractor.numbers import find_numbers
from reconcile.evidence import (
    BOX_COLOUR,
    BOX_GAP,
    Evidence,
    EvidenceSettings,
    evidence_for,
    page_image,
    report_sources,
    text_excerpt,
)

FIGURE_LINE = "Realisasi anggaran sebesar Rp 1.234.567.000"
# Lines of the generated page: (y from the bottom in points, text).
PAGE_LINES = (
    (760, "BAB III AKUNTABILITAS KINERJA"),
    (700, "Pagu anggaran tahun 2024 sebesar Rp 2.500.000.000"),
    (640, FIGURE_LINE),
    (580, "Capaian kinerja rata-rata 97,20%"),
)
SCAN_DPI = 200
# How the tests read a crop back: the figure's own box, READ_SLACK pixels around it, with a white
# border (tesseract reads a line better with some), as one line (--psm 7). Tesseract misreads a
# few monospace glyphs ("%" as "8", "7" as "1") at one size but, measured on 156 crops of five
# generated reports, never the same figure at both sizes: a second reading at 1.5x settles it.
READ_SLACK = 3
READ_BORDER = 10
READ_ZOOMS = (1.0, 1.5)
READ_EXPECT = {"rp": "rp", "%": "%"}  # the column context find_numbers repairs OCR noise with


def figure_pdf(path: Path, lines=PAGE_LINES) -> Path:
    """A one-page digital A4 PDF with the given lines in Helvetica 12."""
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.setFont("Helvetica", 12)
    for y, text in lines:
        pdf.drawString(72, y, text)
    pdf.save()
    return path


def page_png(pdf_path: Path, dpi: int = SCAN_DPI) -> Image.Image:
    pdf = pdfium.PdfDocument(pdf_path)
    image = pdf[0].render(scale=dpi / 72, grayscale=True).to_pil()
    pdf.close()
    return image


def scanned_pdf(path: Path, image: Image.Image) -> Path:
    """A PDF whose only page is ``image`` (no text layer), drawn over the whole A4 page."""
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.drawImage(ImageReader(image), 0, 0, width=A4[0], height=A4[1])
    pdf.save()
    return path


def words_bbox(pdf_path: Path, words: list[str]) -> BBox:
    """The box of ``words`` on one line of page 1, as pdfplumber (and ingest) reads them."""
    with pdfplumber.open(pdf_path) as pdf:
        page_words = pdf.pages[0].extract_words()
    last = next(w for w in page_words if w["text"] == words[-1])
    found = [w for w in page_words if w["text"] in words and w["top"] == last["top"]]
    assert [w["text"] for w in found] == words
    boxes = [BBox(w["x0"], w["top"], w["x1"], w["bottom"]) for w in found]
    return boxes[0].union(boxes[-1])


def rupiah(value: int, page: int, bbox: BBox | None, raw: str, line: int | None = None):
    return Quantity(value, "rp", Provenance("realisasi-anggaran", page, bbox, raw, line))


def figure_quantity(pdf_path: Path) -> Quantity:
    return rupiah(
        1_234_567_000, 1, words_bbox(pdf_path, ["Rp", "1.234.567.000"]), "Rp 1.234.567.000"
    )


def figure_area(evidence: Evidence, zoom: float = 1.0) -> Image.Image:
    """The figure's box in the crop (``READ_SLACK`` around it), zoomed, with a white border."""
    assert evidence.png is not None and evidence.figure is not None
    crop = Image.open(io.BytesIO(evidence.png)).convert("L")
    x0, top, x1, bottom = evidence.figure
    area = crop.crop((x0 - READ_SLACK, top - READ_SLACK, x1 + READ_SLACK, bottom + READ_SLACK))
    size = (round(area.width * zoom), round(area.height * zoom))
    return ImageOps.expand(area.resize(size, Image.Resampling.BICUBIC), READ_BORDER, fill=255)


def ocr_values(image: Image.Image, unit: str | None = None, psm: int = 7) -> set:
    """The numbers OCR reads on one line (``psm`` 7; 6 for a figure wrapped over two lines),
    also with spaces dropped: tesseract splits the digit groups of a wide monospace figure,
    "189.996. 358.000"."""
    pytesseract = pytest.importorskip("pytesseract")
    if shutil.which("tesseract") is None:
        pytest.skip("tesseract is not installed")
    text = pytesseract.image_to_string(image, lang="ind+eng", config=f"--psm {psm}", timeout=30)
    expect = READ_EXPECT.get(unit or "")
    readings = (text, "".join(text.split()))
    return {t.parsed.value for r in readings for t in find_numbers(r, expect)}


def reads_back(evidence: Evidence, quantity: Quantity) -> bool:
    """Whether OCR of the figure's area of the crop reads the cited value, at some zoom."""
    return any(
        quantity.value in ocr_values(figure_area(evidence, zoom), quantity.unit, psm)
        for psm in (7, 6)
        for zoom in READ_ZOOMS
    )


@pytest.fixture()
def digital(tmp_path: Path) -> Path:
    return figure_pdf(tmp_path / "digital.pdf")


def test_crop_of_a_digital_pdf_reads_the_cited_value(digital: Path) -> None:
    quantity = figure_quantity(digital)
    evidence = evidence_for(quantity, [digital])
    assert evidence is not None and evidence.png is not None and evidence.lines == ()
    assert reads_back(evidence, quantity)


def test_crop_of_a_scanned_pdf_reads_the_cited_value(digital: Path, tmp_path: Path) -> None:
    scan = scanned_pdf(tmp_path / "scan.pdf", page_png(digital))
    quantity = figure_quantity(digital)
    evidence = evidence_for(quantity, [scan])
    assert evidence is not None and evidence.png is not None
    assert reads_back(evidence, quantity)


def test_crop_of_an_image_uses_its_recorded_dpi(digital: Path, tmp_path: Path) -> None:
    image = tmp_path / "page.png"
    page_png(digital).save(image, dpi=(SCAN_DPI, SCAN_DPI))
    quantity = figure_quantity(digital)
    evidence = evidence_for(quantity, [image])
    assert evidence is not None and evidence.png is not None
    assert reads_back(evidence, quantity)


def test_crop_has_the_margins_and_a_red_box_around_the_figure(digital: Path) -> None:
    settings = EvidenceSettings(dpi=144, margin_x=36, margin_y=12)  # 2 pixels per point
    quantity = figure_quantity(digital)
    evidence = evidence_for(quantity, [digital], settings)
    assert evidence is not None and evidence.png is not None
    crop = Image.open(io.BytesIO(evidence.png)).convert("RGB")
    box = quantity.provenance.bbox
    assert crop.width == pytest.approx((box.x1 - box.x0 + 72) * 2, abs=3)
    assert crop.height == pytest.approx((box.bottom - box.top + 24) * 2, abs=3)
    assert evidence.figure == pytest.approx((72, 24, crop.width - 72, crop.height - 24), abs=2)
    red = [
        (x, y)
        for x in range(crop.width)
        for y in range(crop.height)
        if crop.getpixel((x, y)) == BOX_COLOUR
    ]
    xs, ys = [x for x, _ in red], [y for _, y in red]
    outside = 2 * (BOX_GAP + 1)  # the gap, then a line of 1 point (2 pixels)
    assert min(xs) == pytest.approx(72 - outside, abs=2)
    assert max(xs) == pytest.approx(crop.width - 72 + outside, abs=2)
    assert min(ys) == pytest.approx(24 - outside, abs=2)
    assert max(ys) == pytest.approx(crop.height - 24 + outside, abs=2)


def test_the_box_covers_no_ink_of_the_figure_or_the_lines_around_it(tmp_path: Path) -> None:
    lines = [
        (640 + 16 * n, text)
        for n, text in ((1, "gjpqy " * 12), (0, FIGURE_LINE), (-1, "Tbdfhkl([|]) 1.234 " * 5))
    ]
    pdf = figure_pdf(tmp_path / "running.pdf", lines)  # running text: 16 points apart
    settings = EvidenceSettings(dpi=144)
    quantity = figure_quantity(pdf)
    evidence = evidence_for(quantity, [pdf], settings)
    assert evidence is not None and evidence.png is not None and evidence.figure is not None
    crop = np.asarray(Image.open(io.BytesIO(evidence.png)).convert("RGB"))
    page, scale = page_image(str(pdf), 1, settings)
    left = round(quantity.provenance.bbox.x0 * scale) - evidence.figure[0]
    top = round(quantity.provenance.bbox.top * scale) - evidence.figure[1]
    plain = np.asarray(page.crop((left, top, left + crop.shape[1], top + crop.shape[0])))
    red = (crop == BOX_COLOUR).all(axis=2)
    assert red.sum() > 100
    assert (plain[red] == 255).all()  # the box is drawn on white page only
    assert (crop[~red] == plain[~red]).all()  # and nothing else changed


def test_crop_near_the_page_edge_is_clamped_to_the_page(tmp_path: Path) -> None:
    pdf = figure_pdf(tmp_path / "edge.pdf", [(830, "Rp 5.000")])
    quantity = rupiah(5000, 1, words_bbox(pdf, ["Rp", "5.000"]), "Rp 5.000")
    evidence = evidence_for(quantity, [pdf], EvidenceSettings(dpi=72, margin_y=50))
    assert evidence is not None and evidence.png is not None
    crop = Image.open(io.BytesIO(evidence.png))
    assert crop.height == pytest.approx(quantity.provenance.bbox.bottom + 50, abs=2)  # from 0


def test_text_input_gives_the_lines_around_the_cited_one(tmp_path: Path) -> None:
    text = tmp_path / "report.ocr.txt"
    text.write_text("satu\ndua\ntiga\fempat\n\nRp 1.234.567.000\nenam\ntujuh\ndelapan\n")
    quantity = rupiah(1_234_567_000, 2, None, "Rp 1.234.567.000", line=5)
    evidence = evidence_for(quantity, [text], EvidenceSettings(context_lines=2))
    assert evidence is not None and evidence.png is None
    assert [(x.number, x.text, x.cited) for x in evidence.lines] == [
        (3, "tiga empat", False),
        (4, "", False),
        (5, "Rp 1.234.567.000", True),
        (6, "enam", False),
        (7, "tujuh", False),
    ]


def test_text_excerpt_stops_at_the_ends_of_the_file(tmp_path: Path) -> None:
    text = tmp_path / "short.txt"
    text.write_text("a\nb\n")
    assert [x.number for x in text_excerpt(text, 1, 3)] == [1, 2, 3]


def test_of_several_sources_the_one_showing_the_raw_text_is_chosen(tmp_path: Path) -> None:
    lkj, pk = tmp_path / "lkj.txt", tmp_path / "pk.txt"
    lkj.write_text("pagu\nRp 9\n")
    pk.write_text("target\n12 Kali\n")
    quantity = Quantity(12, "kali", Provenance("pk", 1, None, "12 Kali", 2))
    evidence = evidence_for(quantity, [lkj, pk])
    assert evidence is not None and evidence.source == pk


def test_of_several_scans_none_is_guessed(digital: Path, tmp_path: Path) -> None:
    scans = [scanned_pdf(tmp_path / f"scan{n}.pdf", page_png(digital, 72)) for n in (1, 2)]
    assert evidence_for(figure_quantity(digital), scans) is None


def test_no_evidence_without_a_place_or_a_file(digital: Path, tmp_path: Path) -> None:
    nowhere = rupiah(1, 1, None, "1")
    assert evidence_for(nowhere, [digital]) is None
    assert evidence_for(figure_quantity(digital), [tmp_path / "gone.pdf"]) is None


def test_report_sources_splits_merged_reports() -> None:
    from extractor.models import Report

    report = Report(source="a/lkj.pdf + b/pk.pdf", input_kind="pdf-text", pages=3)
    assert report_sources(report) == (Path("a/lkj.pdf"), Path("b/pk.pdf"))


def test_settings_reject_nonsense() -> None:
    with pytest.raises(ValueError, match="dpi"):
        EvidenceSettings(dpi=10)
    with pytest.raises(ValueError, match="margins"):
        EvidenceSettings(margin_x=-1)
