"""Batch results in SQLite: one transaction per finished report, so a killed batch can resume.

A report is identified by its content hash (sha256 of the file's bytes; for a report of several
files, sha256 of their sorted hashes) and the tool version: the same bytes checked by the same
version give the same rows, wherever the file lies. The database runs in WAL mode and only the
batch's parent process writes to it.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from extractor import __version__
from extractor.errors import InputError

CHUNK_BYTES = 1 << 20
TOOL_VERSION = __version__

KEY_COLUMNS = ("report_hash", "tool_version")
REPORT_COLUMNS = (
    "source",
    "status",
    "error",
    "input_kind",
    "pages",
    "entity",
    "year",
    "errors",
    "warnings",
    "unverifiable",
    "infos",
    "pagu",
    "realisasi",
    "seconds",
)
FINDING_COLUMNS = ("n", "rule", "severity", "message", "difference", "cited")
INDICATOR_COLUMNS = (
    "n",
    "section",
    "no",
    "sasaran",
    "indikator",
    *(f"{q}{part}" for q in ("target", "realisasi", "capaian") for part in ("", "_unit", "_raw")),
    "page",
)
BUDGET_COLUMNS = ("n", "section", "program", "code", "name", "allocation", "realisation", "page")
# Columns that differ between two runs over the same inputs (left out of comparisons).
TIMING_COLUMNS = ("seconds", "checked_at")

SCHEMA = f"""
CREATE TABLE IF NOT EXISTS reports (
    report_hash TEXT NOT NULL, tool_version TEXT NOT NULL,
    {", ".join(REPORT_COLUMNS)}, checked_at TEXT DEFAULT (datetime('now')),
    PRIMARY KEY (report_hash, tool_version));
CREATE TABLE IF NOT EXISTS findings (report_hash, tool_version, {", ".join(FINDING_COLUMNS)},
    PRIMARY KEY (report_hash, tool_version, n));
CREATE TABLE IF NOT EXISTS indicators (report_hash, tool_version, {", ".join(INDICATOR_COLUMNS)},
    PRIMARY KEY (report_hash, tool_version, n));
CREATE TABLE IF NOT EXISTS budget_lines (report_hash, tool_version, {", ".join(BUDGET_COLUMNS)},
    PRIMARY KEY (report_hash, tool_version, n));
"""
CHILD_TABLES = ("findings", "indicators", "budget_lines")

Status = Literal["checked", "failed"]


@dataclass(frozen=True)
class Outcome:
    """One report as a worker hands it back: its lkj-check/1 dict, or the error that stopped it."""

    key: str
    source: str
    status: Status
    seconds: float
    error: str | None = None
    document: dict[str, Any] | None = None
    pagu: int | float | None = None
    realisasi: int | float | None = None


def file_hash(path: Path) -> str:
    """sha256 of a file's bytes, read in chunks."""
    digest = hashlib.sha256()
    try:
        with path.open("rb") as fp:
            while chunk := fp.read(CHUNK_BYTES):
                digest.update(chunk)
    except OSError as error:
        raise InputError(
            f"{path}: cannot be read ({error.strerror}); check its permissions"
        ) from error
    return digest.hexdigest()


def content_hash(paths: Sequence[Path]) -> str:
    """The identity of a report: its file's hash, or the hash of its files' sorted hashes."""
    hashes = sorted(file_hash(path) for path in paths)
    if len(hashes) == 1:
        return hashes[0]
    return hashlib.sha256("\n".join(hashes).encode()).hexdigest()


@contextmanager
def open_store(path: Path) -> Iterator[sqlite3.Connection]:
    """The results database, created when missing, in WAL mode; closed on exit."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("PRAGMA journal_mode=WAL")
        # NORMAL is durable against a killed process (not a power cut) and much faster in WAL.
        connection.execute("PRAGMA synchronous=NORMAL")
        connection.executescript(SCHEMA)
        yield connection


def done_keys(connection: sqlite3.Connection) -> set[str]:
    """Hashes of the reports this tool version has already recorded (checked or failed)."""
    rows = connection.execute(
        "SELECT report_hash FROM reports WHERE tool_version = ?", (TOOL_VERSION,)
    )
    return {hash_ for (hash_,) in rows}


def save_outcome(connection: sqlite3.Connection, outcome: Outcome) -> None:
    """All rows of one report, replacing any earlier ones, in one transaction."""
    key = (outcome.key, TOOL_VERSION)
    document = outcome.document or {}
    with connection:
        for table in ("reports", *CHILD_TABLES):
            connection.execute(
                f"DELETE FROM {table} WHERE report_hash = ? AND tool_version = ?", key
            )
        _insert(connection, "reports", REPORT_COLUMNS, [key + _report_row(outcome)])
        rows = (
            ("findings", FINDING_COLUMNS, map(_finding_row, document.get("findings", ()))),
            ("indicators", INDICATOR_COLUMNS, map(_indicator_row, document.get("indicators", ()))),
            ("budget_lines", BUDGET_COLUMNS, map(_budget_row, document.get("budget", ()))),
        )
        for table, columns, values in rows:
            _insert(connection, table, columns, [key + (n, *row) for n, row in enumerate(values)])


def _insert(
    connection: sqlite3.Connection, table: str, columns: Sequence[str], rows: Iterable[tuple]
) -> None:
    names = ", ".join((*KEY_COLUMNS, *columns))
    marks = ", ".join("?" * (len(KEY_COLUMNS) + len(columns)))
    connection.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)


def _report_row(outcome: Outcome) -> tuple[Any, ...]:
    document = outcome.document or {}
    severities = [f["severity"] for f in document.get("findings", ())]
    counts = tuple(severities.count(s) for s in ("error", "warning", "unverifiable", "info"))
    kind, pages, entity, year = (document.get(k) for k in ("input_kind", "pages", "entity", "year"))
    return (
        outcome.source,
        outcome.status,
        outcome.error,
        kind,
        pages,
        entity,
        year,
        *(counts if outcome.document else (None,) * 4),
        outcome.pagu,
        outcome.realisasi,
        round(outcome.seconds, 3),
    )


def _finding_row(finding: dict[str, Any]) -> tuple[Any, ...]:
    cited = json.dumps(finding["values"], ensure_ascii=False, sort_keys=True)
    return (finding["rule"], finding["severity"], finding["message"], finding["difference"], cited)


def _indicator_row(indicator: dict[str, Any]) -> tuple[Any, ...]:
    quantities = [indicator[q] or {} for q in ("target", "realisasi", "capaian")]
    cells = [q.get(part) for q in quantities for part in ("value", "unit", "raw")]
    page = next((q["page"] for q in quantities if q.get("page") is not None), None)
    names = (indicator[k] for k in ("section", "no", "sasaran", "indikator"))
    return (*names, *cells, page)


def _budget_row(line: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(line[k] for k in BUDGET_COLUMNS[1:])
