"""The `lkj` command: argument parsing, the one error handler, and output to stdout."""

from __future__ import annotations

import argparse
import json
import logging
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console

from extractor import __version__
from extractor.errors import ExitCode, LkjError
from extractor.settings import IngestSettings

from .check import CheckResult, check_files
from .export import dump_json, to_json, write_csv
from .render import VIEWS

log = logging.getLogger("lkj")

EXAMPLES = """\
examples:
  lkj check laporan.pdf
      findings of one report, grouped by severity, with the page of every figure
  lkj check LKIP-2016.pdf PK-2016.pdf
      a report and its separately scanned PK, checked together as one report
  lkj check laporan.pdf --show alignment
      how the indicators of the PK, the measurement table and the appendix were matched
  lkj check laporan.txt --format json > temuan.json
      the findings as JSON (schema lkj-check/1), for other tools
  lkj check scans/*.pdf --separate --format csv > temuan.csv

exit codes: 0 no error findings, 1 error findings, 2 the input could not be read
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="lkj",
        description="Audit Indonesian performance reports (Laporan Kinerja): find the figures "
        "that contradict each other across the PK, RKT, measurement and budget tables.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"lkj-audit {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    check = commands.add_parser(
        "check",
        help="check one report (PDF, image or OCR text)",
        description="Check one report: read it, rebuild its tables, reconcile its figures.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    check.add_argument(
        "files",
        nargs="+",
        type=Path,
        metavar="FILE",
        help="the report: .pdf (scanned or digital), .png/.jpg/.tif, or .txt OCR",
    )
    output = check.add_argument_group("output")
    output.add_argument(
        "--format",
        choices=("table", "json", "csv"),
        default="table",
        help="table (default, for people), json (lkj-check/1) or csv",
    )
    output.add_argument(
        "--show", choices=tuple(VIEWS), default="findings", help="what to list (default: findings)"
    )
    output.add_argument(
        "--separate",
        action="store_true",
        help="check several files one by one instead of as one report",
    )
    reading = check.add_argument_group("reading scans")
    reading.add_argument("--dpi", type=int, default=300, help="render scanned pages at (300)")
    reading.add_argument(
        "--jobs", type=int, default=None, help="pages OCR'd in parallel (default: all cores)"
    )
    reading.add_argument("--no-cache", action="store_true", help="do not reuse earlier OCR")
    reading.add_argument(
        "--cache-dir",
        type=Path,
        default=None,
        help="where OCR results are kept (default: the user cache dir)",
    )
    check.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help="log progress, and show a traceback on internal errors",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="lkj: %(message)s",
        stream=sys.stderr,
    )
    try:
        return _check(args)
    except LkjError as error:
        print(f"lkj: error: {error.message}", file=sys.stderr)
        return int(error.exit_code)
    except ValueError as error:  # settings out of range
        print(f"lkj: error: {error}", file=sys.stderr)
        return int(ExitCode.bad_input)
    except KeyboardInterrupt:
        print("lkj: interrupted", file=sys.stderr)
        return 130
    except Exception as error:  # noqa: BLE001 - the one place that turns crashes into a line
        if args.verbose:
            traceback.print_exc()
        print(
            f"lkj: internal error: {type(error).__name__}: {error} "
            "(please report it; run with -v for details)",
            file=sys.stderr,
        )
        return int(ExitCode.bad_input)


def _settings(args: argparse.Namespace) -> IngestSettings:
    return IngestSettings(
        dpi=args.dpi,
        jobs=args.jobs,
        use_cache=not args.no_cache,
        cache_dir=args.cache_dir,
        progress=sys.stderr.isatty(),
    )


def _check(args: argparse.Namespace) -> int:
    settings = _settings(args)
    groups = [[path] for path in args.files] if args.separate else [args.files]
    results = [check_files(group, settings) for group in groups]
    _print(results, args)
    return int(ExitCode.findings if any(r.has_errors for r in results) else ExitCode.ok)


def _print(results: list[CheckResult], args: argparse.Namespace) -> None:
    if args.format == "json":
        if len(results) == 1:
            dump_json(results[0], sys.stdout)
        else:
            json.dump([to_json(r) for r in results], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    elif args.format == "csv":
        for result in results:
            write_csv(result, args.show, sys.stdout)
    else:
        console = Console()
        for result in results:
            VIEWS[args.show](result, console)


def run() -> None:
    sys.exit(main())


if __name__ == "__main__":
    run()
