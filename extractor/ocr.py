"""OCR of page images: cleaned, turned upright, read by tesseract in parallel, cached."""

from __future__ import annotations

import ctypes
import logging
import math
import os
import sys
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import (
    ALL_COMPLETED,
    FIRST_COMPLETED,
    Executor,
    Future,
    ProcessPoolExecutor,
    wait,
)
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from multiprocessing import get_context
from statistics import median
from typing import Any, Protocol

import cv2
import numpy as np
from PIL import Image, ImageOps

from extractor.errors import LkjError, OcrError
from extractor.models import BBox, Line, Page, Word
from extractor.ocr_cache import OcrCache
from extractor.rulings import INK_SHARE, RULES_REDUCTION, find_rules
from extractor.settings import IngestSettings
from extractor.tables import TABLE_DETECTION, ReadMode, Table, Tabulated, scan_to_lines
from extractor.tesseract import LineReader, LinesReader, OcrEngine, PagesReader, page_rotation
from extractor.tesseract import TesseractEngine as TesseractEngine  # re-exported, as are:
from extractor.tesseract import check_tesseract as check_tesseract
from extractor.tesseract import data_to_lines as data_to_lines

CELL_MARGIN_IN = 1 / 50  # a re-read cell's crop reaches this far around its words
CELL_BORDER_PX = 10  # border added around the crop: tesseract reads better with one
DESKEW_MIN_ANGLE = 0.3  # degrees; smaller skew does not hurt tesseract
DESKEW_MAX_ANGLE = 15.0  # a larger estimate is not the skew of text lines
LINE_MIN_ASPECT = 5  # a text-line blob is at least this many times wider than high
SPECKLE_AREA_AT_300_DPI = 3  # pixels; a full stop of 8-pt type is larger
MIN_GLYPH_INK_AT_300_DPI = 30  # pixels; a "-" or "1" of 8-pt type has more ink
POOR_CONFIDENCE = 60.0  # char-weighted mean confidence below which orientation is checked
OSD_MIN_CONFIDENCE = 2.0  # low, because the re-read must also score better to be kept
IN_FLIGHT_PER_WORKER = 2  # batches
# Pages a worker holds at once, an image each (9 MB: A4 at 300 dpi). Each batch costs three
# model loads (its pages, then two runs of cell re-reads): 19 pages in 2 batches of up to 10,
# not 4 of up to 8, took 1.0 CPU s and 0.7 s of wall time less (13.3 → 12.6 s).
MAX_BATCH_PAGES = 10
FORKSERVER_PRELOAD = ["extractor.ocr"]
M_MMAP_THRESHOLD = -3  # glibc's mallopt parameter
# Page-sized arrays (9 MB: A4 at 300 dpi; 35 MB: A3 at 400) come from the heap, below it.
MMAP_THRESHOLD_BYTES = 64 * 2**20
log = logging.getLogger(__name__)
# Names the cleaning steps and their parameters: part of the OCR cache key.
PREPROCESSING = (
    f"gray;deskew>{DESKEW_MIN_ANGLE}<{DESKEW_MAX_ANGLE};despeckle<={SPECKLE_AREA_AT_300_DPI}"
    f"@300-window;osd<{POOR_CONFIDENCE}>={OSD_MIN_CONFIDENCE};rules@1/{RULES_REDUCTION}-painted-paper"
)


@dataclass(frozen=True)
class PageImage:
    """A page to OCR: 1-based number, the image, and ``scale`` in PDF points per pixel."""

    number: int
    image: Image.Image
    scale: float

    def load(self) -> PageImage:
        return self

    def cache_key(self, context: str) -> str:
        """The OCR cache key of the page: a hash of its pixels."""
        return OcrCache.key(self.image, context)


class PageSource(Protocol):
    """A page to OCR whose image is made by ``load`` where it is read (in a worker process)."""

    @property
    def number(self) -> int: ...

    @property
    def scale(self) -> float: ...

    def load(self) -> PageImage: ...

    def cache_key(self, context: str) -> str: ...


# --- cleaning ------------------------------------------------------------------------------


def clean_page(image: Image.Image, dpi: float) -> Image.Image:
    """Grayscale, deskewed and despeckled copy of a page image.

    It stays grey: tesseract binarises it locally (Sauvola), which keeps the text of shaded
    cells and under uneven light, and its LSTM reads the grey shapes (a blurred "%" of a scan
    keeps its holes there, not in a global Otsu binary).
    """
    gray = np.asarray(image if image.mode == "L" else image.convert("L"))
    half = cv2.resize(gray, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)
    angle = skew_angle(half, dpi / 2)  # text lines are as long and straight at half size
    if abs(angle) > DESKEW_MIN_ANGLE:
        gray = _rotate(gray, angle)
    return Image.fromarray(_despeckle(gray, dpi))


def skew_angle(gray: np.ndarray, dpi: float) -> float:
    """Median angle in degrees of the text-line blobs (counter-clockwise positive); 0 if none."""
    ink = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)[1]
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (max(3, round(dpi / 10)), 1))
    blobs = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, kernel)
    contours, _ = cv2.findContours(blobs, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    angles = []
    for contour in contours:
        _, (width, height), angle = cv2.minAreaRect(contour)
        long, short = max(width, height), min(width, height)
        if long >= dpi / 2 and long >= LINE_MIN_ASPECT * max(short, 1.0):
            angles.append((angle + 45) % 90 - 45)
    estimate = -float(median(angles)) if angles else 0.0
    return estimate if abs(estimate) <= DESKEW_MAX_ANGLE else 0.0


def _rotate(gray: np.ndarray, angle: float) -> np.ndarray:
    height, width = gray.shape
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), -angle, 1.0)
    return cv2.warpAffine(gray, matrix, (width, height), flags=cv2.INTER_LINEAR, borderValue=255)


def _despeckle(gray: np.ndarray, dpi: float) -> np.ndarray:
    """The page with specks of dust whitened: ink of the Otsu binary with no more than
    ``SPECKLE_AREA_AT_300_DPI`` (scaled) ink pixels in the window around it."""
    max_area = SPECKLE_AREA_AT_300_DPI * (dpi / 300) ** 2
    if max_area < 1:
        return gray
    ink = cv2.threshold(gray, 0, 1, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)[1]
    window = 2 * math.ceil(math.sqrt(max_area)) + 1  # holds a speck seen from any of its pixels
    near = cv2.boxFilter(ink, -1, (window, window), normalize=False)
    lone = cv2.compare(near, math.floor(max_area), cv2.CMP_LE)  # 255 where ink is scarce
    return cv2.max(gray, cv2.bitwise_and(lone, lone, mask=ink))


# --- pages read together ---------------------------------------------------------------------


@dataclass
class _Reading:
    """A page (``source``) cleaned with its rules painted over (``erased``; the cleaned page
    is ``size`` pixels), its ruled tables and the lines OCR read from ``erased``."""

    source: PageSource
    size: tuple[int, int]
    erased: Image.Image
    tables: list[Table]
    lines: tuple[Line, ...] = ()

    @property
    def number(self) -> int:
        return self.source.number

    @property
    def scale(self) -> float:
        return self.source.scale


def ocr_page_images(pages: Sequence[PageSource], engine: OcrEngine, timeout: float) -> list[Page]:
    """Clean and OCR pages, in one engine run when it can (its models load once); a poor
    reading is retried upright when OSD finds the page turned.

    One image per page is held (its rules painted over), each made when its page comes:
    a page is loaded (rendered) again for the rare OSD retry.
    """
    readings = [_prepare(_cleaned(page), page) for page in pages]
    for reading, lines in zip(readings, _read_all(engine, readings), strict=True):
        reading.lines = lines
    readings = [_upright(engine, reading, timeout) for reading in readings]
    out = []
    for reading, tabulated in zip(readings, _tabulate(engine, readings), strict=True):
        number, scale = reading.number, reading.scale
        if tabulated.rereads:
            log.debug("page %d: %d table cells re-read", number, tabulated.rereads)
        width, height = (round(side * scale, 2) for side in reading.size)
        out.append(Page(number, tabulated.lines, kind="ocr", width=width, height=height))
    return out


def _cleaned(page: PageSource) -> Image.Image:
    """The page loaded (rendered) and cleaned."""
    return clean_page(page.load().image, 72 / page.scale)


def _prepare(image: Image.Image, page: PageSource) -> _Reading:
    """The page with its rules painted over, for OCR; the cells of its ruled tables."""
    rules = find_rules(image, page.scale)  # page-sized masks: not kept beyond this
    return _Reading(page, image.size, rules.erase(image), rules.tables())


def _read_all(engine: OcrEngine, readings: list[_Reading]) -> list[tuple[Line, ...]]:
    """The lines of each page: in one run when the engine can; page by page after a failed
    run, so that an error names its page."""
    if isinstance(engine, PagesReader) and len(readings) > 1:
        try:
            return engine.ocr_batch(
                [r.erased for r in readings],
                [r.number for r in readings],
                [r.scale for r in readings],
            )
        except Exception as e:  # a page of the run failed: find which, below
            log.debug("batch OCR failed (%s); pages read one by one", e)
    return [_read(engine, r.erased, r.number, r.scale) for r in readings]


def _upright(engine: OcrEngine, reading: _Reading, timeout: float) -> _Reading:
    """The page read again turned, when its reading is poor and OSD finds it turned and the
    turned reading is better; else as it was."""
    if _mean_confidence(reading.lines) >= POOR_CONFIDENCE:
        return reading
    turned = _turn_upright(_cleaned(reading.source), timeout)
    if turned is None:
        return reading
    retry = _prepare(turned, reading.source)
    retry.lines = _read(engine, retry.erased, retry.number, retry.scale)
    return retry if _score(retry.lines) > _score(reading.lines) else reading


def _tabulate(engine: OcrEngine, readings: list[_Reading]) -> list[Tabulated]:
    """Table rows of each page; with a line reader, doubtful number cells are re-read first.

    Cells are re-read from ``erased`` (rules painted over). A dry run collects the cells to
    re-read (blank cells of rows with text among them), the engine reads those with ink of
    all the pages at once (a run for plain, one for raw re-reads), and the tables are built
    again with those readings (table building is cheap beside OCR).
    """
    if not isinstance(engine, LineReader):
        return [scan_to_lines(r.tables, r.lines, r.number) for r in readings]
    wanted: dict[tuple[int, BBox, ReadMode], tuple[str, float] | None] = {}

    def build(k: int) -> Tabulated:
        """Page k's tables; its cells' readings taken from ``wanted`` (None, recorded, if new)."""
        r = readings[k]
        return scan_to_lines(
            r.tables, r.lines, r.number, lambda box, mode: wanted.setdefault((k, box, mode))
        )

    dry = [build(k) for k in range(len(readings))]
    for raw in (False, True):
        crops = {
            (k, box, mode): _cell_crop(readings[k].erased, box, readings[k].scale)
            for k, box, mode in wanted
            if (mode == "percent") == raw
        }
        inked = [
            (k, box, mode)
            for (k, box, mode), crop in crops.items()
            if mode != "blank" or _has_ink(crop, readings[k].scale)
        ]
        read = _read_cells(engine, [crops[key] for key in inked], raw)
        wanted.update(zip(inked, read, strict=True))  # a blank cell without ink stays None
    reread = {k for k, _, _ in wanted}
    return [build(k) if k in reread else dry[k] for k in range(len(readings))]


def _read_cells(
    engine: LineReader, crops: list[Image.Image], raw: bool
) -> list[tuple[str, float] | None]:
    """Each crop read as one line: in one tesseract run when the engine can."""
    if not crops:
        return []
    if isinstance(engine, LinesReader):
        return engine.ocr_lines(crops, raw)
    return [engine.ocr_line(crop, raw) for crop in crops]


def _cell_crop(image: Image.Image, box: BBox, scale: float) -> Image.Image:
    """A box (points) of the cleaned page with a margin, framed in its paper shade for OCR."""
    margin = 72 * CELL_MARGIN_IN
    left, top = max(0, (box.x0 - margin) / scale), max(0, (box.top - margin) / scale)
    right = min(image.width, (box.x1 + margin) / scale)
    bottom = min(image.height, (box.bottom + margin) / scale)
    crop = image.crop((round(left), round(top), round(right), round(bottom)))
    paper = int(np.median(np.asarray(crop))) if crop.width and crop.height else 255
    return ImageOps.expand(crop, CELL_BORDER_PX, fill=paper)


def _has_ink(crop: Image.Image, scale: float) -> bool:
    """Whether a crop holds a glyph's worth of ink (darker than ``INK_SHARE`` of its paper)."""
    gray = np.asarray(crop)
    paper = float(np.median(gray)) if gray.size else 0.0
    min_pixels = MIN_GLYPH_INK_AT_300_DPI * (72 / scale / 300) ** 2
    return int(np.count_nonzero(gray < INK_SHARE * paper)) >= min_pixels


def _read(engine: OcrEngine, image: Image.Image, number: int, scale: float) -> tuple[Line, ...]:
    """The lines of one page; an engine's failure is an OcrError naming the page."""
    try:
        return engine.ocr_page(image, number, scale)
    except LkjError:
        raise
    except Exception as e:
        reason = " ".join(str(e).split()) or type(e).__name__
        raise OcrError(
            f"OCR failed on page {number}: {reason}; "
            "check that page of the scan, or allow more time per page"
        ) from e


def _words(lines: tuple[Line, ...]) -> list[Word]:
    return [w for line in lines for w in line.words if w.confidence is not None]


def _score(lines: tuple[Line, ...]) -> float:
    """Confidently read characters: confidence-weighted character count."""
    return sum(len(w.text) * (w.confidence or 0) / 100 for w in _words(lines))


def _mean_confidence(lines: tuple[Line, ...]) -> float:
    """Char-weighted mean confidence; 100 for a page without words (nothing to turn)."""
    chars = sum(len(w.text) for w in _words(lines))
    return 100 * _score(lines) / chars if chars else 100.0


def _turn_upright(image: Image.Image, timeout: float) -> Image.Image | None:
    """The image turned as tesseract's OSD says, or None when upright or unsure."""
    rotation = page_rotation(image, timeout)
    if rotation is None or rotation[0] == 0 or rotation[1] < OSD_MIN_CONFIDENCE:
        return None
    return image.rotate(-rotation[0], expand=True, fillcolor=255)  # OSD turns clockwise


# --- many pages ----------------------------------------------------------------------------


def ocr_pages(
    pages: Iterable[PageSource],
    engine: OcrEngine,
    settings: IngestSettings,
    cache: OcrCache | None = None,
    total: int | None = None,
) -> list[Page]:
    """OCR pages (cached ones skipped) with ``settings.workers`` processes; in page order.

    Pages go to the workers in batches, each read in one engine run: tesseract loads its
    models (a tenth of a page's time) once per batch, not once per page. A round of batches
    (one per worker) takes its pages in turn: tables cluster in chapters, and a batch of
    consecutive table pages would finish last, alone (a 19-page scan: 14.1 → 13.7 s).
    """
    done: dict[int, Page] = {}
    pending: dict[Future[list[Page]], list[str | None]] = {}
    sizes = batch_sizes(total or 1, settings.workers)
    rounds = iter([sizes[k : k + settings.workers] for k in range(0, len(sizes), settings.workers)])
    round_ = next(rounds)
    with _executor(settings.workers) as pool, _progress(settings, total) as tick:

        def collect(return_when: str) -> None:
            for future in wait(pending, return_when=return_when).done:
                keys, read = pending.pop(future), future.result()
                for key, page in zip(keys, read, strict=True):
                    if cache is not None and key is not None:
                        cache.put(key, page)
                    done[page.number] = page
                    tick()

        def submit(batch: list[tuple[PageSource, str | None]]) -> None:
            sources = [source for source, _ in batch]
            future = pool.submit(ocr_page_images, sources, engine, settings.page_timeout)
            pending[future] = [key for _, key in batch]
            if len(pending) >= IN_FLIGHT_PER_WORKER * settings.workers:
                collect(FIRST_COMPLETED)

        def deal(pages_of_round: list[tuple[PageSource, str | None]], batches: int) -> None:
            for k in range(min(batches, len(pages_of_round))):
                submit(pages_of_round[k::batches])

        todo: list[tuple[PageSource, str | None]] = []
        for page in pages:
            key, cached = _lookup(cache, engine, page)
            if cached is not None:
                done[page.number] = cached
                tick()
                continue
            todo.append((page, key))
            if len(todo) == sum(round_):
                deal(todo, len(round_))
                todo, round_ = [], next(rounds, round_)
        deal(todo, len(round_))
        collect(ALL_COMPLETED)
    return [done[n] for n in sorted(done)]


def batch_sizes(pages: int, workers: int) -> list[int]:
    """Pages per batch: at most ``MAX_BATCH_PAGES``, nearly equal, and as many batches for
    each worker, so that the workers finish together."""
    count = workers * math.ceil(pages / (workers * MAX_BATCH_PAGES))
    size, longer = divmod(pages, count)
    return [size + 1] * longer + [size] * (count - longer) if size else [1] * pages


def _lookup(
    cache: OcrCache | None, engine: OcrEngine, page: PageSource
) -> tuple[str | None, Page | None]:
    """The page's cache key and its cached reading; (None, None) without a cache."""
    if cache is None:
        return None, None
    context = f"{engine.identity}|{PREPROCESSING}|{TABLE_DETECTION}|{page.scale:.6f} pt/px"
    key = page.cache_key(context)
    return key, cache.get(key, page.number)


def _limit_threads() -> None:
    """One page per process: tesseract and OpenCV one thread each, no oversubscription."""
    os.environ["OMP_THREAD_LIMIT"] = "1"
    cv2.setNumThreads(1)


def _init_worker() -> None:
    """A pool worker: threads limited; page-sized arrays reused from a heap of steady size.

    glibc's own mmap threshold rises each time a large block is freed, and the heap's
    fragments then stay resident (a worker grew by a third). Fixed at its initial 128 KB,
    every array was mapped afresh and its pages zeroed by the kernel (1.4 s of system time
    over 19 pages). Fixed above page size: the same peak RSS, no such cost.
    """
    _limit_threads()
    if sys.platform == "linux":
        with suppress(OSError, AttributeError):
            ctypes.CDLL("libc.so.6").mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES)


def start_method() -> str:
    """How pool workers start: forked when this process runs one thread, else from a server.

    A forked worker has every module of this one at once. A fork server's worker (safe beside
    threads, such as Dask's: a fork of a threaded process can deadlock) imports the main
    module again, 0.45 s each, and the server its own modules first: the first page reached
    tesseract 1.0 s later on a 19-page scan. Spawned workers (not Linux) import everything.
    """
    if sys.platform != "linux":
        return "spawn"
    return "fork" if threading.active_count() == 1 else "forkserver"


@contextmanager
def _executor(workers: int) -> Iterator[Executor]:
    """A process pool for several workers; in-process for one (fakes in tests count calls)."""
    if workers == 1:
        saved, threads = os.environ.get("OMP_THREAD_LIMIT"), cv2.getNumThreads()
        _limit_threads()
        try:
            yield _InlineExecutor()
        finally:
            cv2.setNumThreads(threads)
            if saved is None:
                os.environ.pop("OMP_THREAD_LIMIT", None)
            else:
                os.environ["OMP_THREAD_LIMIT"] = saved
        return
    method = start_method()
    context = get_context(method)
    if method == "forkserver":
        context.set_forkserver_preload(FORKSERVER_PRELOAD)
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker)
    try:
        pool.submit(int).result()  # starts the workers now, before the progress bar's thread
        yield pool
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


class _InlineExecutor(Executor):
    """Runs each call at once in this process."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        future: Future[Any] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except Exception as e:
            future.set_exception(e)
        return future


@contextmanager
def _progress(settings: IngestSettings, total: int | None) -> Iterator[Callable[[], None]]:
    """A tick per page: a rich bar on stderr when asked for and stderr is a terminal."""
    if not (settings.progress and sys.stderr.isatty()):
        yield lambda: None
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("OCR", total=total)
        yield lambda: bar.advance(task)
