"""Tests for reconcile.align: names, one-to-one matching, and rows across report sections."""

from __future__ import annotations

import random
from dataclasses import replace
from itertools import zip_longest

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.models import Indicator, Provenance, Report
from reconcile.align import (
    DEFAULT_THRESHOLD,
    SECTION_ORDER,
    AlignedRow,
    align_indicators,
    align_report,
    normalise_name,
    table_copies,
)


def ind(section: str, indikator: str, sasaran: str = "", no: str | None = None) -> Indicator:
    return Indicator(section=section, no=no, sasaran=sasaran, indikator=indikator, target=None)


def report(*indicators: Indicator) -> Report:
    return Report(source="test", input_kind="text", pages=1, indicators=list(indicators))


def pairs(matches) -> list[tuple[str, str]]:
    return sorted((m.left.no, m.right.no) for m in matches)


# --- normalise_name -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Pers_ent_ase KPU,KPU Provinsi/KIP", "kpu kpu provinsi kip"),
        ('"Persentase Sarana dan Prasarana', "sarana prasarana"),
        ("Persentase satker dalam Pe|aksanaan Tahapan", "satker pelaksanaan tahapan"),
        ("Jumlah revisi yang dilakukan terhadap rencana kerja", "revisi dilakukan rencana kerja"),
        ("10 | creneny elaksanaan 100% 100% I . S", "creneny elaksanaan"),
        ("Ta?hapar_\\  Penetapan   Hasil", "tahapar penetapan hasil"),
        ("", ""),
    ],
)
def test_normalise_name(raw: str, expected: str) -> None:
    assert normalise_name(raw) == expected


# --- align_indicators ---------------------------------------------------------------------

PK = [
    ind("pk", "Persentase satker dalam pelaksanaan pembayaran Honor Badan Adhoc", no="1"),
    ind("pk", "Persentase satker dalam memfasilitasi kegiatan kampanye", no="2"),
    ind("pk", "Persentase KPU dalam melakukan rekapitulasi Penghitungan Suara", no="3"),
    ind("pk", "Persentase Satker dalam pelaksanaan Sumpah Janji Anggota DPRD", no="4"),
    ind("pk", "Jumlah revisi yang dilakukan terhadap rencana kerja yang telah ditetapkan", no="5"),
]


def test_reordered_noisy_rows_match_their_counterparts() -> None:
    right = [
        ind("pengukuran", "Jumlah revisi yang di1akukan terhadap _ rencana kerja", no="5"),
        ind("pengukuran", "Persentase Satker da|am belaksanaan Sumpah Janii Anggota DPRD", no="4"),
        ind("pengukuran", "Pers_ent_ase satker dalam memfasi1itasi kegiatan kampanye", no="2"),
        ind(
            "pengukuran", "Persentase KPU dalarn me1akukan rekapitu1asi Penghitungan Suara", no="3"
        ),
        ind(
            "pengukuran", "Persentase satker dalam pelaksanaan pembayaran Honor Badan Adhoc", no="1"
        ),
    ]
    matches = align_indicators(PK, right)
    assert pairs(matches) == [(n, n) for n in "12345"]
    assert all(DEFAULT_THRESHOLD <= m.score <= 100 for m in matches)


def test_extra_and_missing_rows_stay_unmatched() -> None:
    right = [
        ind("ikhtisar", "Indeks Reformasi Birokrasi", no="x1"),
        ind("ikhtisar", "Persentase KPU dalam melakukan rekapitulasi Penghitungan Suara", no="3"),
        ind("ikhtisar", "Nilai Akuntabilitas Kinerja", no="x2"),
        ind("ikhtisar", "Persentase satker dalam memfasilitasi kegiatan kampanye", no="2"),
    ]
    assert pairs(align_indicators(PK, right)) == [("2", "2"), ("3", "3")]


def test_threshold_drops_weak_pairs() -> None:
    left = [ind("pk", "Persentase pemilih disabilitas yang terdaftar dalam DPT", no="1")]
    right = [ind("pengukuran", "Persentase pegawai organik kesekretariatan", no="1")]
    assert align_indicators(left, right, threshold=0.0)
    assert align_indicators(left, right) == []


def test_near_duplicates_are_told_apart_by_the_rest_of_the_text() -> None:
    common = "Persentase satker dalam {} Pemungutan dan Penghitungan Suara"
    left = [
        ind("pk", common.format("penyiapan Materi dan tahapan"), no="a"),
        ind(
            "pk", common.format("pelaksanaan tungsura, rekap berjenjang bimtek badan adhoc"), no="b"
        ),
        ind("pk", common.format("evaluasi pelaksanaan"), no="c"),
    ]
    right = [
        ind("lampiran-pk", common.format("eva1uasi pe|aksanaan"), no="c"),
        ind("lampiran-pk", common.format("penylap Materi dan tahapan"), no="a"),
        ind("lampiran-pk", common.format("pelaksanaan tunasura. reka berjenjang adhoc"), no="b"),
    ]
    assert pairs(align_indicators(left, right)) == [("a", "a"), ("b", "b"), ("c", "c")]


def test_identical_names_pair_by_position() -> None:
    left = [ind("pk", "Persentase satker dalam", no=str(i)) for i in range(3)]
    right = [ind("pengukuran", "Persentase satker dalam", no=str(i)) for i in range(3)]
    matches = align_indicators(left, right)
    assert pairs(matches) == [("0", "0"), ("1", "1"), ("2", "2")]
    assert all(m.score == 100 for m in matches)


def test_empty_sides_match_nothing() -> None:
    assert align_indicators([], PK) == []
    assert align_indicators(PK, []) == []


# --- align_report -------------------------------------------------------------------------


def members(row: AlignedRow) -> list[tuple[str, str | None]]:
    return [(section, indicator.no) for section, indicator in row.members]


def test_rows_follow_section_order_and_unmatched_start_rows() -> None:
    rows = align_report(
        report(
            ind("ikhtisar", "Persentase satker dalam memfasilitasi kegiatan kampanye", no="i2"),
            ind("pengukuran", "Persentase satker dalam memfasilitasi kampanye", no="m2"),
            ind("pengukuran", "Indeks Reformasi Birokrasi", no="m9"),
            *PK[:2],
        )
    ).rows
    assert [members(r) for r in rows] == [
        [("pk", "1")],
        [("pk", "2"), ("pengukuran", "m2"), ("ikhtisar", "i2")],
        [("pengukuran", "m9")],
    ]
    assert rows[1].scores[0] == ("pk", 100.0)
    assert rows[2].scores == (("pengukuran", 100.0),)
    assert rows[1].get("ikhtisar").no == "i2"
    assert rows[0].get("ikhtisar") is None


def test_first_present_section_seeds_the_rows() -> None:
    rows = align_report(
        report(
            ind("rencana-kinerja", "Persentase Pelaksanaan Kegiatan Sumpah Janji", no="r"),
            ind("ikhtisar", "Persentase Satker dalam pelaksanaan Sumpah Janji DPRD", no="i"),
        )
    ).rows
    assert [members(r) for r in rows] == [[("ikhtisar", "i"), ("rencana-kinerja", "r")]]
    assert SECTION_ORDER.index("ikhtisar") < SECTION_ORDER.index("rencana-kinerja")


def test_a_row_never_holds_two_members_of_one_section() -> None:
    dup = "Persentase satker dalam pelaksanaan pembayaran Honor Badan Adhoc"
    rows = align_report(
        report(
            ind("pk", dup, no="p"),
            ind("lampiran-pk", dup, no="l1"),
            ind("lampiran-pk", dup, no="l2"),
            ind("pengukuran", dup, no="m1"),
            ind("pengukuran", dup, no="m2"),
            ind("pengukuran", dup, no="m3"),
        )
    ).rows
    for row in rows:
        sections = [section for section, _ in row.members]
        assert len(sections) == len(set(sections))
    assert sorted(len(r.members) for r in rows) == [1, 2, 3]


def test_a_row_scores_its_best_member() -> None:
    indikator = "Persentase satker dalam memfasilitasi kegiatan kampanye"
    sasaran = "Terwujudnya Pelaksanaan kampanye yang aman dan damai"
    rows = align_report(
        report(
            ind("pk", indikator, no="p"),
            ind("lampiran-pk", indikator, sasaran=sasaran, no="l"),
            ind("pengukuran", "Persentase satker", sasaran=sasaran, no="m"),
        )
    ).rows
    assert [members(r) for r in rows] == [[("pk", "p"), ("lampiran-pk", "l"), ("pengukuran", "m")]]
    # The pengukuran name scores below threshold against the PK name alone, well above
    # against the lampiran name that carries the sasaran too.
    assert dict(rows[0].scores)["pengukuran"] > 80


def test_empty_report_has_no_rows() -> None:
    assert align_report(report()).rows == ()


# --- synthetic: OCR-noised copies of generated names ---------------------------------------

# fmt: off
SUBJECTS = ["satker", "KPU Kabupaten", "KPU Provinsi", "badan adhoc", "PPK", "PPS", "KPPS"]
ACTIONS = ["dalam pelaksanaan", "mampu memfasilitasi", "dalam menyelenggarakan",
           "yang menerima", "dalam melakukan", "yang mengikuti", "dalam penyiapan"]
OBJECTS = ["pembayaran honorarium", "rekapitulasi penghitungan suara", "sosialisasi kebijakan",
           "bimbingan teknis penyelenggara", "dokumentasi logistik", "pengadaan barang jasa",
           "laporan keuangan", "verifikasi partai politik", "pemutakhiran data pemilih",
           "kampanye pemilu", "sengketa hasil pemilu", "sumpah janji anggota DPRD",
           "layanan informasi publik", "sarana teknologi informasi", "arsip kepegawaian",
           "perlengkapan pemungutan suara", "pelanggaran kode etik", "rekomendasi BPK"]
QUALIFIERS = ["tepat waktu", "sesuai jadwal tahapan", "tanpa permasalahan anggaran",
              "dengan baik", "yang akuntabel", "secara berjenjang", "sesuai ketentuan"]
SASARAN_HEADS = ["Terwujudnya", "Terlaksananya", "Meningkatnya", "Tersedianya"]
DECOYS = ["Indeks Reformasi Birokrasi", "Nilai Akuntabilitas Kinerja",
          "Indeks Kepuasan Masyarakat atas Layanan", "Opini Wajar Tanpa Pengecualian"]
# fmt: on
CONFUSIONS = [("rn", "m"), ("m", "rn"), ("l", "1"), ("i", "l"), ("e", "c"), ("a", "o")]


def generate_rows(rng: random.Random, n: int) -> list[tuple[str, str]]:
    """``n`` (sasaran, indikator) pairs. Objects repeat (near-duplicates sharing the sasaran),
    but two rows with one object differ in subject, action and qualifier alike."""
    rows: list[tuple[str, str]] = []
    used: set[tuple[str, str]] = set()
    while len(rows) < n:
        obj = rng.choice(OBJECTS)
        slots = [rng.choice(SUBJECTS), rng.choice(ACTIONS), rng.choice(QUALIFIERS)]
        if any((obj, slot) in used for slot in slots):
            continue
        used.update((obj, slot) for slot in slots)
        indikator = f"Persentase {slots[0]} {slots[1]} {obj} {slots[2]}"
        rows.append((f"{rng.choice(SASARAN_HEADS)} {obj}", indikator))
    return rows


def noise_word(rng: random.Random, word: str) -> str:
    """One OCR-like error: a letter confusion, a dropped letter, or an inserted _ or |."""
    kind = rng.randrange(3)
    confusions = [(a, b) for a, b in CONFUSIONS if a in word]
    if kind == 0 and confusions:
        a, b = rng.choice(confusions)
        return word.replace(a, b, 1)
    cut = rng.randrange(1, len(word)) if len(word) > 1 else 1
    if kind == 1 and len(word) > 3:
        return word[: cut - 1] + word[cut:]
    return word[:cut] + rng.choice("_|") + word[cut:]


def ocr_copy(rng: random.Random, sasaran: str, indikator: str, rate: float) -> tuple[str, str]:
    """A noised copy; half the time the two columns interleave line by line into one cell."""
    noised = [
        " ".join(noise_word(rng, w) if rng.random() < rate else w for w in text.split())
        for text in (sasaran, indikator)
    ]
    if rng.random() < 0.5:
        return noised[0], noised[1]
    lines = [text.split() for text in noised]
    chunks = [" ".join(words[i : i + 3]) for words in lines for i in range(0, len(words), 3)]
    half = len(chunks) // 2
    return "", " ".join(c for pair in zip_longest(chunks[half:], chunks[:half]) for c in pair if c)


def noisy_section(
    rng: random.Random, section: str, rows: list[tuple[str, str]], rate: float
) -> list[Indicator]:
    copies = [ocr_copy(rng, s, i, rate) for s, i in rows]
    return [ind(section, i, sasaran=s, no=str(k)) for k, (s, i) in enumerate(copies)]


def synthetic_run(seed: int, n: int = 20, rate: float = 0.3) -> tuple[int, list]:
    """Align two noised copies (one shuffled, with decoys); return correct pairs and matches."""
    rng = random.Random(seed)
    rows = generate_rows(rng, n)
    left = noisy_section(rng, "pk", rows, rate)
    right = noisy_section(rng, "pengukuran", rows, rate)
    right += [ind("pengukuran", decoy, no=f"decoy{k}") for k, decoy in enumerate(DECOYS)]
    rng.shuffle(right)
    matches = align_indicators(left, right)
    return sum(m.left.no == m.right.no for m in matches), matches


@settings(max_examples=30, deadline=None, derandomize=True)
@given(seed=st.integers(min_value=0, max_value=2**32 - 1))
def test_synthetic_noisy_copies_match_their_counterparts(seed: int) -> None:
    correct, matches = synthetic_run(seed)
    assert correct >= 0.95 * 20
    assert all(m.score >= DEFAULT_THRESHOLD for m in matches)
    assert not [m for m in matches if m.right.no.startswith("decoy")]


# --- real names, as OCR read them from the KPU Kab. Tangerang LKj 2024 sample ---------------
# Five PK rows in four sections (three near-duplicates "... Pemungutan dan Penghitungan Suara");
# the ikhtisar and pengukuran tables interleave both columns, so their whole cell text is in
# ``indikator``. The appendix also holds the commission's own PK, whose rows match nothing.

# One record per line: section, key, name as read; an indented line continues the name.
REAL_TABLE = """
pk          penyiapan   Terfasilit P Tah ertasiitasinya enylapa.n anapan Pemungutan dan
    Penghitungan Suara I . Persentase satker dalam penyiapan Materi dan tahapan Pemungutan dan
    Penghitungan Suara
pk          rekap       Terlaksananya tahapan pemungutan dan penghitungan suara sesuai jadwal
    tahapan Persentase KPU dalam melakukan rekapitulasi Penghitungan Suara °
pk          evaluasi    terciptanya bahan evaluasi Pelaksanaan Pemungutan dan Penghitungan Suara
    . . Persentase satker dalam pelaksanaan . . . tungsura, rekap berjenjang dan bimtek badan adhoc
pk          sumpah      Terwujudnya pelaksaan Sumpah Janji DPRD Kabupaten Kota Persentase Satker
    dalam pelaksanaan Sumpah Jani Anggota DPRD Kota
pk          target      Terwujudnya sistem administrasi penyelenggaraan pemilu yang tertib, efektif
    dan efisien Persentase KPU,KPU Provinsi/KIP Aceh dan KPU/KIPKabupaten/Kota yang target
    kinerjanya tercapai sesuai ° dengan perjanjian kinerja
ikhtisar    penyiapan   I . Persentase satker dalam Terfasilitasinya Penyiapan enviapan Materi dan
    Tahapan Pemungutan dan penylap 100% 100% 100% Penahitunaan Suara tahapan Pemungutan dan g 9
    Penghitungan Suara
ikhtisar    rekap       Terlaksananya tahapan Persentase KPU dalam 8. pemungutan dan penghitungan |
    melakukan rekapitulasi 100% 100% 100% suara sesuai jadwal tahapan Penghitungan Suara
ikhtisar    evaluasi    ) . Persentase satker dalam terciptanya bahan evaluasi claksanaan tunasura.
    reka Pelaksanaan Pemungutan dan P . g y P 100% 100% 100% . berjenjang dan bimtek badan
    Penghitungan Suara adhoc
ikhtisar    sumpah      Terwujudnya pelaksaan Sumpah Persentase Satker dalam I DJPRDyKaZU e PAN 1
    belaksanaan Sumpah Janii 100% 100% 100% ) P Anggota DPRD Kota
ikhtisar    target      1. Terwujudnya sistem administrasi penyelenggaraan pemilu Pers_ent_ase
    KPU,KPU yang tertib, efektif dan efisien Provinsi/KIP Aceh dan KPU/KIPKabupaten/Kota 100%
    100% 100% yang target kinerjanya tercapai sesuai dengan perjanjian kinerja
pengukuran  sumpah      Terwuiudnva pelaksaan Sumpah Persentase Satker dalam N DJPRDYK;;U o e PN
    | elaksanaan Sumpah Janii 100% 100% 100% ] P Anggota DPRD Kota
pengukuran  evaluasi    . . Persentase satker dalam terciptanya bahan evaluasi claksanaan tunasura.
    reka Pelaksanaan Pemungutan dan P . g ! P 100% 100% 100% . berjenjang dan bimtek badan
    Penghitungan Suara adhoc
pengukuran  rekap       Terlaksananya tahapan Persentase KPU dalam 8. pemungutan dan penghitungan |
    melakukan rekapitulasi 100% 100% 100% suara sesuai jadwal tahapan Penghitungan Suara
pengukuran  penyiapan   I . Persentase satker dalam Terfasilitasinya Penyiapan enviapan Materi dan
    Tahapan Pemungutan dan penylap 100% 100% 100% Penahitungan Suara tahapan Pemungutan dan g g
    Penghitungan Suara
lampiran-pk target      Terwujudnya sistem administrasi penyelenggaraan pemilu yang tertib, efektif
    dan efisien Persentase KPU,KPU Provinsi/KIP Aceh dan KPU/KIPKabupaten/Kota ; 1008 yang target
    kinerjanya tercapai sesuai dengan perjanjian kinerja
lampiran-pk penyiapan   . : Persentase satker dalarn penyiapan zgﬁ:'ﬁ?:a:e:wamﬁh:p:;m Materi dan
    tahapan Pemungutan dan 100% 9 P Penghiturgan Suara
lampiran-pk rekap       8 Terlaksananya tahapan pemungutan dan " | penghitungan suara sesuai jadwal
    tahapan Persentase KPU dalam melakukan rekapitulasi Penghitungan Suara =
lampiran-pk evaluasi    terciptanya bahan evaluasi Pelaksanaan Pemungutan dan Penghitungan Suara
    :f;i:iﬁmsgﬁ;er dalar;::l:::s'a;:tr;k 100% s I y bEJ Pen bides allioc
lampiran-pk sumpah      9 Terwujudnya pelaksaan Sumpah Janji DPRD " | Kabupaten Kota | Persentase
    Satker dalam pelaksanaan Sumpah Jani Anggota DPRD Kota
lampiran-pk commission  Terlaksananya tahapan | Pemilu serentak tahun 2024 yang aman dan damai
    Persentase KPU Kabupaten Tangerang yang melaksanakan tahapan pemilu yang profesional, efisien
    dan efektif
lampiran-pk commission  Terwujudnya Sumber Daya Manusia dan Lembaga KPU vyang berkualitas Indeks
    Reformasi Birokrasi
lampiran-pk commission  Terwujudnya Sumber Daya Manusia dan Lembaga KPU vyang berkualitas Nilai
    Akuntabilitas Kinerja
lampiran-pk commission  Penetapan Hasil Pemilu satker mampu melaksanakan kegiatan penetapan Hasi!
    Pemilu dengan baik dan sesuai ketentuan
"""


def real_indicators(section: str) -> list[Indicator]:
    """The REAL_TABLE records of one section, as Indicators with the key as ``no``."""
    records: list[list[str]] = []
    for line in REAL_TABLE.strip().splitlines():
        if line.startswith(" "):
            records[-1][2] += " " + line.strip()
        else:
            records.append(line.split(maxsplit=2))
    return [ind(sec, name, no=key) for sec, key, name in records if sec == section]


SECTIONS_IN_TABLE = ("pk", "ikhtisar", "pengukuran", "lampiran-pk")


def test_real_names_align_across_sections() -> None:
    rows = align_report(
        report(*[i for section in SECTIONS_IN_TABLE for i in real_indicators(section)])
    ).rows
    keyed = {row.get("pk").no: row for row in rows if row.get("pk")}
    for key, row in keyed.items():
        assert {i.no for _, i in row.members} == {key}
    assert [len(keyed[k].members) for k in ("penyiapan", "rekap", "evaluasi", "sumpah")] == [4] * 4
    assert [s for s, _ in keyed["target"].members] == ["pk", "lampiran-pk", "ikhtisar"]
    alone = [row.members for row in rows if not row.get("pk")]
    assert [[(s, i.no) for s, i in m] for m in alone] == [[("lampiran-pk", "commission")]] * 4


@pytest.mark.parametrize("section", ["pk", "ikhtisar", "pengukuran"])
def test_commission_indicators_match_nothing(section: str) -> None:
    commission = [i for i in real_indicators("lampiran-pk") if i.no == "commission"]
    assert len(commission) == 4
    assert [i.name.split()[-1] for i in commission] == [
        "efektif",
        "Birokrasi",
        "Kinerja",
        "ketentuan",
    ]
    assert align_indicators(commission, real_indicators(section)) == []


def test_real_interleaved_tables_match_each_other() -> None:
    matches = align_indicators(real_indicators("ikhtisar"), real_indicators("pengukuran"))
    assert sorted((m.left.no, m.right.no) for m in matches) == [
        (k, k) for k in ("evaluasi", "penyiapan", "rekap", "sumpah")
    ]


def paged(indikator: str, page: int, file: str | None) -> Indicator:
    return replace(
        ind("pk", indikator), provenance=Provenance("pk", page, None, indikator, file=file)
    )


@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_each_file_of_a_report_holds_its_own_table(order: tuple[int, int]) -> None:
    """A PK in the LKj (p. 13) and a separately scanned PK (p. 2): page numbers of two files
    say nothing of their order, so the tables stay two copies whichever file comes first."""
    names = ["Jumlah produksi padi", "Jumlah produksi jagung", "Luas sawah baru"]
    files = [[paged(n, 13, "LKIP.pdf") for n in names], [paged(n, 2, "PK.pdf") for n in names]]
    copies = table_copies(files[order[0]] + files[order[1]])
    assert copies == [files[order[0]], files[order[1]]]
    assert all(len(row.all("pk")) == 2 for row in align_report(report(*copies[0], *copies[1])).rows)
