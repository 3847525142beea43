"""Synthetic reports as PDFs: digital text layer, scanned image-only pages, and the CLI."""

from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pdfplumber
import pypdfium2 as pdfium
import pytest

from samples.generate import main, page_count
from samples.render_pdf import render_pdf
from samples.scan import Scan, ScanSettings, render_pages, scan_image, scan_pdf
from samples.synthetic import SyntheticReport, build_report

SEED = 11
SMALL = 0.3  # pages_scale of the report that gets scanned
SCANNED_PAGES = 5
MAX_SCAN_BYTES_PER_PAGE = 150_000  # ~10 pages under ~1.5 MB


@pytest.fixture(scope="module")
def report() -> SyntheticReport:
    return build_report(SEED, inject=("total-vs-sum", "unverifiable"))


@pytest.fixture(scope="module")
def digital(report: SyntheticReport) -> bytes:
    return render_pdf(report, SEED)


@pytest.fixture(scope="module")
def small() -> bytes:
    """The first pages of a short report (scanning every page would slow the suite down)."""
    source = pdfium.PdfDocument(render_pdf(build_report(SEED, pages_scale=SMALL), SEED))
    first = pdfium.PdfDocument.new()
    first.import_pages(source, list(range(SCANNED_PAGES)))
    out = io.BytesIO()
    first.save(out)
    return out.getvalue()


@pytest.fixture(scope="module")
def scanned(small: bytes) -> Scan:
    return scan_pdf(small, SEED)


def _text(pdf: bytes) -> tuple[str, int]:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return "\n".join(p.extract_text() or "" for p in doc.pages), len(doc.pages)


def _styles(n: int) -> tuple[str, str]:
    """``n`` printed in Indonesian and in English digit grouping."""
    return f"{n:,}".replace(",", "."), f"{n:,}"


def test_render_is_deterministic_per_seed(report: SyntheticReport, digital: bytes) -> None:
    assert render_pdf(report, SEED) == digital
    assert render_pdf(report, SEED + 1) != digital


def test_digital_pdf_text_layer_carries_entity_codes_and_amounts(
    report: SyntheticReport, digital: bytes
) -> None:
    text, pages = _text(digital)
    assert 10 <= pages <= 35
    assert report.entity.name in text
    assert f"Laporan Kinerja (LKj) {report.entity.name} 2" in text
    lines = [x for p in report.programs for x in p.lines]
    assert all(x.code in text for x in lines)
    assert all(any(s in text for s in _styles(x.allocation)) for x in lines)
    assert all(any(s in text for s in _styles(p.stated_allocation)) for p in report.programs)


def test_budget_tables_are_ruled_and_found_by_the_table_finder(
    report: SyntheticReport, digital: bytes
) -> None:
    with pdfplumber.open(io.BytesIO(digital)) as doc:
        rows = [r for p in doc.pages for t in p.extract_tables() for r in t]
    codes = {row[0] for row in rows if len(row) == 4}
    assert {x.code for p in report.programs for x in p.lines} <= codes
    wrapped = [c for row in rows for c in row if c and "\n" in c]
    assert any(i.indikator.split()[-1] in c for i in report.measurement for c in wrapped)


def test_pages_are_a4_with_landscape_pages_in_some_reports() -> None:
    shapes = set()
    for seed in range(6):
        pdf = render_pdf(build_report(seed, pages_scale=SMALL), seed)
        with pdfplumber.open(io.BytesIO(pdf)) as doc:
            shapes |= {(round(p.width), round(p.height)) for p in doc.pages}
    assert shapes == {(595, 842), (842, 595)}


def test_scanned_pdf_has_no_text_layer_and_stays_small(small: bytes, scanned: Scan) -> None:
    with pdfplumber.open(io.BytesIO(scanned.pdf)) as doc:
        assert all(not p.chars and p.images for p in doc.pages)
        assert round(doc.pages[1].width) == 595
    assert page_count(scanned.pdf) == SCANNED_PAGES == len(scanned.skews)
    assert len(scanned.pdf) <= MAX_SCAN_BYTES_PER_PAGE * len(scanned.skews)
    assert all(abs(s) <= 1.5 for s in scanned.skews) and len(set(scanned.skews)) > 1


def test_scanned_pages_differ_from_the_clean_render(small: bytes, scanned: Scan) -> None:
    clean = np.asarray(render_pages(small, 100)[1], dtype=np.float32)
    scan = np.asarray(render_pages(scanned.pdf, 100)[1], dtype=np.float32)
    height, width = min(clean.shape[0], scan.shape[0]), min(clean.shape[1], scan.shape[1])
    clean, scan = clean[:height, :width], scan[:height, :width]
    assert np.abs(clean - scan).mean() > 5  # skew, light and noise
    assert scan.min() > 0 and np.median(scan) < 250  # toner is not pure black, paper not white


def test_scan_image_is_deterministic_and_skews_by_the_stated_angle(small: bytes) -> None:
    page = render_pages(small, 72)[1]
    still = ScanSettings(dpi=72, max_skew=0, blur=0, noise=0, lighting=0)
    one, angle = scan_image(page, np.random.default_rng(3), ScanSettings(dpi=72))
    two, _ = scan_image(page, np.random.default_rng(3), ScanSettings(dpi=72))
    flat, zero = scan_image(page, np.random.default_rng(3), still)
    assert one.tobytes() == two.tobytes() and zero == 0.0 and 0 < abs(angle) <= 1.5
    unskewed, _ = scan_image(one.rotate(-angle, fillcolor=255), np.random.default_rng(3), still)
    diff = np.abs(np.asarray(flat, dtype=np.float32) - np.asarray(one, dtype=np.float32))
    back = np.abs(np.asarray(flat, dtype=np.float32) - np.asarray(unskewed, dtype=np.float32))
    assert back.mean() < diff.mean()


@pytest.mark.parametrize("bad", [{"dpi": 20}, {"quality": 0}, {"lighting": 1.0}, {"noise": -1}])
def test_scan_settings_are_validated(bad: dict) -> None:
    with pytest.raises(ValueError):
        ScanSettings(**bad)


def test_cli_writes_pdf_and_truth(tmp_path: Path) -> None:
    argv = ["--out", str(tmp_path), "--reports", "2", "--seed", "9", "--inject", "3"]
    argv += ["--pages-scale", str(SMALL)]
    assert main(argv) == 0
    truth = json.loads((tmp_path / "lkj-9-1.truth.json").read_text(encoding="utf-8"))
    assert len({i["kind"] for i in truth["injections"]}) == 3
    assert truth["input_kind"] == "pdf-text" and truth["scan"] is None
    assert truth["pages"] == page_count((tmp_path / "lkj-9-1.pdf").read_bytes())
    text, _ = _text((tmp_path / "lkj-9-0.pdf").read_bytes())
    assert json.loads((tmp_path / "lkj-9-0.truth.json").read_text())["entity"] in text


def test_cli_scans_and_rejects_bad_arguments(tmp_path: Path) -> None:
    argv = ["--out", str(tmp_path), "--seed", "4", "--pages-scale", "0.2", "--scan", "--dpi", "72"]
    assert main(argv) == 0
    truth = json.loads((tmp_path / "lkj-4-0.truth.json").read_text(encoding="utf-8"))
    assert truth["input_kind"] == "pdf-scanned" and truth["scan"]["dpi"] == 72
    assert len(truth["scan"]["skews"]) == truth["pages"]
    assert main(["--out", str(tmp_path), "--reports", "0"]) == 2
    assert main(["--out", str(tmp_path), "--scan", "--quality", "100"]) == 2
