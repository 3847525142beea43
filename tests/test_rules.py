"""Tests of the rule registry, the finding order, and what every finding says."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from extractor.models import Claim, Provenance
from reconcile.rules import RULES, run_rules
from reconcile.rules.totals import total_vs_sum
from tests.rule_builders import NO_ALIGNMENT, fig, indicator, line, pct, q, report, rp

RULE_IDS = (
    "total-vs-sum",
    "same-figure",
    "percentage",
    "capaian",
    "target-match",
    "missing-indicator",
    "over-realisation",
    "breakdown",
    "claimed-count",
    "narrative-claim",
    "year",
    "budget-revision",
    "efficiency",
)


def test_rules_have_the_documented_ids():
    assert tuple(rule.id for rule in RULES) == RULE_IDS


def test_an_empty_report_has_no_findings():
    assert run_rules(report(), NO_ALIGNMENT) == []


def _messy_report():
    claim_at = Provenance("pengukuran", 31, None, "semua tercapai")
    return report(
        budget=[
            line("realisasi-anggaran", "WA", "b", rp(100, page=34), rp(130, page=34)),
            line("realisasi-anggaran", "WA", "a", rp(100, page=33), rp(120, page=33)),
        ],
        figures=[
            fig("realisation", rp(5, "ikhtisar", 3)),
            fig("realisation", rp(6, "realisasi-anggaran", 34)),
            fig("rkt-grand-total", rp(5, "rkt", 60)),
            fig("allocation", rp(6, "ikhtisar", 3)),
        ],
        indicators=[indicator("pengukuran", "x", capaian=pct(90, 0))],
        claims=[Claim("all-achieved", "semua tercapai", claim_at)],
        years=[q(2023, "year", "narrative", 2)],
    )


def test_run_rules_orders_by_severity_then_rule_then_page():
    found = run_rules(_messy_report(), NO_ALIGNMENT)
    keys = [(f.severity, f.rule) for f in found]
    assert keys == [
        ("error", "narrative-claim"),
        ("error", "over-realisation"),
        ("error", "over-realisation"),
        ("error", "same-figure"),
        ("warning", "year"),
        ("info", "budget-revision"),
    ]
    pages = [f.values[0].quantity.provenance.page for f in found if f.rule == "over-realisation"]
    assert pages == [33, 34]


def test_every_finding_cites_its_figures():
    for f in run_rules(_messy_report(), NO_ALIGNMENT):
        assert f.values and f.message.endswith(".")


def test_finding_on_a_repaired_value_says_so():
    repaired = rp(130, raw="Rp 13O", repaired=True)
    r = report(budget=[line("realisasi-anggaran", "WA", "b", rp(100), repaired)])
    (found,) = run_rules(r, NO_ALIGNMENT)
    assert "repaired reading realisasi-anggaran, p. 1 ('Rp 13O')" in found.message


def test_finding_on_a_low_confidence_value_says_so():
    shaky = rp(130, confidence=41.0)
    r = report(budget=[line("realisasi-anggaran", "WA", "b", rp(100), shaky)])
    (found,) = run_rules(r, NO_ALIGNMENT)
    assert "low-confidence (41) reading" in found.message


@given(
    st.lists(st.integers(min_value=0, max_value=10**12), min_size=1, max_size=8),
    st.integers(min_value=-(10**9), max_value=10**9),
)
def test_generated_tables_fail_exactly_when_the_total_is_off(amounts, error):
    lines = [line("realisasi-anggaran", "CQ", str(i), rp(a)) for i, a in enumerate(amounts)]
    total = fig("table-total-allocation", rp(sum(amounts) + error), scope="CQ")
    found = total_vs_sum(report(budget=lines, figures=[total]), NO_ALIGNMENT)
    assert [f.difference for f in found] == ([error] if error else [])
