"""Tests for extractor.parse.prose: budget figures, claims and period years stated in prose."""

from __future__ import annotations

import pytest

from extractor.models import Quantity, StatedFigure
from extractor.parse.prose import parse_claims, parse_period_years, parse_stated_figures
from tests.textdoc import lines_of, table_lines_of


def cell(q: Quantity) -> tuple:
    """What a figure says: value, unit, raw, page, line, decimals."""
    p = q.provenance
    return (q.value, q.unit, p.raw, p.page, p.line, q.decimals)


def stated(figures: list[StatedFigure]) -> list[tuple]:
    return [(f.key, f.label, f.scope, cell(f.quantity)) for f in figures]


def test_program_and_total_figures_in_sentences() -> None:
    lines = lines_of(
        """
        Alokasi anggaran pada DIPA TA 2031 Dinas Contoh Program Pelayanan Air
        Bersih (AB) sebesar Rp. 1.500.000.000,- dengan realisasi sebesar
        Rp. 1.425.000.000,- atau 95,00%.

        Total pagu Dinas Contoh seluruhnya sebesar Rp.1,900,000,000 dengan realisasi
        Rp.1,800,000,000 atau 94,74% dari pagu.
        """,
        page=3,
        first=20,
    )
    assert stated(parse_stated_figures(lines, "narrative")) == [
        ("allocation", "pagu anggaran", "AB",
         (1_500_000_000, "rp", "Rp. 1.500.000.000,-", 3, 21, 0)),
        ("realisation", "realisasi anggaran", "AB",
         (1_425_000_000, "rp", "Rp. 1.425.000.000,-", 3, 22, 0)),
        ("absorption", "serapan anggaran", "AB", (95.0, "%", "95,00%", 3, 22, 2)),
        ("allocation", "pagu anggaran", None, (1_900_000_000, "rp", "Rp.1,900,000,000", 3, 24, 0)),
        ("realisation", "realisasi anggaran", None,
         (1_800_000_000, "rp", "Rp.1,800,000,000", 3, 25, 0)),
        ("absorption", "serapan anggaran", None, (94.74, "%", "94,74%", 3, 25, 2)),
    ]  # fmt: skip
    assert {f.quantity.provenance.section for f in parse_stated_figures(lines, "ikhtisar")} == {
        "ikhtisar"
    }


def test_figure_wrapped_onto_the_next_line_keeps_its_whole_raw_text() -> None:
    lines = lines_of(
        """
        Alokasi Program Pelayanan Air Bersih (AB) sebesar Rp.
        1.500.000.000,- dengan realisasi sebesar Rp. 1.425.000.000,- dengan
        rincian sebagai berikut.
        """
    )
    assert stated(parse_stated_figures(lines, "narrative")) == [
        ("allocation", "pagu anggaran", "AB",
         (1_500_000_000, "rp", "Rp. 1.500.000.000,-", 1, 1, 0)),
        ("realisation", "realisasi anggaran", "AB",
         (1_425_000_000, "rp", "Rp. 1.425.000.000,-", 1, 2, 0)),
    ]  # fmt: skip


def test_sentences_that_state_no_budget_figure() -> None:
    lines = lines_of(
        """
        Program Air (AB) dan Program Kantor (KT) memiliki pagu sebesar Rp. 2.000.000,-
        Realisasi fisik mencapai 80% dari rencana awal kegiatan.
        Dinas membeli perahu seharga Rp. 9.000.000 untuk nelayan.
        """
    )
    figures = parse_stated_figures(lines, "narrative")
    # two codes in one sentence: the whole budget; a % after no realisation figure is no serapan
    assert stated(figures) == [
        ("allocation", "pagu anggaran", None, (2_000_000, "rp", "Rp. 2.000.000,-", 1, 1, 0))
    ]


def test_summary_table_of_value_only_lines() -> None:
    lines = lines_of(
        """
        Pagu Realisasi Persentase
        Rp. 1,900,000,000
        Rp. 1,800,000,000
        94.74%
        Program Pelayanan Air Bersih (AB)
        Rp. 7,000,000
        """
    )
    assert stated(parse_stated_figures(lines, "realisasi-anggaran")) == [
        ("allocation", "allocation (summary table)", None,
         (1_900_000_000, "rp", "Rp. 1,900,000,000", 1, 2, 0)),
        ("realisation", "realisation (summary table)", None,
         (1_800_000_000, "rp", "Rp. 1,800,000,000", 1, 3, 0)),
        ("absorption", "absorption (summary table)", None, (94.74, "%", "94.74%", 1, 4, 2)),
    ]  # fmt: skip
    assert parse_stated_figures(lines, "narrative") == []  # summary tables only in the chapter


def test_summary_table_row_read_whole_with_a_misread_percent() -> None:
    lines = table_lines_of(
        """
        Adapun Pagu dan realisasi anggaran Tahun 2019 dapat dilihat pada tabel berikut :
        Tahun | Pagu | Realisasi | %
        2019 | Rp. 284.297.656.000 | Rp. 271.026.149.774 | 95,334
        - Program Penyelenggaraan Pengawasan
        Kode | Kegiatan | Alokasi | Realisasi
        9145 | Fasilitasi Statistik | 264.000 | 201.784
        """,
        page=10,
    )
    figures = [f for f in parse_stated_figures(lines, "realisasi-anggaran") if f.scope is None]
    assert [
        (f.key, f.quantity.value, f.quantity.unit, f.quantity.provenance.raw) for f in figures
    ] == [
        ("allocation", 284_297_656_000, "rp", "Rp. 284.297.656.000"),
        ("realisation", 271_026_149_774, "rp", "Rp. 271.026.149.774"),
        ("absorption", 95.33, "%", "95,334"),
    ]
    assert figures[2].quantity.repaired


def test_claims_and_claimed_counts() -> None:
    lines = lines_of(
        """
        Dari 7 indikator kinerja yang ditetapkan, semua indikator kinerja
        telah tercapai sesuai target. Dari 3 (tiga) indikator sasaran lain juga baik.
        Seluruh indikator tidak dapat diukur karena data belum lengkap.
        """,
        page=2,
    )
    claims, counts = parse_claims(lines, "ikhtisar")
    assert [(c.kind, c.text, c.provenance.section, c.provenance.page, c.provenance.line)
            for c in claims] == [
        ("all-achieved", "semua indikator kinerja telah tercapai", "ikhtisar", 2, 1),
    ]  # fmt: skip
    assert [(f.key, f.scope, f.quantity.value, f.quantity.provenance.line) for f in counts] == [
        ("indicator-count", "ikhtisar", 7, 1),
        ("indicator-count", "ikhtisar", 3, 2),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Seluruh indikator sasaran mencapai target yang ditetapkan.",
        "Semua indikator berhasil dicapai dengan baik.",
        "semua indikator kinerja utama 100% tercapai.",
    ],
)
def test_all_achieved_phrasings(text: str) -> None:
    claims, _ = parse_claims(lines_of(text), "pengukuran")
    assert [c.kind for c in claims] == ["all-achieved"]


def test_period_years_but_not_comparisons_or_plan_periods() -> None:
    lines = lines_of(
        """
        Laporan Kinerja Tahun 2031 ini disusun. Dibandingkan dengan tahun 2030 capaian naik.
        Perjanjian Kinerja Tahun 2031 ditandatangani.
        Laporan Kinerja periode 2029-2033 dibuat.
        Rencana Kerja Tahunan 2029 - 2033 disusun.
        """,
        page=5,
    )
    years = parse_period_years(lines, "narrative")
    assert [(y.value, y.unit, y.provenance.raw, y.provenance.page, y.provenance.line)
            for y in years] == [
        (2031, "year", "2031", 5, 1),
        (2031, "year", "2031", 5, 2),
    ]  # fmt: skip


def test_wrong_year_is_reported_as_read() -> None:
    years = parse_period_years(lines_of("Laporan Kinerja (LKj) Tahun Anggaran 2029"), "ikhtisar")
    assert [(y.value, y.provenance.section) for y in years] == [(2029, "ikhtisar")]


def test_a_later_year_the_report_looks_ahead_to_is_no_period_year() -> None:
    text = """
        Usulan anggaran telah dipenuhi pada awal Tahun Anggaran 2032 sebesar Rp 400.000.000.
        Kegiatan ini akan dianggarkan kembali pada Tahun Anggaran 2032.
        Laporan Kinerja Tahun 2032 ini disusun.
    """
    years = parse_period_years(lines_of(text), "narrative")
    assert [(y.value, y.provenance.line) for y in years] == [(2032, 3)]


def test_spending_classes_pagu_after_dari_and_physical_progress() -> None:
    lines = lines_of(
        """
        Realisasi keuangan APBD TA.2031 sebesar Rp.90.000.000,- (90,00%) dari total
        anggaran sebesar Rp.100.000.000,- dengan pencapaian fisik sebesar 98,50%. Untuk
        Belanja Langsung, realisasi keuangan mencapai Rp.54.000.000,- atau (90,00%) dari
        jumlah anggaran sebesar Rp.60.000.000,-, sementara pada Belanja Tidak Langsung
        realisasi keuangan mencapai Rp.36.000.000,- atau setara dengan (90,00%) dari jumlah
        anggaran sebesar Rp.40.000.000,-.
        """
    )
    assert [(f.key, f.scope, f.quantity.value) for f in parse_stated_figures(lines, "x")] == [
        ("realisation", None, 90_000_000),
        ("absorption", None, 90.0),
        ("allocation", None, 100_000_000),
        ("realisation", "Belanja Langsung", 54_000_000),
        ("absorption", "Belanja Langsung", 90.0),
        ("allocation", "Belanja Langsung", 60_000_000),
        ("realisation", "Belanja Tidak Langsung", 36_000_000),
        ("absorption", "Belanja Tidak Langsung", 90.0),
        ("allocation", "Belanja Tidak Langsung", 40_000_000),
    ]
