"""Tests of the indicator rules: capaian, target-match, missing-indicator, claimed-count."""

from __future__ import annotations

from dataclasses import replace

from extractor.models import Provenance
from reconcile.rules.indicators import capaian, claimed_count, missing_indicator, target_match
from tests.rule_builders import (
    NO_ALIGNMENT,
    alignment,
    fig,
    indicator,
    only,
    pct,
    q,
    report,
    row,
)


def _measured(target, realisasi, stated, polarity="higher", unit="%", decimals=2):
    return indicator(
        "pengukuran",
        "Persentase laporan",
        q(target, unit, "pengukuran", 30, decimals=decimals),
        q(realisasi, unit, "pengukuran", 30, decimals=decimals, line=7, raw="9?"),
        pct(stated, 2, "pengukuran", 30),
        polarity=polarity,
    )


def _check(ind):
    return capaian(report(indicators=[ind]), NO_ALIGNMENT)


def test_capaian_matching_its_polarity_passes():
    assert _check(_measured(80, 70, 87.50)) == []
    assert _check(_measured(80, 70, 112.50, polarity="lower")) == []


def test_capaian_capped_at_120_passes():
    assert _check(_measured(50, 100, 120.00)) == []
    assert _check(_measured(50, 100, 200.00)) == []


def test_capaian_reproduced_by_another_formula_is_a_warning_naming_it():
    found = only(_check(_measured(80, 70, 114.29, polarity="higher")))
    assert found.severity == "warning" and "T/R×100" in found.message
    assert [c.label.split()[0] for c in found.values] == ["target", "realisasi", "capaian"]


def test_capaian_matching_no_formula_is_an_error_with_the_recomputations():
    found = only(_check(_measured(80, 70, 95.00)))
    assert found.severity == "error"
    assert "87,5% uncapped, 87,5% capped" in found.message
    assert found.difference == 7.5


def test_capaian_with_an_unreadable_cell_is_unverifiable():
    found = only(_check(_measured(80, None, 87.50)))
    assert found.severity == "unverifiable" and "line 7 ('9?')" in found.message


def test_capaian_skipped_for_zero_target_and_grades():
    assert _check(_measured(0, 5, 50.00)) == []
    grade = indicator(
        "pengukuran", "Nilai SAKIP", q(None, "predikat", raw="BB"), q(None, "predikat"), pct(100)
    )
    assert _check(grade) == []


def test_capaian_precision_of_a_rounded_stated_value():
    assert _check(_measured(28, 15, 53.57)) == []
    assert only(_check(_measured(28, 15, 53.00))).severity == "error"


def _target(section, value, unit="kali", page=14):
    return indicator(section, "Jumlah revisi", q(value, unit, section, page))


def test_targets_alike_across_sections_pass():
    rows = alignment(row(_target("pk", 12), _target("pengukuran", 12), _target("ikhtisar", 12)))
    assert target_match(report(), rows) == []


def test_differing_target_is_one_warning_per_distinct_pair():
    rows = alignment(row(_target("pk", 12), _target("lampiran-pk", 12), _target("pengukuran", 10)))
    found = only(target_match(report(), rows))
    assert found.severity == "warning" and found.difference == 2
    assert [c.quantity.provenance.section for c in found.values] == ["pk", "pengukuran"]


def test_unit_drift_is_its_own_message():
    rows = alignment(row(_target("pk", 6, "kelompok"), _target("pengukuran", 6, "orang")))
    found = only(target_match(report(), rows))
    assert "differ in unit: kelompok vs orang" in found.message and found.difference is None


def test_plan_targets_are_not_compared_with_the_pk():
    rows = alignment(row(_target("pk", 100, "%"), _target("rencana-kinerja", 90, "%")))
    assert target_match(report(), rows) == []


def test_unreadable_target_is_unverifiable():
    unreadable = indicator("pengukuran", "Jumlah revisi", q(None, "kali", "pengukuran", 30, "1?"))
    found = only(target_match(report(), alignment(row(_target("pk", 12), unreadable))))
    assert found.severity == "unverifiable"


def test_grade_targets_compared_by_their_text():
    bb = indicator("pk", "Nilai SAKIP", q(None, "predikat", "pk", raw="BB"))
    a = indicator("pengukuran", "Nilai SAKIP", q(None, "predikat", "pengukuran", raw="A"))
    assert only(target_match(report(), alignment(row(bb, a)))).severity == "warning"


def test_pk_indicator_never_measured_and_measured_without_pk():
    pk, measured = _target("pk", 12), _target("pengukuran", 12)
    r = report(indicators=[pk, measured])
    rows = alignment(row(pk), row(measured))
    found = missing_indicator(r, rows)
    assert [f.severity for f in found] == ["warning", "warning"]
    assert "never measured" in found[0].message and found[0].values[0].quantity.value == 12
    assert "without a PK" in found[1].message
    assert missing_indicator(r, alignment(row(pk, measured))) == []


def test_ikhtisar_counts_as_measurement_without_a_pengukuran_section():
    pk, summary = _target("pk", 12), _target("ikhtisar", 12)
    assert missing_indicator(report(indicators=[pk, summary]), alignment(row(pk, summary))) == []


def test_plan_indicators_without_pk_are_one_info_finding():
    plans = [
        indicator("rencana-kinerja", f"plan {i}", pct(90, 0, "rencana-kinerja")) for i in range(5)
    ]
    pk = _target("pk", 12)
    rows = alignment(row(pk, plans[0], _target("pengukuran", 12)), *(row(p) for p in plans[1:]))
    found = only(missing_indicator(report(), rows))
    assert found.severity == "info" and found.message.startswith("4 of 5 plan indicators")
    assert len(found.values) == 3


def _counted(claimed, section="pengukuran"):
    inds = [indicator("pengukuran", f"i{i}", no=str(i // 3)) for i in range(11)]
    return report(
        indicators=inds,
        figures=[fig("indicator-count", q(claimed, None, "pengukuran"), scope=section)],
    )


def test_claimed_count_matching_passes():
    assert claimed_count(_counted(11), NO_ALIGNMENT) == []


def test_claimed_count_wrong_is_a_warning_and_says_when_it_counts_sasaran():
    found = only(claimed_count(_counted(12), NO_ALIGNMENT))
    assert found.severity == "warning" and found.difference == 1
    assert "sasaran" in only(claimed_count(_counted(4), NO_ALIGNMENT)).message


def test_claimed_count_falls_back_to_the_pk():
    pk = [indicator("pk", f"i{i}") for i in range(3)]
    r = report(indicators=pk, figures=[fig("indicator-count", q(4, None), scope="pengukuran")])
    assert only(claimed_count(r, NO_ALIGNMENT)).difference == 1


def test_a_count_stated_in_another_unit_than_its_target_is_unit_drift():
    pk = indicator("pk", "Jumlah kelompok penerap jaminan mutu", target=q(20, "kelompok", "pk", 2))
    measured = indicator(
        "pengukuran",
        "Jumlah kelompok penerap jaminan mutu",
        realisasi=q(12, "orang", "pengukuran", 21),
    )
    found = only(target_match(report(indicators=[pk, measured]), alignment(row(pk, measured))))
    assert found.severity == "warning"
    assert [(c.quantity.value, c.quantity.unit) for c in found.values] == [
        (20, "kelompok"),
        (12, "orang"),
    ]
    same = replace(measured, realisasi=q(12, "kelompok", "pengukuran", 21))
    assert target_match(report(indicators=[pk, same]), alignment(row(pk, same))) == []


def test_a_realisation_unit_no_target_has_drifts_though_the_targets_differ_in_unit():
    pk = indicator("pk", "Jumlah pelaku jaminan mutu", target=q(20, "kelompok", "pk", 2))
    detail = indicator("pengukuran", "Jumlah pelaku jaminan mutu", target=q(20, "pelaku"))
    summary = indicator(
        "pengukuran", "Jumlah pelaku jaminan mutu", realisasi=q(12, "orang", "pengukuran", 22)
    )
    rows = alignment(row(pk, detail, summary))
    found = target_match(report(indicators=[pk, detail, summary]), rows)
    assert ["differ in unit" in f.message for f in found] == [True, False]
    assert {c.quantity.unit for c in found[1].values} == {"kelompok", "pelaku", "orang"}
    agreeing = replace(summary, realisasi=q(12, "pelaku", "pengukuran", 22))
    rows = alignment(row(pk, detail, agreeing))
    assert len(target_match(report(indicators=[pk, detail, agreeing]), rows)) == 1


def test_a_count_claimed_for_a_chapter_that_repeats_its_table_counts_one_copy():
    def measured(name: str, page: int):
        ind = indicator("pengukuran", name, realisasi=pct(90))
        return replace(ind, provenance=Provenance("pengukuran", page, None, name))

    names = ("Persentase laporan keuangan", "Persentase revisi anggaran", "Nilai SAKIP")
    rows = [measured(n, 24) for n in names] + [measured(n, 29) for n in names]
    claim = fig("indicator-count", q(3, None, "pengukuran", 24), scope="pengukuran")
    assert claimed_count(report(indicators=rows, figures=[claim]), NO_ALIGNMENT) == []
    four = fig("indicator-count", q(4, None, "pengukuran", 24), scope="pengukuran")
    found = only(claimed_count(report(indicators=rows, figures=[four]), NO_ALIGNMENT))
    assert found.difference == 1
