"""The cross-report summary of a results database: rich tables, and XLSX, CSV or JSON exports."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

import pandas as pd
from rich.console import Console
from rich.table import Table

from extractor.errors import InputError

from .compare import PERCENT, format_value

SCHEMA = "lkj-batch/1"
SUMMARY_COLUMNS = (
    "source",
    "entity",
    "year",
    "pages",
    "input_kind",
    "errors",
    "warnings",
    "unverifiable",
    "pagu",
    "realisasi",
    "pct_realisasi",
    "seconds",
    "status",
    "error",
)
RULE_COLUMNS = ("rule", "severity", "findings", "reports", "pct_reports")
WORST_FIRST = ["errors", "warnings", "unverifiable", "source"]
EXPORT_SUFFIXES = (".xlsx", ".csv", ".json")

REPORTS_SQL = """
SELECT report_hash, source, entity, year, pages, input_kind, errors, warnings, unverifiable,
       pagu, realisasi, seconds, status, error FROM reports"""
RULES_SQL = """
SELECT rule, severity, COUNT(*) AS findings, COUNT(DISTINCT report_hash) AS reports
FROM findings {where} GROUP BY rule, severity"""


@dataclass(frozen=True)
class Summary:
    """One row per report (worst first, failed ones last) and how often each rule fired."""

    reports: pd.DataFrame
    rules: pd.DataFrame

    @property
    def checked(self) -> pd.DataFrame:
        return self.reports[self.reports["status"] == "checked"]

    @property
    def failed(self) -> pd.DataFrame:
        return self.reports[self.reports["status"] == "failed"]


def load_summary(database: Path, keys: Sequence[str] | None = None) -> Summary:
    """The summary of every report in ``database``, or of the reports whose hash is in ``keys``."""
    if not database.is_file():
        raise InputError(f"{database}: no such results database; run `lkj batch` first")
    where, params = "", ()
    if keys is not None:
        where, params = f"WHERE report_hash IN ({', '.join('?' * len(keys))})", tuple(keys)
    try:
        with closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True)) as connection:
            reports = pd.read_sql_query(f"{REPORTS_SQL} {where}", connection, params=params)
            rules = pd.read_sql_query(RULES_SQL.format(where=where), connection, params=params)
    except (sqlite3.DatabaseError, pd.errors.DatabaseError) as error:
        raise InputError(f"{database}: not a results database of lkj batch ({error})") from error
    return Summary(
        reports_frame(reports), rules_frame(rules, (reports["status"] == "checked").sum())
    )


def reports_frame(rows: pd.DataFrame) -> pd.DataFrame:
    """Report rows with % realisasi, checked ones worst first, then the failed ones."""
    frame = rows.assign(pct_realisasi=(rows["realisasi"] / rows["pagu"] * 100).round(2))
    frame = frame.assign(failed=frame["status"] == "failed")
    frame = frame.sort_values(["failed", *WORST_FIRST], ascending=[True, False, False, False, True])
    return frame.loc[:, list(SUMMARY_COLUMNS)].reset_index(drop=True)


def rules_frame(rows: pd.DataFrame, checked: int) -> pd.DataFrame:
    """Rules by the number of reports they fire in, with that number as a share of all checked."""
    frame = rows.assign(pct_reports=(rows["reports"] / max(checked, 1) * 100).round(1))
    frame = frame.sort_values(["reports", "findings", "rule"], ascending=[False, False, True])
    return frame.loc[:, list(RULE_COLUMNS)].reset_index(drop=True)


# --- rich -----------------------------------------------------------------------------------


def render_summary(summary: Summary, console: Console) -> None:
    """The reports table, the failed reports with their errors, and the rules table."""
    console.print(reports_table(summary.checked))
    if not summary.failed.empty:
        console.print(failed_table(summary.failed))
    if not summary.rules.empty:
        console.print(rules_table(summary.rules))
    checked, failed = len(summary.checked), len(summary.failed)
    console.print(f"{checked} reports checked, {failed} failed.", highlight=False)


def reports_table(frame: pd.DataFrame) -> Table:
    table = Table(title="reports, worst first", title_justify="left")
    table.add_column("report", min_width=20)
    for name in ("year", "pages", "input", "err.", "warn.", "unver.", "pagu", "realisasi"):
        table.add_column(name, justify="left" if name == "input" else "right", no_wrap=True)
    table.add_column("%", justify="right", no_wrap=True)
    table.add_column("s", justify="right", no_wrap=True)
    table.caption = "pagu and realisasi in Rp miliar (billion)"
    table.caption_justify = "left"
    for row in frame.itertuples():
        table.add_row(
            row.entity if isinstance(row.entity, str) else Path(row.source).name,
            *(_cell(v) for v in (row.year, row.pages, row.input_kind)),
            _count(row.errors, "red"),
            _count(row.warnings, "yellow"),
            _count(row.unverifiable, "magenta"),
            *(_miliar(v) for v in (row.pagu, row.realisasi)),
            "" if pd.isna(row.pct_realisasi) else format_value(row.pct_realisasi, PERCENT),
            f"{row.seconds:.1f}",
        )
    return table


def failed_table(frame: pd.DataFrame) -> Table:
    table = Table(title="failed reports", title_justify="left", title_style="red")
    table.add_column("file")
    table.add_column("error")
    for row in frame.itertuples():
        table.add_row(row.source, row.error)
    return table


def rules_table(frame: pd.DataFrame) -> Table:
    table = Table(title="rules that fire most", title_justify="left")
    for name in RULE_COLUMNS:
        left = name in ("rule", "severity")
        table.add_column(name.replace("pct_", "% "), justify="left" if left else "right")
    for row in frame.itertuples(index=False):
        table.add_row(
            row.rule, row.severity, str(row.findings), str(row.reports), f"{row.pct_reports:g}"
        )
    return table


def _cell(value: Any) -> str:
    return "" if pd.isna(value) else str(int(value) if isinstance(value, float) else value)


def _count(value: Any, style: str) -> str:
    return "" if pd.isna(value) or not value else f"[{style}]{int(value)}[/]"


def _miliar(value: Any) -> str:
    """Rupiah in miliar (10^9), Indonesian style: ``368,35``."""
    return "" if pd.isna(value) else f"{value / 1e9:,.2f}".translate(str.maketrans(",.", ".,"))


# --- exports --------------------------------------------------------------------------------


def to_json(summary: Summary) -> dict[str, Any]:
    """The summary as a JSON-ready dict (schema ``lkj-batch/1``); missing values as null."""
    return {
        "schema": SCHEMA,
        "reports": json.loads(summary.reports.to_json(orient="records", force_ascii=False)),
        "rules": json.loads(summary.rules.to_json(orient="records", force_ascii=False)),
    }


def write_json(summary: Summary, fp: TextIO) -> None:
    json.dump(to_json(summary), fp, ensure_ascii=False, indent=2)
    fp.write("\n")


def export(summary: Summary, path: Path) -> list[Path]:
    """Write ``path`` by its suffix: XLSX (a sheet per table), JSON, or CSV (+ ``.rules.csv``)."""
    suffix = path.suffix.lower()
    if suffix not in EXPORT_SUFFIXES:
        raise InputError(f"{path}: export to .xlsx, .csv or .json")
    if suffix == ".xlsx":
        write_xlsx(summary, path)
        return [path]
    if suffix == ".json":
        with path.open("w", encoding="utf-8") as fp:
            write_json(summary, fp)
        return [path]
    rules_path = path.with_suffix(".rules.csv")
    summary.reports.to_csv(path, index=False)
    summary.rules.to_csv(rules_path, index=False)
    return [path, rules_path]


def write_xlsx(summary: Summary, path: Path) -> None:
    """One sheet per table: reports (checked), rules, failed."""
    try:
        writer = pd.ExcelWriter(path, engine="openpyxl")
    except ImportError as error:
        raise InputError("XLSX export needs openpyxl: pip install 'lkj-audit[batch]'") from error
    with writer:
        summary.checked.to_excel(writer, sheet_name="reports", index=False)
        summary.rules.to_excel(writer, sheet_name="rules", index=False)
        failed = summary.failed.loc[:, ["source", "error"]]
        failed.to_excel(writer, sheet_name="failed", index=False)
