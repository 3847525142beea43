"""Tables: ruled grids (text layer and scan) into one line per row, merged cells, re-reads."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageDraw
from reportlab.lib import colors
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

from extractor.images import read_image
from extractor.layout import make_line, words_to_lines
from extractor.models import BBox, Line, Word
from extractor.ocr import PageImage, ocr_page_images
from extractor.pdf import read_pdf
from extractor.rulings import find_rules, grid_to_tables
from extractor.tables import ReadMode, scan_to_lines, tables_to_lines
from tests.test_ocr import FakeEngine, settings_for

SASARAN = "Meningkatnya kualitas pelayanan publik di seluruh perangkat daerah"
INDIKATOR = "Persentase pengaduan masyarakat yang ditindaklanjuti tepat waktu"
HEADER = ["Sasaran", "Indikator", "Target", "Realisasi"]
SMALL_PAGE = (460, 240)  # points: one small page keeps the OCR test fast


def table_pdf(
    path: Path,
    rows: list[list[str]],
    spans: list[tuple] | None = None,
    valign: str = "TOP",
    widths: tuple[int, ...] = (130, 140, 55, 60),
) -> Path:
    """A small PDF with one ruled table; text cells wrap inside their column."""
    style = getSampleStyleSheet()["BodyText"]
    data = [[Paragraph(c, style) if len(c) > 12 else c for c in row] for row in rows]
    table = Table(data, colWidths=list(widths))
    commands = [("GRID", (0, 0), (-1, -1), 0.8, colors.black), ("VALIGN", (0, 0), (-1, -1), valign)]
    table.setStyle(TableStyle(commands + [("SPAN", *s) for s in spans or []]))
    SimpleDocTemplate(
        str(path), pagesize=SMALL_PAGE, topMargin=30, leftMargin=20, rightMargin=20
    ).build([table])
    return path


def texts(lines: tuple[Line, ...] | list[Line]) -> list[str]:
    return [line.text for line in lines]


# --- text layer -------------------------------------------------------------------------------


def test_text_layer_table_rows_come_out_one_line_each_cells_in_order(tmp_path: Path) -> None:
    rows = [
        HEADER,
        [SASARAN, INDIKATOR, "100%", "95%"],
        ["Sasaran dua", "Indikator dua", "80", "75"],
    ]
    document = read_pdf(table_pdf(tmp_path / "t.pdf", rows), settings_for(tmp_path))
    assert texts(document.pages[0].lines) == [
        "Sasaran | Indikator | Target | Realisasi",
        f"{SASARAN} | {INDIKATOR} | 100% | 95%",
        "Sasaran dua | Indikator dua | 80 | 75",
    ]
    row = document.pages[0].lines[1]
    assert row.text == " ".join(w.text for w in row.words)  # the parsers' offsets hold
    assert all(w.bbox is not None for w in row.words)


def test_merged_cell_spanning_two_rows_is_read_with_its_first_row(tmp_path: Path) -> None:
    rows = [HEADER, [SASARAN, INDIKATOR, "100%", "95%"], ["", "Indikator dua", "80", "75"]]
    path = table_pdf(tmp_path / "span.pdf", rows, spans=[((0, 1), (0, 2))])
    lines = read_pdf(path, settings_for(tmp_path)).pages[0].lines
    assert texts(lines)[1:] == [f"{SASARAN} | {INDIKATOR} | 100% | 95%", "Indikator dua | 80 | 75"]


def test_cell_spanning_three_rows_with_centred_text_goes_with_its_first_row(
    tmp_path: Path,
) -> None:
    """Regression (issue #3): the centred texts of cells spanning rows (No, Sasaran), alone
    in a band below the first row's text, were cut into a row of their own."""
    rows = [["No", *HEADER], ["3", "Sasaran tiga", "Indikator satu", "80", "75"]]
    rows += [["", "", "Indikator dua", "70", "65"], ["", "", "Indikator tiga", "60", "55"]]
    spans = [((0, 1), (0, 3)), ((1, 1), (1, 3))]
    widths = (25, 110, 140, 50, 55)
    path = table_pdf(tmp_path / "span3.pdf", rows, spans, valign="MIDDLE", widths=widths)
    lines = read_pdf(path, settings_for(tmp_path)).pages[0].lines
    assert texts(lines)[1:] == [
        "3 | Sasaran tiga | Indikator satu | 80 | 75",
        "Indikator dua | 70 | 65",
        "Indikator tiga | 60 | 55",
    ]


def test_page_without_a_table_is_unchanged(tmp_path: Path) -> None:
    words = [Word("Capaian", BBox(10, 10, 50, 20)), Word("97,20%", BBox(60, 10, 90, 20))]
    lines = words_to_lines(words, 1)
    assert tables_to_lines(lines, [], 1).lines == lines
    blank = Image.new("L", (600, 400), 255)
    assert scan_to_lines(find_rules(blank, 0.72).tables(), lines, 1).lines == lines


# --- grids from rules ---------------------------------------------------------------------------


def test_missing_rule_segment_makes_a_merged_cell() -> None:
    xs, ys = [0, 100, 200], [0, 50, 100]
    h_edges = np.array([[1, 1], [0, 1], [1, 1]], dtype=bool)  # no rule under the left cell
    v_edges = np.ones((2, 3), dtype=bool)
    (cells,) = grid_to_tables(xs, ys, h_edges, v_edges)
    assert sorted(c.as_tuple() for c in cells) == [
        (0, 0, 100, 100),
        (100, 0, 200, 50),
        (100, 50, 200, 100),
    ]


def test_framed_box_or_open_grid_is_no_table() -> None:
    framed = grid_to_tables([0, 100], [0, 50], np.ones((2, 1), bool), np.ones((1, 2), bool))
    open_right = np.array([[True, True, False]])
    open_grid = grid_to_tables([0, 100, 200], [0, 50], np.ones((2, 2), bool), open_right)
    assert framed == [] and open_grid == []


# --- scans ----------------------------------------------------------------------------------------

DPI = 100
SCALE = 72 / DPI


def ruled_image() -> Image.Image:
    """A page with a 2 x 3 ruled table: columns at 100/400/550/700 px, rows at 100/160/240 px."""
    image = Image.new("L", (800, 400), 255)
    draw = ImageDraw.Draw(image)
    for y in (100, 160, 240):
        draw.line((100, y, 700, y), fill=0, width=2)
    for x in (100, 400, 550, 700):
        draw.line((x, 100, x, 240), fill=0, width=2)
    return image


def word(text: str, box: tuple[int, int, int, int], confidence: float = 95.0) -> Word:
    return Word(text, BBox(*(v * SCALE for v in box)), confidence)


class TableEngine(FakeEngine):
    """Returns words of a table as interleaved OCR lines; a low-confidence number cell."""

    def ocr_page(self, image: Image.Image, page_number: int, scale: float) -> tuple[Line, ...]:
        groups = [
            [word("Judul", (100, 40, 200, 60))],
            [word("Indikator", (110, 115, 200, 135)), word("Target", (410, 115, 480, 135))],
            [word("Realisasi", (560, 115, 650, 135))],
            [word("Persentase", (110, 170, 220, 185)), word("100%", (410, 170, 460, 185))],
            [word("95%", (560, 170, 600, 185), confidence=40.0)],
            [word("kinerja", (110, 195, 190, 210))],
        ]
        return tuple(make_line(g, page_number) for g in groups)


class RereadingEngine(TableEngine):
    def __init__(self) -> None:
        super().__init__()
        self.crops: list[tuple[int, int]] = []

    def ocr_line(self, image: Image.Image, raw: bool = False) -> tuple[str, float] | None:
        self.crops.append(image.size)
        return "96%", 91.0


def test_scan_rows_from_rules_with_wrapped_cells_merged() -> None:
    page = ocr_page_images([PageImage(1, ruled_image(), SCALE)], TableEngine(), 10)[0]
    assert texts(page.lines) == [
        "Judul",
        "Indikator | Target | Realisasi",
        "Persentase kinerja | 100% | 95%",
    ]
    row = page.lines[2]
    assert row.bbox is not None and row.bbox.top == pytest.approx(160 * SCALE, abs=SCALE)
    assert [w.confidence for w in row.words if w.text == "95%"] == [40.0]  # no ocr_line: kept


def test_low_confidence_number_cell_is_re_read_and_the_better_reading_kept() -> None:
    engine = RereadingEngine()
    page = ocr_page_images([PageImage(1, ruled_image(), SCALE)], engine, 10)[0]
    assert texts(page.lines)[2] == "Persentase kinerja | 100% | 96%"
    assert len(engine.crops) == 1  # only the low-confidence number cell


def test_a_worse_re_read_is_counted_but_not_kept() -> None:
    lines = TableEngine().ocr_page(ruled_image(), 1, SCALE)
    result = tables_to_lines(lines, [_cells()], 1, reread=lambda box, mode: ("9S%", 20.0))
    assert result.rereads == 1
    assert texts(result.lines)[2] == "Persentase kinerja | 100% | 95%"


def _cells() -> list[BBox]:
    xs, ys = (100, 400, 550, 700), (100, 160, 240)
    return [
        BBox(x0 * SCALE, top * SCALE, x1 * SCALE, bottom * SCALE)
        for top, bottom in zip(ys, ys[1:], strict=False)
        for x0, x1 in zip(xs, xs[1:], strict=False)
    ]


def _row_with(cell_text: str, reading: str) -> tuple[str, list[ReadMode]]:
    """The body row when the last cell was OCR'd confidently as ``cell_text`` and reads as
    ``reading`` on its own; and why each re-read was asked for."""
    asked: list[ReadMode] = []

    def reread(box: BBox, mode: ReadMode) -> tuple[str, float]:
        asked.append(mode)
        return reading, 50.0

    header = [("Indikator", 110, 200), ("Target", 410, 480), ("Realisasi", 560, 650)]
    lines = [
        make_line([word(text, (x0, 115, x1, 135)) for text, x0, x1 in header], 1),
        make_line([word("Persentase", (110, 170, 220, 185)), word("80%", (410, 170, 460, 185))], 1),
        make_line(
            [
                word(part, (560 + 30 * k, 170, 585 + 30 * k, 185))
                for k, part in enumerate(cell_text.split())
            ],
            1,
        ),
    ]
    return texts(tables_to_lines(lines, [_cells()], 1, reread).lines)[1], asked


@pytest.mark.parametrize(
    ("cell", "reading", "row"),
    [
        ("10096", "100%", "Persentase | 80% | 100%"),
        ("80 96", "80 %", "Persentase | 80% | 80 %"),
        ("100 $", "100%", "Persentase | 80% | 100%"),
        ("84,3796", "84,37%", "Persentase | 80% | 84,37%"),
        ("10096", "10096", "Persentase | 80% | 10096"),  # no "%" found: kept
        ("112,739", "12,73%", "Persentase | 80% | 112,739"),  # other digits: kept
    ],
)
def test_a_percent_read_as_digits_is_re_read_raw_and_kept_only_with_its_percent(
    cell: str, reading: str, row: str
) -> None:
    """Regression (issue #3): scans read "100%" as "10096" or "100 96" with high confidence."""
    assert _row_with(cell, reading) == (row, ["percent"])


def test_a_confident_plain_number_is_not_re_read() -> None:
    assert _row_with("75", "75%") == ("Persentase | 80% | 75", [])


def test_a_number_split_at_its_separator_is_one_cell_word_again() -> None:
    """Regression (issue #3): monospace scans OCR "264.000" as "264" ".000"."""
    lines = [
        make_line([word("Kegiatan", (110, 170, 220, 185)), word("264", (410, 170, 440, 185))], 1),
        make_line([word(".000", (452, 170, 490, 185)), word("201.", (560, 170, 600, 185))], 1),
        make_line([word("784", (610, 170, 640, 185))], 1),
    ]
    rows = texts(tables_to_lines(lines, [_cells()], 1).lines)
    assert rows == ["Kegiatan | 264.000 | 201.784"]


def test_rendered_table_is_ocrd_into_one_line_per_row(tmp_path: Path) -> None:
    rows = [
        HEADER,
        [SASARAN, INDIKATOR, "100%", "95%"],
        ["Sasaran dua", "Indikator dua", "80", "75"],
    ]
    pdf = pdfium.PdfDocument(table_pdf(tmp_path / "t.pdf", rows))
    png = tmp_path / "scan.png"
    pdf[0].render(scale=200 / 72, grayscale=True).to_pil().save(png, dpi=(200, 200))
    lines = read_image(png, settings_for(tmp_path, dpi=200, use_cache=False)).pages[0].lines
    assert len(lines) == 3
    assert lines[0].text.split(" | ") == HEADER
    assert lines[1].text.startswith("Meningkatnya") and lines[1].text.endswith("| 100% | 95%")
    assert lines[1].text.count(" | ") == 3
    assert lines[2].text.endswith("| 80 | 75")


def test_a_printed_bar_inside_a_cell_is_content_a_bar_on_its_border_a_rule() -> None:
    cells = [
        BBox(0, 0, 100, 20),
        BBox(100, 0, 200, 20),
        BBox(0, 20, 100, 40),
        BBox(100, 20, 200, 40),
    ]
    words = [
        Word("57,156,000", BBox(40, 25, 95, 35)),
        Word("|", BBox(185, 25, 188, 35)),  # an unreadable cell printed as "|"
        Word("80", BBox(80, 5, 95, 15)),
        Word("|", BBox(99.5, 5, 101, 15)),  # the column rule read as text
        Word("75", BBox(180, 5, 195, 15)),
    ]
    lines = words_to_lines(words, 1)
    assert texts(tables_to_lines(lines, [cells], 1).lines) == ["80 | 75", "57,156,000 | |"]


@pytest.mark.parametrize(
    ("reading", "row"),
    [
        (("7", 91.0), "Persentase | 80% | 7"),
        (("7", 40.0), "Persentase | 80%"),  # unsure: the cell stays blank
        (("~", 91.0), "Persentase | 80%"),  # no letter or digit: noise
        (None, "Persentase | 80%"),  # no ink
    ],
)
def test_a_blank_cell_in_a_row_with_text_is_read_on_its_own(
    reading: tuple[str, float] | None, row: str
) -> None:
    """Regression (issue #3): page OCR missed lone digits ("7") in narrow staff-table cells."""
    asked: list[tuple[ReadMode, float]] = []

    def reread(box: BBox, mode: ReadMode) -> tuple[str, float] | None:
        asked.append((mode, box.x0))
        return reading

    lines = [
        make_line([word("Persentase", (110, 170, 220, 185)), word("80%", (410, 170, 460, 185))], 1),
    ]
    result = tables_to_lines(lines, [_cells()], 1, reread)
    assert texts(result.lines) == [row]
    assert asked == [("blank", pytest.approx(550 * SCALE + 3.0))]  # inside the cell's rules


@pytest.mark.parametrize(
    ("cell", "reading", "row", "asked"),
    [
        ("I laporan", "1 laporan", "Persentase | 80% | 1 laporan", ["doubtful"]),
        ("Laporan", "12 Laporan", "Persentase | 80% | 12 Laporan", ["doubtful"]),
        ("laporan", "| laporan", "Persentase | 80% | 1 laporan", ["doubtful"]),  # "1" as a bar
        ("laporan", "laporan", "Persentase | 80% | laporan", ["doubtful"]),  # still lost
        ("laporan", "12 orang", "Persentase | 80% | laporan", ["doubtful"]),  # another unit
        ("Kegiatan", "1 kegiatan", "Persentase | 80% | Kegiatan", []),  # a column title
    ],
)
def test_a_count_whose_digits_were_lost_is_re_read_and_kept_only_with_its_unit(
    cell: str, reading: str, row: str, asked: list[str]
) -> None:
    """Regression (issue #3): "1 laporan" in a scan read as "I laporan" or "laporan"."""
    assert _row_with(cell, reading) == (row, asked)


# --- pages without rules --------------------------------------------------------------------


def block_line(text: str, x0: float, top: float, height: float = 10.0) -> Line:
    """One OCR line (a tesseract block's), words 6 pt a character and a space apart."""
    words, x = [], x0
    for part in text.split():
        words.append(Word(part, BBox(x, top, x + 6 * len(part), top + height), 95.0))
        x += 6 * len(part) + 4
    return make_line(words, 1)


def test_a_column_in_a_block_of_its_own_joins_its_rows_again() -> None:
    """Tesseract read the names, then the amounts as another block: one line per row again."""
    names = ["1. Program Peningkatan Produksi", "2. Program Pemberdayaan Petani", "Pertanian"]
    amounts = ["Rp. 18.972.674.100,- APBD", "Rp. 6.589.645.000,- APBN"]
    lines = [block_line(t, 80, 100 + 15 * k) for k, t in enumerate(names)]
    lines += [block_line(t, 330, 99 + 15 * k) for k, t in enumerate(amounts)]  # a point higher
    assert texts(scan_to_lines([], lines, 1).lines) == [
        "1. Program Peningkatan Produksi Rp. 18.972.674.100,- APBD",
        "2. Program Pemberdayaan Petani Rp. 6.589.645.000,- APBN",
        "Pertanian",
    ]


def test_columns_aligned_in_three_rows_are_cut_into_cells_and_prose_is_left_whole() -> None:
    rows = [("Indikator kinerja", "Target", "Realisasi")] + [
        (f"Persentase layanan {k}", f"{80 + k}%", f"{70 + k}%") for k in range(1, 4)
    ]
    lines = [block_line("Capaian kinerja tahun ini adalah sebagai berikut:", 60, 80)]
    for k, (name, target, real) in enumerate(rows):
        top = 100 + 15 * k
        lines += [block_line(name, 60, top), block_line(target, 260, top)]
        lines += [block_line(real, 360, top)]
    out = texts(scan_to_lines([], lines, 1).lines)
    assert out[0] == "Capaian kinerja tahun ini adalah sebagai berikut:"
    assert out[1:] == [" | ".join(row) for row in rows]


# --- rows stacked in one grid row -----------------------------------------------------------

LIST_CELLS = [BBox(60, 60, 200, 400), BBox(200, 60, 380, 400), BBox(380, 60, 480, 400)]


def cell_line(text: str, x0: float, top: float) -> list[Word]:
    return list(block_line(text, x0, top).words)


@pytest.mark.parametrize(("label_pitch", "number_pitch"), [(13.5, 12.6), (12.0, 13.2)])
def test_stacked_numbers_go_with_their_labels_though_the_two_lists_drift_apart(
    label_pitch: float, number_pitch: float
) -> None:
    """A PK lists eleven commodities beside eleven targets set with another line pitch: by
    the last rows each target stands nearer a neighbour's name than its own."""
    names = ["Padi", "Jagung", "Kedelai", "Kacang Tanah", "Kacang Hijau", "Ubi Kayu"]
    names += ["Ubi Jalar", "Sayuran", "Buah-buahan", "Tanaman Obat", "Tanaman Hias"]
    targets = [f"{(k + 3) * 1_234_567:,}".replace(",", ".") + " ton" for k in range(len(names))]
    words = cell_line("1. Meningkatnya produksi", 62, 70) + cell_line("pangan", 62, 83)
    words += cell_line("Jumlah produksi tanaman :", 202, 70)
    for k, (name, target) in enumerate(zip(names, targets, strict=True)):
        words += cell_line(f"{'abcdefghijk'[k]}. {name}", 202, 84 + k * label_pitch)
        words += cell_line(target, 382, 84 + k * number_pitch)
    assert abs(label_pitch - number_pitch) * (len(names) - 1) > 12 / 2  # drifted past half a line
    rows = texts(tables_to_lines(words_to_lines(words, 1), [LIST_CELLS], 1).lines)
    assert (
        rows[0]
        == f"1. Meningkatnya produksi pangan | Jumlah produksi tanaman : a. Padi | {targets[0]}"
    )
    assert (
        rows[1:]
        == [
            f"{'abcdefghijk'[k]}. {name} | {target}"
            for k, (name, target) in enumerate(zip(names, targets, strict=True))
        ][1:]
    )


def test_a_wrapped_label_stays_with_its_number_beside_a_cell_of_as_many_lines() -> None:
    """Two targets, two sasaran lines: the sasaran cell is no list of labels; the wrapped
    indicator name stays whole in the first row."""
    words = cell_line("4. Tersedianya sarana", 62, 70) + cell_line("prasarana pertanian", 62, 83)
    words += cell_line("a. Luas sawah yang", 202, 70) + cell_line("dapat diairi irigasi", 202, 83)
    words += cell_line("(Ha)", 202, 96) + cell_line("b. Luas sawah baru (Ha)", 202, 109)
    words += cell_line("2.500 Ha", 382, 70) + cell_line("25.000 Ha", 382, 109)
    rows = texts(tables_to_lines(words_to_lines(words, 1), [LIST_CELLS], 1).lines)
    assert rows == [
        "4. Tersedianya sarana prasarana pertanian | a. Luas sawah yang dapat diairi irigasi"
        " (Ha) | 2.500 Ha",
        "b. Luas sawah baru (Ha) | 25.000 Ha",
    ]
