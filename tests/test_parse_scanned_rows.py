"""Indicator tables read cell by cell from scans: rows whose cells OCR garbled or lost."""

from __future__ import annotations

from extractor.models import Indicator
from extractor.parse.indicators import parse_indicator_spans
from tests.textdoc import table_lines_of


def parse_table(text: str, section: str) -> list[Indicator]:
    return parse_indicator_spans(table_lines_of(text), section)


def read(rows: list[Indicator]) -> list[tuple]:
    """Each row's indikator and, per value cell, (value, raw) or None."""
    return [
        (
            r.indikator,
            *(q and (q.value, q.provenance.raw) for q in (r.target, r.realisasi, r.capaian)),
        )
        for r in rows
    ]


def test_a_row_whose_values_ocr_garbled_is_kept_with_unreadable_cells() -> None:
    rows = parse_table(
        """
        No | Sasaran | Indikator Kinerja | Target | Realisasi | Capaian (%)
        1 | Meningkatnya layanan | Persentase arsip tertata | 100% | 100% | 100%
        Jumlah kasus keterlambatan pelaporan | Ce | ae | 161.54%
        2 | Tertibnya etika | Angka pelanggaran kode etik | 16kasus | kasus | 143.75 Yo
        | | Tertibnya laporan | Jumlah laporan pengadaan | | laporan | 2 laporan | 200%
        Indeks produk hukum | a | . | 100%
        """,
        "pengukuran",
    )
    assert read(rows) == [
        ("Persentase arsip tertata", (100, "100%"), (100, "100%"), (100, "100%")),
        ("Jumlah kasus keterlambatan pelaporan", (None, "Ce"), (None, "ae"), (161.54, "161.54%")),
        ("Angka pelanggaran kode etik", (16, "16kasus"), (None, "kasus"), (143.75, "143.75 Yo")),
        ("Jumlah laporan pengadaan", (None, "laporan"), (2, "2 laporan"), (200, "200%")),
        ("Indeks produk hukum", (None, "a"), (None, "."), (100, "100%")),
    ]
    assert [r.sasaran for r in rows] == [
        "Meningkatnya layanan",
        "Meningkatnya layanan",
        "Tertibnya etika",
        "Tertibnya laporan",
        "Tertibnya laporan",
    ]


def test_a_count_whose_1_ocr_read_as_a_letter_is_read_as_1_not_a_lost_row() -> None:
    rows = parse_table(
        """
        No | Sasaran | Indikator Kinerja | Target
        1 | Meningkatnya layanan | Indeks kepuasan layanan | 70
        Jumlah laporan aparatur yang mengikuti diklat | I laporan
        Program | Anggaran
        """,
        "lampiran-pk",
    )
    assert read(rows) == [
        ("Indeks kepuasan layanan", (70, "70"), None, None),
        ("Jumlah laporan aparatur yang mengikuti diklat", (1, "I laporan"), None, None),
    ]


def test_a_speck_read_after_a_value_is_not_part_of_it() -> None:
    rows = parse_table(
        """
        No | Sasaran | Indikator Kinerja | Target
        1 | Meningkatnya layanan | Persentase temuan yang belum ditindaklanjuti | 2% -
        Persentase kerja sama antar lembaga | 95% O,
        2 | Tertibnya laporan | Jumlah laporan pembayaran honorarium | 3 Laporan P
        Jumlah peserta pemutakhiran data | 203 oran g
        Persentase arsip aktif | 100 %
        """,
        "pk",
    )
    assert read(rows) == [
        ("Persentase temuan yang belum ditindaklanjuti", (2, "2%"), None, None),
        ("Persentase kerja sama antar lembaga", (95, "95%"), None, None),
        ("Jumlah laporan pembayaran honorarium", (3, "3 Laporan"), None, None),
        ("Jumlah peserta pemutakhiran data", (203, "203"), None, None),
        ("Persentase arsip aktif", (100, "100 %"), None, None),
    ]


def test_a_sasaran_cell_read_apart_from_its_rows_names_the_rows_below_it() -> None:
    rows = parse_table(
        """
        No | Sasaran Strategis | Indikator Kinerja | Target
        1 | Tersedianya kapasitas aparatur | Nilai pengaduan masyarakat | 75
        Nilai pemutakhiran data | 80
        3 | Terwujudnya kualitas perencanaan
        Tingkat kerja sama antar lembaga | 90%
        Jumlah pengaduan yang ditindaklanjuti | 11 Kali
        Program | Anggaran
        """,
        "lampiran-pk",
    )
    assert [(r.no, r.sasaran, r.indikator, r.target.value) for r in rows] == [
        ("1", "Tersedianya kapasitas aparatur", "Nilai pengaduan masyarakat", 75),
        ("1", "Tersedianya kapasitas aparatur", "Nilai pemutakhiran data", 80),
        ("3", "Terwujudnya kualitas perencanaan", "Tingkat kerja sama antar lembaga", 90),
        ("3", "Terwujudnya kualitas perencanaan", "Jumlah pengaduan yang ditindaklanjuti", 11),
    ]


def test_rows_whose_value_cells_and_titles_ocr_lost_are_kept_without_values() -> None:
    rows = parse_table(
        """
        No | Sasaran Kegiatan | Indikator Kinerja
        Terwujudnya kapasitas aparatur | Persentase produk hukum yang ditindaklanjuti
        3 | Tersedianya perencanaan | Indeks publikasi kegiatan yang akuntabel
        Indeks pengadaan barang dan jasa
        4 | Terwujudnya keuangan yang tertib | Persentase arsip aktif | 90 %
        JUMLAH
        Program | Anggaran
        """,
        "lampiran-pk",
    )
    assert [(r.no, r.sasaran, r.indikator, r.target and r.target.value) for r in rows] == [
        (None, "Terwujudnya kapasitas aparatur", "Persentase produk hukum yang ditindaklanjuti",
         None),
        ("3", "Tersedianya perencanaan", "Indeks publikasi kegiatan yang akuntabel", None),
        ("3", "Tersedianya perencanaan", "Indeks pengadaan barang dan jasa", None),
        ("4", "Terwujudnya keuangan yang tertib", "Persentase arsip aktif", 90),
    ]  # fmt: skip


def test_three_values_under_a_header_that_lost_its_titles_are_a_measurement() -> None:
    rows = parse_table(
        """
        No | Sasaran | Indikator Kinerja
        1 | Meningkatnya layanan | Persentase arsip tertata | 90% | 81% | 90%
        Nilai kepuasan | 80 | 84 | 105%
        """,
        "pengukuran",
    )
    assert read(rows) == [
        ("Persentase arsip tertata", (90, "90%"), (81, "81%"), (90, "90%")),
        ("Nilai kepuasan", (80, "80"), (84, "84"), (105, "105%")),
    ]


def test_dashes_printed_for_no_value_are_no_garbled_values() -> None:
    rows = parse_table(
        """
        Sasaran Strategis | Indikator Kinerja | Satuan | Target | Realisasi 2031 | %
        Meningkatnya layanan | Persentase arsip tertata | % | 90 | 81 | 90
        Tersedianya sarana | Jumlah luas sawah diairi | Ha | 2.500 | --- | -- --
        Jumlah luas sawah baru | Ha | 25.000 | -- | --
        """,
        "pengukuran",
    )
    assert [r.indikator for r in rows] == ["Persentase arsip tertata"]
