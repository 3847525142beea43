"""The `lkj` command: argument parsing, the one error handler, and output to stdout."""

from __future__ import annotations

import argparse
import json
import logging
import sys
import traceback
from collections.abc import Callable, Sequence
from contextlib import nullcontext
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console

from extractor import __version__
from extractor.errors import ExitCode, LkjError
from extractor.settings import IngestSettings

from .batch import BatchSettings, Job, LogProgress, discover, rich_progress, run_batch
from .check import CheckResult, check_files, check_paths
from .export import dump_json, to_json, write_csv
from .i18n import LANGS, Lang, resolve_lang
from .render import VIEWS

if TYPE_CHECKING:
    from .summary import Summary

log = logging.getLogger("lkj")
PIPED_WIDTH = 120  # columns of the tables when the output goes to a file or a pipe

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
  lkj check laporan.pdf --html kertas-kerja.html --xlsx kertas-kerja.xlsx --lang id
      the working paper: every finding with a crop of each figure as it stands on the page

exit codes: 0 no error findings, 1 error findings, 2 the input could not be read
"""

BATCH_EXAMPLES = """\
examples:
  lkj batch laporan/ --db hasil.sqlite
      every report under laporan/ (recursively), on all cores, into hasil.sqlite
  lkj batch 'jatim/**/*.pdf' --db jatim.sqlite --resume --export jatim.xlsx
      carry on after an interruption, skipping the reports already in jatim.sqlite
  lkj batch LKIP-2016.pdf+PK-2016.pdf other.pdf
      a report and its separately scanned PK, checked as one report, and another report
  lkj batch laporan/ --scheduler tcp://10.0.0.5:8786 --timeout-per-report 900
      on a Dask cluster, giving up on a report after 15 minutes
  lkj batch laporan/ --html kertas-kerja/
      also one HTML working paper per report and an index page

A report that cannot be read (corrupt, encrypted, timed out) is recorded as failed and the batch
goes on. exit codes: 0 no error findings, 1 error findings, 2 a report failed or bad command
"""

REPORT_EXAMPLES = """\
examples:
  lkj report hasil.sqlite
      the summary of every report in the database, worst first, and the rules that fire most
  lkj report hasil.sqlite --format csv > ringkasan.csv
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
    _add_check(commands)
    _add_batch(commands)
    _add_report(commands)
    return parser


def _add_check(commands: argparse._SubParsersAction) -> None:
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
    output.add_argument(
        "--html",
        type=Path,
        metavar="FILE",
        help="write the working paper: one self-contained HTML file with evidence crops "
        "(a folder with one file per report and an index when --separate)",
    )
    output.add_argument(
        "--xlsx",
        type=Path,
        metavar="FILE",
        help="write the findings, indicators and budget as XLSX",
    )
    _add_lang(output)
    _add_reading(check)
    _add_verbose(check)


def _add_reading(command: argparse.ArgumentParser, page_jobs: bool = True) -> None:
    reading = command.add_argument_group("reading scans")
    reading.add_argument("--dpi", type=int, default=300, help="render scanned pages at (300)")
    if page_jobs:
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


def _add_lang(group: argparse._ArgumentGroup) -> None:
    group.add_argument(
        "--lang",
        choices=LANGS,
        default=None,
        help="language of tables and working papers: id or en (default: from the locale)",
    )


def _add_verbose(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help="log progress, and show a traceback on internal errors",
    )


def _add_batch(commands: argparse._SubParsersAction) -> None:
    batch = commands.add_parser(
        "batch",
        help="check many reports in parallel into a SQLite database",
        description="Check many reports (files, folders, globs) on all cores or a Dask cluster; "
        "results go into SQLite as each report finishes, then a summary is printed.",
        epilog=BATCH_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    batch.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="report files, folders (searched recursively) or glob patterns; a+b.pdf is one report",
    )
    results = batch.add_argument_group("results")
    results.add_argument(
        "--db", type=Path, default=Path("results.sqlite"), help="results database (results.sqlite)"
    )
    results.add_argument(
        "--resume", action="store_true", help="skip the reports the database already holds"
    )
    results.add_argument(
        "--export", type=Path, metavar="FILE", help="also write the summary: .xlsx, .csv or .json"
    )
    results.add_argument(
        "--html", type=Path, metavar="DIR", help="write one working paper per report and an index"
    )
    _add_lang(results)
    running = batch.add_argument_group("running")
    running.add_argument(
        "--jobs", type=int, default=None, help="reports checked at once (default: all cores)"
    )
    running.add_argument(
        "--scheduler", metavar="ADDR", help="a Dask scheduler, e.g. tcp://10.0.0.5:8786"
    )
    running.add_argument(
        "--timeout-per-report", type=float, metavar="S", help="give up on a report after S seconds"
    )
    _add_reading(batch, page_jobs=False)
    _add_verbose(batch)


def _add_report(commands: argparse._SubParsersAction) -> None:
    report = commands.add_parser(
        "report",
        help="summarise a results database without checking again",
        description="The summary of a database written by `lkj batch`, without checking again.",
        epilog=REPORT_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    report.add_argument("database", type=Path, metavar="DB", help="the results database")
    report.add_argument(
        "--format",
        choices=("table", "json", "csv"),
        default="table",
        help="table (default), json (lkj-batch/1) or csv (one row per report)",
    )
    _add_verbose(report)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose or args.command == "batch" else logging.WARNING,
        format="lkj: %(message)s",
        stream=sys.stderr,
    )
    try:
        return COMMANDS[args.command](args)
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
    lang = resolve_lang(args.lang)
    if args.separate:
        results = [check_files([path], settings) for path in args.files]
    else:
        results = check_paths(args.files, settings)
    groups = [[Path(s) for s in r.report.source.split(" + ")] for r in results]
    _print(results, args, lang)
    if args.html:
        _workpapers([(g, r, None) for g, r in zip(groups, results, strict=True)], args.html, lang)
    if args.xlsx:
        from .workbook import write_xlsx  # openpyxl: off the start-up path

        for result, path in zip(results, _numbered(args.xlsx, len(results)), strict=True):
            write_xlsx(result, path, lang)
    return int(ExitCode.findings if any(r.has_errors for r in results) else ExitCode.ok)


def _numbered(path: Path, count: int) -> list[Path]:
    """``path`` itself for one report, else ``stem-1.xlsx``, ``stem-2.xlsx``, …"""
    if count == 1:
        return [path]
    return [path.with_name(f"{path.stem}-{n}{path.suffix}") for n in range(1, count + 1)]


def _workpapers(
    reports: Sequence[tuple[Sequence[Path], CheckResult | None, str | None]],
    directory: Path,
    lang: Lang,
) -> None:
    """The working paper of one report at ``directory`` itself; for several, one per report
    (or its error) and an index page, in the folder ``directory``."""
    from .workpaper import IndexEntry, write_html, write_index  # rendering: off start-up

    if len(reports) == 1 and reports[0][1] is not None and directory.suffix == ".html":
        write_html(reports[0][1], directory, lang, sources=reports[0][0])
        return
    directory.mkdir(parents=True, exist_ok=True)
    entries = []
    for number, (paths, result, error) in enumerate(reports, start=1):
        source = " + ".join(map(str, paths))
        html = directory / f"{number:03d}-{Path(paths[0]).stem}.html" if result else None
        if result is not None and html is not None:
            write_html(result, html, lang, sources=paths)
        entries.append(IndexEntry(source, html, result, error))
    write_index(entries, directory / "index.html", lang)
    log.info("working papers written to %s", directory / "index.html")


def _batch(args: argparse.Namespace) -> int:
    from .summary import export, load_summary, render_summary  # pandas: off check's start-up

    settings = BatchSettings(
        jobs=args.jobs,
        scheduler=args.scheduler,
        timeout=args.timeout_per_report,
        resume=args.resume,
        ingest=_settings(args),
    )
    jobs = discover(args.paths)
    progress = (
        rich_progress(len(jobs)) if sys.stderr.isatty() else nullcontext(LogProgress(len(jobs)))
    )
    with progress as reporter:
        run = run_batch(jobs, args.db, settings, reporter)
    log.info(
        "%d checked, %d failed, %d skipped (already in %s)",
        run.checked,
        run.failed,
        run.skipped,
        args.db,
    )
    summary = load_summary(args.db, run.keys)
    render_summary(summary, Console())
    if args.export:
        written = export(summary, args.export)
        log.info("summary written to %s", ", ".join(map(str, written)))
    if args.html:
        _batch_workpapers(jobs, summary, settings.ingest, args.html, resolve_lang(args.lang))
    if not summary.failed.empty:
        return int(ExitCode.bad_input)
    return int(ExitCode.findings if (summary.checked["errors"] > 0).any() else ExitCode.ok)


def _batch_workpapers(
    jobs: Sequence[Job], summary: Summary, ingest: IngestSettings, directory: Path, lang: Lang
) -> None:
    """Working papers of a batch: each report checked again (its OCR comes from the cache)."""
    errors = dict(zip(summary.failed["source"], summary.failed["error"], strict=True))
    reports = []
    for job in jobs:
        error = errors.get(job.source)
        result = None if error else check_files(job.paths, ingest)
        reports.append((job.paths, result, error))
    _workpapers(reports, directory, lang)


def _report(args: argparse.Namespace) -> int:
    from .summary import load_summary, render_summary, write_json

    summary = load_summary(args.database)
    if args.format == "json":
        write_json(summary, sys.stdout)
    elif args.format == "csv":
        summary.reports.to_csv(sys.stdout, index=False)
    else:
        render_summary(summary, Console())
    return int(ExitCode.ok)


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "check": _check,
    "batch": _batch,
    "report": _report,
}


def _print(results: list[CheckResult], args: argparse.Namespace, lang: Lang) -> None:
    if args.format == "json":
        if len(results) == 1:
            dump_json(results[0], sys.stdout)
        else:
            json.dump([to_json(r) for r in results], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    elif args.format == "csv":
        for result in results:
            write_csv(result, args.show, sys.stdout, lang)
    else:
        console = Console(width=None if sys.stdout.isatty() else PIPED_WIDTH)
        for result in results:
            VIEWS[args.show](result, console, lang=lang)


def run() -> None:
    sys.exit(main())


if __name__ == "__main__":
    run()
