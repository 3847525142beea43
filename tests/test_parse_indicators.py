"""Tests for extractor.parse.indicators: indicator tables rebuilt from interleaved OCR lines."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.models import Indicator, Quantity
from extractor.parse.indicators import parse_indicator_spans
from tests.textdoc import lines_of

MEASURED_HEADER = "NO SASARAN KEGIATAN INDIKATOR KEGIATAN TARGET |REALISASI| CAPAIAN"
TARGET_HEADER = "NO SASARAN KEGIATAN INDIKATOR KINERJA TARGET"


def cell(q: Quantity | None) -> tuple | None:
    """What a cell says: value, unit, raw, line, repaired."""
    if q is None:
        return None
    return (q.value, q.unit, q.provenance.raw, q.provenance.line, q.repaired)


def values(rows: list[Indicator]) -> list[tuple]:
    return [(r.no, cell(r.target), cell(r.realisasi), cell(r.capaian)) for r in rows]


def parse(text: str, section: str = "pengukuran", page: int = 1) -> list[Indicator]:
    return parse_indicator_spans(lines_of(text, page=page), section)


def test_interleaved_measurement_table() -> None:
    rows = parse(
        f"""
        INDIKATOR KINERJA
        {MEASURED_HEADER}
        Terwujudnya layanan air | Jumlah sumur bor yang
        bersih di desa pesisir | dibangun warga _ 40 Unit 36 Unit 90%
        yang sehat
        Persentase desa yang
        terlayani air bersih 80% 84% 105%
        secara merata
        2.
        Tersedianya benih unggul Persentase petani penerima
        bagi petani kecil bantuan benih 60,5% 59,29% 98,00%
        """,
        page=7,
    )
    assert values(rows) == [
        (None, (40, "unit", "40 Unit", 4, False), (36, "unit", "36 Unit", 4, False),
         (90, "%", "90%", 4, False)),
        (None, (80, "%", "80%", 7, False), (84, "%", "84%", 7, False),
         (105, "%", "105%", 7, False)),
        ("2", (60.5, "%", "60,5%", 11, False), (59.29, "%", "59,29%", 11, False),
         (98.0, "%", "98,00%", 11, False)),
    ]  # fmt: skip
    assert [r.capaian.decimals for r in rows] == [0, 0, 2]
    assert {r.section for r in rows} == {"pengukuran"}
    assert {r.target.provenance.section for r in rows} == {"pengukuran"}
    assert {r.target.provenance.page for r in rows} == {7}
    assert rows[0].sasaran == "Terwujudnya layanan air"
    assert rows[0].indikator.startswith("Jumlah sumur bor")
    assert rows[1].sasaran == rows[0].sasaran  # a row without sasaran inherits it
    assert rows[1].indikator == "Persentase desa yang terlayani air bersih secara merata"
    assert rows[2].sasaran.startswith("Tersedianya benih unggul")
    assert rows[2].indikator.startswith("Persentase petani penerima")
    assert rows[0].provenance.raw.endswith("36 Unit 90%")
    assert rows[0].provenance.line == 4


def test_one_column_target_table_with_row_numbers_and_a_grade() -> None:
    rows = parse(
        f"""
        {TARGET_HEADER}
        1. Terwujudnya pasar yang bersih Persentase kios pasar tertata 85%
        2. Tersedianya benih unggul Jumlah benih yang disalurkan 500 Ton
        3. Terwujudnya tata kelola yang baik Opini laporan keuangan
        BB
        """,
        section="pk",
    )
    assert values(rows) == [
        ("1", (85, "%", "85%", 2, False), None, None),
        ("2", (500, "ton", "500 Ton", 3, False), None, None),
        ("3", (None, None, "BB", 5, False), None, None),
    ]
    assert [(r.sasaran, r.indikator) for r in rows] == [
        ("Terwujudnya pasar yang bersih", "Persentase kios pasar tertata"),
        ("Tersedianya benih unggul", "Jumlah benih yang disalurkan"),
        ("Terwujudnya tata kelola yang baik", "Opini laporan keuangan"),
    ]
    assert {r.section for r in rows} == {"pk"}


GRADED_ROWS = f"""
    {TARGET_HEADER}
    1 Terwujudnya tata kelola yang baik Opini atas laporan keuangan WTP
    2 Terwujudnya pasar yang bersih Persentase kios pasar tertata 85%
"""


def test_grade_closing_a_row_after_its_name() -> None:
    rows = parse(GRADED_ROWS, section="pk")
    assert [(r.no, r.target.value, r.target.provenance.line) for r in rows] == [
        ("1", None, 2),
        ("2", 85, 3),
    ]
    assert rows[0].indikator == "Opini atas laporan keuangan"
    assert rows[0].target.provenance.raw.endswith("WTP")


def test_grade_cell_raw_is_the_grade() -> None:
    rows = parse(GRADED_ROWS, section="pk")
    assert rows[0].target.provenance.raw == "WTP"


def test_value_only_lines_take_the_text_above_them() -> None:
    rows = parse(
        f"""
        {MEASURED_HEADER}
        1. Terwujudnya pelayanan pasar Persentase kios pasar
        yang tertib dan bersih yang tertata rapi
        75% 70% 93,33%
        2. Tersedianya benih unggul Jumlah benih yang disalurkan
        12 Kali 12 Kali 100%
        """
    )
    assert values(rows) == [
        ("1", (75, "%", "75%", 4, False), (70, "%", "70%", 4, False),
         (93.33, "%", "93,33%", 4, False)),
        ("2", (12, "kali", "12 Kali", 6, False), (12, "kali", "12 Kali", 6, False),
         (100, "%", "100%", 6, False)),
    ]  # fmt: skip
    assert rows[0].indikator == "Persentase kios pasar yang tertib dan bersih yang tertata rapi"
    assert rows[1].indikator == "Jumlah benih yang disalurkan"


def test_percent_misread_as_digits_is_repaired() -> None:
    rows = parse(
        f"""
        {MEASURED_HEADER}
        1 Tersedianya benih unggul Persentase petani penerima 60% 66% 1008
        2 Terwujudnya pasar yang bersih Persentase kios pasar tertata 959 95% 10076
        """
    )
    assert values(rows) == [
        ("1", (60, "%", "60%", 2, False), (66, "%", "66%", 2, False), (100, "%", "1008", 2, True)),
        ("2", (95, "%", "959", 3, True), (95, "%", "95%", 3, False), (100, "%", "10076", 3, True)),
    ]


def test_ghost_double_read_is_one_row() -> None:
    rows = parse(
        f"""
        {MEASURED_HEADER}
        1. Terwujudnya pelayanan pasar Persentase kios pasar
        85% 80% 94,12%
        yang tertata rapi 85% 80% 94,12%
        2. Tersedianya benih unggul Jumlah benih yang disalurkan 500 Ton 450 Ton 90%
        """
    )
    assert values(rows) == [
        ("1", (85, "%", "85%", 3, False), (80, "%", "80%", 3, False),
         (94.12, "%", "94,12%", 3, False)),
        ("2", (500, "ton", "500 Ton", 5, False), (450, "ton", "450 Ton", 5, False),
         (90, "%", "90%", 5, False)),
    ]  # fmt: skip


def test_ghost_double_read_leaves_no_numbers_in_the_name() -> None:
    rows = parse(
        f"""
        {MEASURED_HEADER}
        1. Terwujudnya pelayanan pasar Persentase kios pasar
        85% 80% 94,12%
        yang tertata rapi 85% 80% 94,12%
        """
    )
    assert rows[0].indikator == "Persentase kios pasar yang tertata rapi"


def test_table_split_into_small_tables_with_prose_between() -> None:
    rows = parse(
        f"""
        INDIKATOR KINERJA
        {TARGET_HEADER}
        1 Terwujudnya pasar yang bersih Persentase kios pasar tertata 85%
        1. Terwujudnya pasar yang bersih. Indikator dan target
        sebagaimana pada tabel di atas.
        INDIKATOR KINERJA
        {TARGET_HEADER}
        2 Tersedianya benih unggul Jumlah benih yang disalurkan 500 Ton
        2. Tersedianya benih unggul bagi petani. Indikator dan target
        sebagaimana pada tabel di atas.
        NO
        SASARAN KEGIATAN
        INDIKATOR KINERJA
        TARGET
        Persentase saluran irigasi
        yang berfungsi baik
        75%
        Jumlah bendung yang
        diperbaiki
        9 Unit
        """,
        section="pk",
    )
    assert values(rows) == [
        ("1", (85, "%", "85%", 3, False), None, None),
        ("2", (500, "ton", "500 Ton", 8, False), None, None),
        (None, (75, "%", "75%", 17, False), None, None),
        (None, (9, "unit", "9 Unit", 20, False), None, None),
    ]
    assert rows[0].indikator == "Persentase kios pasar tertata"
    assert rows[2].indikator == "Persentase saluran irigasi yang berfungsi baik"
    assert rows[3].indikator == "Jumlah bendung yang diperbaiki"


def test_wrapped_line_stays_with_its_row() -> None:
    rows = parse(
        f"""
        {TARGET_HEADER}
        Tersedianya benih unggul Jumlah benih yang disalurkan 500 Ton
        bagi petani kecil
        Persentase petani penerima bantuan 60%
        """,
        section="pk",
    )
    assert [r.target.value for r in rows] == [500, 60]
    assert rows[1].sasaran.startswith("Tersedianya benih unggul")


def test_year_on_year_table_after_the_measurement_is_no_row() -> None:
    rows = parse(
        f"""
        {MEASURED_HEADER}
        1. Terwujudnya pelayanan pasar Persentase kios pasar tertata 85% 80% 94,12%
        Dibandingkan dengan tahun sebelumnya capaian ini seperti berikut :
        Target 2030 Realisasi 2030 Target 2031 Realisasi 2031
        3 Dokumen 100 % 85% 80%
        Hal ini menunjukkan peningkatan kinerja dinas yang cukup baik.
        """
    )
    assert values(rows) == [
        ("1", (85, "%", "85%", 2, False), (80, "%", "80%", 2, False),
         (94.12, "%", "94,12%", 2, False)),
    ]  # fmt: skip


def test_three_cell_year_on_year_table_is_no_row() -> None:
    rows = parse(
        f"""
        {MEASURED_HEADER}
        1. Terwujudnya pelayanan pasar Persentase kios pasar tertata 85% 80% 94,12%
        Dibandingkan dengan tahun sebelumnya capaian ini seperti berikut :
        Realisasi 2030 Realisasi 2031 Kenaikan
        70% 80% 10%
        Hal ini menunjukkan peningkatan kinerja dinas yang cukup baik.
        """
    )
    assert len(rows) == 1


MEASURED_ROW = "1 Meningkatnya mutu arsip Persentase dokumen tepat waktu 90% 92% 102,22%"


@pytest.mark.parametrize(
    "comparison",
    [
        "Capaian 2022 Capaian 2023 Selisih\n88,5% 102,22% 13,72%",
        "CAPAIAN 2022 CAPAIAN 2023 SELISIH KETERANGAN\n88,5 102,22 13,72 Naik",
        "Realisasi 2021 Realisasi 2022 Realisasi 2023\n60% 70% 80%",
        "Capaian Capaian Selisih\n2022 2023\n88,5% 102,22% 13,72%",
        "Tahun 2022 Tahun 2023 Kenaikan\nPersentase dokumen tepat waktu 88,5% 102,22% 13,72%",
    ],
    ids=["selisih", "upper-case-bare", "three-years", "years-below", "named-row"],
)
def test_year_on_year_tables_are_no_rows(comparison: str) -> None:
    rows = parse(
        "\n".join(
            [
                MEASURED_HEADER,
                MEASURED_ROW,
                "Jika dibandingkan dengan tahun lalu, capaian tersebut adalah:",
                comparison,
                "Kenaikan ini karena arsip sudah digital.",
            ]
        )
    )
    assert [(r.no, r.indikator, r.capaian.value) for r in rows] == [
        ("1", "Persentase dokumen tepat waktu", 102.22)
    ]


def test_a_header_after_a_year_on_year_table_opens_the_next_table() -> None:
    rows = parse(
        f"""
        {MEASURED_HEADER}
        {MEASURED_ROW}
        Capaian 2022 Capaian 2023 Selisih
        88,5% 102,22% 13,72%
        {MEASURED_HEADER}
        2 Terwujudnya pasar yang bersih Persentase kios pasar tertata 85% 80% 94,12%
        """
    )
    assert [(r.no, r.capaian.value) for r in rows] == [("1", 102.22), ("2", 94.12)]


@pytest.mark.parametrize(
    "header",
    [
        "NO SASARAN INDIKATOR KINERJA Target 2023 Realisasi 2023 Capaian",
        f"{MEASURED_HEADER}\n2023 2023 (%)",
    ],
    ids=["in-header", "below-header"],
)
def test_a_table_of_one_year_is_read(header: str) -> None:
    rows = parse(
        f"""{header}
        1 Meningkatnya mutu layanan Persentase dokumen tepat waktu 90% 92% 102,22%
        2 Meningkatnya mutu layanan Indeks kepuasan masyarakat 80 84 105%
        """
    )
    assert [(r.indikator, r.target.value, r.capaian.value) for r in rows] == [
        ("Persentase dokumen tepat waktu", 90, 102.22),
        ("Indeks kepuasan masyarakat", 80, 105),
    ]


def test_a_period_between_rows_does_not_close_the_table() -> None:
    rows = parse(
        f"""
        {MEASURED_HEADER}
        {MEASURED_ROW}
        Laporan Kinerja Dinas Pertanian Renstra 2019-2023
        2 Terwujudnya pasar yang bersih Persentase kios pasar tertata 85% 80% 94,12%
        """
    )
    assert [r.no for r in rows] == ["1", "2"]


def test_ghost_read_in_the_middle_of_a_table() -> None:
    rows = parse(
        f"""
        {MEASURED_HEADER}
        1 Meningkatnya mutu arsip Jumlah dokumen
        12 Dokumen 10 Dokumen 83,33%
        arsip yang didigitalkan 12 Dokumen 10 Dokumen 83,33%
        2 Terwujudnya pasar yang bersih Persentase kios pasar tertata 85% 80% 94,12%
        """
    )
    assert [(r.no, r.indikator, r.target.value, r.target.provenance.line) for r in rows] == [
        ("1", "Jumlah dokumen arsip yang didigitalkan", 12, 3),
        ("2", "Persentase kios pasar tertata", 85, 5),
    ]


@pytest.mark.parametrize("grade", ["BB", "A", "WDP"])
def test_a_grade_cell_names_only_the_grade(grade: str) -> None:
    rows = parse(
        f"""
        {TARGET_HEADER}
        1 Terwujudnya birokrasi yang bersih Nilai SAKIP | {grade} |
        2 Terwujudnya pasar yang bersih Persentase kios pasar tertata 85%
        """,
        section="pk",
    )
    assert [r.target.provenance.raw for r in rows] == [grade, "85%"]
    assert rows[0].indikator == "Nilai SAKIP"


def test_lines_that_are_no_rows() -> None:
    rows = parse(
        f"""
        {MEASURED_HEADER}
        1. Terwujudnya pelayanan pasar Persentase kios pasar tertata 85% 80% 94,12%
        Kegiatan dilaksanakan pada 12 Maret 2031 bersama 40 pedagang 10%
        Pagu kegiatan ini Rp. 25.000.000 dan realisasi Rp. 24.000.000
        Hubungi kantor dinas di nomor 5991234
        """
    )
    assert [r.no for r in rows] == ["1"]


def test_lower_is_better_indicators() -> None:
    rows = parse(
        f"""
        {TARGET_HEADER}
        1 Terwujudnya jalan yang aman Persentase kecelakaan lalu lintas 5%
        2 Terwujudnya jalan yang aman Persentase jalan mulus 70%
        """,
        section="pk",
    )
    assert [r.polarity for r in rows] == ["lower", "higher"]


def test_no_header_means_no_rows_outside_a_pk() -> None:
    text = "1 Terwujudnya pasar yang bersih Persentase kios pasar tertata 85%"
    assert parse(text, section="pengukuran") == []
    rows = parse(text, section="pk")  # a PK span is a target table even without its header
    assert [cell(r.target) for r in rows] == [(85, "%", "85%", 1, False)]


# --- property: a generated measurement table rendered interleaved parses back ---------------

VERBS = ("Terwujudnya", "Meningkatnya", "Tersedianya", "Terlaksananya")
OBJECTS = ("layanan", "pasar", "desa", "pesisir", "warga", "sekolah", "tambak", "kebun")
NOUNS = ("Persentase", "Jumlah", "Indeks", "Rasio", "Cakupan")
UNITS = ("%", " Kali", " Dokumen", " Unit")


@st.composite
def measures(draw) -> tuple[Decimal, str]:
    unit = draw(st.sampled_from(UNITS))
    places = draw(st.integers(0, 2)) if unit == "%" else 0
    value = Decimal(draw(st.integers(1, 150 * 10**places))).scaleb(-places)
    return value, unit


@st.composite
def rows_(draw) -> dict:
    words = st.lists(st.sampled_from(OBJECTS), min_size=1, max_size=3)
    # A row without a sasaran cell continues the sasaran (and number) of the row above.
    sasaran = [draw(st.sampled_from(VERBS))] + draw(words) if draw(st.booleans()) else []
    indikator = [draw(st.sampled_from(NOUNS))] + draw(words)
    height = draw(st.integers(1, 3))
    capaian = Decimal(draw(st.integers(0, 12000))).scaleb(-2)
    return {
        "sasaran": sasaran,
        "indikator": indikator,
        "height": height,
        "cells": [draw(measures()), draw(measures()), (capaian, "%")],
    }


def render_value(value: Decimal, unit: str, mark: str) -> str:
    return f"{value}".replace(".", mark) + unit


def render_row(row: dict, mark: str) -> list[str]:
    """Sasaran and indikator cells side by side, wrapped; the value cells on the middle line."""
    height = row["height"]
    lines = []
    for k in range(height):
        left = " ".join(row["sasaran"][k::height])
        right = " ".join(row["indikator"][k::height])
        lines.append(f"{left} {right}".strip())
    lines[height // 2] += " " + " ".join(render_value(v, u, mark) for v, u in row["cells"])
    return lines


def expected_value(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


@settings(max_examples=60, deadline=None)
@given(st.lists(rows_(), min_size=1, max_size=8), st.sampled_from([",", "."]))
def test_generated_measurement_table_parses_back(rows: list[dict], mark: str) -> None:
    rows[0]["sasaran"] = rows[0]["sasaran"] or ["Terwujudnya", "pasar"]
    body, numbers = [MEASURED_HEADER], []
    for row in rows:
        lines = render_row(row, mark)
        if row["sasaran"]:
            numbers.append(str(len(numbers) + 1))
            lines[0] = f"{numbers[-1]}. {lines[0]}"
        body.extend(lines)
        row["no"] = numbers[-1]
    parsed = parse_indicator_spans(lines_of("\n".join(body)), "pengukuran")
    assert len(parsed) == len(rows)
    for k, (got, row) in enumerate(zip(parsed, rows, strict=True)):
        assert got.no == row["no"]
        if row["sasaran"]:
            assert got.sasaran.split()[0] == row["sasaran"][0]
        else:
            assert got.sasaran == parsed[k - 1].sasaran
            assert got.indikator.split()[0] == row["indikator"][0]
        cells = [got.target, got.realisasi, got.capaian]
        want = [(expected_value(v), u.strip().lower()) for v, u in row["cells"]]
        assert [(q.value, q.unit) for q in cells] == want
        assert not any(q.repaired for q in cells)


def test_captions_and_numbered_titles_naming_target_and_indikator_open_no_table() -> None:
    lines = lines_of(
        """
        3.1.2. Perbandingan Target dan Realisasi Indikator Kinerja
        Kinerja tahun ini dapat dijelaskan sebagai berikut, pelatihan mencapai 345,00%
        Tabel 4. Perbandingan Target dan Realisasi Indikator Kinerja
        realisasi pada tahun ini mencapai 88,00% dari target
        """
    )
    assert parse_indicator_spans(lines, "pengukuran") == []
