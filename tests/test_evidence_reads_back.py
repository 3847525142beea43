"""Evidence crops of a generated report with known discrepancies read back, by OCR, as cited."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from extractor.models import Quantity
from reconcile.check import CheckResult, check_file
from reconcile.evidence import EvidenceSettings, evidence_for
from samples.inject import INJECTION_KINDS
from samples.render_pdf import render_pdf
from samples.synthetic import build_report
from tests.test_evidence import reads_back

SEED = 2
PAGES_SCALE = 0.3
DPI = 200
MAX_CROPS = 40
MIN_CROPS = 15  # fewer means the check lost findings, and this test most of its meaning
SLACK = 1.0  # points around a figure's box where its text layer is looked for


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, CheckResult]:
    """A short digital report with every kind of discrepancy, and its check."""
    pdf = tmp_path_factory.mktemp("reads-back") / "lkj.pdf"
    report = build_report(SEED, inject=INJECTION_KINDS, pages_scale=PAGES_SCALE)
    pdf.write_bytes(render_pdf(report, SEED))
    return pdf, check_file(pdf)


def cited_figures(result: CheckResult) -> list[Quantity]:
    """Each readable figure the findings cite at a place on a page, once, in finding order."""
    cited = (c.quantity for f in result.findings for c in f.values)
    located = (q for q in cited if q.readable and q.provenance.bbox and q.provenance.page)
    return list(dict.fromkeys(located))


@pytest.fixture(scope="module")
def placed(generated) -> tuple[list[Quantity], list[Quantity]]:
    """The cited figures whose box holds them in the text layer, and those whose box does not."""
    pdf, result = generated
    shown: list[Quantity] = []
    hidden: list[Quantity] = []
    with pdfplumber.open(pdf) as document:
        for quantity in cited_figures(result):
            (shown if text_layer_shows(document, quantity) else hidden).append(quantity)
    return shown, hidden


def text_layer_shows(document: pdfplumber.PDF, quantity: Quantity) -> bool:
    """Whether the text layer inside the figure's box holds all of the figure's digits."""
    p = quantity.provenance
    assert p.bbox is not None and p.page is not None
    x0, top, x1, bottom = p.bbox.as_tuple()
    box = (max(0, x0 - SLACK), max(0, top - SLACK), x1 + SLACK, bottom + SLACK)
    text = document.pages[p.page - 1].within_bbox(box).extract_text()
    return _digits(p.raw) in _digits(text)


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


def test_the_report_has_findings_of_many_rules_citing_figures_on_pages(generated) -> None:
    _, result = generated
    assert len({f.rule for f in result.findings}) >= 6
    assert MIN_CROPS <= len(cited_figures(result)) <= MAX_CROPS


def test_every_cited_figure_reads_back_from_its_crop(generated, placed) -> None:
    pdf, _ = generated
    shown, _ = placed
    settings = EvidenceSettings(dpi=DPI)
    misread = []
    for quantity in shown:
        evidence = evidence_for(quantity, [pdf], settings)
        assert evidence is not None and evidence.png is not None
        if not reads_back(evidence, quantity):
            misread.append(quantity.provenance)
    print(f"{len(shown) - len(misread)} of {len(shown)} crops read back")
    assert len(shown) >= MIN_CROPS
    assert misread == []


def test_every_cited_figure_stands_inside_its_box(placed) -> None:
    _, hidden = placed
    assert [q.provenance for q in hidden] == []
