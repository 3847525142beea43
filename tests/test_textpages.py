"""Tests for extractor.textpages: plain OCR text cut into pages."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.models import BBox, Line, Page
from extractor.textpages import drop_footers, split_pages


def texts(pages) -> list[list[tuple[int | None, str]]]:
    """Each page as (line number, text) pairs."""
    return [[(line.number, line.text) for line in page.lines] for page in pages]


def test_form_feed_starts_a_page_and_keeps_file_line_numbers() -> None:
    pages = split_pages("Kebun raya satu\nKebun raya dua\fKebun raya tiga\n")
    assert texts(pages) == [
        [(1, "Kebun raya satu"), (2, "Kebun raya dua")],
        [(2, "Kebun raya tiga")],
    ]
    assert [p.number for p in pages] == [1, 2]
    assert all(line.page == page.number for page in pages for line in page.lines)
    assert {p.kind for p in pages} == {"plain"}


def test_repeated_footer_ends_each_page_and_gives_its_printed_number() -> None:
    text = (
        "Isi halaman pertama dinas\n"
        "Laporan Kinerja Dinas Perikanan Kota Fiktif 7\n"
        "Isi halaman kedua dinas\n"
        "Laporan Kinerja Dinas Perikanan Kota Fiktif 8\n"
        "Isi halaman ketiga\n"
    )
    pages = split_pages(text)
    assert texts(pages) == [
        [(1, "Isi halaman pertama dinas")],
        [(3, "Isi halaman kedua dinas")],
        [(5, "Isi halaman ketiga")],
    ]
    assert [p.printed_number for p in pages] == [7, 8, None]


def test_footer_with_repeated_continuation_line_is_dropped_whole() -> None:
    text = (
        "Isi satu\n"
        "Laporan Kinerja (LKj) Dinas Perikanan 12\n"
        "Kota Fiktif Tahun 2031\n"
        "Isi dua\n"
        "Laporan Kinerja (LKj) Dinas Perikanan\n"
        "\n"
        "Kota Fiktif Tahun 2031\n"
        "Isi tiga\n"
    )
    pages = split_pages(text)
    assert texts(pages) == [[(1, "Isi satu")], [(4, "Isi dua")], [(8, "Isi tiga")]]
    assert [p.printed_number for p in pages] == [12, None, None]


def test_footer_shape_seen_once_is_ordinary_text() -> None:
    text = "Laporan Kinerja Dinas Perikanan ini disusun 3\nuntuk warga kota\n"
    pages = split_pages(text)
    assert len(pages) == 1
    assert [line.text for line in pages[0].lines] == [
        "Laporan Kinerja Dinas Perikanan ini disusun 3",
        "untuk warga kota",
    ]
    assert pages[0].printed_number is None


def test_three_blank_lines_end_a_page_but_two_do_not() -> None:
    pages = split_pages("alfa\n\n\nbeta\n\n\n\ngama\n")
    assert texts(pages) == [[(1, "alfa"), (4, "beta")], [(8, "gama")]]


def test_one_space_indent_starts_a_page_two_spaces_do_not() -> None:
    pages = split_pages(" BAB SATU\nisi bab\n BAB DUA\n  isi menjorok\nakhir\n")
    assert texts(pages) == [
        [(1, "BAB SATU"), (2, "isi bab")],
        [(3, "BAB DUA"), (4, "isi menjorok"), (5, "akhir")],
    ]


def test_windows_and_old_mac_line_ends() -> None:
    pages = split_pages("satu\r\ndua\r\n\r\n\r\n\r\ntiga\rempat")
    assert texts(pages) == [[(1, "satu"), (2, "dua")], [(6, "tiga"), (7, "empat")]]


def test_blank_text_has_no_pages() -> None:
    assert split_pages("") == ()
    assert split_pages("\n   \n\t\n\f\n") == ()


def test_repeated_table_header_after_footer_is_kept() -> None:
    text = (
        "NO SASARAN INDIKATOR TARGET\n"
        "1 Terwujudnya pasar bersih Persentase kios tertata 80%\n"
        "Laporan Kinerja Dinas Perikanan Kota Fiktif 7\n"
        "NO SASARAN INDIKATOR TARGET\n"
        "2 Tersedianya benih unggul Jumlah benih disalurkan 40 Ton\n"
        "Laporan Kinerja Dinas Perikanan Kota Fiktif 8\n"
    )
    pages = split_pages(text)
    assert texts(pages)[1] == [
        (4, "NO SASARAN INDIKATOR TARGET"),
        (5, "2 Tersedianya benih unggul Jumlah benih disalurkan 40 Ton"),
    ]


def test_continuation_line_is_dropped_though_a_table_header_repeats() -> None:
    text = (
        "NO SASARAN INDIKATOR TARGET\n"
        "1 Terwujudnya pasar bersih Persentase kios tertata 80%\n"
        "Laporan Kinerja Dinas Perikanan 7\n"
        "Kota Fiktif Tahun 2031\n"
        "NO SASARAN INDIKATOR TARGET\n"
        "2 Tersedianya benih unggul Jumlah benih disalurkan 40 Ton\n"
        "Laporan Kinerja Dinas Perikanan 8\n"
        "Kota Fiktif Tahun 2031\n"
    )
    assert texts(split_pages(text)) == [
        [
            (1, "NO SASARAN INDIKATOR TARGET"),
            (2, "1 Terwujudnya pasar bersih Persentase kios tertata 80%"),
        ],
        [
            (5, "NO SASARAN INDIKATOR TARGET"),
            (6, "2 Tersedianya benih unggul Jumlah benih disalurkan 40 Ton"),
        ],
    ]


WORDS = st.sampled_from(["kebun", "sawah", "ikan", "pasar", "desa", "warga", "air", "benih"])
BODY_LINE = st.lists(WORDS, min_size=1, max_size=6).map(" ".join)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(BODY_LINE, min_size=1, max_size=6), min_size=2, max_size=8))
def test_pages_with_numbered_footers_split_back(drawn: list[list[str]]) -> None:
    # Each body line gets a letter tag of its own so that no body line repeats.
    bodies = [
        [f"{line} {chr(97 + p)}{chr(97 + k)}" for k, line in enumerate(body)]
        for p, body in enumerate(drawn)
    ]
    text = "".join(
        "\n".join(body) + f"\nLaporan Kinerja Dinas Perikanan Kota Fiktif {n}\n"
        for n, body in enumerate(bodies, start=1)
    )
    pages = split_pages(text)
    assert [[line.text for line in p.lines] for p in pages] == bodies
    assert [p.printed_number for p in pages] == list(range(1, len(bodies) + 1))
    numbers = [line.number for p in pages for line in p.lines]
    assert numbers == sorted(numbers) and len(set(numbers)) == len(numbers)


def test_pdf_page_footer_and_its_second_line_are_dropped() -> None:
    def page(number: int, *texts: str) -> Page:
        return Page(number, tuple(Line(t, number) for t in texts), kind="ocr")

    footer = "Laporan Kinerja (LKj) Dinas Contoh"
    pages = drop_footers(
        [
            page(1, "Capaian | 95%", f"{footer} 1", "Dinas Contoh Tahun 2024"),
            page(2, "Laporan Kinerja ini disusun sebagai berikut:", "Jumlah | 8"),
        ]
    )
    assert [[line.text for line in p.lines] for p in pages] == [
        ["Capaian | 95%"],
        ["Laporan Kinerja ini disusun sebagai berikut:", "Jumlah | 8"],
    ]


# --- body lines worded like a footer --------------------------------------------------------


def _report_text(pages: list[list[str]], footer: str | None) -> str:
    """Plain OCR text: each page's lines, its numbered footer, then a blank run."""
    chunks = []
    for number, body in enumerate(pages, start=1):
        foot = [f"{footer} {number}"] if footer else []
        chunks.append("\n".join([*body, *foot]) + "\n\n\n\n")
    return "".join(chunks)


@pytest.mark.parametrize(
    "sentence",
    [
        "Laporan Kinerja ini disusun sebagai bentuk pertanggungjawaban atas pelaksanaan",
        "LAKIP Dinas Kesehatan Kota Fiktif memuat capaian dari sasaran strategis",
        "LKjIP Tahun 2031 menyajikan realisasi anggaran dan kinerja yang telah",
    ],
)
@pytest.mark.parametrize("footer", [None, "Laporan Kinerja (LKj) Dinas Perikanan Kota Fiktif"])
def test_body_line_worded_like_a_footer_seen_twice_is_kept(
    sentence: str, footer: str | None
) -> None:
    body = [
        ["KATA PENGANTAR", sentence, "dicapai oleh dinas selama tahun 2031."],
        ["BAB I PENDAHULUAN", "Latar belakang penyusunan laporan.", sentence, "dicapai dinas."],
        ["BAB II", "Rencana strategis dinas memuat 4 sasaran."],
    ]
    pages = split_pages(_report_text(body, footer))
    assert [[line.text for line in page.lines] for page in pages] == body
    if footer:
        assert [p.printed_number for p in pages] == [1, 2, 3]


def test_body_line_ending_in_the_same_number_twice_is_kept() -> None:
    sentence = "Laporan Kinerja ini disusun berdasarkan Peraturan Menteri PANRB Nomor 53"
    text = (
        f"Isi pertama\n{sentence}\nTahun 2014 tentang Petunjuk Teknis.\n"
        f"Isi kedua\n{sentence}\nTahun 2014 yang mengatur pelaporan.\n"
    )
    pages = split_pages(text)
    assert [line.text for page in pages for line in page.lines] == [
        line for line in text.splitlines() if line
    ]
    assert [p.printed_number for p in pages] == [None]


def test_paragraph_repeated_whole_is_kept_though_its_second_line_repeats_under_it() -> None:
    # The second line repeats under the first only, as a footer's continuation line does.
    paragraph = [
        "Laporan Kinerja (LKj) merupakan bentuk akuntabilitas dari pelaksanaan tugas",
        "dan fungsi yang dipercayakan kepada setiap instansi pemerintah atas",
        "penggunaan anggaran.",
    ]
    body = [["A. Latar Belakang", *paragraph], ["B. Rencana Strategis", *paragraph, "Maksud."]]
    pages = split_pages(_report_text(body, "Laporan Kinerja (LKj) Kantor Arsip Kota Fiktif"))
    assert [[line.text for line in page.lines] for page in pages] == body
    assert [p.printed_number for p in pages] == [1, 2]


def test_line_worded_like_a_footer_twice_at_page_ends_of_a_long_report_is_kept() -> None:
    # Twice at a page's end, but a running footer stands on a share of the pages, not two of 30.
    line = "Laporan Kinerja Inspektorat disampaikan kepada Bupati"
    body = [[f"Uraian halaman {n} tentang pengawasan."] for n in range(30)]
    body[4].append(line)
    body[17].append(line)
    pages = split_pages(_report_text(body, footer=None))
    assert [[line.text for line in page.lines] for page in pages] == body


def test_unnumbered_footer_at_page_ends_is_dropped_with_its_second_line() -> None:
    text = "".join(
        f"Uraian kegiatan ke-{n} dinas\nLaporan Kinerja (LKj) Dinas Sosial\n"
        "Kota Fiktif Tahun 2031\n\n\n\n"
        for n in range(1, 5)
    )
    pages = split_pages(text)
    assert [[line.text for line in page.lines] for page in pages] == [
        [f"Uraian kegiatan ke-{n} dinas"] for n in range(1, 5)
    ]


# --- PDF pages: running headers and footers by their place on the page ----------------------

HEIGHT = 842.0  # A4 in points
FOOT = 800.0  # where a running footer stands
BODY = ("Uraian program dan kegiatan", "Capaian kinerja tahun ini", "Realisasi anggaran dinas")


def boxed(number: int, *rows: tuple[str, float]) -> Page:
    """An OCR'd page whose lines stand at the given heights."""
    lines = tuple(Line(t, number, bbox=BBox(50.0, top, 500.0, top + 10.0)) for t, top in rows)
    return Page(number, lines, kind="ocr", width=595.0, height=HEIGHT)


def kept(pages: list[Page]) -> list[list[str]]:
    return [[line.text for line in page.lines] for page in drop_footers(pages)]


def test_garbled_ocr_footers_are_dropped_and_body_text_kept() -> None:
    # OCR pages carry boxes: a garbled footer without its number stands where the others stand;
    # one read mid-page, above a table's last rows, still stands at the bottom edge.
    pages = [
        boxed(1, ("Capaian | 95%", 300.0), ("__ Laporan Kinerja (LKj) Sekretariat KPU X 6", FOOT)),
        boxed(
            2,
            ("Jumlah | 8", 300.0),
            ("1 annean Kinerja (LK)) Dinas Contoh $", FOOT + 3),
            ("Dinas Contoh Tahun 2024", FOOT + 17),
        ),
        boxed(
            3,
            ("Laporan Kinerja (LKj) merupakan bentuk akuntabilitas dari pelaksanaan tugas", 80.0),
            ("Tenayan Kinerja (LKj) Inspektorat Kabupaten X 7", FOOT),
            ("Inspektorat Kabupaten X Tahun 2023", FOOT + 14),
            ("1 | Program Pengawasan | 100.000", 700.0),
            ("2 | Program Pembinaan | 200.000", 720.0),
            ("3 | Program Penunjang | 300.000", 740.0),
        ),
    ]
    assert kept(pages) == [
        ["Capaian | 95%"],
        ["Jumlah | 8"],
        [
            "Laporan Kinerja (LKj) merupakan bentuk akuntabilitas dari pelaksanaan tugas",
            "1 | Program Pengawasan | 100.000",
            "2 | Program Pembinaan | 200.000",
            "3 | Program Penunjang | 300.000",
        ],
    ]


def test_body_line_worded_like_a_footer_on_two_pages_is_kept() -> None:
    sentence = "Laporan Kinerja ini disusun sebagai bentuk pertanggungjawaban"
    footer = "Laporan Kinerja (LKj) Dinas Sosial Kota Fiktif"
    pages = [
        boxed(
            n,
            (BODY[n % 3], 100.0),
            *([(sentence, 400.0)] if n in (2, 5) else []),
            (f"{footer} {n}", FOOT),
        )
        for n in range(1, 7)
    ]
    assert kept(pages) == [[BODY[n % 3], *([sentence] if n in (2, 5) else [])] for n in range(1, 7)]


def test_unboxed_line_worded_like_a_footer_ending_two_of_many_pages_is_kept() -> None:
    def page(number: int, *texts: str) -> Page:
        return Page(number, tuple(Line(t, number) for t in texts), kind="ocr")

    sentence = "LAKIP Dinas Kesehatan Kota Fiktif disampaikan kepada Wali Kota"
    pages = [
        page(n, f"Isi halaman {n}", "uraian", "lanjutan", *([sentence] if n in (3, 9) else []))
        for n in range(1, 31)
    ]
    assert [[line.text for line in p.lines] for p in drop_footers(pages)] == [
        [line.text for line in p.lines] for p in pages
    ]


def test_running_header_is_dropped_and_repeated_table_header_kept() -> None:
    header = "LKjIP Inspektorat Kabupaten Fiktif Tahun 2030"
    table = "No | Sasaran | Indikator | Target"
    pages = [
        boxed(n, (header, 30.0), (table, 90.0), (f"{n} | Pengawasan | {n}0%", 120.0))
        for n in range(1, 5)
    ]
    assert kept(pages) == [[table, f"{n} | Pengawasan | {n}0%"] for n in range(1, 5)]


def test_garbled_footer_in_the_footers_place_is_dropped_and_body_kept() -> None:
    footer = "Laporan Kinerja (LKj) Badan Kepegawaian Kota Fiktif"
    second = "Badan Kepegawaian Kota Fiktif Tahun 2029"
    body = "Laporan Kinerja (LKj) Badan Kepegawaian disusun sesuai ketentuan"
    pages = [
        boxed(1, (BODY[0], 100.0), (f"{footer} 1", FOOT), (second, FOOT + 14)),
        boxed(2, (BODY[1], 100.0), (f"{footer} 2", FOOT), (second, FOOT + 14)),
        # no number, first word garbled: it stands where the running footer stands
        boxed(
            3,
            (BODY[2], 100.0),
            ("1 annean Kinerja (LK)) Badan Kepegawaian", FOOT + 2),
            (second, FOOT + 15),
        ),
        # worded alike, near the bottom edge, but above the footer's place: body text
        boxed(4, (BODY[0], 100.0), (body, 765.0)),
    ]
    assert kept(pages) == [[BODY[0]], [BODY[1]], [BODY[2]], [BODY[0], body]]


def test_lines_read_after_the_footer_but_standing_above_it_are_kept() -> None:
    # OCR reads a page's blocks out of order: the signature's place and date, higher on the
    # page, come after the footer; a table's last rows likewise.
    footer = "Laporan Kinerja (LKj) Inspektorat Kota Fiktif"
    second = "Inspektorat Kota Fiktif Tahun 2023"
    pages = [
        boxed(
            1,
            (BODY[0], 100.0),
            (f"{footer} 14", FOOT),
            (second, FOOT + 14),
            ("Fiktif, Januari 2024", 330.0),
        ),
        boxed(
            2,
            (BODY[1], 100.0),
            ("Tenayan Kinerja (LKj) Inspektorat Kota Fiktif 15", FOOT),
            (second, FOOT + 14),
            ("2 | Program Pembinaan | 200.000", 600.0),
            ("3 | Program Penunjang | 300.000", 620.0),
        ),
    ]
    assert kept(pages) == [
        [BODY[0], "Fiktif, Januari 2024"],
        [BODY[1], "2 | Program Pembinaan | 200.000", "3 | Program Penunjang | 300.000"],
    ]
