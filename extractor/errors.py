"""Errors lkj-audit raises, each with the exit code and a message that says what to do.

LkjError (exit 2)
├── InputError            the input cannot be read
│   ├── NotAReportError   not a PDF, image or text file
│   ├── EmptyInputError   zero pages or no text at all
│   ├── EncryptedPdfError the PDF is password-protected
│   └── CorruptInputError truncated or damaged file, decompression bomb
└── OcrError              tesseract missing or failing
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    ok = 0
    findings = 1
    bad_input = 2


class LkjError(Exception):
    """Base of every error the CLI turns into one line and an exit code."""

    exit_code: ExitCode = ExitCode.bad_input

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InputError(LkjError):
    """The input could not be read as a report."""


class NotAReportError(InputError):
    """The file is not a PDF, an image or a text file."""


class EmptyInputError(InputError):
    """The file has no pages or no text."""


class EncryptedPdfError(InputError):
    """The PDF is encrypted; decrypt it first."""


class CorruptInputError(InputError):
    """The file is truncated or damaged."""


class OcrError(LkjError):
    """Tesseract is missing or failed on a page."""
