"""The real scanned PK of Dinas Pertanian Tanaman Pangan Jawa Barat 2016 with its digital LKIP,
checked together, when both are present."""

from __future__ import annotations

from pathlib import Path

import pytest

from reconcile.check import check_files

REAL = Path(__file__).parents[2] / "shared/real"
PK = REAL / "jabar-distan-pk-2016-scanned.pdf"
LKIP = REAL / "jabar-distan-lkip-2016-digital.pdf"

pytestmark = pytest.mark.skipif(
    not (PK.exists() and LKIP.exists()), reason="real Jawa Barat reports absent"
)


@pytest.fixture(scope="module")
def result():
    return check_files([PK, LKIP])


def _scanned_pk(result):
    """The PK rows of the scan (page 2; the LKIP's own PK copy is on page 63)."""
    return [i for i in result.report.indicators if i.section == "pk" and i.provenance.page == 2]


def test_pk_targets_are_read_from_the_scan_with_their_units(result):
    units = [i.target.unit for i in _scanned_pk(result)]
    assert units.count("ton") == 10 and units.count("ha") == 3
    assert {"tangkai", "%", "orang", "kelompok"} <= set(units)
    padi = _scanned_pk(result)[0]
    assert (padi.target.value, padi.target.provenance.raw) == (12_317_066, "12.317.066 ton")
    assert padi.target.provenance.bbox is not None


@pytest.mark.parametrize(
    ("target", "realisasi", "capaian"),
    [(10.9, 10.21, 106.33), (113_889, 85_362, 125.05)],
)
def test_lower_is_better_indicators_are_recomputed_by_their_polarity(
    result, target, realisasi, capaian
):
    (row,) = [
        i
        for i in result.report.indicators
        if i.section == "pengukuran" and i.target and i.target.value == target
    ]
    assert (row.realisasi.value, row.capaian.value, row.polarity) == (realisasi, capaian, "lower")
    assert [f for f in result.findings if f.rule == "capaian"] == []


def test_program_budget_of_the_pk_against_the_lkip_is_flagged(result):
    revisions = [f for f in result.findings if f.rule == "budget-revision"]
    program = [f for f in revisions if {18_972_674_100, 17_292_674_100} <= values(f)]
    assert len(program) == 1 and program[0].severity == "info"
    assert program[0].difference == 1_680_000_000


def test_unit_drift_and_unmeasured_pk_indicators_are_reported(result):
    drift = [f for f in result.findings if "drifts" in f.message]
    assert any({"kelompok", "orang"} <= {c.quantity.unit for c in f.values} for f in drift)
    unmeasured = [
        f
        for f in result.findings
        if f.rule == "missing-indicator" and "never measured" in f.message
    ]
    assert any("Luas Sawah Baru" in f.message for f in unmeasured)


def test_no_error_in_the_budget_chapter(result):
    assert [f.message for f in result.findings if f.severity == "error"] == []


def values(finding) -> set:
    return {c.quantity.value for c in finding.values}
