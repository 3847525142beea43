"""Tunables for reading PDFs and images: resolution, parallelism, OCR language, cache."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

DEFAULT_DPI = 300
MIN_DPI = 72
MAX_DPI = 1200
DEFAULT_LANG = "ind+eng"
DEFAULT_PAGE_TIMEOUT = 120.0
DEFAULT_MIN_TEXT_CHARS = 20
# Pixels in one page image: an A0 poster at 300 dpi fits; a decompression bomb does not.
DEFAULT_MAX_PIXELS = 150_000_000
APP_NAME = "lkj-audit"

_LANG = re.compile(r"[a-z_]+(\+[a-z_]+)*")


def default_cache_dir() -> Path:
    """The user's cache directory for lkj-audit (platformdirs when installed, else XDG)."""
    try:
        from platformdirs import user_cache_dir
    except ImportError:
        base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
        return Path(base) / APP_NAME
    return Path(user_cache_dir(APP_NAME))


@dataclass(frozen=True)
class IngestSettings:
    """How pages are read; ``jobs=None`` uses every core, ``cache_dir=None`` the user cache."""

    dpi: int = DEFAULT_DPI
    jobs: int | None = None
    lang: str = DEFAULT_LANG
    use_cache: bool = True
    cache_dir: Path | None = None
    progress: bool = False
    page_timeout: float = DEFAULT_PAGE_TIMEOUT
    min_text_chars: int = DEFAULT_MIN_TEXT_CHARS
    max_pixels: int = DEFAULT_MAX_PIXELS

    def __post_init__(self) -> None:
        if not MIN_DPI <= self.dpi <= MAX_DPI:
            raise ValueError(f"dpi must be between {MIN_DPI} and {MAX_DPI}, got {self.dpi}")
        if self.jobs is not None and self.jobs < 1:
            raise ValueError(f"jobs must be at least 1, got {self.jobs}")
        if not _LANG.fullmatch(self.lang):
            raise ValueError(f"lang must look like 'ind+eng', got {self.lang!r}")
        if self.page_timeout <= 0:
            raise ValueError(f"page_timeout must be positive, got {self.page_timeout}")
        if self.min_text_chars < 0:
            raise ValueError(f"min_text_chars must not be negative, got {self.min_text_chars}")
        if self.max_pixels < 1:
            raise ValueError(f"max_pixels must be positive, got {self.max_pixels}")

    @property
    def workers(self) -> int:
        """The number of OCR processes to run."""
        return self.jobs or os.cpu_count() or 1

    @property
    def cache_path(self) -> Path:
        """The directory of the OCR cache."""
        return self.cache_dir if self.cache_dir is not None else default_cache_dir()

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(self.lang.split("+"))
