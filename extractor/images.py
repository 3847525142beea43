"""Read PNG, JPEG and (multi-page) TIFF images: every frame a page, OCR'd."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageSequence, UnidentifiedImageError

from extractor.errors import CorruptInputError, NotAReportError
from extractor.models import Document
from extractor.ocr import PageImage, ocr_pages
from extractor.ocr_cache import OcrCache, cache_for, file_digest
from extractor.settings import MAX_DPI, IngestSettings
from extractor.tesseract import OcrEngine, TesseractEngine

UNKNOWN_DPI = 72  # what many writers record when they know nothing better


@dataclass(frozen=True)
class ImageFrame:
    """A frame of an image file, decoded where it is OCR'd; ``source`` is the file's sha256."""

    path: Path
    number: int
    scale: float
    source: str

    def load(self) -> PageImage:
        """The frame in grayscale."""
        with _open_image(self.path) as image:
            image.seek(self.number - 1)
            return PageImage(self.number, _gray(image, self.path), self.scale)

    def cache_key(self, context: str) -> str:
        """Keyed by the file and frame: a warm run decodes nothing."""
        return OcrCache.source_key(f"{self.source}|frame {self.number}", context)


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
        source = file_digest(path) if pages_cache is not None else ""
        frames = _frames(image, path, settings, source)
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


def _frames(
    image: Image.Image, path: Path, settings: IngestSettings, source: str
) -> Iterator[ImageFrame]:
    """Each frame (from its header: not decoded here), checked against the pixel limit."""
    for number, frame in enumerate(ImageSequence.Iterator(image), start=1):
        width, height = frame.size
        if width * height > settings.max_pixels:
            raise CorruptInputError(
                f"{path}: page {number} is {width}x{height} pixels, over the limit of "
                f"{settings.max_pixels} (a decompression bomb?); scale it down, e.g. to 300 dpi"
            )
        yield ImageFrame(path, number, 72 / _dpi(frame, settings), source)


def _gray(frame: Image.Image, path: Path) -> Image.Image:
    try:
        return frame.convert("L")
    except (OSError, SyntaxError, ValueError) as e:
        raise CorruptInputError(
            f"{path}: damaged or truncated ({e}); get a fresh copy or re-save the image"
        ) from e


def _dpi(frame: Image.Image, settings: IngestSettings) -> float:
    """The resolution recorded in the image, else the settings' dpi."""
    recorded = frame.info.get("dpi")
    dpi = float(recorded[0]) if recorded else 0.0
    plausible = UNKNOWN_DPI < dpi <= MAX_DPI
    return dpi if plausible else float(settings.dpi)
