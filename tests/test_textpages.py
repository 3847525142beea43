"""Tests for extractor.textpages: plain OCR text cut into pages."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.models import Line, Page
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


def test_garbled_ocr_footers_are_dropped_and_body_text_kept() -> None:
    def page(number: int, *texts: str) -> Page:
        return Page(number, tuple(Line(t, number) for t in texts), kind="ocr")

    pages = drop_footers(
        [
            page(1, "Capaian | 95%", "__ Laporan Kinerja (LKj) Sekretariat KPU Kabupaten X 6"),
            page(
                2, "Jumlah | 8", "1 annean Kinerja (LK)) Dinas Contoh $", "Dinas Contoh Tahun 2024"
            ),
            page(
                3,
                "Laporan Kinerja (LKj) merupakan bentuk akuntabilitas dari pelaksanaan tugas",
                "Tenayan Kinerja (LKj) Inspektorat Kabupaten X 7",  # mid-page, above a table
                "Inspektorat Kabupaten X Tahun 2023",
                "1 | Program Pengawasan | 100.000",
                "2 | Program Pembinaan | 200.000",
                "3 | Program Penunjang | 300.000",
            ),
        ]
    )
    assert [[line.text for line in p.lines] for p in pages] == [
        ["Capaian | 95%"],
        ["Jumlah | 8"],
        [
            "Laporan Kinerja (LKj) merupakan bentuk akuntabilitas dari pelaksanaan tugas",
            "1 | Program Pengawasan | 100.000",
            "2 | Program Pembinaan | 200.000",
            "3 | Program Penunjang | 300.000",
        ],
    ]
