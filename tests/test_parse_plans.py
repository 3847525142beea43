"""Tests for extractor.parse.plans (RKT and PK budgets) and extractor.parse.programs (codes)."""

from __future__ import annotations

import pytest

from extractor.models import BudgetLine, Provenance, Quantity, StatedFigure
from extractor.parse.plans import parse_program_budgets, parse_rkt
from extractor.parse.programs import code_for, program_codes, with_codes
from tests.textdoc import lines_of


def cell(q: Quantity | None) -> tuple | None:
    if q is None:
        return None
    return (q.value, q.unit, q.provenance.raw, q.provenance.line, q.provenance.section)


RKT = """
    RENCANA KERJA TAHUNAN
    Program Kegiatan Sasaran Indikator Anggaran
    Program Pelayanan
    Air Bersih
    1,500,000,000
    90%
    Pembangunan Sumur Bor
    Desa Terpencil
    900,000,000
    Perbaikan Pipa Distribusi 600,000,000
    JUMLAH ANGGARAN
    1,500,000,000
    APBN :
    1,900,000,000
    Kota Fiktif, Januari 2031
"""


def test_rkt_program_kegiatan_and_totals() -> None:
    budget, figures = parse_rkt(lines_of(RKT, page=30), "rkt")
    assert [(b.section, b.program, b.code, b.name, cell(b.allocation)) for b in budget] == [
        ("rkt", "Program Pelayanan Air Bersih", None, "Pembangunan Sumur Bor Desa Terpencil",
         (900_000_000, "rp", "900,000,000", 9, "rkt")),
        ("rkt", "Program Pelayanan Air Bersih", None, "Perbaikan Pipa Distribusi",
         (600_000_000, "rp", "600,000,000", 10, "rkt")),
    ]  # fmt: skip
    assert [b.realisation for b in budget] == [None, None]
    assert {b.allocation.provenance.page for b in budget} == {30}
    assert [(f.key, f.label, f.scope, f.group, cell(f.quantity)) for f in figures] == [
        ("rkt-program", "RKT program Program Pelayanan Air Bersih", None,
         "Program Pelayanan Air Bersih", (1_500_000_000, "rp", "1,500,000,000", 5, "rkt")),
        ("rkt-total", "RKT JUMLAH ANGGARAN", "Program Pelayanan Air Bersih",
         "Program Pelayanan Air Bersih", (1_500_000_000, "rp", "1,500,000,000", 12, "rkt")),
        ("rkt-grand-total", "RKT total (APBN)", None, None,
         (1_900_000_000, "rp", "1,900,000,000", 14, "rkt")),
    ]  # fmt: skip


def test_rkt_total_label_waits_only_a_few_lines() -> None:
    _, figures = parse_rkt(
        lines_of(
            """
            Program Pelayanan Air Bersih 1,500,000,000
            JUMLAH ANGGARAN
            catatan satu
            catatan dua
            catatan tiga
            catatan empat
            catatan lima
            Pembangunan Sumur Bor 900,000,000
            """
        ),
        "rkt",
    )
    assert [f.key for f in figures] == ["rkt-program"]


def test_rkt_program_name_excludes_the_column_header() -> None:
    _, figures = parse_rkt(
        lines_of(
            """
            Program Kegiatan Sasaran Indikator Anggaran
            Program Dukungan Kantor
            400,000,000
            """
        ),
        "rkt",
    )
    assert [f.group for f in figures] == ["Program Dukungan Kantor"]


def test_pk_program_budgets() -> None:
    budget = parse_program_budgets(
        lines_of(
            """
            PERJANJIAN KINERJA
            Program Anggaran
            1. Program Pelayanan Air Bersih Rp. 1.500.000.000,-
            Desa dan Kota
            2. Program Dukungan Kantor Rp. 400.000.000,-
            Kota Fiktif, 2 Januari 2031 Rp. 5.000,-
            Rp. 7.000.000,-
            """,
            page=40,
        ),
        "lampiran-pk",
    )
    assert [(b.section, b.program, b.code, b.name, cell(b.allocation)) for b in budget] == [
        ("lampiran-pk", "Pelayanan Air Bersih Desa dan Kota", None,
         "Pelayanan Air Bersih Desa dan Kota",
         (1_500_000_000, "rp", "Rp. 1.500.000.000,-", 3, "lampiran-pk")),
        ("lampiran-pk", "Dukungan Kantor", None, "Dukungan Kantor",
         (400_000_000, "rp", "Rp. 400.000.000,-", 5, "lampiran-pk")),
    ]  # fmt: skip
    assert budget[0].provenance.raw == "1. Program Pelayanan Air Bersih Rp. 1.500.000.000,-"
    assert {b.allocation.provenance.page for b in budget} == {40}


# --- program codes -------------------------------------------------------------------------

CODES_TEXT = """
    Alokasi Program Pelayanan Air Bersih (AB) dan Program Dukungan Kantor Dinas (KT)
    tahun ini cukup.
"""


def test_program_codes_from_prose() -> None:
    assert program_codes(lines_of(CODES_TEXT)) == {
        "Pelayanan Air Bersih": "AB",
        "Dukungan Kantor Dinas": "KT",
    }


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Pelayanan Air Bersih", "AB"),
        ("Program Pelayanan Air Bersih", "AB"),
        ("Air Bersih Pelayanan", "AB"),
        ("Dukungan Kantor", "KT"),
        ("Pemberdayaan Nelayan Kecil", None),
        (None, None),
    ],
)
def test_code_for(name: str | None, code: str | None) -> None:
    assert code_for(name, program_codes(lines_of(CODES_TEXT))) == code


def test_code_for_without_codes() -> None:
    assert code_for("Pelayanan Air Bersih", {}) is None


def test_with_codes_names_plan_lines_and_rkt_figures() -> None:
    amount = Quantity(5, "rp", Provenance("rkt", 1, None, "5"))
    budget = [
        BudgetLine("rkt", "Program Pelayanan Air Bersih", None, "Sumur", amount),
        BudgetLine("realisasi-anggaran", "XX", "4101", "Sumur", amount),
        BudgetLine("pk", "Pemberdayaan Nelayan Kecil", None, "Nelayan", amount),
    ]
    figures = [
        StatedFigure("rkt-program", "p", amount, group="Program Dukungan Kantor Dinas"),
        StatedFigure("rkt-total", "t", amount, scope="Dukungan Kantor", group="Dukungan Kantor"),
        StatedFigure("allocation", "a", amount, scope="Dukungan Kantor"),
    ]
    lines, coded = with_codes(budget, figures, program_codes(lines_of(CODES_TEXT)))
    assert [b.program for b in lines] == ["AB", "XX", "Pemberdayaan Nelayan Kecil"]
    assert [(f.key, f.scope, f.group) for f in coded] == [
        ("rkt-program", None, "KT"),
        ("rkt-total", "KT", "KT"),
        ("allocation", "Dukungan Kantor", None),
    ]


@pytest.mark.parametrize(
    ("second_program", "kept"),
    [
        ("Rp. 150.250.000", ["Pengawasan Internal", "Asistensi Daerah", "Penunjang Kantor"]),
        (
            "Rp. 150.000.000",
            ["Utama", "Pengawasan Internal", "Asistensi Daerah", "Penunjang Kantor"],
        ),
    ],
)
def test_pk_group_row_dropped_only_when_its_programs_add_up_to_it(
    second_program: str, kept: list[str]
) -> None:
    budget = parse_program_budgets(
        lines_of(
            f"""
            No. | Program | Anggaran | Keterangan
            A. | Program Utama | Rp. 980.250.000 | APBD
            1. | Program Pengawasan Internal | Rp. 830.000.000 | APBD
            2. | Program Asistensi Daerah | {second_program} | APBD
            B. | Program Penunjang | Rp. 2.000.000.000 | APBD
            1. | Program Penunjang Kantor | Rp. 2.000.000.000 | APBD
            """
        ),
        "pk",
    )
    assert [b.name for b in budget] == kept


def test_funding_sources_dk_and_tp_are_no_program_codes() -> None:
    lines = lines_of(
        """
        Program Peningkatan Produksi Tanaman Pangan (DK) dan Program Peningkatan Produksi
        Tanaman Pangan (TP) dibiayai APBN; Program Pelayanan Air Bersih (AB) dari APBD.
        """
    )
    assert program_codes(lines) == {"Pelayanan Air Bersih": "AB"}


def test_pk_program_number_whose_dot_ocr_lost_is_no_part_of_the_name() -> None:
    budget = parse_program_budgets(
        lines_of("4 Program | Peningkatan | Produksi, | Rp. 26.273.889.000,- | APBN"), "pk"
    )
    assert [b.name for b in budget] == ["Peningkatan Produksi"]
