"""Regression tests for budget, stated-figure and staff bugs found on generated reports."""

from __future__ import annotations

import pytest

from extractor.models import StatedFigure
from extractor.parse.budget import amount_row, parse_budget_tables
from extractor.parse.prose import parse_stated_figures
from extractor.parse.staff import parse_staff_counts
from reconcile.compare import percent_of
from reconcile.rules.figures import percentage, same_figure
from reconcile.rules.totals import total_vs_sum
from samples.synthetic import Measure, capaian_of, percent
from tests.rule_builders import NO_ALIGNMENT, fig, pct, q, report, rp
from tests.textdoc import lines_of

SECTION = "realisasi-anggaran"

TWO_PROGRAMS_WITHOUT_COLONS = """
    Alokasi anggaran pada DIPA TA 2024 Dinas Contoh Program
    Pengelolaan Air (AB) sebesar Rp. 1,500,000 dengan
    realiasasi sebesar Rp. 1,400,000 dengan rincian sebagai berikut
    Kode Kegiatan | Nama Kegiatan | Alokasi | Realisasi
    1111 | Penyediaan Sumur Bor | 1,000,000 | 950,000
    2222 Pemeliharaan Pipa Desa 500,000 450,000
    1,500,000 1,400,000

    Alokasi anggaran pada DIPA TA 2024 Dinas Contoh
    Program Pengelolaan Jalan (CD) sebesar
    Rp. 700,000 dengan realiasasi sebesar Rp. 600,000
    dengan rincian sebagai berikut
    3333 | Perbaikan Jalan Desa | 700,000 | 600,000
    700,000 600,000

    Total Alokasi anggaran pada DIPA TA 2024 Dinas Contoh Program
    Pengelolaan Air (AB) dan Program Pengelolaan Jalan (CD) sebesar Rp. 2,200,000
    dengan realiasasi sebesar Rp. 2,000,000
"""


def _stated(figures: list[StatedFigure]) -> set[tuple]:
    return {(f.key, f.scope, f.quantity.value) for f in figures}


def test_program_prose_without_colon_keeps_its_program_scope() -> None:
    """A program's sentence ran on through its table into the "Total …" sentence naming both
    programs, so its pagu lost its scope and looked like a second whole-budget pagu."""
    figures = parse_stated_figures(lines_of(TWO_PROGRAMS_WITHOUT_COLONS), SECTION)
    assert _stated(figures) == {
        ("allocation", "AB", 1500000),
        ("realisation", "AB", 1400000),
        ("allocation", "CD", 700000),
        ("realisation", "CD", 600000),
        ("allocation", None, 2200000),
        ("realisation", None, 2000000),
    }


def test_column_block_row_with_unreadable_realisation_keeps_rows_paired() -> None:
    """ "221.000 i" was no amount row: the names and number rows slipped one place, the
    table's total row was paired with the last kegiatan and no total was read."""
    budget, figures = parse_budget_tables(
        lines_of(
            """
            Program Pengelolaan Air (AB) sebesar Rp. 1.521.000 dengan rincian sebagai berikut
            Alokasi Realisasi (Kumulatif)
            1.000.000 950.000
            221.000 i
            300.000 280.000
            1.521.000 1.451.000
            Kode Kegiatan Nama Kegiatan
            1111 Penyediaan Sumur Bor
            2222 Pemeliharaan Pipa Desa
            3333 Perbaikan Jalan Desa
            """
        ),
        SECTION,
    )
    assert [(b.code, b.allocation.value) for b in budget] == [  # type: ignore[union-attr]
        ("1111", 1000000),
        ("2222", 221000),
        ("3333", 300000),
    ]
    unreadable = budget[1].realisation
    assert unreadable is not None and unreadable.value is None
    assert unreadable.provenance.raw == "i"
    assert _stated(figures) == {
        ("table-total-allocation", "AB", 1521000),
        ("table-total-realisation", "AB", 1451000),
    }


def test_amount_row_takes_a_short_unreadable_cell_but_not_words() -> None:
    assert amount_row("221.000 i") is not None
    assert amount_row("221.000 ]]") is not None
    assert amount_row("221.000 orang") is None
    assert amount_row("221.000 0") is not None


def test_prose_line_opening_with_a_year_is_no_kegiatan_name() -> None:
    """ "2024 dapat dilihat pada tabel …" was read as kegiatan 2024 of a phantom table."""
    budget, figures = parse_budget_tables(
        lines_of(
            """
            Adapun Pagu dan realisasi anggaran Dinas Contoh Tahun
            2024 dapat dilihat pada tabel sebagai berikut :
            Rp. 157.661.147.000
            Rp. 154,130,898,988
            """
        ),
        SECTION,
    )
    assert budget == [] and figures == []


def test_realisation_cell_read_as_a_bare_border_is_unreadable() -> None:
    """ "31,642,000 | |": the realisation cell was dropped, so the total looked wrong."""
    budget, _ = parse_budget_tables(
        lines_of(
            """
            Program Pengelolaan Air (AB) sebesar Rp. 1.000.000
            1111 | Penyediaan Sumur Bor | 31,642,000 | |
            2222 Pemeliharaan Pipa Desa 10,000 |
            """
        ),
        SECTION,
    )
    cells = [(b.realisation.value, b.realisation.provenance.raw) for b in budget]  # type: ignore[union-attr]
    assert cells == [(None, "| |"), (None, "|")]
    totals = [fig("table-total-realisation", rp(40000), scope="AB")]
    found = total_vs_sum(report(budget=budget, figures=totals), NO_ALIGNMENT)
    assert [f.severity for f in found] == ["unverifiable"]


def test_wrong_serapan_is_reported_by_the_percentage_rule_only() -> None:
    """A wrong serapan in the ikhtisar was reported twice: percentage and same-figure."""
    figures = [
        fig("allocation", rp(1000, "ikhtisar")),
        fig("realisation", rp(900, "ikhtisar")),
        fig("absorption", pct(95.0, 2, "ikhtisar")),
        fig("allocation", rp(1000)),
        fig("realisation", rp(900)),
        fig("absorption", pct(90.0, 2, SECTION)),
    ]
    r = report(figures=figures)
    assert same_figure(r, NO_ALIGNMENT) == []
    found = percentage(r, NO_ALIGNMENT)
    assert [(f.rule, f.severity, f.values[0].quantity.value) for f in found] == [
        ("percentage", "error", 95.0)
    ]


def test_serapan_without_operands_is_still_compared_across_sections() -> None:
    figures = [fig("absorption", pct(95.0, 2, "ikhtisar")), fig("absorption", pct(90.0, 2))]
    assert [f.rule for f in same_figure(report(figures=figures), NO_ALIGNMENT)] == ["same-figure"]


def test_staff_share_at_a_rounding_tie_agrees() -> None:
    """23/40 = 57.5% prints as 58%; float division gave 57.4999… and a false warning."""
    assert percent_of(23, 40) == 57.5
    figures = [
        fig("staff-asn", q(23, "orang", "sdm")),
        fig("staff-total", q(40, "orang", "sdm")),
        fig("staff-share", q(58, "%", "sdm"), scope="asn"),
    ]
    assert percentage(report(figures=figures), NO_ALIGNMENT) == []


def test_staff_count_followed_by_a_noisy_people_word() -> None:
    """ "sebanyak 29 or_ang atau 66%": the count and its share were missed."""
    text = """
        Jumlah pegawai sejumlah 44 Orang, dengan status kepegawaian yaitu :
        1. Pegawai dengan status honorer (PPNPN) adalah sebanyak 29 or_ang atau
        66%.
    """
    found = {(f.key, f.scope, f.quantity.value) for f in parse_staff_counts(lines_of(text), "sdm")}
    assert ("staff-non-asn", None, 29) in found
    assert ("staff-share", "non-asn", 66) in found


def test_generator_rounds_half_up_like_a_report() -> None:
    """Python's round() is half-even on binary floats: 62,5% printed as 62%, 96,625 as 96,62."""
    assert percent(5, 8, 0) == 63
    assert percent(17, 40, 0) == 43
    assert capaian_of(Measure(80, "%"), Measure(77.3, "%"), "higher").value == 96.63


def test_a_summary_row_by_year_is_no_kegiatan() -> None:
    text = """
        Tahun | Pagu | Realisasi
        2023 | Rp. 248,935,203,000 | Rp. 239,467,669,385 | 96.20%
        Kode Kegiatan | Nama Kegiatan | Alokasi | Realisasi
        4309 | Pengendalian Dokumen | 2,452,783,000 | 2,269,707,949
        7320 | Pengelolaan Operasional | 246,482,420,000 | 237,197,961,436
        JUMLAH | 248,935,203,000 | 239,467,669,385
    """
    budget, totals = parse_budget_tables(lines_of(text), "realisasi-anggaran")
    assert [b.code for b in budget] == ["4309", "7320"]
    assert total_vs_sum(report(budget=budget, figures=totals), NO_ALIGNMENT) == []


SCRAMBLED_PROGRAM_SENTENCE = """
    - Program Penyelenggaraan Lalu Lintas dan Angkutan Jalan
    Gowa Tahun
    Alokasi anggaran pada DIPA TA 2023 Inspektorat Kabupaten Gowa Program
    Penyelenggaraan
    248 ,935,203,000,-
    Lalu Lintas
    dengan rincian sebagai berikut
    Kode Kegiatan | Nama Kegiatan | Alokasi | Realisasi
    4309 | Pengendalian Dokumen Perencanaan | 2,452,783,000 | 2,269,707,949
    7320 | Pengelolaan Operasional Perkantoran | 246,482,420,000 | 237,197,961,436
    Laporan Kinerja (LKj) Inspektorat Kabupaten Gowa 10
    dan Angkutan Jalan
    realiasasi sebesar Rp.
    (GL)
    239,467,669,385
    sebesar Rp
    Jumlah | 248,935,203,000 | 239,467,669,385
    Total Alokasi anggaran pada DIPA TA 2023 Inspektorat Kabupaten Gowa
    Program Penyelenggaraan Lalu Lintas dan Angkutan Jalan (GL) sebesar
"""


def _programs(text: str) -> tuple[list[tuple], set[tuple]]:
    budget, figures = parse_budget_tables(lines_of(text), SECTION)
    return [(b.program, b.code) for b in budget], {
        (f.key, f.scope, f.quantity.value) for f in figures
    }


def test_scrambled_program_sentence_names_its_code_below_the_table() -> None:
    """OCR read the justified sentence naming the program in pieces, its "(GL)" below the
    table: the kegiatan lines lost their program and 24 cells of a report were not matched."""
    lines, totals = _programs(SCRAMBLED_PROGRAM_SENTENCE)
    assert lines == [("GL", "4309"), ("GL", "7320")]
    assert totals == {  # the labelled total row, not the sentence's stray "239,467,669,385"
        ("table-total-allocation", "GL", 248_935_203_000),
        ("table-total-realisation", "GL", 239_467_669_385),
    }


SCRAMBLED = """
    Alokasi anggaran pada DIPA TA 2024 Dinas Contoh Program Pengelolaan
    1111 | Penyediaan Sumur Bor | 1,000,000 | 950,000
    Air (AB) sebesar Rp. 1,000,000
    Alokasi anggaran Program Pengelolaan Jalan (CD) sebesar Rp. 700,000
    3333 | Perbaikan Jalan Desa | 700,000 | 600,000
    Total Alokasi Program Pengelolaan Air (AB) dan Program Pengelolaan Jalan (CD)
"""
LOST = """
    Alokasi anggaran pada DIPA TA 2024 Dinas Contoh Program Pengelolaan Air
    1111 | Penyediaan Sumur Bor | 1,000,000 | 950,000
    Alokasi anggaran Program Pengelolaan Jalan (CD) sebesar Rp. 700,000
    3333 | Perbaikan Jalan Desa | 700,000 | 600,000
    Total Alokasi Program Pengelolaan Air (AB) dan Program Pengelolaan Jalan (CD)
"""


@pytest.mark.parametrize(
    "text",
    [SCRAMBLED, LOST],
    ids=["first-program-scrambled-beside-an-intact-second", "code-the-span-names-no-table-holds"],
)
def test_first_table_takes_the_one_program_code_left_for_it(text: str) -> None:
    assert _programs(text)[0] == [("AB", "1111"), ("CD", "3333")]


def test_rows_before_two_candidate_codes_keep_no_program() -> None:
    """Two codes below the rows, or two codes no table holds: never a guess between them."""
    below = """
        1111 | Penyediaan Sumur Bor | 1,000,000 | 950,000
        Program Pengelolaan Air (AB)
        Program Pengelolaan Jalan (CD)
    """
    unheld = """
        1111 | Penyediaan Sumur Bor | 1,000,000 | 950,000
        3333 | Perbaikan Jalan Desa | 700,000 | 600,000
        Total Alokasi Program Pengelolaan Air (AB) dan Program Pengelolaan Jalan (CD)
    """
    assert _programs(below)[0] == [(None, "1111")]
    assert _programs(unheld)[0] == [(None, "1111"), (None, "3333")]
