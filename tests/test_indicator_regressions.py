"""Regression tests for indicator parsing, section and alignment bugs seen on synthetic reports."""

from __future__ import annotations

import numpy as np

from extractor.models import Indicator, Provenance, Quantity, Report
from extractor.parse.indicators import parse_indicator_spans
from extractor.sections import split_sections
from reconcile.align import _uncross, align_report
from reconcile.rules.indicators import capaian, missing_indicator
from tests.rule_builders import NO_ALIGNMENT, indicator, pct
from tests.rule_builders import report as rule_report
from tests.textdoc import document, lines_of, table_lines_of

MEASURED_HEADER = "NO SASARAN KEGIATAN INDIKATOR KEGIATAN TARGET |REALISASI| CAPAIAN"
TARGET_HEADER = "NO SASARAN KEGIATAN INDIKATOR KINERJA TARGET"


def parse(text: str, section: str = "pengukuran") -> list[Indicator]:
    return parse_indicator_spans(lines_of(text), section)


def cells(rows: list[Indicator]) -> list[tuple]:
    return [
        tuple(q and (q.value, q.unit) for q in (r.target, r.realisasi, r.capaian)) for r in rows
    ]


def test_count_unit_unknown_to_the_number_parser_keeps_the_row() -> None:
    rows = parse(
        f"""
        {MEASURED_HEADER}
        1 Terwujudnya desa aman Jumlah kasus pencurian ternak 12 Kasus 9 kasus 125%
        Persentase pos ronda aktif 80% 80% 100%
        """
    )
    assert cells(rows) == [
        ((12, "kasus"), (9, "kasus"), (125, "%")),
        ((80, "%"), (80, "%"), (100, "%")),
    ]


def test_row_number_before_a_wrapped_word_is_no_count_cell() -> None:
    rows = parse(
        f"""
        {TARGET_HEADER}
        Terwujudnya desa aman Persentase pos ronda aktif 80%
        3 Kelurahan
        """,
        section="pk",
    )
    assert cells(rows) == [((80, "%"), None, None)]


def test_grade_closing_a_row_after_its_name_is_a_target() -> None:
    rows = parse(
        f"""
        {TARGET_HEADER}
        1 Terwujudnya tata kelola | Persentase arsip tertata | 90%
        Opini BPK atas Laporan Keuangan WTP
        """,
        section="pk",
    )
    assert [r.indikator for r in rows] == [
        "Persentase arsip tertata",
        "Opini BPK atas Laporan Keuangan",
    ]
    assert rows[1].target is not None and rows[1].target.provenance.raw.endswith("WTP")


def test_prose_line_ending_in_a_number_is_no_row() -> None:
    rows = parse(
        f"""
        {MEASURED_HEADER}
        1 Terwujudnya desa aman Persentase pos ronda aktif 80% 80% 100%

        Berdasarkan Tabel diatas terlihat bahwa dari 5 indikator kinerja, sebanyak 4
        indikator kinerja telah mencapai target.
        """
    )
    assert len(rows) == 1
    assert rows[0].indikator == "Persentase pos ronda aktif"


def test_wrapped_last_word_stays_with_its_row_when_the_next_row_starts_on_its_anchor() -> None:
    rows = parse(
        f"""
        {MEASURED_HEADER}
        Terwujudnya desa aman | Persentase pos ronda yang | 80% | 80% | 100%
        diaktifkan
        Meningkatnya kebersihan | Persentase pasar bersih | 90% | 90% | 100%
        """
    )
    assert rows[0].indikator == "Persentase pos ronda yang diaktifkan"
    assert rows[1].sasaran == "Meningkatnya kebersihan"


def test_percent_sign_read_as_digits_in_a_decimal_cell() -> None:
    rows = parse(
        f"""
        {MEASURED_HEADER}
        1 Terwujudnya desa aman Persentase pos ronda aktif 95% 99,5876 104,82%
        2 Meningkatnya kebersihan Nilai pasar bersih 85 83,47 98,209
        """
    )
    assert [(r.realisasi.value, r.capaian.value) for r in rows] == [(99.58, 104.82), (83.47, 98.2)]
    assert rows[0].realisasi.repaired and rows[1].capaian.repaired


def test_wrapped_table_cell_naming_a_section_is_no_heading() -> None:
    doc = document(
        """
        B. RENCANA KINERJA
        No Sasaran Strategis Indikator Kinerja Target
        Pembinaan Aparatur | Persentase Penyediaan 90%
        Administrasi Kepegawaian
        Persentase Pembinaan Arsip 85%
        """
    )
    assert [s.section for s in split_sections(doc)] == ["rencana-kinerja"]


def test_institution_name_in_capitals_is_no_heading() -> None:
    doc = document(
        """
        LAMPIRAN
        PERJANJIAN KINERJA TAHUN 2031
        BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA KOTA X
        Persentase pegawai terlatih 90%
        """
    )
    assert [s.section for s in split_sections(doc)] == ["narrative", "lampiran-pk"]


def _ind(section: str, name: str, no: str | None, page: int, target: int = 90) -> Indicator:
    prov = Provenance(section, page, None, f"{target}%")
    return Indicator(
        section=section,
        no=no,
        sasaran="",
        indikator=name,
        target=Quantity(target, "%", prov),
        provenance=prov,
    )


def test_unmeasured_second_pk_of_the_appendix_is_one_info_finding() -> None:
    measured = ["Persentase pos ronda aktif", "Persentase pasar bersih"]
    other = ["Jumlah sumur bor dibangun", "Indeks kepuasan nelayan"]
    indicators = [_ind("pk", n, "1", 6) for n in measured]
    indicators += [_ind("pengukuran", n, "1", 9) for n in measured]
    indicators += [_ind("lampiran-pk", n, "1", 20) for n in measured]
    indicators += [_ind("lampiran-pk", n, "1", 22) for n in other]
    report = Report("x.txt", "text", 30, indicators=indicators)
    found = missing_indicator(report, align_report(report))
    assert [f.severity for f in found] == ["info"]
    assert "separate agreement" in found[0].message


def test_unmeasured_indicator_of_a_measured_appendix_pk_is_still_a_warning() -> None:
    names = ["Persentase pos ronda aktif", "Persentase pasar bersih", "Indeks kepuasan nelayan"]
    indicators = [_ind("pengukuran", n, "1", 9) for n in names[:2]]
    indicators += [_ind("lampiran-pk", n, "1", 20) for n in names]
    report = Report("x.txt", "text", 30, indicators=indicators)
    found = missing_indicator(report, align_report(report))
    assert [f.severity for f in found] == ["warning"]
    assert "Indeks kepuasan nelayan" in found[0].message


def test_crossed_near_duplicate_pairs_are_put_back_in_table_order() -> None:
    scores = np.array([[87.3, 66.5], [81.5, 64.6]])  # crossed 148.0, in order 151.9
    assert _uncross([(0, 1), (1, 0)], scores) == [(0, 0), (1, 1)]


def test_a_real_reordering_of_distinct_names_is_kept() -> None:
    scores = np.array([[30.0, 95.0], [90.0, 35.0]])
    assert _uncross([(0, 1), (1, 0)], scores) == [(0, 1), (1, 0)]


def test_capaian_from_a_rounded_realisasi_on_a_rounding_boundary_agrees() -> None:
    # 89,66 / 80 × 100 = 112,075: the printed 112,08% is right for a realisasi of 89,6612.
    ind = indicator("pengukuran", "Tingkat pengadaan", pct(80, 0), pct(89.66), pct(112.08))
    assert capaian(rule_report(indicators=[ind]), NO_ALIGNMENT) == []
    wrong = indicator("pengukuran", "Tingkat pengadaan", pct(80, 0), pct(89.66), pct(114.08))
    assert [f.severity for f in capaian(rule_report(indicators=[wrong]), NO_ALIGNMENT)] == ["error"]


def test_section_title_followed_by_a_long_agency_name_opens_the_section() -> None:
    doc = document(
        """
        LAMPIRAN
        RENCANA KERJA TAHUNAN DINAS PEKERJAAN UMUM DAN PENATAAN RUANG KABUPATEN X
        Program Penunjang 1.000.000 90%
        """
    )
    assert [s.section for s in split_sections(doc)] == ["narrative", "rkt"]


def test_measurement_table_with_misread_header_keeps_realisasi_and_capaian() -> None:
    lines = lines_of(
        """
        No | Sasaran | Indikator Kinerja | Target | Pealicaci | Canaian (%)
        1 | Meningkatnya tata kelola | Persentase pengadaan barang | 95% | 95 % | 100 %
        Persentase kehilangan hasil panen | 5% | 3% | 140 %
        """
    )
    rows = parse_indicator_spans(lines, "ikhtisar")
    assert [(r.target.value, r.realisasi.value, r.capaian.value) for r in rows] == [
        (95, 95, 100),
        (5, 3, 140),
    ]


def parse_table(text: str, section: str = "pengukuran") -> list[Indicator]:
    return parse_indicator_spans(table_lines_of(text), section)


def values(rows: list[Indicator]) -> list[tuple]:
    return [
        (r.indikator, *(q and q.value for q in (r.target, r.realisasi, r.capaian))) for r in rows
    ]


def test_table_read_cell_by_cell_takes_the_score_in_brackets() -> None:
    rows = parse_table(
        """
        No | Tujuan/Sasaran | No | Indikator Kinerja | Target 2021 | Realisasi 2021 | Capaian
        Mewujudkan tata kelola yang bersih
        1 | Meningkatnya mutu | 1 | Indeks Audit | Level 2 (2,40) | Level 2 (2,118) | 88,25%
        2 | Persentase auditor bersertifikat | 80% | 76% | 95%
        2 | Meningkatnya akuntabilitas | 3 | Nilai SAKIP | Nilai BB (71) | Nilai BB (70,29) | 99,00%
        Sumber: diolah
        """
    )
    assert values(rows) == [
        ("Indeks Audit", 2.4, 2.118, 88.25),
        ("Persentase auditor bersertifikat", 80, 76, 95),
        ("Nilai SAKIP", 71, 70.29, 99),
    ]
    assert [(r.no, r.sasaran) for r in rows] == [
        ("1", "Meningkatnya mutu"),
        ("2", "Meningkatnya mutu"),
        ("3", "Meningkatnya akuntabilitas"),
    ]


def test_year_on_year_and_end_of_plan_tables_are_not_measurements() -> None:
    rows = parse_table(
        """
        No | Sasaran | No | Indikator Kinerja | Target 2021 | Realisasi
        2021 | 2020 | 2019
        1 | Meningkatnya mutu | 1 | Indeks Audit | Level 2 (2,4) | 2,118 | 2,2 | N/A
        2 | Nilai SAKIP | N/A | N/A | 65,10
        Uraian tabel di atas.
        No | Sasaran | No | Indikator Kinerja | Realisasi 2021 | Target Akhir Renstra | Capaian
        1 | Meningkatnya mutu | 1 | Indeks Audit | Level 2 (2,118) | Level 3 (3,1) | 68,32%
        2 | Nilai SAKIP | Nilai BB (70,29) | Nilai A (80) | 87,86%
        """
    )
    assert rows == []


def test_kinerja_and_anggaran_header_reads_roles_from_its_second_line() -> None:
    rows = parse_table(
        """
        SASARAN/ PROGRAM | INDIKATOR PROGRAM | Kinerja | Anggaran
        Target | Realisasi | Capaian % | Anggaran | Realisasi | Capaian %
        Program X | Persentase temuan | 90 | 81 | 90,00 | 500.000.000 | 450.000.000 | 90,00
        Rata-rata capaian Indikator Utama (Program) | 90,00
        JUMLAH TOTAL | 500.000.000 | 450.000.000 | 90,00
        """,
        "pk",
    )
    assert values(rows) == [("Persentase temuan", 90, 81, 90)]


def test_one_ruled_ocr_line_under_a_header_is_left_to_the_ocr_reading() -> None:
    rows = parse(
        """
        No | Sasaran | Indikator Kinerja | Target
        Meningkatnya layanan Persentase laporan
        kehumasan dan | keuangan yang | 95%
        tepat waktu
        """,
        "pk",
    )
    assert [(r.target.value, r.realisasi) for r in rows] == [(95, None)]


def test_table_read_cell_by_cell_keeps_jumlah_indicators_count_units_and_grades() -> None:
    rows = parse_table(
        """
        No | Sasaran | Indikator Kinerja | Target
        1 | Meningkatnya layanan | Jumlah kasus pelanggaran | 13 Kasus
        Jumlah kegiatan kerja sama | 8 Kegiatan
        Nilai Akuntabilitas Kinerja | BB
        2 | Tertibnya arsip | Persentase arsip tertata | 90 %
        JUMLAH | 124
        Program | Anggaran
        1. Program Dukungan | Rp 1.250.000.000
        """,
        "pk",
    )
    assert [
        (r.indikator, r.target.value, r.target.unit, r.target.provenance.raw) for r in rows
    ] == [
        ("Jumlah kasus pelanggaran", 13, "kasus", "13 Kasus"),
        ("Jumlah kegiatan kerja sama", 8, "kegiatan", "8 Kegiatan"),
        ("Nilai Akuntabilitas Kinerja", None, None, "BB"),
        ("Persentase arsip tertata", 90, "%", "90 %"),
    ]


def test_measurement_tables_with_a_unit_column_and_no_target_column() -> None:
    rows = parse_table(
        """
        Tabel 3. Penetapan Indikator Kinerja Utama
        Uraian IKU | Indikator Kinerja | Satuan | Target
        Produksi pangan | - Jumlah produksi jagung | Ton | 1.190.793
        Tabel 4. Perbandingan Target dan Realisasi
        Sasaran Strategis | Indikator Kinerja | Satuan | Realisasi 2031 | %
        Meningkatnya produksi pangan | 99,02
        - Jumlah produksi jagung | Ton | 1.630.238 *) | 136,90
        Menurunnya kehilangan hasil | Tingkat kehilangan hasil panen | % | 10,21 | 106,33
        Tabel 10. Pengukuran Kinerja
        Sasaran Strategis | Indikator Kinerja | Satuan | Target | Realisasi 2031 | %
        Mengendalikan serangan OPT | - Jumlah luas serangan OPT | Ha | 113.889 | 85.362 | 125,05
        """
    )
    assert [
        (r.indikator, *(q and (q.value, q.unit) for q in (r.target, r.realisasi, r.capaian)))
        for r in rows
    ] == [
        ("Jumlah produksi jagung", None, (1_630_238, "ton"), (136.9, "%")),
        ("Tingkat kehilangan hasil panen", None, (10.21, "%"), (106.33, "%")),
        ("Jumlah luas serangan OPT", (113_889, "ha"), (85_362, "ha"), (125.05, "%")),
    ]
    assert rows[-1].polarity == "lower"
    assert rows[0].realisasi.provenance.raw == "1.630.238"


def test_a_renstra_table_of_yearly_targets_beside_the_pk_is_no_pk() -> None:
    rows = parse_table(
        """
        No | Sasaran | Indikator Kinerja | Target
        1 | Meningkatnya layanan | Persentase laporan tepat waktu | 80%
        Target tersebut selaras dengan target Renstra sebagai berikut:
        No | Indikator Kinerja | Target 2029 | Target 2030 | Target 2031 | Target 2032
        1 | Persentase laporan tepat waktu | 90% | 90% | 85% | 95%
        """,
        "pk",
    )
    assert [(r.indikator, r.target.value) for r in rows] == [("Persentase laporan tepat waktu", 80)]


def test_scanned_rows_with_a_garbled_value_a_wrapped_cell_or_a_misread_percent() -> None:
    rows = parse_table(
        """
        No | Sasaran Strategis | Indikator Kinerja | Target
        | | Terlaksananya koordinasi antar lembaga | Jumlah laporan pengadaan | | lapo
        2 | Tersusunnya tahapan kegiatan yang | Tingkat pemutakhiran data | 85 $
        berkualitas
        3 | Tersedianya layanan | Persentase arsip aktif | 100%
        Program | Anggaran
        """,
        "pk",
    )
    assert [
        (r.indikator, r.target.value, r.target.unit, r.target.provenance.raw) for r in rows
    ] == [
        ("Jumlah laporan pengadaan", None, None, "lapo"),
        ("Tingkat pemutakhiran data", 85, "%", "85 $"),
        ("Persentase arsip aktif", 100, "%", "100%"),
    ]


def test_a_realisation_whose_percent_ocr_read_as_a_digit_takes_its_targets_unit() -> None:
    rows = parse_table(
        """
        No | Sasaran | Indikator Kinerja | Target | Realisasi | Capaian
        1 | Meningkatnya mutu | Persentase laporan keuangan | 85% | 79,354 | 93,35%
        2 | Meningkatnya layanan | Jumlah pengunjung | 70,000 | 79,354 | 113,36%
        """
    )
    assert [(r.realisasi.value, r.realisasi.unit, r.realisasi.repaired) for r in rows] == [
        (79.35, "%", True),
        (79354, None, False),
    ]


def test_a_capaian_no_report_prints_is_left_unreadable() -> None:
    rows = parse_table(
        """
        No | Sasaran | Indikator Kinerja | Target | Realisasi | Capaian
        1 | Tertibnya laporan | Jumlah kasus keterlambatan | 21 | 12 | 1428646
        2 | Terlatihnya aparatur | Terlatihnya petani | 200 | 690 | 345,00
        """
    )
    assert [(r.capaian.value, r.capaian.provenance.raw) for r in rows] == [
        (None, "1428646"),
        (345.0, "345,00"),
    ]


def test_private_use_bullet_glyph_is_no_part_of_a_name() -> None:
    rows = parse_table(
        """
        Sasaran Strategis | Indikator Kinerja | Satuan | Target | Realisasi 2031 | %
        Meningkatnya margin usahatani | Persentase margin usahatani : | 161,07
        \uf0d8Palawija | % | 29,40 | 48,15 | 163,78
        \uf0d8Sayuran | % | 29 | 80,04 | 276,00
        """
    )
    assert [(r.sasaran, r.indikator) for r in rows] == [
        ("Meningkatnya margin usahatani", "Palawija"),
        ("Meningkatnya margin usahatani", "Sayuran"),
    ]


def test_a_heading_row_with_the_mean_of_its_rows_opens_their_sasaran() -> None:
    rows = parse_table(
        """
        Sasaran Strategis | Indikator Kinerja | Satuan | Realisasi 2031 | %
        Meningkatnya mutu hasil tani | Jumlah kelompok penerap jaminan mutu | Orang | 12 | 60,00
        Meningkatnya margin usahatani | Persentase margin usahatani : | 161,07
        - Padi | % | 13,90 | 43,44
        """
    )
    assert [(r.sasaran, r.indikator) for r in rows] == [
        ("Meningkatnya mutu hasil tani", "Jumlah kelompok penerap jaminan mutu"),
        ("Meningkatnya margin usahatani", "Padi"),
    ]


def test_sentence_ending_in_a_reference_to_an_appendix_is_no_pk_row() -> None:
    rows = parse(
        """
        Perjanjian Kinerja ditandatangani untuk menyelenggarakan pembangunan
        sesuai dengan sasaran dan indikator yang telah disepakati bersama dan terkait
        dengan Rencana Strategis Dinas 2029-2033 (lampiran 3).
        1. Meningkatkan produksi pangan, dengan Indikator Kinerja :
        - Jumlah produksi padi 12.317.066 Ton
        """,
        "pk",
    )
    assert [(r.indikator, r.target and r.target.value) for r in rows] == [
        ("produksi pangan, dengan Indikator Kinerja : - Jumlah produksi padi", 12_317_066)
    ]


def test_lone_target_of_a_formula_heads_no_table_of_the_prose_far_below() -> None:
    formula = [
        "Pengukuran membandingkan target dengan realisasi indikator kinerja sasaran",
        "sehingga diperoleh capaian kinerja dengan rumus:",
        "Capaian Kinerja (%) = Realisasi x 100 %",
        "Target",
    ]
    prose = [f"Kalimat ke-{k} tentang kinerja dinas tahun ini." for k in range(20)]
    rows = parse("\n".join([*formula, *prose, "Nilai uang rakyat yang dibelanjakan 600"]))
    assert rows == []


def test_prose_amount_with_seluas_is_no_row() -> None:
    rows = parse(
        f"""
        {MEASURED_HEADER}
        1 Terwujudnya desa aman Persentase pos ronda aktif 80% 80% 100%
        Perbaikan jaringan irigasi oleh kabupaten dengan realisasi seluas 51.800 Ha.
        """
    )
    assert [r.indikator for r in rows] == ["Persentase pos ronda aktif"]
