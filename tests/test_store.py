"""The results database: report identity, one transaction per report, resume bookkeeping."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from extractor.errors import InputError
from extractor.settings import IngestSettings
from reconcile.batch import Job, check_job
from reconcile.check import check_file
from reconcile.export import to_json
from reconcile.store import (
    TOOL_VERSION,
    Outcome,
    content_hash,
    done_keys,
    open_store,
    save_outcome,
)
from samples.render_text import render_text
from samples.synthetic import build_report


@pytest.fixture(scope="module")
def report_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("store") / "lkj.txt"
    path.write_text(render_text(build_report(11), 11), encoding="utf-8")
    return path


def check_settings() -> IngestSettings:
    return IngestSettings(jobs=1, use_cache=False)


def count(connection: sqlite3.Connection, table: str) -> int:
    return connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


def test_content_hash_is_sha256_of_bytes_and_order_free_for_several_files(tmp_path: Path) -> None:
    a, b = tmp_path / "a.pdf", tmp_path / "b.pdf"
    a.write_bytes(b"lkj")
    b.write_bytes(b"pk")
    assert content_hash([a]) == hashlib.sha256(b"lkj").hexdigest()
    assert content_hash([a, b]) == content_hash([b, a]) != content_hash([a])
    with pytest.raises(InputError, match="cannot be read"):
        content_hash([tmp_path / "missing.pdf"])


def test_checked_report_rows_match_its_json(tmp_path: Path, report_file: Path) -> None:
    outcome = check_job(Job((report_file,), content_hash([report_file])), check_settings(), None)
    document = to_json(check_file(report_file))
    with open_store(tmp_path / "r.sqlite") as connection:
        save_outcome(connection, outcome)
        row = connection.execute(
            "SELECT status, entity, year, pages, errors + warnings + unverifiable + infos, pagu "
            "FROM reports"
        ).fetchone()
        assert row[:5] == (
            "checked",
            document["entity"],
            document["year"],
            document["pages"],
            len(document["findings"]),
        )
        assert row[5] is not None and row[5] > 0
        assert count(connection, "findings") == len(document["findings"])
        assert count(connection, "indicators") == len(document["indicators"])
        assert count(connection, "budget_lines") == len(document["budget"])
        assert done_keys(connection) == {outcome.key}
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_saving_again_replaces_the_rows_of_that_report(tmp_path: Path, report_file: Path) -> None:
    outcome = check_job(Job((report_file,), "k"), check_settings(), None)
    failed = Outcome("k", "x.pdf", "failed", 0.1, error="damaged")
    with open_store(tmp_path / "r.sqlite") as connection:
        save_outcome(connection, outcome)
        save_outcome(connection, failed)
        assert connection.execute("SELECT status, error, errors FROM reports").fetchall() == [
            ("failed", "damaged", None)
        ]
        assert sum(count(connection, t) for t in ("findings", "indicators", "budget_lines")) == 0


def test_a_failed_insert_leaves_no_partial_report(tmp_path: Path, report_file: Path) -> None:
    """One transaction per report: a report whose rows cannot all be written leaves nothing."""
    outcome = check_job(Job((report_file,), "k"), check_settings(), None)
    broken = {**outcome.document, "budget": [{"section": "x"}]}  # type: ignore[dict-item]
    with open_store(tmp_path / "r.sqlite") as connection:
        with pytest.raises(KeyError):
            save_outcome(connection, Outcome("k", "a.txt", "checked", 0.1, document=broken))
        assert count(connection, "reports") == count(connection, "findings") == 0


def test_done_keys_belong_to_this_tool_version(tmp_path: Path) -> None:
    with open_store(tmp_path / "r.sqlite") as connection:
        save_outcome(connection, Outcome("new", "a.txt", "failed", 0.1, error="x"))
        connection.execute("UPDATE reports SET tool_version = 'old' WHERE report_hash = 'new'")
        save_outcome(connection, Outcome("mine", "b.txt", "failed", 0.1, error="x"))
        assert done_keys(connection) == {"mine"}
        assert TOOL_VERSION != "old"
