"""Tests of the stated-figure rules: same-figure and percentage."""

from __future__ import annotations

from dataclasses import replace

from extractor.models import Indicator, Provenance
from reconcile.align import align_report
from reconcile.rules.figures import percentage, same_figure
from tests.rule_builders import (
    NO_ALIGNMENT,
    alignment,
    fig,
    indicator,
    line,
    only,
    pct,
    q,
    report,
    row,
    rp,
)

PAGU = 238339761000
REALISED = 231658704797


def test_same_figure_stated_alike_passes():
    figures = [
        fig("realisation", rp(REALISED, "ikhtisar", 3)),
        fig("realisation", rp(REALISED, "realisasi-anggaran", 34)),
    ]
    assert same_figure(report(figures=figures), NO_ALIGNMENT) == []


def test_same_figure_differing_is_an_error_with_the_difference():
    figures = [
        fig("realisation", rp(231665238797, "ikhtisar", 3)),
        fig("realisation", rp(REALISED, "realisasi-anggaran", 34)),
        fig("realisation", rp(REALISED, "narrative", 35)),  # same value: no second finding
    ]
    found = only(same_figure(report(figures=figures), NO_ALIGNMENT))
    assert found.severity == "error" and found.difference == 6534000
    assert [c.quantity.provenance.page for c in found.values] == [3, 34]
    assert found.message == (
        "Realisation in ikhtisar (Rp231.665.238.797, p. 3) differs from realisasi-anggaran "
        "(Rp231.658.704.797, p. 34) by Rp6.534.000."
    )


def test_table_total_is_the_same_figure_as_the_prose_of_its_program():
    figures = [
        fig("allocation", rp(100, "ikhtisar", 3), scope="CQ"),
        fig("table-total-allocation", rp(90, "realisasi-anggaran", 34), scope="cq"),
        fig("table-total-allocation", rp(80, "rkt", 60), scope="CQ"),  # a plan: not compared
    ]
    found = only(same_figure(report(figures=figures), NO_ALIGNMENT))
    assert found.difference == 10 and "program CQ" in found.message


def test_rounded_absorptions_agree_by_interval():
    figures = [fig("absorption", pct(97.2, 1, "ikhtisar")), fig("absorption", pct(97.20, 2))]
    assert same_figure(report(figures=figures), NO_ALIGNMENT) == []
    figures.append(fig("absorption", pct(97.3, 1, "narrative")))
    found = same_figure(report(figures=figures), NO_ALIGNMENT)
    assert [round(f.difference, 6) for f in found] == [-0.1]


def test_unreadable_statement_is_unverifiable():
    figures = [
        fig("staff-total", q(28, "orang", "sdm", 7)),
        fig("staff-total", q(None, "orang", "ikhtisar", 2, raw="2?", line=40)),
    ]
    found = only(same_figure(report(figures=figures), NO_ALIGNMENT))
    assert found.severity == "unverifiable" and "ikhtisar, p. 2, line 40 ('2?')" in found.message


def test_whole_budget_vs_the_sum_of_its_programs():
    budget = [line("realisasi-anggaran", p, "x", rp(1)) for p in ("CQ", "WA")]
    figures = [
        fig("allocation", rp(PAGU, "ikhtisar", 3), group="CQ+WA"),
        fig("allocation", rp(PAGU - 2392768000, "ikhtisar", 3), scope="CQ"),
        fig("allocation", rp(2392768000 + 5, "ikhtisar", 3), scope="WA"),
    ]
    found = only(same_figure(report(budget=budget, figures=figures), NO_ALIGNMENT))
    assert found.difference == -5 and "2 programs" in found.message


def test_whole_budget_not_summed_when_a_program_has_no_figure():
    budget = [line("realisasi-anggaran", p, "x", rp(1)) for p in ("CQ", "WA")]
    figures = [fig("allocation", rp(PAGU), group="CQ+WA"), fig("allocation", rp(5), scope="CQ")]
    assert same_figure(report(budget=budget, figures=figures), NO_ALIGNMENT) == []


def test_whole_budget_not_summed_when_its_sentence_names_no_programs():
    """Summing the programs found would mistake a program lost by OCR for an error."""
    figures = [
        fig("allocation", rp(PAGU, "realisasi-anggaran", 34)),
        fig("allocation", rp(PAGU - 7, "realisasi-anggaran", 33), scope="CQ"),
    ]
    assert same_figure(report(figures=figures), NO_ALIGNMENT) == []


def _absorption(stated, decimals=2, realised=REALISED):
    return report(
        figures=[
            fig("absorption", pct(stated, decimals, "realisasi-anggaran", 34)),
            fig("realisation", rp(realised, "realisasi-anggaran", 34)),
            fig("allocation", rp(PAGU, "realisasi-anggaran", 34)),
        ]
    )


def test_absorption_97_20_agrees_with_its_recomputation():
    assert percentage(_absorption(97.20), NO_ALIGNMENT) == []


def test_absorption_off_by_more_than_a_point_is_an_error():
    found = only(percentage(_absorption(99.20), NO_ALIGNMENT))
    assert found.severity == "error"
    assert [c.label for c in found.values] == ["absorption", "realisation", "allocation"]
    assert round(found.difference, 4) == round(99.20 - REALISED / PAGU * 100, 4)


def test_absorption_just_outside_its_rounding_is_a_warning():
    found = only(percentage(_absorption(97.19), NO_ALIGNMENT))
    assert found.severity == "warning" and "beyond rounding" in found.message


def test_absorption_prefers_figures_of_its_own_section():
    r = _absorption(97.20)
    r.figures.append(fig("realisation", rp(1, "ikhtisar", 3)))
    assert percentage(r, NO_ALIGNMENT) == []


def test_absorption_with_unreadable_realisation_is_unverifiable():
    found = only(percentage(_absorption(97.20, realised=None), NO_ALIGNMENT))
    assert found.severity == "unverifiable"


def _shares(asn_share):
    return report(
        figures=[
            fig("staff-total", q(28, "orang", "sdm")),
            fig("staff-asn", q(15, "orang", "sdm")),
            fig("staff-share", pct(asn_share, 0, "sdm"), scope="asn"),
        ]
    )


def test_staff_share_53_of_15_28_is_a_rounding_warning():
    found = only(percentage(_shares(53), NO_ALIGNMENT))
    assert found.severity == "warning"
    assert round(found.difference, 4) == round(53 - 15 / 28 * 100, 4)
    assert [c.quantity.value for c in found.values] == [53, 15, 28]


def test_staff_share_rounded_correctly_passes_and_a_wrong_one_fails():
    assert percentage(_shares(54), NO_ALIGNMENT) == []
    assert only(percentage(_shares(60), NO_ALIGNMENT)).severity == "error"


def _measured(name: str, realisasi: float, page: int, section: str = "pengukuran") -> Indicator:
    prov = Provenance(section, page, None, name)
    value = q(realisasi, None, section, page, raw=str(realisasi).replace(".", ","), decimals=2)
    return replace(indicator(section, name, realisasi=value), provenance=prov)


def test_a_chapter_repeating_its_measurement_table_is_aligned_copy_by_copy():
    rows = [
        _measured("Nilai Evaluasi AKIP", 82.92, 24),
        _measured("Maturitas SPIP", 3.16, 24),
        _measured("Nilai Evaluasi AKIP", 81.59, 29),
        _measured("Maturitas SPIP", 3.16, 29),
    ]
    pk = [indicator("pk", "Nilai Evaluasi AKIP"), indicator("pk", "Maturitas SPIP")]
    alignment = align_report(report(indicators=pk + rows))
    assert [[i.provenance and i.provenance.page for _, i in r.members] for r in alignment.rows] == [
        [None, 24, 29],
        [None, 24, 29],
    ]
    found = only(same_figure(report(indicators=pk + rows), alignment))
    assert [(c.quantity.value, c.quantity.provenance.page) for c in found.values] == [
        (82.92, 24),
        (81.59, 29),
    ]
    assert found.severity == "error" and found.message.startswith(
        "The realisation of 'Nilai Evaluasi AKIP' in pengukuran (82,92, p. 24) differs"
    )


def test_realisations_of_indicators_aligned_but_named_apart_are_not_compared():
    rows = [_measured("Persentase laporan keuangan", 74.03, 9)]
    summary = [_measured("Persentase sarana prasarana kantor", 86.91, 2, "ikhtisar")]
    aligned = alignment(row(rows[0], summary[0]))
    assert same_figure(report(indicators=rows + summary), aligned) == []


def test_each_serapan_is_recomputed_from_the_figures_stated_next_to_it():
    def pair(line: int, realised: int, pagu: int, stated: float) -> list:
        at = {"section": "realisasi-anggaran", "page": 50, "line": line}
        return [
            fig("realisation", rp(realised, **at)),
            fig("absorption", pct(stated, 2, **at)),
            fig("allocation", rp(pagu, **{**at, "line": line + 1})),
        ]

    figures = pair(1, 90_000_000, 100_000_000, 90.0) + pair(10, 54_000_000, 72_000_000, 75.0)
    assert percentage(report(figures=figures), NO_ALIGNMENT) == []
    figures[-2] = fig("absorption", pct(70.0, 2, "realisasi-anggaran", 50, line=10))
    found = only(percentage(report(figures=figures), NO_ALIGNMENT))
    assert [c.quantity.value for c in found.values] == [70.0, 54_000_000, 72_000_000]


def test_a_kegiatan_subtotal_is_not_the_whole_budget_stated_in_prose():
    figures = [
        fig("realisation", rp(205_136_111_584, page=50)),
        fig("table-total-realisation", rp(107_159_901_780, page=52), group="kegiatan"),
    ]
    assert same_figure(report(figures=figures), NO_ALIGNMENT) == []
