"""A SQLite cache of OCR'd pages keyed by the page image and everything that shapes the OCR."""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Any

from PIL import Image

from extractor.layout import make_line
from extractor.models import BBox, Page, Word
from extractor.settings import IngestSettings

CACHE_FILE = "ocr-cache.sqlite"
DIGEST_CHUNK = 1 << 20
CACHE_FORMAT = 1  # bump when the stored JSON changes
LOCK_TIMEOUT = 30.0  # seconds to wait for another lkj process writing the cache

log = logging.getLogger(__name__)


class OcrCache:
    """Pages by key; ``hits`` and ``misses`` count the look-ups of this instance."""

    def __init__(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        self.path = directory / CACHE_FILE
        self.hits = 0
        self.misses = 0
        self._db = sqlite3.connect(self.path, timeout=LOCK_TIMEOUT)
        with self._db:
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS pages (key TEXT PRIMARY KEY, value TEXT NOT NULL)"
            )

    @staticmethod
    def key(image: Image.Image, context: str) -> str:
        """sha256 of the image's pixels, mode and size, and of ``context`` (engine, settings)."""
        digest = hashlib.sha256(f"{CACHE_FORMAT}|{context}|{image.mode}|{image.size}".encode())
        digest.update(image.tobytes())
        return digest.hexdigest()

    @staticmethod
    def source_key(source: str, context: str) -> str:
        """sha256 of what the page image is rendered from (file digest, page, zoom), ``context``."""
        return hashlib.sha256(f"{CACHE_FORMAT}|{context}|source|{source}".encode()).hexdigest()

    def get(self, key: str, page_number: int) -> Page | None:
        """The cached page, renumbered as ``page_number``; None (a miss) when absent."""
        row = self._db.execute("SELECT value FROM pages WHERE key = ?", (key,)).fetchone()
        if row is None:
            self.misses += 1
            return None
        self.hits += 1
        return page_from_json(json.loads(row[0]), page_number)

    def put(self, key: str, page: Page) -> None:
        with self._db:
            self._db.execute(
                "INSERT OR REPLACE INTO pages (key, value) VALUES (?, ?)",
                (key, json.dumps(page_to_json(page))),
            )

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> OcrCache:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()


@contextmanager
def cache_for(settings: IngestSettings, given: OcrCache | None) -> Iterator[OcrCache | None]:
    """``given`` when set; else the settings' cache, closed after use (None when disabled)."""
    if given is not None or not settings.use_cache:
        yield given
        return
    try:
        cache = OcrCache(settings.cache_path)
    except (OSError, sqlite3.Error) as e:
        log.warning("OCR cache disabled: cannot open %s: %s", settings.cache_path, e)
        yield None
        return
    with cache:
        yield cache


def file_digest(path: Path) -> str:
    """sha256 of a file's bytes: names what its page images are made from."""
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while chunk := file.read(DIGEST_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def page_to_json(page: Page) -> dict[str, Any]:
    """A page as JSON: its size and, per line, words as [text, x0, top, x1, bottom, conf]."""
    return {
        "kind": page.kind,
        "width": page.width,
        "height": page.height,
        "lines": [[_word_to_json(w) for w in line.words] for line in page.lines],
    }


def page_from_json(data: dict[str, Any], number: int) -> Page:
    lines = tuple(make_line([_word_from_json(w) for w in words], number) for words in data["lines"])
    return Page(number, lines, data["kind"], data["width"], data["height"])


def _word_to_json(word: Word) -> list[Any]:
    box = word.bbox.as_tuple() if word.bbox is not None else (None,) * 4
    return [word.text, *box, word.confidence]


def _word_from_json(data: list[Any]) -> Word:
    text, x0, top, x1, bottom, confidence = data
    bbox = BBox(x0, top, x1, bottom) if x0 is not None else None
    return Word(text, bbox, confidence)
