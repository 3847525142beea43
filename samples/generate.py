"""Write synthetic LKj reports as PDFs (digital, or scanned with --scan) with their truth files.

Example::

    python -m samples.generate --out /tmp/synth --reports 5 --seed 7 --inject 3 --scan
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium

from samples.generate_text import (
    batch_args_ok,
    batch_parser,
    batch_report,
    write_batch,
    write_truth,
)
from samples.render_pdf import render_pdf
from samples.scan import DEFAULT_DPI, DEFAULT_QUALITY, ScanSettings, scan_pdf
from samples.truth import truth_of


def _parser() -> argparse.ArgumentParser:
    p = batch_parser(
        "python -m samples.generate",
        "Generate synthetic LKj reports as PDFs (digital or scanned) and their truth files.",
    )
    scan = p.add_argument_group("scanning")
    scan.add_argument("--scan", action="store_true", help="write image-only scanned PDFs")
    scan.add_argument("--dpi", type=int, default=DEFAULT_DPI, help=f"default {DEFAULT_DPI}")
    scan.add_argument(
        "--quality",
        type=int,
        default=DEFAULT_QUALITY,
        help=f"JPEG quality (default {DEFAULT_QUALITY})",
    )
    return p


def page_count(pdf: bytes) -> int:
    """How many pages ``pdf`` has."""
    document = pdfium.PdfDocument(pdf)
    try:
        return len(document)
    finally:
        document.close()


def report_pdf(seed: int, index: int, args: argparse.Namespace) -> tuple[bytes, dict[str, Any]]:
    """Report ``index`` of a batch as PDF bytes, with its truth."""
    own, report = batch_report(seed, index, args)
    pdf = render_pdf(report, own)
    scan: dict[str, Any] | None = None
    if args.scan:
        settings = ScanSettings(dpi=args.dpi, quality=args.quality)
        scanned = scan_pdf(pdf, own, settings)
        pdf = scanned.pdf
        scan = {"dpi": settings.dpi, "quality": settings.quality, "skews": list(scanned.skews)}
    kind = "pdf-scanned" if args.scan else "pdf-text"
    extra = {"render_seed": own, "input_kind": kind, "pages": page_count(pdf), "scan": scan}
    return pdf, truth_of(report) | extra


def write_report(out: Path, seed: int, index: int, args: argparse.Namespace) -> Path:
    """Build, render (and scan) one report and write it with its truth; returns the PDF."""
    pdf, truth = report_pdf(seed, index, args)
    pdf_path = out / f"lkj-{seed}-{index}.pdf"
    pdf_path.write_bytes(pdf)
    write_truth(out / f"lkj-{seed}-{index}.truth.json", truth)
    return pdf_path


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        ScanSettings(dpi=args.dpi, quality=args.quality)
    except ValueError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    if not batch_args_ok(args):
        print("error: need --reports ≥ 1, --inject ≥ 0, --pages-scale > 0", file=sys.stderr)
        return 2
    return write_batch(args, write_report)


if __name__ == "__main__":
    sys.exit(main())
