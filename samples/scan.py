"""Turn a PDF into an image-only "scanned" PDF: skew, blur, uneven light, grain, JPEG pages."""

from __future__ import annotations

import io
from dataclasses import dataclass

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageFilter

DEFAULT_DPI = 200
DEFAULT_QUALITY = 60
DEFAULT_MAX_SKEW = 1.5  # degrees either way
DEFAULT_BLUR = 1.0  # Gaussian radius in pixels at 200 dpi
DEFAULT_NOISE = 4.0  # standard deviation of the paper mottle, in grey levels
DEFAULT_LIGHTING = 0.12  # how much darker the dimmest part of the page gets
PAPER, INK = 246.0, 28.0  # grey levels of blank paper and of toner
MOTTLE = 24  # pixels across a blotch of paper mottle
SPECK_RATE = 2e-4  # share of pixels hit by a dust speck at the default noise


@dataclass(frozen=True)
class ScanSettings:
    """How the simulated scanner degrades each page."""

    dpi: int = DEFAULT_DPI
    quality: int = DEFAULT_QUALITY
    max_skew: float = DEFAULT_MAX_SKEW
    blur: float = DEFAULT_BLUR
    noise: float = DEFAULT_NOISE
    lighting: float = DEFAULT_LIGHTING

    def __post_init__(self) -> None:
        if not 72 <= self.dpi <= 600:
            raise ValueError(f"dpi must be within 72..600, not {self.dpi}")
        if not 1 <= self.quality <= 95:
            raise ValueError(f"JPEG quality must be within 1..95, not {self.quality}")
        if min(self.max_skew, self.blur, self.noise, self.lighting) < 0 or self.lighting >= 1:
            raise ValueError("skew, blur, noise must be ≥ 0 and lighting within [0, 1)")


@dataclass(frozen=True)
class Scan:
    """An image-only PDF and the skew (degrees, counter-clockwise) applied to each page."""

    pdf: bytes
    skews: tuple[float, ...]


def render_pages(pdf: bytes, dpi: int) -> list[Image.Image]:
    """Every page of ``pdf`` as a greyscale image at ``dpi``."""
    document = pdfium.PdfDocument(pdf)
    try:
        return [
            page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L") for page in document
        ]
    finally:
        document.close()


def _lighting(rng: np.random.Generator, size: tuple[int, int], depth: float) -> np.ndarray:
    """A smooth random field in [1 - depth, 1]: a tilted gradient plus soft blotches."""
    coarse = rng.uniform(0.0, 1.0, (4, 3)) * 0.5
    coarse += np.linspace(0.0, 0.5, 3)[None, :] * rng.choice((-1, 1)) + 0.25
    field = Image.fromarray((np.clip(coarse, 0, 1) * 255).astype(np.uint8)).resize(
        size, Image.Resampling.BICUBIC
    )
    return 1.0 - depth * (np.asarray(field, dtype=np.float32) / 255.0)


def _noise(rng: np.random.Generator, shape: tuple[int, int], sigma: float) -> np.ndarray:
    """Paper mottle (smooth blotches) plus sparse dark specks; per-pixel grain would bloat the
    JPEG without making OCR any harder."""
    cells = (shape[0] // MOTTLE + 1, shape[1] // MOTTLE + 1)
    coarse = rng.normal(0.0, sigma, cells).astype(np.float32)
    mottle = Image.fromarray(coarse, "F").resize((shape[1], shape[0]), Image.Resampling.BILINEAR)
    noise = np.asarray(mottle, dtype=np.float32).copy()
    specks = rng.random(shape, dtype=np.float32) < SPECK_RATE * sigma / DEFAULT_NOISE
    noise[specks] -= rng.uniform(60.0, 160.0, int(specks.sum())).astype(np.float32)
    return noise


def scan_image(
    page: Image.Image, rng: np.random.Generator, settings: ScanSettings
) -> tuple[Image.Image, float]:
    """One clean greyscale page as a scanner would return it, and the skew applied."""
    skew = float(rng.uniform(-settings.max_skew, settings.max_skew))
    image = page.rotate(skew, Image.Resampling.BICUBIC, fillcolor=255)
    radius = settings.blur * settings.dpi / DEFAULT_DPI
    if radius:
        image = image.filter(ImageFilter.GaussianBlur(radius))
    darkness = 1.0 - np.asarray(image, dtype=np.float32) / 255.0
    paper = PAPER * _lighting(rng, image.size, settings.lighting)
    grey = paper - (paper - INK) * darkness + _noise(rng, darkness.shape, settings.noise)
    return Image.fromarray(np.clip(grey, 0, 255).astype(np.uint8), "L"), round(skew, 3)


def images_to_pdf(images: list[Image.Image], dpi: int, quality: int) -> bytes:
    """An image-only PDF, one JPEG page per image, page size from ``dpi``."""
    out = io.BytesIO()
    first, *rest = images
    first.save(
        out,
        "PDF",
        save_all=True,
        append_images=rest,
        resolution=float(dpi),
        quality=quality,
        optimize=True,
        creationDate=None,
        modDate=None,
    )
    return out.getvalue()


def scan_pdf(pdf: bytes, seed: int, settings: ScanSettings | None = None) -> Scan:
    """``pdf`` as an image-only scanned PDF; the same seed gives the same bytes."""
    settings = settings or ScanSettings()
    rng = np.random.default_rng(seed)
    pages = [scan_image(p, rng, settings) for p in render_pages(pdf, settings.dpi)]
    data = images_to_pdf([image for image, _ in pages], settings.dpi, settings.quality)
    return Scan(data, tuple(skew for _, skew in pages))
