"""Read any supported input (PDF, image, OCR text) into one Document."""

from __future__ import annotations

from pathlib import Path

from .errors import EmptyInputError, InputError, NotAReportError
from .models import Document
from .settings import IngestSettings
from .textpages import split_pages

TEXT_SUFFIXES = (".txt", ".text")
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff")
PDF_MAGIC = b"%PDF-"
SNIFF_BYTES = 2048
TEXT_CONTROLS = frozenset(b"\t\n\r\f\v")
MAX_CONTROL_SHARE = 0.01  # OCR text has form feeds and tabs, binary data many other controls


def load_document(path: Path, settings: IngestSettings | None = None) -> Document:
    """Dispatch on the file's content and name; every error says what to do next."""
    settings = settings or IngestSettings()
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path}: is a folder; give a report file (lkj batch takes folders)")
    head = path.read_bytes()[:SNIFF_BYTES]
    if not head:
        raise EmptyInputError(f"{path}: the file is empty")
    suffix = path.suffix.lower()
    if head.startswith(PDF_MAGIC) or suffix == ".pdf":
        from .pdf import read_pdf

        return read_pdf(path, settings)
    if suffix in IMAGE_SUFFIXES:
        from .images import read_image

        return read_image(path, settings)
    if _looks_like_text(head):
        return read_text(path)
    raise NotAReportError(
        f"{path}: not a PDF, image (.png .jpg .tif) or OCR text file; "
        "give the report as one of those"
    )


def _looks_like_text(head: bytes) -> bool:
    """Text (UTF-8 or a legacy 8-bit code page), not binary: no NUL, hardly any control bytes."""
    if b"\x00" in head:
        return False
    controls = sum(byte < 0x20 and byte not in TEXT_CONTROLS for byte in head)
    return controls <= MAX_CONTROL_SHARE * len(head)


def read_text(path: Path) -> Document:
    """OCR text (as a scanner's OCR wrote it): pages split at footers, blank runs, form feeds."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        text = path.read_text(encoding="latin-1")
    pages = split_pages(text)
    if not pages:
        raise EmptyInputError(f"{path}: no text in the file; is it the OCR output of the report?")
    return Document(str(path), "text", pages)
