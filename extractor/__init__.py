"""Read LKj reports (scanned PDFs, digital PDFs, images, OCR text) into typed records."""

__version__ = "0.1.0"
