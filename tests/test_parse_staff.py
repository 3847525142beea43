"""Tests for extractor.parse.staff: staff counts and shares in prose, and breakdown tables."""

from __future__ import annotations

import pytest

from extractor.models import StatedFigure
from extractor.parse.staff import parse_breakdowns, parse_staff_counts
from tests.textdoc import lines_of, table_lines_of

SDM = """
    Jumlah pegawai Dinas Contoh sejumlah 37 orang, terdiri dari 21 orang ASN
    atau 56,76% dan 16 orang PPNPN atau 43,24%.

    Pegawai berdasarkan Tingkat Pendidikan
    1 | S2 4
    2 | S1 18
    3 D3 6
    4 | SLTA 9

    Pegawai berdasarkan Golongan
    1 Golongan IV 3
    2 Golongan III 12
    3 Golongan II 6

    No. | Kelompok Jabatan Fungsional Jumlah
    1 Penyuluh 5

    Data berdasarkan Status Pegawai
    1 | PNS 21
    2 PPNPN 16
"""


def counts(figures: list[StatedFigure]) -> list[tuple]:
    return [
        (f.key, f.scope, f.quantity.value, f.quantity.unit, f.quantity.provenance.raw,
         f.quantity.provenance.line)
        for f in figures
    ]  # fmt: skip


def test_counts_and_shares_in_prose() -> None:
    figures = parse_staff_counts(lines_of(SDM, page=6), "sdm")
    assert counts(figures) == [
        ("staff-total", None, 37, "orang", "37 orang", 1),
        ("staff-asn", None, 21, "orang", "21 orang", 1),
        ("staff-share", "asn", 56.76, "%", "56,76%", 2),
        ("staff-non-asn", None, 16, "orang", "16 orang", 2),
        ("staff-share", "non-asn", 43.24, "%", "43,24%", 2),
    ]
    assert [f.label for f in figures] == [
        "jumlah pegawai",
        "pegawai ASN",
        "persentase asn",
        "pegawai non-ASN (PPNPN)",
        "persentase non-asn",
    ]
    assert {(f.quantity.provenance.section, f.quantity.provenance.page) for f in figures} == {
        ("sdm", 6)
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Pegawai Dinas berjumlah 25 pegawai yang terdiri atas 15 PNS dan 10 PPNPN.",
            [("staff-total", 25), ("staff-asn", 15), ("staff-non-asn", 10)],
        ),
        (
            "Dinas didukung oleh 15 Aparatur Sipil Negara dan 13 Orang honorer.",
            [("staff-asn", 15), ("staff-non-asn", 13)],
        ),
        ("Pada tahun 2031 dinas menanam 400 pohon di 12 desa.", []),
    ],
)
def test_count_phrasings(text: str, expected: list[tuple[str, int]]) -> None:
    figures = parse_staff_counts(lines_of(text), "narrative")
    assert [(f.key, f.quantity.value) for f in figures] == expected


def test_a_subset_of_the_staff_is_no_total() -> None:
    text = "Pegawai berjumlah 25 orang. Dari jumlah tersebut 2 orang sedang cuti."
    figures = parse_staff_counts(lines_of(text), "narrative")
    assert [(f.key, f.quantity.value) for f in figures] == [("staff-total", 25)]


def test_parts_of_a_total_named_before_keep_their_class() -> None:
    text = (
        "Pegawai berjumlah 25 orang, dari seluruh pegawai tersebut 15 orang ASN dan 10 orang "
        "PPNPN. Jumlah itu bertambah 2 orang."
    )
    figures = parse_staff_counts(lines_of(text), "narrative")
    assert [(f.key, f.quantity.value) for f in figures] == [
        ("staff-total", 25),
        ("staff-asn", 15),
        ("staff-non-asn", 10),
    ]


def test_breakdown_tables() -> None:
    breakdowns = parse_breakdowns(lines_of(SDM, page=6), "sdm")
    summary = [
        (b.label, b.of, b.stated_total, [(p.label, p.quantity.value) for p in b.parts])
        for b in breakdowns
    ]
    # the Jabatan table breaks down no known total: it is left out
    assert summary == [
        (
            "pegawai berdasarkan Tingkat Pendidikan",
            "staff-total",
            None,
            [("S2", 4), ("S1", 18), ("D3", 6), ("SLTA", 9)],
        ),
        (
            "pegawai berdasarkan Golongan",
            "staff-asn",
            None,
            [("Golongan IV", 3), ("Golongan III", 12), ("Golongan II", 6)],
        ),
        ("pegawai berdasarkan Status Pegawai", "staff-total", None, [("PNS", 21), ("PPNPN", 16)]),
    ]
    part = breakdowns[0].parts[1].quantity
    assert (part.provenance.raw, part.provenance.line, part.provenance.page) == ("18", 6, 6)
    assert part.provenance.section == "sdm"


def test_table_rows_are_no_prose_counts() -> None:
    figures = parse_staff_counts(lines_of("1 | PNS 21\n2 PPNPN 16"), "sdm")
    assert figures == []


def test_breakdown_table_continued_under_a_repeated_header() -> None:
    lines = lines_of(
        "Berdasarkan Tingkat Pendidikan\nNo | Pendidikan | Jumlah\n1 | S2 | 4\n2 | S1 | 2"
    )
    lines += lines_of("No | Pendidikan | Jumlah\n3 | D3 | 4\nBerdasarkan Status", page=2)
    (breakdown,) = parse_breakdowns(lines, "sdm")
    assert [(p.label, p.quantity.value) for p in breakdown.parts] == [
        ("S2", 4),
        ("S1", 2),
        ("D3", 4),
    ]


def test_a_table_row_whose_count_ocr_lost_is_an_unreadable_part() -> None:
    text = """
        Berdasarkan Tingkat Pendidikan
        No | Pendidikan | Jumlah
        1 | S1 | 13
        2 | S2 | 11
        3 | SMP
    """
    (breakdown,) = parse_breakdowns(table_lines_of(text, page=5), "sdm")
    assert [(p.label, p.quantity.value, p.quantity.provenance.raw) for p in breakdown.parts] == [
        ("S1", 13, "13"),
        ("S2", 11, "11"),
        ("SMP", None, "3 | SMP"),
    ]
