"""A "%" that OCR read as digits, settled by the same indicator in another section."""

from __future__ import annotations

import pytest

from extractor.models import Indicator, Quantity, Report
from reconcile.align import align_report
from reconcile.check import check_report
from reconcile.repair import settle_percent_misreads
from tests.rule_builders import pct, q

NAME = "Persentase kegiatan sosialisasi yang akuntabel"


def measured(target: Quantity, realisasi: Quantity | None = None) -> Indicator:
    return Indicator("pengukuran", "1", "", NAME, target, realisasi, pct(100, 0, "pengukuran"))


def planned(target: Quantity) -> Indicator:
    return Indicator("pk", "1", "", NAME, target)


def report(*indicators: Indicator) -> Report:
    return Report("lkj.pdf", "pdf-scanned", 10, indicators=list(indicators))


def settled(*indicators: Indicator) -> Report:
    rep = report(*indicators)
    return settle_percent_misreads(rep, align_report(rep))[0]


@pytest.mark.parametrize(
    ("value", "raw"), [(100, "10096"), (95, "9596"), (85, "85 96"), (75, "7576"), (80, "80 4")]
)
def test_misread_percent_takes_the_value_another_section_prints(value: int, raw: str) -> None:
    misread = q(int(raw.replace(" ", "")), None, "pengukuran", 9, raw=raw, confidence=71.0)
    rep = settled(planned(pct(value, 0, "pk", 8)), measured(misread))
    target = rep.indicators_in("pengukuran")[0].target
    assert target is not None
    assert (target.value, target.unit, target.repaired) == (value, "%", True)
    assert (target.provenance.raw, target.provenance.page, target.confidence) == (raw, 9, 71.0)


def test_realisasi_is_settled_by_the_realisasi_of_another_section() -> None:
    summary = Indicator("ikhtisar", "1", "", NAME, pct(90, 0, "ikhtisar"), pct(100, 0, "ikhtisar"))
    misread = q(10096, None, "pengukuran", 9, raw="10096")
    rep = settled(summary, measured(pct(90, 0), misread))
    realisasi = rep.indicators_in("pengukuran")[0].realisasi
    assert realisasi is not None and (realisasi.value, realisasi.unit) == (100, "%")


@pytest.mark.parametrize(
    ("elsewhere", "cell"),
    [
        (pct(95, 0, "pk"), q(10096, None, "pengukuran", raw="10096")),  # another figure
        (q(100, None, "pk"), q(10096, None, "pengukuran", raw="10096")),  # no "%" elsewhere
        (pct(100, 0, "pk"), q(1250, None, "pengukuran", raw="1.250")),  # no misread shape
        (pct(100, 0, "pk"), q(10096, "orang", "pengukuran", raw="10096 orang")),  # a unit
    ],
)
def test_other_cells_stay_as_read(elsewhere: Quantity, cell: Quantity) -> None:
    rep = settled(planned(elsewhere), measured(cell))
    assert rep.indicators_in("pengukuran")[0].target == cell


def test_a_report_without_misreads_is_returned_unchanged() -> None:
    rep = report(planned(pct(100, 0, "pk")), measured(pct(100, 0)))
    alignment = align_report(rep)
    assert settle_percent_misreads(rep, alignment) == (rep, alignment)


def test_the_settled_target_raises_no_target_mismatch() -> None:
    misread = q(10096, None, "pengukuran", 9, raw="10096")
    rep = report(planned(pct(100, 0, "pk", 8)), measured(misread, pct(100, 0)))
    result = check_report(rep)
    assert not [f for f in result.findings if f.rule == "target-match"]
    aligned = result.alignment.rows[0].get("pengukuran")
    assert aligned is not None and aligned.target is not None and aligned.target.repaired
    unsettled = report(planned(pct(95, 0, "pk", 8)), measured(misread, pct(100, 0)))
    assert [f.rule for f in check_report(unsettled).findings if f.rule == "target-match"]
