"""Tests for extractor.ingest (dispatch and errors), the entity/year finders and parse_document."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import extractor.images
import extractor.pdf
from extractor.errors import EmptyInputError, ExitCode, InputError, LkjError, NotAReportError
from extractor.ingest import load_document, read_text
from extractor.models import Document, Page
from extractor.parse import parse_document
from extractor.parse.entity import find_entity, find_year
from tests.textdoc import document, lines_of

REPORT_TEXT = (
    "IKHTISAR EKSEKUTIF\n"
    "Dinas Perikanan Kota Fiktif menyusun laporan ini.\n"
    "Laporan Kinerja Dinas Perikanan Kota Fiktif 2\n"
    "B. REALISASI ANGGARAN\n"
    "Laporan Kinerja Dinas Perikanan Kota Fiktif 3\n"
)


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_text_file_becomes_a_text_document(tmp_path: Path) -> None:
    path = _write(tmp_path / "laporan.txt", REPORT_TEXT.encode())
    doc = load_document(path)
    assert doc.source == str(path)
    assert doc.input_kind == "text"
    assert [p.printed_number for p in doc.pages] == [2, 3]
    assert [(line.page, line.number, line.text) for line in doc.lines()] == [
        (1, 1, "IKHTISAR EKSEKUTIF"),
        (1, 2, "Dinas Perikanan Kota Fiktif menyusun laporan ini."),
        (2, 4, "B. REALISASI ANGGARAN"),
    ]


def test_text_without_known_suffix_is_sniffed(tmp_path: Path) -> None:
    doc = load_document(_write(tmp_path / "laporan", b"Pagu Rp 12.500.000\n"))
    assert doc.input_kind == "text"
    assert [line.text for line in doc.lines()] == ["Pagu Rp 12.500.000"]


def test_multibyte_character_cut_at_the_sniff_boundary_is_still_text(tmp_path: Path) -> None:
    data = b"a" * 2047 + "é tambak\n".encode()  # "é" straddles byte 2048
    doc = load_document(_write(tmp_path / "laporan.dat", data))
    assert doc.input_kind == "text"
    assert next(doc.lines()).text.endswith("é tambak")


def test_latin1_text_is_read(tmp_path: Path) -> None:
    doc = read_text(_write(tmp_path / "lama.txt", "Kafé nelayan\n".encode("latin-1")))
    assert [line.text for line in doc.lines()] == ["Kafé nelayan"]


@pytest.mark.parametrize(
    ("name", "data", "error", "says"),
    [
        ("kosong.txt", b"", EmptyInputError, "the file is empty"),
        ("spasi.txt", b"  \n\n\t\n\f\n", EmptyInputError, "no text in the file"),
        ("acak.bin", b"\x00\x01\x02\xff" * 200, NotAReportError, "not a PDF, image"),
    ],
)
def test_unreadable_files_raise_exit_code_2(
    tmp_path: Path, name: str, data: bytes, error: type[LkjError], says: str
) -> None:
    path = _write(tmp_path / name, data)
    with pytest.raises(error) as caught:
        load_document(path)
    assert caught.value.exit_code == ExitCode.bad_input == 2
    assert str(path) in caught.value.message and says in caught.value.message


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file") as caught:
        load_document(tmp_path / "tidak-ada.txt")
    assert caught.value.exit_code == 2


def test_folder_is_refused_with_a_hint(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a folder.*lkj batch") as caught:
        load_document(tmp_path)
    assert caught.value.exit_code == 2


def test_binary_junk_named_txt_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path / "junk.txt", bytes(range(256)) * 12)
    with pytest.raises(InputError) as caught:
        load_document(path)
    assert caught.value.exit_code == 2


def _fake_reader(kind: str):
    def read(path: Path, settings) -> Document:
        return Document(str(path), kind, (Page(1, ()),))

    return read


def test_pdf_magic_wins_over_the_suffix(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(extractor.pdf, "read_pdf", _fake_reader("pdf-text"))
    doc = load_document(_write(tmp_path / "laporan.dat", b"%PDF-1.4\n" + os.urandom(64)))
    assert doc.input_kind == "pdf-text"


def test_image_suffix_goes_to_the_image_reader(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(extractor.images, "read_image", _fake_reader("image"))
    assert load_document(_write(tmp_path / "hal.PNG", b"\x89PNG....")).input_kind == "image"


# --- entity and year -----------------------------------------------------------------------


def test_entity_and_year_are_the_most_named() -> None:
    lines = lines_of(
        """
        Laporan Kinerja Dinas Perikanan Kota Fiktif Tahun 2031
        Dinas Perikanan Kota Fiktif pada Tahun Anggaran 2031 menyusun laporan.
        Komisi Pemilihan Umum Kabupaten Contoh Raya hadir pada TA 2030.
        """
    )
    assert find_entity(lines) == "Dinas Perikanan Kota Fiktif"
    assert find_year(lines) == 2031


@pytest.mark.parametrize(
    ("text", "entity"),
    [
        ("Komisi Pemilihan Umum Kota Fiktif", "KPU Kota Fiktif"),
        ("KPU Kabupaten Contoh Raya Tahun 2031", "KPU Kabupaten Contoh Raya"),
        ("Inspektorat Provinsi Andalan", "Inspektorat Provinsi Andalan"),
        ("tidak ada nama lembaga di sini", None),
    ],
)
def test_entity_names(text: str, entity: str | None) -> None:
    assert find_entity(lines_of(text)) == entity


def test_no_year_phrase_gives_no_year() -> None:
    assert find_year(lines_of("angka 2031 tanpa kata tahun")) is None


# --- parse_document: every stage on one small made-up report ----------------------------


SMALL_REPORT = (
    """
    KATA PENGANTAR
    Laporan Kinerja Dinas Pertanian Kota Fiktif Tahun 2031 ini disusun.
    IKHTISAR EKSEKUTIF
    Dari 2 indikator kinerja, semua indikator telah tercapai.
    Pagu Dinas Pertanian Kota Fiktif sebesar Rp. 1.000.000,- dengan realisasi sebesar
    Rp. 950.000,- atau 95,00%.
    """,
    """
    PERJANJIAN KINERJA
    NO SASARAN INDIKATOR TARGET
    1 Meningkatnya hasil panen padi Persentase lahan yang ditanami 80%
    2 Tersedianya benih unggul Jumlah benih yang disalurkan 40 Ton
    """,
    """
    BAB III
    PENGUKURAN KINERJA
    NO SASARAN INDIKATOR TARGET |REALISASI| CAPAIAN
    1 Meningkatnya hasil panen padi Persentase lahan yang ditanami 80% 84% 105%
    2 Tersedianya benih unggul Jumlah benih yang disalurkan 40 Ton 38 Ton 95%
    B. REALISASI ANGGARAN
    Alokasi anggaran Program Ketahanan Pangan (KP) sebesar Rp. 1.000.000,- dengan
    realisasi sebesar Rp. 950.000,-.
    7101 Penyediaan Benih Padi 600,000 580,000
    7102 Penyuluhan Petani 400,000 370,000
    1,000,000 950,000
    """,
    """
    SUMBER DAYA MANUSIA
    Pegawai Dinas berjumlah 12 orang terdiri dari 8 orang ASN dan 4 orang PPNPN.
    RENCANA KERJA TAHUNAN
    Program Kegiatan Anggaran
    Program Ketahanan Pangan
    1,000,000
    Penyediaan Benih Padi 600,000
    Penyuluhan Petani 400,000
    JUMLAH ANGGARAN
    1,000,000
    """,
)


@pytest.fixture(scope="module")
def report():
    return parse_document(document(*SMALL_REPORT, source="fiktif.txt"))


def test_report_header(report) -> None:
    assert (report.source, report.input_kind, report.pages) == ("fiktif.txt", "text", 4)
    assert (report.entity, report.year) == ("Dinas Pertanian Kota Fiktif", 2031)


def test_report_indicators_by_section(report) -> None:
    rows = [
        (i.section, i.no, i.indikator, i.target.value, i.target.unit, i.target.provenance.page)
        for i in report.indicators
    ]
    assert rows == [
        ("pk", "1", "Persentase lahan yang ditanami", 80, "%", 2),
        ("pk", "2", "Jumlah benih yang disalurkan", 40, "ton", 2),
        ("pengukuran", "1", "Persentase lahan yang ditanami", 80, "%", 3),
        ("pengukuran", "2", "Jumlah benih yang disalurkan", 40, "ton", 3),
    ]
    measured = report.indicators_in("pengukuran")
    assert [(i.realisasi.value, i.capaian.value) for i in measured] == [(84, 105), (38, 95)]


def test_report_budget_lines_get_the_program_code(report) -> None:
    rows = [(b.section, b.program, b.code, b.name, b.allocation.value) for b in report.budget]
    assert rows == [
        ("realisasi-anggaran", "KP", "7101", "Penyediaan Benih Padi", 600_000),
        ("realisasi-anggaran", "KP", "7102", "Penyuluhan Petani", 400_000),
        ("rkt", "KP", None, "Penyediaan Benih Padi", 600_000),
        ("rkt", "KP", None, "Penyuluhan Petani", 400_000),
    ]
    assert [b.realisation.value for b in report.budget[:2]] == [580_000, 370_000]
    assert [b.realisation for b in report.budget[2:]] == [None, None]


def test_report_figures(report) -> None:
    figures = {
        (f.key, f.scope, f.quantity.provenance.section): f.quantity.value for f in report.figures
    }
    assert figures == {
        ("allocation", None, "ikhtisar"): 1_000_000,
        ("realisation", None, "ikhtisar"): 950_000,
        ("absorption", None, "ikhtisar"): 95.0,
        ("indicator-count", "ikhtisar", "ikhtisar"): 2,
        ("table-total-allocation", "KP", "realisasi-anggaran"): 1_000_000,
        ("table-total-realisation", "KP", "realisasi-anggaran"): 950_000,
        ("allocation", "KP", "realisasi-anggaran"): 1_000_000,
        ("realisation", "KP", "realisasi-anggaran"): 950_000,
        ("staff-total", None, "sdm"): 12,
        ("staff-asn", None, "sdm"): 8,
        ("staff-non-asn", None, "sdm"): 4,
        ("rkt-program", None, "rkt"): 1_000_000,
        ("rkt-total", "KP", "rkt"): 1_000_000,
    }
    assert [f.group for f in report.figures if f.key.startswith("rkt")] == ["KP", "KP"]


def test_report_claims_and_years(report) -> None:
    assert [(c.kind, c.text, c.provenance.page) for c in report.claims] == [
        ("all-achieved", "semua indikator telah tercapai", 1)
    ]
    assert [(y.value, y.unit, y.provenance.section, y.provenance.line) for y in report.years] == [
        (2031, "year", "narrative", 2)
    ]
