"""Budget tables read cell by cell, without kegiatan codes: programs, kegiatan, JUMLAH row."""

from __future__ import annotations

import pytest

from extractor.models import Report
from extractor.parse.budget_cells import parse_budget_cells
from reconcile.check import check_report
from tests.textdoc import lines_of, table_lines_of

SECTION = "realisasi-anggaran"


def table(program_b: str = "1.204.000 | 1.100.500 | 91,4", total: str = "3.504.000") -> str:
    return f"""
        Tabel 3.9 Anggaran dan Realisasi Tahun 2031
        No. | Program / Kegiatan | Alokasi Biaya | %
        Anggaran (Rp) | Realisasi (Rp)
        1. | PROGRAM PELAYANAN AIR BERSIH | 2.300.000 | 2.050.000 | 88,8
        Penyediaan Pipa Desa | 1.800.000 | 1.650.000 | 91,7
        Pemeliharaan Sumur | 500.000 | 400.000 | 80,0
        2. | Program Dukungan Kantor | {program_b}
        Rapat Koordinasi 2031 | 1.204.000 | 1.100.500 | 91,4
        Capaian rata-rata | 100,00 | 95,50
        JUMLAH | {total} | 3.150.500 | 89,91
        Sumber: DPA 2031
    """


def test_rows_are_read_under_their_program_with_the_total_rows() -> None:
    budget, totals = parse_budget_cells(table_lines_of(table(), page=7), SECTION)
    rows = [(b.program, b.code, b.name, b.allocation.value, b.realisation.value) for b in budget]
    assert rows == [
        ("PELAYANAN AIR BERSIH", None, "Penyediaan Pipa Desa", 1_800_000, 1_650_000),
        ("PELAYANAN AIR BERSIH", None, "Pemeliharaan Sumur", 500_000, 400_000),
        ("Dukungan Kantor", None, "Rapat Koordinasi 2031", 1_204_000, 1_100_500),
    ]  # fmt: skip
    assert [(f.key, f.scope, f.quantity.value) for f in totals] == [
        ("table-total-allocation", "PELAYANAN AIR BERSIH", 2_300_000),
        ("table-total-realisation", "PELAYANAN AIR BERSIH", 2_050_000),
        ("table-total-allocation", "Dukungan Kantor", 1_204_000),
        ("table-total-realisation", "Dukungan Kantor", 1_100_500),
        ("table-total-allocation", None, 3_504_000),
        ("table-total-realisation", None, 3_150_500),
    ]
    realisation = budget[0].realisation
    assert (realisation.provenance.raw, realisation.provenance.page) == ("1.650.000", 7)
    assert realisation.provenance.bbox is not None


@pytest.mark.parametrize(
    ("program_b", "total", "errors"),
    [
        ("1.204.000 | 1.100.500 | 91,4", "3.504.000", []),
        ("1.240.000 | 1.100.500 | 91,4", "3.504.000", [1_240_000 - 1_204_000]),
        ("1.204.000 | 1.100.500 | 91,4", "3.540.000", [3_540_000 - 3_504_000]),
    ],
)
def test_totals_are_recomputed_from_the_rows(program_b: str, total: str, errors: list[int]) -> None:
    budget, totals = parse_budget_cells(table_lines_of(table(program_b, total)), SECTION)
    report = Report("t.pdf", "pdf-text", 9, budget=budget, figures=totals, year=2031)
    found = [f for f in check_report(report).findings if f.severity == "error"]
    assert sorted(f.difference for f in found) == errors


def test_plain_ocr_lines_and_rows_of_one_amount_are_no_budget_rows() -> None:
    text = """
        Penyediaan Pipa Desa | 1.800.000 | 1.650.000
        Pagu | 1.800.000 | 91,7
    """
    assert parse_budget_cells(lines_of(text), SECTION) == ([], [])
    assert parse_budget_cells(table_lines_of(text)[1:], SECTION) == ([], [])


def test_rows_after_a_kegiatan_subtotal_are_a_summary_not_kegiatan() -> None:
    text = """
        KODE | PROGRAM / KEGIATAN | ANGGARAN | REALISASI | %
        29 | Program Perencanaan Daerah | 266.000.000 | 213.932.000 | 80,43
        01 | Penyusunan Perencanaan | 266.000.000 | 213.932.000 | 80,43
        TOTAL KEGIATAN | 266.000.000 | 213.932.000 | 80,43
        Belanja Tidak Langsung | 100.000.000 | 97.000.000 | 97,00
        Belanja Pegawai | 100.000.000 | 97.000.000 | 97,00
        JUMLAH TOTAL | 366.000.000 | 310.932.000 | 84,95
    """
    budget, totals = parse_budget_cells(table_lines_of(text), SECTION)
    assert [(b.program, b.name) for b in budget] == [
        ("Perencanaan Daerah", "Penyusunan Perencanaan")
    ]
    assert [(f.scope, f.group, f.quantity.value) for f in totals] == [
        ("Perencanaan Daerah", "Perencanaan Daerah", 266_000_000),
        ("Perencanaan Daerah", "Perencanaan Daerah", 213_932_000),
        (None, "kegiatan", 266_000_000),
        (None, "kegiatan", 213_932_000),
    ]
