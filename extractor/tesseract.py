"""The tesseract engine: pages and single lines read through pytesseract, the version check."""

from __future__ import annotations

import importlib
import sys
import tempfile
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any, Protocol, runtime_checkable

from PIL import Image

from extractor.errors import OcrError
from extractor.layout import make_line
from extractor.models import BBox, Line, Word
from extractor.settings import DEFAULT_LANG, DEFAULT_PAGE_TIMEOUT, IngestSettings

INSTALL_HINT = "apt-get install tesseract-ocr tesseract-ocr-ind tesseract-ocr-eng"
PSM_AUTO = 3  # fully automatic page segmentation, no OSD
PSM_LINE = 7  # the image is one line of text: how a doubtful table cell is re-read
# One raw line, without tesseract's line hacks: reads a blurred "%" as "%" (not "96") more
# often than --psm 7, and other text worse; for cells whose "%" may be misread.
PSM_RAW_LINE = 13
OEM_LSTM = 1
# Tesseract binarises the grey page itself, locally (Sauvola): shaded cells and uneven light
# keep their text, and the LSTM still reads the grey pixels.
THRESHOLDING = "-c thresholding_method=2"
PNM_MODES = ("1", "L", "RGB")  # the image modes a PNM file holds


def _pytesseract_without_pandas() -> ModuleType:
    """pytesseract, kept from importing pandas for its DataFrame output, not used here.

    That import took 0.17 s of each ``lkj check`` before its first page was read. A module
    set to None in ``sys.modules`` is one that import cannot find; it is set so only while
    this process runs one thread: no other thread's import of pandas can fail meanwhile.
    """
    if "pandas" in sys.modules or threading.active_count() > 1:
        return importlib.import_module("pytesseract")
    sys.modules["pandas"] = None  # type: ignore[assignment]
    try:
        return importlib.import_module("pytesseract")
    finally:
        del sys.modules["pandas"]


pytesseract = _pytesseract_without_pandas()


class OcrEngine(Protocol):
    """Reads the lines of one page image; ``identity`` names engine, version and language."""

    @property
    def identity(self) -> str: ...

    def ocr_page(self, image: Image.Image, page_number: int, scale: float) -> tuple[Line, ...]: ...


@runtime_checkable
class PagesReader(Protocol):
    """An engine that reads many pages in one go (``ocr_page`` of each)."""

    def ocr_batch(
        self, images: Sequence[Image.Image], page_numbers: Sequence[int], scales: Sequence[float]
    ) -> list[tuple[Line, ...]]: ...


@runtime_checkable
class LineReader(Protocol):
    """An engine that can also re-read one line (a table cell) on its own: text, confidence;
    ``raw`` reads it as a raw line (see ``PSM_RAW_LINE``)."""

    def ocr_line(self, image: Image.Image, raw: bool = False) -> tuple[str, float] | None: ...


@runtime_checkable
class LinesReader(Protocol):
    """An engine that re-reads many single lines in one go."""

    def ocr_lines(
        self, images: Sequence[Image.Image], raw: bool = False
    ) -> list[tuple[str, float] | None]: ...


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


def page_rotation(image: Image.Image, timeout: float) -> tuple[int, float] | None:
    """Tesseract's orientation detection (OSD): degrees the page must turn clockwise to
    stand upright, and its confidence; None when it cannot tell (too few characters, time out).
    """
    try:
        osd = pytesseract.image_to_osd(
            image, config="--psm 0", timeout=timeout, output_type=pytesseract.Output.DICT
        )
    except (pytesseract.TesseractError, RuntimeError):
        return None
    return int(osd["rotate"]) % 360, float(osd["orientation_conf"])


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
        return f"tesseract {self.version} {self.lang} psm{PSM_AUTO} oem{OEM_LSTM} {THRESHOLDING}"

    def ocr_page(self, image: Image.Image, page_number: int, scale: float) -> tuple[Line, ...]:
        return self.ocr_batch([image], [page_number], [scale])[0]

    def ocr_batch(
        self, images: Sequence[Image.Image], page_numbers: Sequence[int], scales: Sequence[float]
    ) -> list[tuple[Line, ...]]:
        """``ocr_page`` of each image, all in one tesseract run (a page's time allowed each)."""
        data = self._data(images, PSM_AUTO, self.timeout * len(images))
        rows: list[list[int]] = [[] for _ in images]
        for row, number in enumerate(data["page_num"]):
            rows[int(number) - 1].append(row)
        return [
            data_to_lines({name: [column[r] for r in own] for name, column in data.items()}, n, s)
            for own, n, s in zip(rows, page_numbers, scales, strict=True)
        ]

    def _data(self, images: Sequence[Image.Image], psm: int, timeout: float) -> dict[str, list]:
        """Tesseract's word table of the images, read in one run (``page_num`` tells them apart).

        The images are written as PNM (PNG, pytesseract's choice, takes long to compress; BMP
        records a resolution, which changes tesseract's reading), and several as a list file:
        tesseract loads its models once for them all.
        """
        with tempfile.TemporaryDirectory(prefix="lkj-ocr-") as folder:
            paths = [Path(folder) / f"{k}.pnm" for k in range(len(images))]
            for image, path in zip(images, paths, strict=True):
                (image if image.mode in PNM_MODES else image.convert("L")).save(path)
            listing = Path(folder) / "images.txt"
            listing.write_text("".join(f"{path}\n" for path in paths), encoding="utf-8")
            return pytesseract.image_to_data(
                str(paths[0] if len(paths) == 1 else listing),
                lang=self.lang,
                config=f"--psm {psm} --oem {OEM_LSTM} {THRESHOLDING}",
                timeout=timeout,
                output_type=pytesseract.Output.DICT,
            )

    def ocr_line(self, image: Image.Image, raw: bool = False) -> tuple[str, float] | None:
        """One line of text (``--psm 7``, or 13 when ``raw``): its words and their lowest
        confidence; None if blank."""
        return self.ocr_lines([image], raw)[0]

    def ocr_lines(
        self, images: Sequence[Image.Image], raw: bool = False
    ) -> list[tuple[str, float] | None]:
        """``ocr_line`` of each image, all in one tesseract run."""
        data = self._data(images, PSM_RAW_LINE if raw else PSM_LINE, self.timeout)
        found: list[list[tuple[str, float]]] = [[] for _ in images]
        for number, text, conf in zip(data["page_num"], data["text"], data["conf"], strict=True):
            if str(text).strip() and float(conf) >= 0:
                found[int(number) - 1].append((str(text).strip(), float(conf)))
        return [
            (" ".join(text for text, _ in words), min(conf for _, conf in words)) if words else None
            for words in found
        ]


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
