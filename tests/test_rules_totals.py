"""Tests of the sum rules: total-vs-sum, over-realisation, breakdown, budget-revision."""

from __future__ import annotations

from extractor.models import Breakdown, Part
from reconcile.rules.budget import budget_revision
from reconcile.rules.totals import breakdown, over_realisation, total_vs_sum
from tests.rule_builders import NO_ALIGNMENT, fig, line, only, pct, q, report, rp

RA = "realisasi-anggaran"


def _table(total: int, *amounts: int | None, key: str = "table-total-allocation"):
    lines = [
        line(RA, "WA", f"kegiatan {i}", rp(a, page=34, raw="?" if a is None else str(a), line=i))
        for i, a in enumerate(amounts, start=1)
    ]
    return report(budget=lines, figures=[fig(key, rp(total, page=34), scope="WA")])


def test_total_row_equal_to_its_lines_passes():
    assert total_vs_sum(_table(2392768000, 2111894000, 280874000), NO_ALIGNMENT) == []


def test_total_row_differing_from_its_lines_is_an_error():
    found = only(total_vs_sum(_table(2392768000, 2111894000, 270874000), NO_ALIGNMENT))
    assert found.severity == "error" and found.rule == "total-vs-sum"
    assert found.difference == 10000000
    assert [c.quantity.value for c in found.values] == [2392768000, 2111894000, 270874000]
    assert "Rp2.392.768.000" in found.message and "Rp10.000.000" in found.message


def test_realisation_total_is_checked_against_the_realisation_column():
    lines = [
        line(RA, "WA", "a", rp(100), rp(90)),
        line(RA, "WA", "b", rp(100), rp(80)),
    ]
    figures = [fig("table-total-realisation", rp(171), scope="WA")]
    found = only(total_vs_sum(report(budget=lines, figures=figures), NO_ALIGNMENT))
    assert found.difference == 1


def test_unreadable_line_makes_the_total_unverifiable_and_names_the_cell():
    found = only(total_vs_sum(_table(2392768000, 2111894000, None), NO_ALIGNMENT))
    assert found.severity == "unverifiable"
    assert "realisasi-anggaran, p. 34, line 2 ('?')" in found.message
    assert "Rp2.111.894.000" in found.message  # the readable sum is still reported


def test_readable_lines_exceeding_the_total_are_an_error_despite_an_unreadable_one():
    found = only(total_vs_sum(_table(2000, 1500, 600, None), NO_ALIGNMENT))
    assert found.severity == "error"
    assert "unreadable" in found.message


def test_rkt_total_wrong_cites_the_corroborating_program_and_pk_figures():
    lines = [
        line("rkt", "WA", "a", rp(2111894000, "rkt")),
        line("rkt", "WA", "b", rp(280874000, "rkt")),
    ]
    figures = [
        fig("rkt-total", rp(2392769000, "rkt", page=60), group="WA"),
        fig("rkt-program", rp(2392768000, "rkt", page=59), group="WA"),
    ]
    pk = line("pk", "WA", "Program Dukungan Manajemen", rp(2392768000, "pk", page=14))
    found = only(total_vs_sum(report(budget=[*lines, pk], figures=figures), NO_ALIGNMENT))
    assert found.difference == 1000
    cited = [c.quantity.provenance.section for c in found.values]
    assert cited == ["rkt", "rkt", "rkt", "rkt", "pk"]
    assert "agrees with rkt-program" in found.message


def test_program_prose_pagu_is_checked_when_no_total_row_exists():
    lines = [line(RA, "CQ", "a", rp(100)), line(RA, "CQ", "b", rp(50))]
    prose = fig("allocation", rp(160, "ikhtisar", page=3), scope="CQ")
    found = only(total_vs_sum(report(budget=lines, figures=[prose]), NO_ALIGNMENT))
    assert found.difference == 10 and "lines in realisasi-anggaran" in found.message
    with_row = [prose, fig("table-total-allocation", rp(150), scope="CQ")]
    assert total_vs_sum(report(budget=lines, figures=with_row), NO_ALIGNMENT) == []


def test_over_realisation():
    ok = line(RA, "WA", "a", rp(100), rp(100))
    over = line(RA, "WA", "b", rp(100), rp(130))
    unreadable = line(RA, "WA", "c", rp(100), rp(None))
    found = only(over_realisation(report(budget=[ok, over, unreadable]), NO_ALIGNMENT))
    assert found.severity == "error" and found.difference == 30
    assert [c.quantity.value for c in found.values] == [130, 100]


def _staff(*counts: int | None, total: int | None = None):
    parts = tuple(Part(f"level {i}", q(c, "orang", "sdm", 8, line=i)) for i, c in enumerate(counts))
    figures = [fig("staff-total", q(28, "orang", "sdm", 7))]
    stated = None if total is None else q(total, "orang", "sdm", 8)
    return report(
        breakdowns=[Breakdown("staff by education", parts, stated, "staff-total")], figures=figures
    )


def test_breakdown_sums_to_the_figure_it_breaks_down():
    assert breakdown(_staff(10, 18), NO_ALIGNMENT) == []
    found = only(breakdown(_staff(10, 17), NO_ALIGNMENT))
    assert found.severity == "error" and found.difference == 1
    assert found.values[0].label == "staff-total"


def test_breakdown_prefers_its_stated_total_and_reports_unreadable_parts():
    assert only(breakdown(_staff(10, 18, total=27), NO_ALIGNMENT)).difference == -1
    found = only(breakdown(_staff(10, None), NO_ALIGNMENT))
    assert found.severity == "unverifiable" and "sdm, p. 8, line 1" in found.message


def test_breakdown_of_rounded_shares_respects_precision():
    parts = tuple(Part(str(i), pct(33.3, 1, "sdm")) for i in range(3))
    shares = Breakdown("shares", parts, pct(100, 0, "sdm"))
    assert breakdown(report(breakdowns=[shares]), NO_ALIGNMENT) == []


def test_budget_revision_reports_pk_rkt_dipa_differences_as_info():
    pk = [
        line("pk", "CQ", "Penyelenggaraan", rp(188779427000, "pk", 14)),
        line("lampiran-pk", "CQ", "Penyelenggaraan", rp(188779427000, "lampiran-pk", 70)),
        line("pk", "WA", "Dukungan", rp(2392768000, "pk", 14)),
    ]
    figures = [
        fig("rkt-program", rp(188779427000, "rkt", 59), group="CQ"),
        fig("allocation", rp(186000000000, "ikhtisar", 3), scope="CQ"),
        fig("rkt-grand-total", rp(191163195000, "rkt", 60)),
        fig("allocation", rp(238339761000, "ikhtisar", 3)),
    ]
    found = budget_revision(report(budget=pk, figures=figures), NO_ALIGNMENT)
    assert {f.severity for f in found} == {"info"}
    pk_sum = 188779427000 + 2392768000
    assert [f.difference for f in found] == [
        2779427000,
        pk_sum - 191163195000,
        191163195000 - 238339761000,
    ]
    assert [c.quantity.value for c in found[2].values] == [191163195000, 238339761000]
    assert len(found[1].values) == 3  # the two PK programs (deduplicated) and the RKT total
    assert "program CQ" in found[0].message


def test_budget_revision_silent_when_budgets_agree():
    pk = [line("pk", "WA", "Dukungan", rp(5, "pk"))]
    figures = [fig("rkt-program", rp(5, "rkt"), group="WA"), fig("rkt-grand-total", rp(5, "rkt"))]
    assert budget_revision(report(budget=pk, figures=figures), NO_ALIGNMENT) == []


def test_budget_revision_counts_a_pk_copy_whose_name_was_read_in_part_once():
    scan, appendix = rp(26273889000, "pk", 3), rp(26273889000, "pk", 64)
    pk = [
        line("pk", "Peningkatan Produksi", "Peningkatan Produksi", scan),
        line("pk", None, "Peningkatan Produksi, Produktivitas Dan Mutu (DK)", appendix),
        line("pk", None, "Peningkatan Produksi Hortikultura", rp(571170000, "pk", 64)),
    ]
    figures = [fig("allocation", rp(20000000000, "realisasi-anggaran", 50))]
    found = budget_revision(report(budget=pk, figures=figures), NO_ALIGNMENT)
    assert only(found).difference == 26273889000 + 571170000 - 20000000000
    assert [c.quantity.provenance.page for c in found[0].values] == [64, 64, 50]
