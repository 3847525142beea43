"""OCR of page images: cleaned, turned upright, read by tesseract in parallel, cached."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import (
    ALL_COMPLETED,
    FIRST_COMPLETED,
    Executor,
    Future,
    ProcessPoolExecutor,
    wait,
)
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing import get_context
from statistics import median
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

import cv2
import numpy as np
import pytesseract
from PIL import Image, ImageOps

from extractor.errors import LkjError, OcrError
from extractor.layout import make_line
from extractor.models import BBox, Line, Page, Word
from extractor.settings import DEFAULT_LANG, DEFAULT_PAGE_TIMEOUT, IngestSettings
from extractor.tables import TABLE_DETECTION, CellReader, scan_to_lines

if TYPE_CHECKING:
    from extractor.ocr_cache import OcrCache

INSTALL_HINT = "apt-get install tesseract-ocr tesseract-ocr-ind tesseract-ocr-eng"
PSM_AUTO = 3  # fully automatic page segmentation, no OSD
PSM_LINE = 7  # the image is one line of text: how a table cell is re-read
CELL_MARGIN_IN = 1 / 50  # a re-read cell's crop reaches this far around its words
CELL_BORDER_PX = 10  # white border added around the crop: tesseract reads better with one
OEM_LSTM = 1
DESKEW_MIN_ANGLE = 0.3  # degrees; smaller skew does not hurt tesseract
DESKEW_MAX_ANGLE = 15.0  # a larger estimate is not the skew of text lines
LINE_MIN_ASPECT = 5  # a text-line blob is at least this many times wider than high
SPECKLE_AREA_AT_300_DPI = 3  # pixels; a full stop of 8-pt type is larger
POOR_CONFIDENCE = 60.0  # char-weighted mean confidence below which orientation is checked
OSD_MIN_CONFIDENCE = 2.0  # low, because the re-read must also score better to be kept
IN_FLIGHT_PER_WORKER = 2
log = logging.getLogger(__name__)
# Names the cleaning steps and their parameters: part of the OCR cache key.
PREPROCESSING = (
    f"gray;deskew>{DESKEW_MIN_ANGLE}<{DESKEW_MAX_ANGLE};otsu;despeckle<={SPECKLE_AREA_AT_300_DPI}"
    f"@300;osd<{POOR_CONFIDENCE}>={OSD_MIN_CONFIDENCE}"
)


@dataclass(frozen=True)
class PageImage:
    """A page to OCR: 1-based number, the image, and ``scale`` in PDF points per pixel."""

    number: int
    image: Image.Image
    scale: float


class OcrEngine(Protocol):
    """Reads the lines of one page image; ``identity`` names engine, version and language."""

    @property
    def identity(self) -> str: ...

    def ocr_page(self, image: Image.Image, page_number: int, scale: float) -> tuple[Line, ...]: ...


@runtime_checkable
class LineReader(Protocol):
    """An engine that can also re-read one line (a table cell) on its own: text, confidence."""

    def ocr_line(self, image: Image.Image) -> tuple[str, float] | None: ...


def check_tesseract(lang: str = DEFAULT_LANG) -> str:
    """The tesseract version; OcrError when tesseract or a language of ``lang`` is missing."""
    try:
        version = str(pytesseract.get_tesseract_version())
        available = set(pytesseract.get_languages(config=""))
    except (pytesseract.TesseractNotFoundError, pytesseract.TesseractError, OSError) as e:
        raise OcrError(f"tesseract is not installed: {INSTALL_HINT}") from e
    missing = [code for code in lang.split("+") if code not in available]
    if missing:
        raise OcrError(f"tesseract has no language data for {'+'.join(missing)}: {INSTALL_HINT}")
    return version


@dataclass(frozen=True)
class TesseractEngine:
    """pytesseract ``image_to_data`` with a timeout; words grouped by (block, par, line)."""

    version: str
    lang: str = DEFAULT_LANG
    timeout: float = DEFAULT_PAGE_TIMEOUT

    @classmethod
    def from_settings(cls, settings: IngestSettings) -> TesseractEngine:
        return cls(check_tesseract(settings.lang), settings.lang, settings.page_timeout)

    @property
    def identity(self) -> str:
        return f"tesseract {self.version} {self.lang} psm{PSM_AUTO} oem{OEM_LSTM}"

    def ocr_page(self, image: Image.Image, page_number: int, scale: float) -> tuple[Line, ...]:
        return data_to_lines(self._data(image, PSM_AUTO), page_number, scale)

    def _data(self, image: Image.Image, psm: int) -> dict[str, list]:
        return pytesseract.image_to_data(
            image,
            lang=self.lang,
            config=f"--psm {psm} --oem {OEM_LSTM}",
            timeout=self.timeout,
            output_type=pytesseract.Output.DICT,
        )

    def ocr_line(self, image: Image.Image) -> tuple[str, float] | None:
        """One line of text (``--psm 7``): its words and their lowest confidence; None if blank."""
        data = self._data(image, PSM_LINE)
        found = [
            (str(text).strip(), float(conf))
            for text, conf in zip(data["text"], data["conf"], strict=True)
            if str(text).strip() and float(conf) >= 0
        ]
        if not found:
            return None
        return " ".join(text for text, _ in found), min(conf for _, conf in found)


def data_to_lines(data: dict[str, list[Any]], page: int, scale: float) -> tuple[Line, ...]:
    """Tesseract's word table into Lines, boxes converted from pixels to points."""
    groups: dict[tuple[int, int, int], list[Word]] = {}
    for i, text in enumerate(data["text"]):
        confidence = float(data["conf"][i])
        if not str(text).strip() or confidence < 0:
            continue
        left, top = data["left"][i], data["top"][i]
        right, bottom = left + data["width"][i], top + data["height"][i]
        bbox = BBox(*(round(v * scale, 2) for v in (left, top, right, bottom)))
        key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
        groups.setdefault(key, []).append(Word(str(text).strip(), bbox, confidence))
    return tuple(make_line(words, page) for words in groups.values())


# --- cleaning ------------------------------------------------------------------------------


def clean_page(image: Image.Image, dpi: float) -> Image.Image:
    """Grayscale, deskewed, Otsu-binarised and despeckled copy of a page image."""
    gray = np.asarray(image.convert("L"))
    angle = skew_angle(gray, dpi)
    if abs(angle) > DESKEW_MIN_ANGLE:
        gray = _rotate(gray, angle)
    binary = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)[1]
    return Image.fromarray(_despeckle(binary, dpi))


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


def _despeckle(binary: np.ndarray, dpi: float) -> np.ndarray:
    max_area = SPECKLE_AREA_AT_300_DPI * (dpi / 300) ** 2
    if max_area < 1:
        return binary
    count, labels, stats, _ = cv2.connectedComponentsWithStats(255 - binary, connectivity=8)
    speck = stats[:, cv2.CC_STAT_AREA] <= max_area
    speck[0] = False  # the background
    cleaned = binary.copy()
    cleaned[speck[labels]] = 255
    return cleaned


# --- one page ------------------------------------------------------------------------------


def ocr_page_image(page: PageImage, engine: OcrEngine, timeout: float) -> Page:
    """Clean and OCR one page; a poor reading is retried upright when OSD finds it turned."""
    image = clean_page(page.image, 72 / page.scale)
    lines = _read(engine, image, page)
    if _mean_confidence(lines) < POOR_CONFIDENCE:
        turned = _turn_upright(image, timeout)
        retry = _read(engine, turned, page) if turned is not None else ()
        if turned is not None and _score(retry) > _score(lines):
            image, lines = turned, retry
    reader = _cell_reader(engine, image, page.scale)
    tabulated = scan_to_lines(image, lines, page.number, page.scale, reader)
    if tabulated.rereads:
        log.debug("page %d: %d table cells re-read", page.number, tabulated.rereads)
    width, height = image.width * page.scale, image.height * page.scale
    return Page(
        page.number, tabulated.lines, kind="ocr", width=round(width, 2), height=round(height, 2)
    )


def _cell_reader(engine: OcrEngine, image: Image.Image, scale: float) -> CellReader | None:
    """Re-reads a box (points) of the cleaned page with the engine's line mode, if it has one."""
    if not isinstance(engine, LineReader):
        return None
    margin = 72 * CELL_MARGIN_IN

    def reread(box: BBox) -> tuple[str, float] | None:
        left, top = max(0, (box.x0 - margin) / scale), max(0, (box.top - margin) / scale)
        right = min(image.width, (box.x1 + margin) / scale)
        bottom = min(image.height, (box.bottom + margin) / scale)
        crop = image.crop((round(left), round(top), round(right), round(bottom)))
        return engine.ocr_line(ImageOps.expand(crop, CELL_BORDER_PX, fill=255))

    return reread


def _read(engine: OcrEngine, image: Image.Image, page: PageImage) -> tuple[Line, ...]:
    try:
        return engine.ocr_page(image, page.number, page.scale)
    except LkjError:
        raise
    except Exception as e:
        reason = " ".join(str(e).split()) or type(e).__name__
        raise OcrError(
            f"OCR failed on page {page.number}: {reason}; "
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
    try:
        osd = pytesseract.image_to_osd(
            image, config="--psm 0", timeout=timeout, output_type=pytesseract.Output.DICT
        )
    except (pytesseract.TesseractError, RuntimeError):  # too few characters, or timeout
        return None
    rotate = int(osd["rotate"]) % 360
    if rotate == 0 or float(osd["orientation_conf"]) < OSD_MIN_CONFIDENCE:
        return None
    return image.rotate(-rotate, expand=True, fillcolor=255)  # OSD's rotate is clockwise


# --- many pages ----------------------------------------------------------------------------


def ocr_pages(
    pages: Iterable[PageImage],
    engine: OcrEngine,
    settings: IngestSettings,
    cache: OcrCache | None = None,
    total: int | None = None,
) -> list[Page]:
    """OCR pages (cached ones skipped) with ``settings.workers`` processes; in page order."""
    done: dict[int, Page] = {}
    pending: dict[Future[Page], str | None] = {}
    with _progress(settings, total) as tick, _executor(settings.workers) as pool:

        def collect(return_when: str) -> None:
            for future in wait(pending, return_when=return_when).done:
                key, page = pending.pop(future), future.result()
                if cache is not None and key is not None:
                    cache.put(key, page)
                done[page.number] = page
                tick()

        for page in pages:
            key, cached = _lookup(cache, engine, page)
            if cached is not None:
                done[page.number] = cached
                tick()
                continue
            pending[pool.submit(ocr_page_image, page, engine, settings.page_timeout)] = key
            if len(pending) >= IN_FLIGHT_PER_WORKER * settings.workers:
                collect(FIRST_COMPLETED)
        collect(ALL_COMPLETED)
    return [done[n] for n in sorted(done)]


def _lookup(
    cache: OcrCache | None, engine: OcrEngine, page: PageImage
) -> tuple[str | None, Page | None]:
    """The page's cache key and its cached reading; (None, None) without a cache."""
    if cache is None:
        return None, None
    context = f"{engine.identity}|{PREPROCESSING}|{TABLE_DETECTION}|{page.scale:.6f} pt/px"
    key = cache.key(page.image, context)
    return key, cache.get(key, page.number)


def _limit_threads() -> None:
    """Tesseract runs one page per process: one thread each, no oversubscription."""
    os.environ["OMP_THREAD_LIMIT"] = "1"


@contextmanager
def _executor(workers: int) -> Iterator[Executor]:
    """A process pool for several workers; in-process for one (fakes in tests count calls)."""
    if workers == 1:
        saved = os.environ.get("OMP_THREAD_LIMIT")
        _limit_threads()
        try:
            yield _InlineExecutor()
        finally:
            if saved is None:
                os.environ.pop("OMP_THREAD_LIMIT", None)
            else:
                os.environ["OMP_THREAD_LIMIT"] = saved
        return
    pool = ProcessPoolExecutor(workers, mp_context=get_context("spawn"), initializer=_limit_threads)
    try:
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
