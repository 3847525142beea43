"""The real digital (text-layer) LKjIP of Inspektorat Kabupaten Jombang 2022, when present."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.ingest import load_document
from extractor.parse.indicators import parse_indicator_spans
from reconcile.check import check_file
from reconcile.rules.indicators import capaian
from tests.rule_builders import NO_ALIGNMENT
from tests.rule_builders import report as rule_report

JOMBANG = Path(__file__).parents[2] / "shared/real/jombang-inspektorat-lkjip-2022-digital.pdf"
CAPAIAN_TABLE_PAGE = 24  # "Tabel 3.2 Capaian Kinerja", in a chapter the sections call narrative

pytestmark = pytest.mark.skipif(not JOMBANG.exists(), reason="real Jombang report absent")


@pytest.fixture(scope="module")
def result():
    return check_file(JOMBANG)


def _values(section: str, result) -> list[tuple]:
    return [
        (i.indikator, *(q and q.value for q in (i.target, i.realisasi, i.capaian)))
        for i in result.report.indicators
        if i.section == section
    ]


def test_pk_and_both_measurement_tables_read_levels_and_grades_by_their_scores(result):
    table_3_3 = [
        ("Maturitas SPIP", 3.35, 3.157, 94.24),
        ("Kapabilitas APIP", 3, 3, 100),
        ("Nilai Evaluasi AKIP PD", 83, 81.59, 98.3),
    ]
    table_3_2 = [*table_3_3[:2], ("Nilai Evaluasi AKIP PD", 83, 82.92, 98.3)]
    assert _values("pengukuran", result) == table_3_2 + table_3_3
    assert _values("pk", result) == [(name, target, None, None) for name, target, *_ in table_3_3]


def test_the_two_realisations_of_nilai_akip_are_flagged(result):
    (differs,) = [f for f in result.findings if f.rule == "same-figure"]
    assert differs.severity == "error"
    assert [(c.quantity.value, c.quantity.provenance.page) for c in differs.values] == [
        (82.92, CAPAIAN_TABLE_PAGE),
        (81.59, 29),
    ]
    (wrong,) = [f for f in result.findings if f.rule == "capaian"]
    assert {c.quantity.value for c in wrong.values} >= {83, 82.92, 98.3}


def test_budget_tables_read_without_codes_and_pass(result):
    report = result.report
    lines = [b for b in report.budget if b.section == "realisasi-anggaran"]
    assert len(lines) == 12
    assert sum(b.allocation.value for b in lines) == 13_353_153_913
    assert sum(b.realisation.value for b in lines) == 12_441_701_788
    totals = {(f.key, f.quantity.value) for f in report.figures if f.scope is None}
    assert {
        ("table-total-allocation", 13_353_153_913),
        ("table-total-realisation", 12_441_701_788),
    } <= totals
    pk = [b.allocation.value for b in report.budget if b.section == "pk"]
    assert sum(pk) == 13_353_153_913  # the programs, not their group rows A. and B. again


def test_only_the_three_discrepancies_are_reported(result):
    assert result.report.input_kind == "pdf-text"  # a scanned cover does not make it a scan
    assert sorted((f.severity, f.rule) for f in result.findings) == [
        ("error", "capaian"),
        ("error", "narrative-claim"),
        ("error", "same-figure"),
    ]


def test_claim_that_every_indicator_reached_its_target_is_refuted(result):
    (claim,) = [f for f in result.findings if f.rule == "narrative-claim"]
    assert claim.severity == "error"
    assert {c.quantity.value for c in claim.values} >= {94.24, 98.3}


def test_only_the_realisation_81_59_reproduces_the_stated_capaian():
    lines = [line for line in load_document(JOMBANG).lines() if line.page == CAPAIAN_TABLE_PAGE]
    rows = parse_indicator_spans(lines, "pengukuran")
    assert [(r.indikator, r.realisasi.value) for r in rows][-1] == ("Nilai Evaluasi AKIP PD", 82.92)
    (wrong,) = capaian(rule_report(indicators=rows), NO_ALIGNMENT)
    assert wrong.severity == "error"
    assert {c.quantity.value for c in wrong.values} >= {83, 82.92}
