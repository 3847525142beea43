"""Read PNG, JPEG and (multi-page) TIFF images: every frame a page, OCR'd."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PIL import Image, ImageSequence, UnidentifiedImageError

from extractor.errors import CorruptInputError, NotAReportError
from extractor.models import Document
from extractor.ocr import OcrEngine, PageImage, TesseractEngine, ocr_pages
from extractor.ocr_cache import OcrCache, cache_for
from extractor.settings import MAX_DPI, IngestSettings

UNKNOWN_DPI = 72  # what many writers record when they know nothing better


def read_image(
    path: Path,
    settings: IngestSettings,
    *,
    engine: OcrEngine | None = None,
    cache: OcrCache | None = None,
) -> Document:
    """A Document with one OCR'd page per image frame; boxes in points at the image's dpi."""
    with _open_image(path) as image, cache_for(settings, cache) as pages_cache:
        engine = engine or TesseractEngine.from_settings(settings)
        frames = _frames(image, path, settings)
        total = getattr(image, "n_frames", 1)
        pages = ocr_pages(frames, engine, settings, pages_cache, total)
    return Document(str(path), "image", tuple(pages))


@contextmanager
def _open_image(path: Path) -> Iterator[Image.Image]:
    """The opened image; not-an-image and PIL's own bomb check translated."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # our limit applies
            image = Image.open(path)
    except UnidentifiedImageError as e:
        raise NotAReportError(
            f"{path}: not a PNG, JPEG or TIFF image; give a PDF, an image or a text file"
        ) from e
    except Image.DecompressionBombError as e:
        raise CorruptInputError(
            f"{path}: too large to decode ({e}); scale it down, e.g. to 300 dpi"
        ) from e
    with image:
        yield image


def _frames(image: Image.Image, path: Path, settings: IngestSettings) -> Iterator[PageImage]:
    """Each frame as a grayscale page image, checked against the pixel limit."""
    for number, frame in enumerate(ImageSequence.Iterator(image), start=1):
        width, height = frame.size
        if width * height > settings.max_pixels:
            raise CorruptInputError(
                f"{path}: page {number} is {width}x{height} pixels, over the limit of "
                f"{settings.max_pixels} (a decompression bomb?); scale it down, e.g. to 300 dpi"
            )
        try:
            gray = frame.convert("L")
        except (OSError, SyntaxError, ValueError) as e:
            raise CorruptInputError(
                f"{path}: damaged or truncated ({e}); get a fresh copy or re-save the image"
            ) from e
        yield PageImage(number, gray, 72 / _dpi(frame, settings))


def _dpi(frame: Image.Image, settings: IngestSettings) -> float:
    """The resolution recorded in the image, else the settings' dpi."""
    recorded = frame.info.get("dpi")
    dpi = float(recorded[0]) if recorded else 0.0
    plausible = UNKNOWN_DPI < dpi <= MAX_DPI
    return dpi if plausible else float(settings.dpi)
