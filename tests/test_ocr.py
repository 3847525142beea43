"""OCR: page cleaning, tesseract's table into lines, orientation, faults, the process pool."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytesseract
import pytest
from PIL import Image, ImageDraw, ImageFont

from extractor import ocr
from extractor.errors import OcrError
from extractor.images import read_image
from extractor.models import BBox, Document, Line, Word
from extractor.ocr import (
    MAX_BATCH_PAGES,
    PageImage,
    TesseractEngine,
    batch_sizes,
    check_tesseract,
    clean_page,
    data_to_lines,
    ocr_pages,
    skew_angle,
)
from extractor.settings import IngestSettings

SCAN_DPI = 150
SCAN_LINES = (
    "LAPORAN KINERJA TAHUN 2024",
    "Pagu anggaran Rp 1.234.567.000",
    "Capaian kinerja 97,20%",
)


# --- helpers shared with test_pdf.py ----------------------------------------------------------


def draw_scan(lines: tuple[str, ...] = SCAN_LINES, dpi: int = SCAN_DPI) -> Image.Image:
    """An A4 page image at ``dpi`` with the lines typed in 14-pt type, like a clean scan."""
    width, height = round(8.27 * dpi), round(11.69 * dpi)
    image = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=round(14 * dpi / 72))
    for i, text in enumerate(lines):
        draw.text((dpi, dpi + i * round(0.45 * dpi)), text, fill=0, font=font)
    return image


def settings_for(tmp_path: Path, **changes: object) -> IngestSettings:
    """Settings for tests: scan dpi, one in-process worker, a private cache directory."""
    values: dict[str, object] = {"dpi": SCAN_DPI, "jobs": 1, "cache_dir": tmp_path / "cache"}
    values.update(changes)
    return IngestSettings(**values)  # type: ignore[arg-type]


def document_text(document: Document) -> str:
    return "\n".join(line.text for line in document.lines())


def assert_boxes_inside(document: Document) -> None:
    for page in document.pages:
        assert page.width and page.height
        for line in page.lines:
            for word in line.words:
                assert word.bbox is not None
                assert 0 <= word.bbox.x0 <= word.bbox.x1 <= page.width
                assert 0 <= word.bbox.top <= word.bbox.bottom <= page.height


class FakeEngine:
    """Returns one line per page naming the image size; counts and records its calls."""

    identity = "fake 1"

    def __init__(self) -> None:
        self.calls: list[tuple[int, tuple[int, int], float]] = []

    def ocr_page(self, image: Image.Image, page_number: int, scale: float) -> tuple[Line, ...]:
        self.calls.append((page_number, image.size, scale))
        word = Word(f"page{page_number}", BBox(10, 10, 50, 20), 95.0)
        return (Line(word.text, page_number, words=(word,), bbox=word.bbox),)


# --- cleaning ---------------------------------------------------------------------------------


@pytest.mark.parametrize("degrees", [2.0, -3.0])
def test_skewed_scan_is_straightened(degrees: float) -> None:
    page = draw_scan(SCAN_LINES * 4)
    skewed = page.rotate(degrees, fillcolor=255)
    assert skew_angle(np.asarray(skewed), SCAN_DPI) == pytest.approx(degrees, abs=0.3)
    straightened = clean_page(skewed, SCAN_DPI)
    assert abs(skew_angle(np.asarray(straightened), SCAN_DPI)) < 0.3


def test_cleaning_keeps_grey_levels_and_removes_specks_but_keeps_full_stops() -> None:
    """The page stays grey for tesseract to binarise locally (Sauvola), shading kept."""
    page = Image.new("L", (600, 600), 230)  # grey paper
    draw = ImageDraw.Draw(page)
    draw.rectangle((300, 400, 500, 500), fill=190)  # a shaded cell
    draw.rectangle((100, 100, 103, 103), fill=20)  # a full stop at 300 dpi: 16 pixels
    for x in (300, 340, 380):
        draw.point((x, 300), fill=20)  # specks of dust
    cleaned = np.asarray(clean_page(page, 300))
    assert cleaned[101, 101] == 20
    assert cleaned[300, [300, 340, 380]].tolist() == [255, 255, 255]
    assert (cleaned[50, 50], cleaned[450, 400]) == (230, 190)


# --- tesseract's output -----------------------------------------------------------------------


def test_data_to_lines_groups_by_block_par_line_and_converts_to_points() -> None:
    data = {
        "text": ["", "Pagu", "Rp", "1.234.567.000", " ", "97,20%"],
        "conf": [-1, 96, 95, 91.5, -1, 88],
        "block_num": [1, 1, 1, 1, 1, 2],
        "par_num": [1, 1, 1, 1, 1, 1],
        "line_num": [1, 1, 1, 1, 1, 1],
        "left": [0, 100, 200, 260, 0, 100],
        "top": [0, 50, 50, 52, 0, 400],
        "width": [0, 80, 40, 200, 0, 90],
        "height": [0, 30, 30, 28, 0, 30],
    }
    lines = data_to_lines(data, page=3, scale=0.5)
    assert [line.text for line in lines] == ["Pagu Rp 1.234.567.000", "97,20%"]
    first = lines[0]
    assert first.page == 3
    assert first.words[0].bbox == BBox(50, 25, 90, 40)
    assert first.bbox == BBox(50, 25, 230, 40)
    assert first.confidence == 91.5


# --- real tesseract (small pages) -------------------------------------------------------------


def test_png_scan_is_read_with_numbers_boxes_and_confidence(tmp_path: Path) -> None:
    path = tmp_path / "scan.png"
    draw_scan().save(path, dpi=(SCAN_DPI, SCAN_DPI))
    document = read_image(path, settings_for(tmp_path, use_cache=False))
    assert document.input_kind == "image"
    assert [p.kind for p in document.pages] == ["ocr"]
    text = document_text(document)
    assert "1.234.567.000" in text
    assert "97,20" in text  # tesseract often reads this font's "%" as "4": numbers.py repairs it
    assert document.pages[0].width == pytest.approx(595.4, abs=1)  # A4 in points
    assert_boxes_inside(document)
    assert all(line.confidence is not None for line in document.lines())


def test_sideways_scan_is_turned_upright(tmp_path: Path) -> None:
    path = tmp_path / "sideways.png"
    draw_scan(SCAN_LINES * 2).rotate(90, expand=True).save(path, dpi=(SCAN_DPI, SCAN_DPI))
    document = read_image(path, settings_for(tmp_path, use_cache=False))
    page = document.pages[0]
    assert "1.234.567.000" in document_text(document)
    assert page.height is not None and page.width is not None
    assert page.height > page.width  # portrait again
    assert_boxes_inside(document)


def test_tesseract_timeout_is_an_ocr_error_naming_the_page(tmp_path: Path) -> None:
    engine = TesseractEngine(check_tesseract(), timeout=0.001)
    page = PageImage(7, draw_scan(), 72 / SCAN_DPI)
    with pytest.raises(OcrError, match="page 7"):
        ocr_pages([page], engine, settings_for(tmp_path, use_cache=False))


def test_check_tesseract_reports_version_and_missing_pieces(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert check_tesseract("ind+eng")[0].isdigit()
    monkeypatch.setattr(pytesseract, "get_languages", lambda config="": ["eng", "osd"])
    with pytest.raises(OcrError, match="language data for ind: apt-get install tesseract-ocr"):
        check_tesseract("ind+eng")

    def missing() -> str:
        raise pytesseract.TesseractNotFoundError()

    monkeypatch.setattr(pytesseract, "get_tesseract_version", missing)
    with pytest.raises(OcrError, match="^tesseract is not installed: apt-get install"):
        check_tesseract()


# --- injected engines -------------------------------------------------------------------------


def test_multipage_tiff_becomes_pages_at_its_recorded_dpi(tmp_path: Path) -> None:
    path = tmp_path / "scan.tiff"
    first, second = draw_scan(dpi=100), draw_scan(("Halaman dua",), dpi=100)
    first.save(path, save_all=True, append_images=[second], dpi=(100, 100))
    engine = FakeEngine()
    document = read_image(path, settings_for(tmp_path, use_cache=False), engine=engine)
    assert [p.number for p in document.pages] == [1, 2]
    assert [line.text for line in document.lines()] == ["page1", "page2"]
    assert [scale for _, _, scale in engine.calls] == [0.72, 0.72]


def test_failing_engine_becomes_ocr_error_naming_the_page(tmp_path: Path) -> None:
    class Broken(FakeEngine):
        def ocr_page(self, image: Image.Image, page_number: int, scale: float) -> tuple[Line, ...]:
            raise RuntimeError("tesseract crashed\nwith a core dump")

    path = tmp_path / "scan.png"
    draw_scan(dpi=72).save(path)
    with pytest.raises(OcrError, match=r"^OCR failed on page 1: tesseract crashed with a core"):
        read_image(path, settings_for(tmp_path, use_cache=False), engine=Broken())


def test_pages_are_read_in_parallel_and_returned_in_order(tmp_path: Path) -> None:
    pages = [PageImage(n, draw_scan(dpi=72), 1.0) for n in (1, 2, 3)]
    result = ocr_pages(pages, FakeEngine(), settings_for(tmp_path, jobs=2))
    assert [p.number for p in result] == [1, 2, 3]
    assert [p.lines[0].text for p in result] == ["page1", "page2", "page3"]
    assert all(p.kind == "ocr" for p in result)


THREADS_AND_METHODS = """
import threading
from extractor.ocr import start_method
alone = start_method()
stop = threading.Event()
thread = threading.Thread(target=stop.wait)
thread.start()
print(alone, start_method())
stop.set()
"""


@pytest.mark.skipif(sys.platform != "linux", reason="workers fork only on Linux")
def test_workers_fork_unless_threads_run() -> None:
    """A fork of a process running threads can deadlock: beside one, workers start from a
    fork server."""
    run = subprocess.run([sys.executable, "-c", THREADS_AND_METHODS], capture_output=True)
    assert run.stdout.decode().split() == ["fork", "forkserver"]


PANDAS_AFTER_OCR_IMPORTS = """
import sys
import extractor.ocr
from extractor.tesseract import pytesseract
print("pandas" in sys.modules, pytesseract.pytesseract.pandas_installed)
import pandas
print(pandas.DataFrame({"a": [1]}).shape)
"""


def test_pytesseract_is_imported_without_pandas_which_stays_importable() -> None:
    run = subprocess.run(
        [sys.executable, "-c", PANDAS_AFTER_OCR_IMPORTS], capture_output=True, check=True
    )
    assert run.stdout.decode().split("\n")[:2] == ["False False", "(1, 1)"]


@pytest.mark.skipif(sys.platform != "linux", reason="fork servers are POSIX")
def test_workers_from_a_fork_server_read_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pages = [PageImage(n, draw_scan(dpi=72), 1.0) for n in (1, 2, 3)]
    usual = ocr_pages(pages, FakeEngine(), settings_for(tmp_path, jobs=2))  # forked, mostly
    monkeypatch.setattr(ocr, "start_method", lambda: "forkserver")
    assert ocr_pages(pages, FakeEngine(), settings_for(tmp_path, jobs=2)) == usual


# --- batches ----------------------------------------------------------------------------------


class BatchEngine(FakeEngine):
    """Also reads many pages in one run; records the page numbers of each run."""

    def __init__(self, failing_page: int | None = None) -> None:
        super().__init__()
        self.runs: list[list[int]] = []
        self.failing_page = failing_page

    def ocr_batch(
        self, images: list[Image.Image], page_numbers: list[int], scales: list[float]
    ) -> list[tuple[Line, ...]]:
        self.runs.append(list(page_numbers))
        if self.failing_page in page_numbers:
            raise RuntimeError("tesseract failed on one image of the list")
        return [
            self.ocr_page(i, n, s) for i, n, s in zip(images, page_numbers, scales, strict=True)
        ]

    def ocr_page(self, image: Image.Image, page_number: int, scale: float) -> tuple[Line, ...]:
        if page_number == self.failing_page:
            raise RuntimeError("unreadable image")
        return super().ocr_page(image, page_number, scale)


@pytest.mark.parametrize(
    ("pages", "workers", "sizes"),
    [
        (19, 2, [10, 9]),
        (25, 2, [7, 6, 6, 6]),
        (161, 2, [9] * 17 + [8]),
        (3, 2, [2, 1]),
        (2, 4, [1, 1]),
    ],
)
def test_batches_are_nearly_equal_and_as_many_for_each_worker(
    pages: int, workers: int, sizes: list[int]
) -> None:
    assert batch_sizes(pages, workers) == sizes
    assert max(sizes) <= MAX_BATCH_PAGES


def test_pages_are_read_in_batches_of_one_engine_run_each(tmp_path: Path) -> None:
    pages = [PageImage(n, draw_scan(dpi=72), 1.0) for n in range(1, 8)]
    engine = BatchEngine()
    settings = settings_for(tmp_path, use_cache=False, progress=False)
    result = ocr_pages(pages, engine, settings, total=len(pages))
    assert engine.runs == [[1, 2, 3, 4, 5, 6, 7]]  # one worker: one batch of at most 10
    assert [p.lines[0].text for p in result] == [f"page{n}" for n in range(1, 8)]


class RunNamingEngine(BatchEngine):
    """Each page read says which pages its run read (runs happen in the workers)."""

    def ocr_batch(
        self, images: list[Image.Image], page_numbers: list[int], scales: list[float]
    ) -> list[tuple[Line, ...]]:
        word = Word(",".join(map(str, page_numbers)), BBox(10, 10, 50, 20), 95.0)
        return [(Line(word.text, n, words=(word,), bbox=word.bbox),) for n in page_numbers]


def test_the_batches_of_a_round_take_its_pages_in_turn(tmp_path: Path) -> None:
    """Table pages cluster in chapters: dealt in turn, each batch holds some of a cluster."""
    pages = [PageImage(n, draw_scan(dpi=72), 1.0) for n in range(1, 26)]
    settings = settings_for(tmp_path, use_cache=False, jobs=2)
    result = ocr_pages(pages, RunNamingEngine(), settings, total=len(pages))
    runs = {page.lines[0].text for page in result}  # two rounds of two batches: 7, 6; 6, 6
    odd, even = ",".join(map(str, range(14, 25, 2))), ",".join(map(str, range(15, 26, 2)))
    assert runs == {"1,3,5,7,9,11,13", "2,4,6,8,10,12", odd, even}
    assert [p.number for p in result] == list(range(1, 26))


def test_a_failed_batch_is_read_page_by_page_and_the_error_names_the_page(tmp_path: Path) -> None:
    pages = [PageImage(n, draw_scan(dpi=72), 1.0) for n in (1, 2, 3)]
    engine = BatchEngine(failing_page=2)
    with pytest.raises(OcrError, match="^OCR failed on page 2: unreadable image"):
        ocr_pages(pages, engine, settings_for(tmp_path, use_cache=False), total=3)
    assert engine.runs == [[1, 2, 3]]
    assert [number for number, _, _ in engine.calls] == [1]  # page by page, up to page 2


def test_tesseract_reads_a_batch_as_it_reads_each_page() -> None:
    engine = TesseractEngine(check_tesseract())
    images = [draw_scan(), draw_scan(("Halaman dua", "Target 85%"))]
    scale = 72 / SCAN_DPI
    batch = engine.ocr_batch(images, [4, 5], [scale, scale])
    alone = [engine.ocr_page(image, n, scale) for image, n in zip(images, [4, 5], strict=True)]
    assert [[line.text for line in lines] for lines in batch] == [
        [line.text for line in lines] for lines in alone
    ]
    assert [{line.page for line in lines} for lines in batch] == [{4}, {5}]
    assert batch[1][0].words[0].bbox == alone[1][0].words[0].bbox
