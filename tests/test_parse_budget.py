"""Tests for extractor.parse.budget: realisation tables read row by row or column block by block."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.models import BudgetLine, Quantity, StatedFigure
from extractor.parse.budget import amount_row, parse_budget_tables
from tests.textdoc import lines_of

SECTION = "realisasi-anggaran"


def cell(q: Quantity | None) -> tuple | None:
    """What a cell says: value, unit, raw, line, repaired."""
    if q is None:
        return None
    return (q.value, q.unit, q.provenance.raw, q.provenance.line, q.repaired)


def items(budget: list[BudgetLine]) -> list[tuple]:
    return [(b.program, b.code, b.name, cell(b.allocation), cell(b.realisation)) for b in budget]


def totals(figures: list[StatedFigure]) -> list[tuple]:
    return [(f.key, f.scope, f.group, cell(f.quantity)) for f in figures]


def parse(text: str, page: int = 1) -> tuple[list[BudgetLine], list[StatedFigure]]:
    return parse_budget_tables(lines_of(text, page=page), SECTION)


def test_row_layout_with_noise_prefixes_and_unreadable_cells() -> None:
    budget, figures = parse(
        """
        Alokasi anggaran Program Pelayanan Air Bersih (AB) sebesar Rp. 1.234.000,- dengan rincian
        Kode Kegiatan Nama Kegiatan Alokasi Realisasi
        4101 Pembangunan Sumur Bor Desa 500,000 480,000
        i 4102 Perbaikan Pipa Distribusi 300,000| 299,500
        f 4103 Pengawasan Mutu Air 200,000 ]
        r 4104 Sosialisasi Hemat Air 150,000 a
        4105 Pelatihan Petugas | 84,000 1]
        4106 Pengadaan Meteran 10,000 0
        1,244,000 779,501
        """,
        page=9,
    )
    assert items(budget) == [
        ("AB", "4101", "Pembangunan Sumur Bor Desa",
         (500_000, "rp", "500,000", 3, False), (480_000, "rp", "480,000", 3, False)),
        ("AB", "4102", "Perbaikan Pipa Distribusi",
         (300_000, "rp", "300,000", 4, False), (299_500, "rp", "299,500", 4, False)),
        ("AB", "4103", "Pengawasan Mutu Air",
         (200_000, "rp", "200,000", 5, False), (None, "rp", "]", 5, False)),
        ("AB", "4104", "Sosialisasi Hemat Air",
         (150_000, "rp", "150,000", 6, False), (None, "rp", "a", 6, False)),
        ("AB", "4105", "Pelatihan Petugas",
         (84_000, "rp", "84,000", 7, False), (1, "rp", "1]", 7, True)),
        ("AB", "4106", "Pengadaan Meteran",
         (10_000, "rp", "10,000", 8, False), (0, "rp", "0", 8, False)),
    ]  # fmt: skip
    assert {(b.section, b.provenance.page) for b in budget} == {(SECTION, 9)}
    assert budget[0].provenance.raw == "4101 Pembangunan Sumur Bor Desa 500,000 480,000"
    assert totals(figures) == [
        ("table-total-allocation", "AB", "AB", (1_244_000, "rp", "1,244,000", 9, False)),
        ("table-total-realisation", "AB", "AB", (779_501, "rp", "779,501", 9, False)),
    ]
    assert figures[0].label == "total row of the AB table"


def test_column_block_layout() -> None:
    budget, figures = parse(
        """
        Alokasi anggaran Program Dukungan Kantor (KT) sebesar Rp. 3.000.000,-
        Anggaran
        Alokasi Realisasi
        1,000,000) 990,000,
        2,000,000] 1,950,000
        3,000,000 2,940,000
        Kode Kegiatan Nama Kegiatan
        5201 Pengelolaan Arsip Dinas
        5202 |Operasional Kantor Dinas
        """
    )
    assert items(budget) == [
        ("KT", "5201", "Pengelolaan Arsip Dinas",
         (1_000_000, "rp", "1,000,000", 4, False), (990_000, "rp", "990,000", 4, False)),
        ("KT", "5202", "Operasional Kantor Dinas",
         (2_000_000, "rp", "2,000,000", 5, False), (1_950_000, "rp", "1,950,000", 5, False)),
    ]  # fmt: skip
    assert [b.provenance.line for b in budget] == [8, 9]  # the line naming the kegiatan
    assert totals(figures) == [
        ("table-total-allocation", "KT", "KT", (3_000_000, "rp", "3,000,000", 6, False)),
        ("table-total-realisation", "KT", "KT", (2_940_000, "rp", "2,940,000", 6, False)),
    ]


def test_two_programs_labelled_total_and_a_summary_table_before_them() -> None:
    budget, figures = parse(
        """
        Pagu Realisasi Persentase
        Rp. 9.000.000
        Rp. 8.785.000
        97,61%
        Program Pelayanan Air Bersih (AB) dengan rincian
        4101 Pembangunan Sumur Bor Desa 5.000.000 4.800.000
        4102 Perbaikan Pipa Distribusi 3.000.000 2.995.000
        JUMLAH 8.000.000 7.795.000
        Program Dukungan Kantor (KT) dengan rincian
        5201 Pengelolaan Arsip Dinas 1.000.000 990.000
        1.000.000 990.000
        """
    )
    assert [(b.program, b.code, b.allocation.value, b.realisation.value) for b in budget] == [
        ("AB", "4101", 5_000_000, 4_800_000),
        ("AB", "4102", 3_000_000, 2_995_000),
        ("KT", "5201", 1_000_000, 990_000),
    ]
    assert [(f.key, f.scope, f.quantity.value, f.quantity.provenance.line) for f in figures] == [
        ("table-total-allocation", "AB", 8_000_000, 8),
        ("table-total-realisation", "AB", 7_795_000, 8),
        ("table-total-allocation", "KT", 1_000_000, 11),
        ("table-total-realisation", "KT", 990_000, 11),
    ]


def test_number_rows_before_the_last_item_are_no_total() -> None:
    budget, figures = parse(
        """
        Program Pelayanan Air Bersih (AB)
        4101 Pembangunan Sumur Bor Desa 5.000.000 4.800.000
        2.000.000 1.000.000
        4102 Perbaikan Pipa Distribusi 3.000.000 2.995.000
        """
    )
    assert len(budget) == 2
    assert figures == []


def test_text_without_a_table_gives_nothing() -> None:
    assert parse("Pagu dinas tahun ini sebesar Rp. 1.000.000,- dan terserap baik.") == ([], [])


@pytest.mark.parametrize(
    ("text", "amounts"),
    [
        ("1,000,000 990,000", [1_000_000, 990_000]),
        ("2.000.000] 1.950.000|", [2_000_000, 1_950_000]),
        ("Rp. 3.000.000,-", [3_000_000]),
        ("| 45,000 |", [45_000]),
        ("1.000 1.000", [1_000, 1_000]),  # the smallest plain amount
        ("54,000 0", [54_000, 0]),  # nothing spent
        ("9.0O0 8.743", [9_000, 8_743]),  # a zero read as "O"
        ("Rp 700 Rp 650", [700, 650]),  # printed as rupiah: any size
        ("Rp 2031", [2031]),
        ("1,000,000 990,000 5,000", None),  # three amounts: no pair
        ("97,61%", None),
        ("Pagu 1,000,000", None),  # a word between
    ],
)
def test_amount_row(text: str, amounts: list[int] | None) -> None:
    row = amount_row(text)
    assert (None if row is None else [t.parsed.value for t in row]) == amounts


@pytest.mark.parametrize("text", ["120 45", "2031", "7"])
def test_small_numbers_and_years_are_no_amount_row(text: str) -> None:
    assert amount_row(text) is None


def test_column_block_layout_with_a_year_line() -> None:
    budget, _ = parse(
        """
        Alokasi anggaran Program Dukungan Kantor (KT) sebesar Rp. 3.000.000,-
        Realisasi
        2031
        1,000,000 990,000
        2,000,000 1,950,000
        3,000,000 2,940,000
        5201 Pengelolaan Arsip Dinas
        5202 Operasional Kantor Dinas
        """
    )
    assert [(b.allocation.value, b.realisation.value) for b in budget] == [
        (1_000_000, 990_000),
        (2_000_000, 1_950_000),
    ]


# --- property: random tables in both layouts and both number styles parse back ---------------

NAME_WORDS = ("Pengelolaan", "Arsip", "Sumur", "Benih", "Tambak", "Pelatihan", "Pasar", "Irigasi")


def amount(value: int, style: str) -> str:
    text = f"{value:,}"
    return text.replace(",", ".") if style == "id" else text


@st.composite
def tables(draw) -> list[tuple[str, str, int, int]]:
    size = draw(st.integers(3, 25))
    codes = draw(st.lists(st.integers(1000, 9999), min_size=size, max_size=size, unique=True))
    rows = []
    for code in codes:
        name = " ".join(draw(st.lists(st.sampled_from(NAME_WORDS), min_size=1, max_size=4)))
        allocation = draw(st.integers(10_000, 10**12))
        realisation = draw(st.integers(10_000, allocation))
        rows.append((str(code), name, allocation, realisation))
    return rows


def render(rows: list[tuple[str, str, int, int]], layout: str, style: str, noise: list[str]) -> str:
    total = amount(sum(r[2] for r in rows), style), amount(sum(r[3] for r in rows), style)
    lines = ["Alokasi anggaran Program Contoh Sejahtera (CS) dengan rincian sebagai berikut :"]
    if layout == "rows":
        lines += [
            f"{prefix}{code} {name} {amount(a, style)} {amount(r, style)}"
            for prefix, (code, name, a, r) in zip(noise, rows, strict=False)
        ]
        lines.append(" ".join(total))
    else:
        lines += ["Alokasi Realisasi (Kumulatif)"]
        lines += [f"{amount(a, style)} {amount(r, style)}" for _, _, a, r in rows]
        lines += [" ".join(total), "Kode Kegiatan Nama Kegiatan"]
        lines += [f"{code} {name}" for code, name, _, _ in rows]
    return "\n".join(lines)


@settings(max_examples=60, deadline=None)
@given(
    tables(),
    st.sampled_from(["rows", "blocks"]),
    st.sampled_from(["id", "en"]),
    st.lists(st.sampled_from(["", "i ", "f ", "r "]), min_size=25, max_size=25),
)
def test_generated_tables_parse_back(rows, layout: str, style: str, noise: list[str]) -> None:
    budget, figures = parse(render(rows, layout, style, noise))
    got = [(b.code, b.name, b.allocation.value, b.realisation.value) for b in budget]
    assert got == rows
    assert {b.program for b in budget} == {"CS"}
    assert not any(b.allocation.repaired or b.realisation.repaired for b in budget)
    assert [(f.key, f.quantity.value) for f in figures] == [
        ("table-total-allocation", sum(r[2] for r in rows)),
        ("table-total-realisation", sum(r[3] for r in rows)),
    ]
