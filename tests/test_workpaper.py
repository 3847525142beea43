"""Tests for reconcile.workpaper: the self-contained HTML working paper, in headless Chromium."""

from __future__ import annotations

import re
import subprocess
import tempfile
from dataclasses import replace
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pytest
from PIL import Image

from extractor.models import Citation, Finding, Provenance, Quantity
from reconcile.workpaper import IndexEntry, write_html, write_index
from tests.test_evidence import figure_pdf, figure_quantity, rupiah, words_bbox
from tests.test_export import sample_result

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)
# Only for the test: records what the browser rendered into the DOM that --dump-dom prints.
PROBE = """<script>
window.addEventListener("load", () => {
  for (const img of document.images) img.dataset.naturalWidth = img.naturalWidth;
  document.body.dataset.scrollWidth = document.documentElement.scrollWidth;
  document.body.dataset.innerWidth = window.innerWidth;
});
</script>"""
TEXT_LINES = "BAB I\nPendahuluan\n\nRealisasi anggaran Rp 1.234.567.000\nsesuai DIPA\n"


def findings(pdf: Path, text: Path) -> tuple[Finding, ...]:
    """Findings citing figures of a digital PDF, of an OCR text file and of nowhere."""
    in_pdf = figure_quantity(pdf)
    pagu = rupiah(2_500_000_000, 1, words_bbox(pdf, ["Rp", "2.500.000.000"]), "Rp 2.500.000.000")
    in_text = rupiah(1_234_567_000, 1, None, "Rp 1.234.567.000", line=4)
    share = Quantity(97.2, "%", Provenance("pengukuran", 1, None, "97,20%"), decimals=2)
    return (
        Finding(
            "same-figure",
            "error",
            "Realisasi differs between <ikhtisar> & the table",
            (Citation("realisasi", in_pdf), Citation("realisasi", in_text)),
            0,
        ),
        Finding("over-realisation", "warning", "Pagu vs realisasi", (Citation("pagu", pagu),), 7),
        Finding("percentage", "info", "Share recomputed", (Citation("share", share),), 0.05),
    )


@pytest.fixture()
def paper(tmp_path: Path) -> Path:
    """A working paper in tmp_path/out of a result whose sources sit in tmp_path/in."""
    (tmp_path / "in").mkdir()
    (tmp_path / "out").mkdir()
    pdf = figure_pdf(tmp_path / "in" / "lkj.pdf")
    text = tmp_path / "in" / "lkj.ocr.txt"
    text.write_text(TEXT_LINES)
    base = sample_result()
    result = replace(base, findings=findings(pdf, text))
    path = tmp_path / "out" / "lkj.html"
    write_html(result, path, sources=[pdf, text])
    return path


def test_working_paper_is_self_contained(paper: Path) -> None:
    html = paper.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and '<html lang="en">' in html
    assert "<script" not in html and "http:" not in html and "https:" not in html
    assert re.findall(r'<link|src="(?!data:image/png;base64,)', html) == []
    assert html.count('src="data:image/png;base64,') == 2  # the two figures on the PDF
    assert 'name="viewport"' in html and "@media print" in html and "size:A4" in html
    assert "break-inside:avoid" in html


def test_findings_grouped_by_severity_with_evidence_and_page_links(paper: Path) -> None:
    html = paper.read_text(encoding="utf-8")
    headings = ["error (1)", "warning (1)", "info (1)"]
    positions = [html.index(f"<h2>{h}</h2>") for h in headings]
    assert positions == sorted(positions)
    assert "Realisasi differs between &lt;ikhtisar&gt; &amp; the table" in html
    assert '<a href="../in/lkj.pdf#page=1">hal. 1</a>' in html
    assert "<mark>    4  Realisasi anggaran Rp 1.234.567.000</mark>" in html
    assert "hal. 1, baris 4" in html
    assert "no page image for this figure" in html  # the percentage has no place
    assert "difference: 0,05 pp" in html and "difference: Rp7" in html


def test_tables_of_alignment_indicators_and_budget(paper: Path) -> None:
    html = paper.read_text(encoding="utf-8")
    for heading in ("Alignment of indicators", "Indicators", "Budget"):
        assert f"<h2>{heading}</h2>" in html
    assert "Jumlah revisi rencana kerja" in html and "97,20%†" in html
    assert "<td>stated total</td>" in html and "Rp12.798.000" in html
    assert "Budget realisation — program CQ" in html


def test_indonesian_working_paper(tmp_path: Path) -> None:
    path = tmp_path / "laporan.html"
    write_html(sample_result(), path, lang="id")
    html = path.read_text(encoding="utf-8")
    assert '<html lang="id">' in html and "Kertas kerja — KPU Kabupaten Tangerang 2024" in html
    assert "<h2>Temuan</h2>" in html and "<h2>kesalahan (2)</h2>" in html
    assert "same-figure" in html  # rule ids stay
    assert "Keselarasan indikator" in html and "Pengukuran Capaian Kinerja" in html


def test_index_links_each_paper_and_names_unreadable_reports(tmp_path: Path) -> None:
    papers = tmp_path / "papers"
    papers.mkdir()
    entries = [
        IndexEntry("a/kpu.pdf", papers / "kpu.html", sample_result()),
        IndexEntry("a/broken.pdf", None, error="broken.pdf: damaged or truncated"),
    ]
    write_index(entries, papers / "index.html")
    html = (papers / "index.html").read_text(encoding="utf-8")
    assert '<a href="kpu.html">KPU Kabupaten Tangerang 2024</a>' in html
    assert "<td>broken.pdf</td>" in html and "damaged or truncated" in html
    row = html[html.index("kpu.html") : html.index("broken.pdf")]
    assert re.findall(r'class="num">(\d+)<', row) == ["40", "2", "1", "1", "1"]


# --- in a browser ---------------------------------------------------------------------------


def chromium(*args: str) -> subprocess.CompletedProcess[str]:
    if not CHROMIUM.exists():
        pytest.skip("headless Chromium is not installed (Debian package 'chromium')")
    with tempfile.TemporaryDirectory() as profile:
        return subprocess.run(
            [str(CHROMIUM), *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args],
            capture_output=True,
            text=True,
            timeout=90,
            check=True,
        )


def probed_dom(paper: Path, width: int) -> str:
    probe = paper.with_name("probe.html")
    probe.write_text(paper.read_text(encoding="utf-8").replace("</body>", PROBE + "</body>"))
    size = f"--window-size={width},1000"
    return chromium(size, "--virtual-time-budget=5000", "--dump-dom", probe.as_uri()).stdout


def test_chromium_renders_the_findings_and_their_images(paper: Path) -> None:
    dom = probed_dom(paper, 1280)
    assert dom.count('class="finding"') == 3
    widths = [int(w) for w in re.findall(r'data-natural-width="(\d+)"', dom)]
    assert len(widths) == 2 and all(w > 0 for w in widths)
    shot = paper.with_suffix(".png")
    chromium("--window-size=1280,1600", f"--screenshot={shot}", paper.as_uri())
    pixels = np.asarray(Image.open(shot).convert("RGB")).astype(int)
    assert pixels.shape == (1600, 1280, 3)
    red = (pixels[..., 0] > 180) & (pixels[..., 1] < 60) & (pixels[..., 2] < 60)
    assert red.sum() > 100  # the boxes around the figures in the crops


def test_chromium_fits_a_phone_screen_without_sideways_scrolling(paper: Path) -> None:
    dom = probed_dom(paper, 390)
    scroll = re.search(r'data-scroll-width="(\d+)"', dom)
    inner = re.search(r'data-inner-width="(\d+)"', dom)
    assert scroll and inner and int(scroll.group(1)) <= int(inner.group(1))


def test_print_to_pdf_gives_a4_pages(paper: Path) -> None:
    pdf = paper.with_suffix(".pdf")
    chromium("--no-pdf-header-footer", f"--print-to-pdf={pdf}", paper.as_uri())
    document = pdfium.PdfDocument(pdf)
    sizes = {tuple(round(v) for v in document[n].get_size()) for n in range(len(document))}
    document.close()
    assert sizes == {(595, 842)}  # A4 in points
