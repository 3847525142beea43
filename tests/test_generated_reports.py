"""End to end on synthetic reports never seen before: every injected discrepancy is found and
nothing else is flagged as an error; extracted values match the truth file."""

from __future__ import annotations

from pathlib import Path

import pytest

from reconcile.check import check_file
from samples.render_text import render_text
from samples.scoring import Score, rate, score, total
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


def _scored(tmp_path: Path, seed: int, inject: tuple[str, ...] = ()) -> Score:
    report = build_report(seed, inject=inject)
    path = tmp_path / f"lkj-{seed}.txt"
    path.write_text(render_text(report, seed), encoding="utf-8")
    return score(truth_of(report), check_file(path))


@pytest.mark.parametrize("seed", CLEAN_SEEDS)
def test_clean_report_has_no_error(tmp_path, seed):
    assert _scored(tmp_path, seed).unexpected_errors == ()


@pytest.mark.parametrize("seed", sorted(INJECTED))
def test_injected_discrepancies_are_found_and_nothing_else(tmp_path, seed):
    scored = _scored(tmp_path, seed, INJECTED[seed])
    assert scored.injections_found == scored.injections_total == len(INJECTED[seed])
    assert scored.unexpected_errors == ()


def test_extracted_values_match_truth(tmp_path):
    scored = total(_scored(tmp_path, seed) for seed in CLEAN_SEEDS)
    assert scored.cells_total > 500
    assert rate(scored.cells_right, scored.cells_total) >= MIN_CELL_ACCURACY, scored.misses
