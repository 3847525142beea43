"""Tests for extractor.sections: headings and the section spans of a Document."""

from __future__ import annotations

import pytest

from extractor.models import Line
from extractor.sections import fuzzy_section, heading_section, is_heading, split_sections
from tests.textdoc import document


@pytest.mark.parametrize(
    ("text", "section", "in_appendix"),
    [
        ("KATA PENGANTAR", "narrative", "narrative"),
        ("IKHTISAR EKSEKUTIF", "ikhtisar", "ikhtisar"),
        ("Ringkasan Eksekutif", "ikhtisar", "ikhtisar"),
        ("BAB II", "narrative", "narrative"),
        ("II. PERENCANAAN DAN PERJANJIAN KINERJA", "narrative", "narrative"),
        ("BAB Il", "narrative", "narrative"),
        ("A. Latar Belakang", "narrative", "narrative"),
        ("B. RENCANA KINERJA 2031", "rencana-kinerja", "rencana-kinerja"),
        ("PERJANJIAN KINERJA TAHUN 2031", "pk", "lampiran-pk"),
        ("Penetapan Kinerja", "pk", "lampiran-pk"),
        ("PENGUKURAN CAPAIAN KINERJA", "pengukuran", "pengukuran"),
        ("Capaian Kinerja Organisasi", "pengukuran", "pengukuran"),
        ("B. REALISASI ANGGARAN", "realisasi-anggaran", "realisasi-anggaran"),
        ("Akuntabilitas Keuangan", "realisasi-anggaran", "realisasi-anggaran"),
        ("Sumber Daya Manusia", "sdm", "sdm"),
        ("Kepegawaian", "sdm", "sdm"),
        ("RENCANA KERJA TAHUNAN", "rkt", "rkt"),
        ("RKT 2031", "rkt", "rkt"),
        ("LAMPIRAN", "lampiran", "lampiran"),
        ("PENUTUP", "narrative", "narrative"),
        ("Sistematika Penulisan", "narrative", "narrative"),
        ("Profil Nelayan", None, None),  # a heading of no known section
    ],
)
def test_heading_section(text: str, section: str | None, in_appendix: str | None) -> None:
    line = Line(text, 1, 1)
    assert heading_section(line, in_appendix=False) == section
    assert heading_section(line, in_appendix=True) == in_appendix


@pytest.mark.parametrize(
    ("text", "heading"),
    [
        ("REALISASI ANGGARAN DINAS PERIKANAN", True),
        ("C. Data kapal nelayan", True),
        ("Data Kapal Nelayan", True),
        ("Data kapal nelayan", False),
        ("Pada bab ini dijelaskan perjanjian kinerja yang disepakati", False),
        ("SATU DUA TIGA EMPAT LIMA ENAM TUJUH DELAPAN SEMBILAN SEPULUH", False),
        ("", False),
    ],
)
def test_is_heading(text: str, heading: bool) -> None:
    assert is_heading(Line(text, 1)) is heading


def test_sentence_naming_a_section_opens_none() -> None:
    line = Line("Perjanjian kinerja dinas ditandatangani pada awal tahun berjalan.", 1)
    assert heading_section(line, in_appendix=False) is None


def test_chapter_with_bar_for_roman_one() -> None:
    assert heading_section(Line("BAB |", 1), in_appendix=True) == "narrative"
    assert heading_section(Line("BAB | PENDAHULUAN", 1), in_appendix=True) == "narrative"
    assert heading_section(Line("BABI", 1), in_appendix=True) is None  # no chapter number


REPORT = (
    """
    Dinas Perikanan menyusun laporan ini dengan baik.
    IKHTISAR EKSEKUTIF
    ringkasan isi laporan singkat ada di sini.
    BAB I
    PENDAHULUAN
    latar belakang ditulis di sini panjang sekali.
    """,
    """
    BAB III
    A. PENGUKURAN KINERJA
    tabel ada di sini dengan isi.
    PENGUKURAN KINERJA
    lanjutan tabel pengukuran dengan isi.
    B. REALISASI ANGGARAN
    angka anggaran dan penjelasan.
    LAMPIRAN
    PERJANJIAN KINERJA
    isi pk pertama ditulis di sini.
    PERJANJIAN KINERJA
    isi pk kedua ditulis di sini.
    RENCANA KERJA TAHUNAN
    isi rkt pertama.
    RENCANA KERJA TAHUNAN
    isi rkt kedua.
    BAB IV
    PERJANJIAN KINERJA
    isi pk setelah bab.
    """,
)


def test_split_sections_spans() -> None:
    spans = split_sections(document(*REPORT))
    summary = [
        (s.section, s.heading and (s.heading.text, s.heading.page, s.heading.number), len(s.lines))
        for s in spans
    ]
    assert summary == [
        ("narrative", None, 1),
        ("ikhtisar", ("IKHTISAR EKSEKUTIF", 1, 2), 2),
        ("narrative", ("BAB I", 1, 4), 4),  # BAB I, PENDAHULUAN, its text, BAB III
        ("pengukuran", ("A. PENGUKURAN KINERJA", 2, 9), 4),  # a repeated heading continues
        ("realisasi-anggaran", ("B. REALISASI ANGGARAN", 2, 13), 2),
        ("narrative", ("LAMPIRAN", 2, 15), 1),
        ("lampiran-pk", ("PERJANJIAN KINERJA", 2, 16), 2),
        ("lampiran-pk", ("PERJANJIAN KINERJA", 2, 18), 2),  # a second PK is its own span
        ("rkt", ("RENCANA KERJA TAHUNAN", 2, 20), 2),
        ("rkt", ("RENCANA KERJA TAHUNAN", 2, 22), 2),
        ("narrative", ("BAB IV", 2, 24), 1),
        ("pk", ("PERJANJIAN KINERJA", 2, 25), 2),  # a chapter ends the appendix
    ]
    assert [line for s in spans for line in s.lines] == list(document(*REPORT).lines())


def test_empty_document_has_no_spans() -> None:
    assert split_sections(document()) == []


def test_titled_line_under_a_table_row_is_a_wrapped_cell() -> None:
    spans = split_sections(
        document(
            """
            PENGUKURAN KINERJA
            1 Terwujudnya layanan warga Persentase desa terlayani 90%
            Sumber Daya Manusia
            SUMBER DAYA MANUSIA
            Pegawai dinas berjumlah dua puluh orang.
            """
        )
    )
    assert [(s.section, len(s.lines)) for s in spans] == [("pengukuran", 3), ("sdm", 2)]


@pytest.mark.parametrize(
    ("text", "section"),
    [
        ("Ik 1SAR EKSEKU rir", "ikhtisar"),  # OCR garbles of the headings
        ("LAMPLKAN", "lampiran"),
        ("B. REAT ISASI ANGGARAN", "realisasi-anggaran"),
        ("C. PEP.TANJIAN KINERJA TAHUN 2023", "pk"),
        ("C. Sher Daya Manusia", "sdm"),
        ("AKUNTABILITAS KINFP.TA", "narrative"),
        ("RENCANA STRATEGIS", "narrative"),
        ("LAPORAN KINERJA", None),  # ordinary capitalised lines
        ("JUMLAH ANGGARAN", None),
        ("TAHUN ANGGARAN 2021", None),
        ("INDIKATOR KINERJA", None),
        ("INSPEKTORAT KABUPATEN X", None),
        ("Nilai Akuntabilitas Kinerja", None),  # a titled indicator name, not a heading
        ("B. ReeHeaci Anccorgn", None),  # too garbled without the order of the chapters
    ],
)
def test_fuzzy_section_of_garbled_headings(text: str, section: str | None) -> None:
    assert fuzzy_section(Line(text, 1)) == section


def test_weakly_garbled_heading_is_taken_where_its_chapter_comes_next() -> None:
    spans = split_sections(
        document(
            """
            BAB I
            B. ReeHeaci Anccorgn
            A. PENGUKURAN CAPAIAN KINERJA ORGANISASI
            1 Persentase desa terlayani 90%
            B. ReeHeaci Anccorgn
            Program | 1.000.000
            RINGFASAN ¥¥Cuxnui IF
            TAMPIRAN-1.A"PIRAN
            PERJANJIAN KINTP.TA TAHUN 2023
            """
        )
    )
    assert [(s.section, len(s.lines)) for s in spans] == [
        ("narrative", 2),  # a garble that names no chapter coming next stays narrative
        ("pengukuran", 2),
        ("realisasi-anggaran", 3),  # the budget comes right after the measurement
        ("narrative", 1),  # the appendix opens after it; the ikhtisar is long past
        ("lampiran-pk", 1),
    ]


def test_numbered_titles_source_notes_wrapped_sentences_and_cell_rows() -> None:
    spans = split_sections(
        document(
            """
            DAFTAR ISI
            2.3. Perjanjian Kinerja Tahun 2031 ............................ 15
            3.1. Capaian Kinerja Organisasi ................................. 17
            Program ini disusun untuk tahun 2030.
            2.3. Perjanjian Kinerja Tahun 2031
            Indikator | Target
            Persentase desa terlayani | 90%
            Sumber : DPA Dinas Tahun 2031
            3.1. Capaian Kinerja Organisasi
            KOMPONEN | BOBOT (%)
            PENGUKURAN KINERJA | 30,00
            Analisis Program yang Menunjang Keberhasilan ataupun
            Kegagalan Pencapaian Perjanjian Kinerja
            B. Realisasi Anggaran
            """
        )
    )
    assert [(s.section, s.heading and s.heading.text) for s in spans] == [
        ("narrative", None),
        ("pk", "2.3. Perjanjian Kinerja Tahun 2031"),
        ("pengukuran", "3.1. Capaian Kinerja Organisasi"),
        ("realisasi-anggaran", "B. Realisasi Anggaran"),
    ]
