"""Bad input: each unreadable file raises its error with one line saying what to do."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pytest
from reportlab.lib import pdfencrypt

from extractor.errors import (
    CorruptInputError,
    EmptyInputError,
    EncryptedPdfError,
    LkjError,
    NotAReportError,
)
from extractor.images import read_image
from extractor.pdf import read_pdf
from extractor.settings import IngestSettings
from tests.test_ocr import FakeEngine, draw_scan, settings_for
from tests.test_pdf import text_pdf

TEXT = [["Laporan Kinerja Tahun 2024 Rp 1.234.567.000"]]


def minimal_pdf(*objects: str) -> bytes:
    """A well-formed PDF of these objects (1 is the catalog), with a correct xref table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\n".encode()
    out += f"startxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def png_header_only(width: int, height: int) -> bytes:
    """A PNG that claims ``width`` x ``height`` pixels: a decompression bomb's header."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data)
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)  # 1-bit grayscale
    idat = zlib.compress(b"\x00" * 1024)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat)


def assert_one_line(error: pytest.ExceptionInfo[LkjError]) -> None:
    assert "\n" not in error.value.message
    assert error.value.__cause__ is not None or isinstance(error.value, EmptyInputError)


def test_text_file_named_pdf_is_not_a_report(tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_text("Laporan Kinerja\nini bukan PDF\n")
    with pytest.raises(NotAReportError, match="not a PDF") as error:
        read_pdf(path, settings_for(tmp_path))
    assert "\n" not in error.value.message


@pytest.mark.parametrize("keep", [0.5, 0.05])
def test_truncated_pdf_is_corrupt(tmp_path: Path, keep: float) -> None:
    data = text_pdf(tmp_path / "whole.pdf", TEXT * 3).read_bytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(data[: int(len(data) * keep)])
    with pytest.raises(CorruptInputError, match="damaged or truncated .*qpdf") as error:
        read_pdf(path, settings_for(tmp_path), engine=FakeEngine())
    assert_one_line(error)


def test_encrypted_pdf_names_the_fix(tmp_path: Path) -> None:
    secret = pdfencrypt.StandardEncryption("rahasia", ownerPassword="pemilik")
    path = text_pdf(tmp_path / "locked.pdf", TEXT, encrypt=secret)
    with pytest.raises(EncryptedPdfError) as error:
        read_pdf(path, settings_for(tmp_path), engine=FakeEngine())
    assert error.value.message.endswith(
        "is encrypted; decrypt it first, e.g. qpdf --decrypt in.pdf out.pdf"
    )
    assert_one_line(error)


def test_pdf_with_only_an_owner_password_is_read(tmp_path: Path) -> None:
    restricted = pdfencrypt.StandardEncryption("", ownerPassword="pemilik", canCopy=0)
    path = text_pdf(tmp_path / "restricted.pdf", TEXT, encrypt=restricted)
    document = read_pdf(path, settings_for(tmp_path), engine=FakeEngine())
    assert document.pages[0].lines[0].text == TEXT[0][0]


def test_pdf_without_pages_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "zero.pdf"
    path.write_bytes(
        minimal_pdf("<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [] /Count 0 >>")
    )
    with pytest.raises(EmptyInputError, match="no pages"):
        read_pdf(path, settings_for(tmp_path))


def test_zero_byte_pdf_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    with pytest.raises(EmptyInputError, match="empty"):
        read_pdf(path, settings_for(tmp_path))


def test_decompression_bomb_png_is_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "bomb.png"
    path.write_bytes(png_header_only(100_000, 100_000))
    with pytest.raises(CorruptInputError, match="too large|decompression bomb") as error:
        read_image(path, settings_for(tmp_path), engine=FakeEngine())
    assert_one_line(error)


def test_image_over_the_pixel_limit_is_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "big.png"
    draw_scan(dpi=72).save(path)
    settings = settings_for(tmp_path, max_pixels=10_000)
    with pytest.raises(CorruptInputError, match="page 1 is 595x842 pixels, over the limit"):
        read_image(path, settings, engine=FakeEngine())


def test_truncated_png_is_corrupt(tmp_path: Path) -> None:
    whole = tmp_path / "whole.png"
    draw_scan(dpi=72).save(whole)
    path = tmp_path / "cut.png"
    path.write_bytes(whole.read_bytes()[:2000])
    with pytest.raises(CorruptInputError, match="damaged or truncated") as error:
        read_image(path, settings_for(tmp_path), engine=FakeEngine())
    assert_one_line(error)


def test_text_file_named_png_is_not_a_report(tmp_path: Path) -> None:
    path = tmp_path / "scan.png"
    path.write_text("bukan gambar")
    with pytest.raises(NotAReportError, match="not a PNG, JPEG or TIFF image"):
        read_image(path, settings_for(tmp_path), engine=FakeEngine())


@pytest.mark.parametrize(
    "changes",
    [{"dpi": 10}, {"jobs": 0}, {"lang": "ind eng"}, {"page_timeout": 0}, {"min_text_chars": -1}],
)
def test_settings_reject_nonsense(changes: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        IngestSettings(**changes)  # type: ignore[arg-type]


def test_settings_defaults() -> None:
    settings = IngestSettings()
    assert (settings.dpi, settings.lang, settings.min_text_chars) == (300, "ind+eng", 20)
    assert settings.workers >= 1
    assert settings.cache_path.name == "lkj-audit"
    assert IngestSettings(cache_dir=Path("/x")).cache_path == Path("/x")
