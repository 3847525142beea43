"""End to end on synthetic reports never seen before: every injected discrepancy is found and
nothing else is flagged as an error; extracted values match the truth file."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.models import Indicator
from reconcile.align import align_indicators
from reconcile.check import CheckResult, check_file
from samples.render_text import render_text
from samples.synthetic import build_report
from samples.truth import truth_of

CLEAN_SEEDS = (3, 17, 29, 41, 53, 67)
INJECTED = {
    71: ("same-figure", "total-vs-sum", "breakdown"),
    83: ("percentage", "capaian", "over-realisation"),
    97: ("target-match", "missing-indicator", "claimed-count"),
    109: ("narrative-claim", "unverifiable", "same-figure"),
    113: ("total-vs-sum", "capaian", "breakdown"),
    127: ("over-realisation", "percentage", "missing-indicator"),
}
MIN_CELL_ACCURACY = 0.99


def _check(tmp_path: Path, seed: int, inject: tuple[str, ...] = ()) -> tuple[CheckResult, dict]:
    report = build_report(seed, inject=inject)
    path = tmp_path / f"lkj-{seed}.txt"
    path.write_text(render_text(report, seed), encoding="utf-8")
    return check_file(path), truth_of(report)


def _unexpected_errors(result: CheckResult, truth: dict) -> list[str]:
    expected = {i["rule"] for i in truth["injections"] if i["severity"] == "error"}
    return [f.message for f in result.findings if f.severity == "error" and f.rule not in expected]


@pytest.mark.parametrize("seed", CLEAN_SEEDS)
def test_clean_report_has_no_error(tmp_path, seed):
    result, truth = _check(tmp_path, seed)
    assert _unexpected_errors(result, truth) == []


@pytest.mark.parametrize("seed", sorted(INJECTED))
def test_injected_discrepancies_are_found_and_nothing_else(tmp_path, seed):
    result, truth = _check(tmp_path, seed, INJECTED[seed])
    found = {(f.rule, f.severity) for f in result.findings}
    missed = [i for i in truth["injections"] if (i["rule"], i["severity"]) not in found]
    assert missed == []
    assert _unexpected_errors(result, truth) == []


def _truth_indicator(row: dict) -> Indicator:
    return Indicator(row["section"], row["no"], row["sasaran"], row["indikator"], None)


def _cells(truth: dict, result: CheckResult) -> tuple[int, int]:
    """(right, total) over every indicator cell and budget amount of the truth.

    Truth rows are paired with parsed rows by name, so a missed row costs its own cells only.
    """
    right = total = 0
    for section in ("pk", "pengukuran", "ikhtisar", "lampiran-pk", "rencana-kinerja"):
        want = [row for row in truth["indicators"] if row["section"] == section]
        lefts = [_truth_indicator(row) for row in want]
        rows = {id(left): row for left, row in zip(lefts, want, strict=True)}
        total += sum(bool(row.get(f)) for row in want for f in ("target", "realisasi", "capaian"))
        for match in align_indicators(lefts, result.report.indicators_in(section)):
            row = rows[id(match.left)]
            for field in ("target", "realisasi", "capaian"):
                cell = getattr(match.right, field)
                if row.get(field) and cell is not None and cell.value == row[field]["value"]:
                    right += 1
    for field in ("allocation", "realisation"):
        want_amounts = [b[field] for b in truth["budget"] if b["section"] == "realisasi-anggaran"]
        got_amounts = [
            getattr(b, field).value if getattr(b, field) else None
            for b in result.report.budget
            if b.section == "realisasi-anggaran"
        ]
        total += len(want_amounts)
        right += sum(a == b for a, b in zip(want_amounts, got_amounts, strict=False))
    return right, total


def test_extracted_values_match_truth(tmp_path):
    right = total = 0
    for seed in CLEAN_SEEDS:
        result, truth = _check(tmp_path, seed)
        r, t = _cells(truth, result)
        right, total = right + r, total + t
    assert total > 500
    assert right / total >= MIN_CELL_ACCURACY, f"{right}/{total} cells right"
