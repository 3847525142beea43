"""Tests of the prose rules: narrative-claim, year, efficiency."""

from __future__ import annotations

from extractor.models import Claim, Provenance, Quantity
from reconcile.rules.narrative import efficiency, narrative_claim, year
from tests.rule_builders import NO_ALIGNMENT, fig, indicator, only, pct, q, report

CLAIM_AT = Provenance("pengukuran", 31, None, "semua indikator kinerja tercapai", line=1049)


NAMES = ("laporan keuangan", "revisi anggaran", "dokumen perencanaan")


def _measured(*capaian, section="pengukuran"):
    cells = [c if isinstance(c, Quantity) else pct(c, 0, section, 30) for c in capaian]
    return [indicator(section, name, capaian=c) for name, c in zip(NAMES, cells, strict=False)]


def _claimed(*capaian, kind="all-achieved", subject=None, section="pengukuran"):
    claim = Claim(kind, CLAIM_AT.raw, CLAIM_AT, subject)  # type: ignore[arg-type]
    return report(indicators=_measured(*capaian, section=section), claims=[claim])


def test_all_achieved_claim_true_passes():
    assert narrative_claim(_claimed(100, 105, 100), NO_ALIGNMENT) == []


def test_all_achieved_claim_false_cites_every_capaian_below_100():
    found = only(narrative_claim(_claimed(100, 87, 95), NO_ALIGNMENT))
    assert found.severity == "error"
    assert [c.quantity.value for c in found.values] == [None, 87, 95]
    assert found.values[0].quantity.provenance.page == 31
    assert "2 capaian are below 100%" in found.message


def test_an_indicator_stated_in_two_measurement_tables_is_cited_once():
    claimed = _claimed(100, 87, 95)
    claimed.indicators += _measured(100, 87, 96)  # the same names: the detailed table
    found = only(narrative_claim(claimed, NO_ALIGNMENT))
    assert [c.quantity.value for c in found.values] == [None, 87, 95, 96]


def test_all_achieved_uses_ikhtisar_without_a_pengukuran_table():
    assert only(narrative_claim(_claimed(90, section="ikhtisar"), NO_ALIGNMENT)).severity == "error"


def test_all_achieved_with_an_unreadable_capaian_is_unverifiable():
    unreadable = q(None, "%", "pengukuran", 30, raw="1O?", line=12)
    found = only(narrative_claim(_claimed(100, unreadable), NO_ALIGNMENT))
    assert found.severity == "unverifiable" and "line 12 ('1O?')" in found.message


def test_efficient_claim_for_an_indicator_below_100_is_a_warning():
    r = _claimed(100, 87, kind="efficient", subject="Revisi Anggaran")
    found = only(narrative_claim(r, NO_ALIGNMENT))
    assert found.severity == "warning" and found.values[1].quantity.value == 87
    assert (
        narrative_claim(
            _claimed(100, 87, kind="efficient", subject="laporan keuangan"), NO_ALIGNMENT
        )
        == []
    )


def test_year_differing_from_the_report_year_is_a_warning():
    years = [q(2024, "year", "narrative", 2), q(2023, "year", "narrative", 5, raw="Tahun 2023")]
    found = only(year(report(years=years), NO_ALIGNMENT))
    assert found.severity == "warning" and found.difference == -1
    assert "'Tahun 2023'" in found.message and found.values[0].quantity.provenance.page == 5


def test_year_without_a_report_year_is_not_checked():
    assert year(report(year=None, years=[q(2023, "year")]), NO_ALIGNMENT) == []


def _efficiency(stated, capaian=100.0, serapan=97.20):
    return report(
        indicators=[indicator("pengukuran", "Persentase laporan", capaian=pct(capaian, 2))],
        figures=[
            fig("absorption", pct(serapan, 2, "realisasi-anggaran")),
            fig("efficiency", pct(stated, 2, "narrative"), scope="Persentase laporan"),
        ],
    )


def test_efficiency_equal_to_capaian_minus_serapan_passes():
    assert efficiency(_efficiency(2.80), NO_ALIGNMENT) == []


def test_efficiency_mismatch_is_a_warning_citing_all_three():
    found = only(efficiency(_efficiency(3.50), NO_ALIGNMENT))
    assert found.severity == "warning" and round(found.difference, 6) == 0.7
    assert [c.quantity.value for c in found.values] == [3.50, 100.0, 97.20]


def test_efficiency_without_a_matching_capaian_is_skipped():
    r = _efficiency(3.50)
    r.figures[1] = fig("efficiency", pct(3.5, 2), scope="Program Dukungan Manajemen")
    assert efficiency(r, NO_ALIGNMENT) == []
