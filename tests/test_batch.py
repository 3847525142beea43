"""`lkj batch` and `lkj report`: discovery, failures, SIGKILL + resume, Dask, the summary."""

from __future__ import annotations

import json
import logging
import os
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest
from reportlab.pdfgen import canvas

from extractor.errors import InputError
from extractor.settings import IngestSettings
from reconcile.batch import BatchSettings, Job, LogProgress, check_job, discover, run_batch
from reconcile.cli import main
from reconcile.store import TIMING_COLUMNS, content_hash
from reconcile.summary import load_summary
from samples.render_text import render_text
from samples.synthetic import build_report

ROOT = Path(__file__).resolve().parent.parent
REPORTS = 20
NO_CACHE = IngestSettings(use_cache=False)


def write_reports(folder: Path, count: int, seed: int = 500, scale: float = 1.0) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / f"lkj-{seed + n:04d}.txt" for n in range(count)]
    for n, path in enumerate(paths):
        path.write_text(render_text(build_report(seed + n, pages_scale=scale), seed + n), "utf-8")
    return paths


def write_bad_pdfs(folder: Path) -> tuple[Path, Path]:
    """A truncated PDF and a password-protected one, made here."""
    good, encrypted = folder / "good.pdf", folder / "encrypted.pdf"
    for path, options in ((good, {}), (encrypted, {"encrypt": "rahasia"})):
        page = canvas.Canvas(str(path), **options)
        page.drawString(72, 720, "LAPORAN KINERJA " * 4)
        page.showPage()
        page.save()
    corrupt = folder / "corrupt.pdf"
    corrupt.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    good.unlink()
    return corrupt, encrypted


def canonical_dump(database: Path) -> dict[str, list[tuple]]:
    """Every table's rows in key order, without the columns that hold timings."""
    dump = {}
    with closing(sqlite3.connect(database)) as connection:
        for table in ("reports", "findings", "indicators", "budget_lines"):
            columns = [row[1] for row in connection.execute(f"PRAGMA table_info({table})")]
            kept = ", ".join(c for c in columns if c not in TIMING_COLUMNS)
            dump[table] = connection.execute(
                f"SELECT {kept} FROM {table} ORDER BY 1, 2, 3"
            ).fetchall()
    return dump


def stored_count(database: Path) -> int:
    try:
        with closing(sqlite3.connect(database, timeout=0.1)) as connection:
            return connection.execute("SELECT COUNT(*) FROM reports").fetchone()[0]
    except sqlite3.Error:
        return 0


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Twenty generated reports, three times the usual length (so a batch takes a few seconds)."""
    folder = tmp_path_factory.mktemp("batch") / "reports"
    write_reports(folder, REPORTS, scale=3.0)
    return folder


@pytest.fixture(scope="module")
def reference_db(reports: Path) -> Path:
    """The reports checked in one uninterrupted run on a local pool of two processes."""
    database = reports.parent / "reference.sqlite"
    jobs = discover([str(reports)])
    run = run_batch(jobs, database, BatchSettings(jobs=2, ingest=NO_CACHE), LogProgress(len(jobs)))
    assert (run.checked, run.failed, run.skipped) == (REPORTS, 0, 0)
    return database


def test_discover_folders_globs_and_multi_file_reports(tmp_path: Path) -> None:
    a, b = write_reports(tmp_path / "x" / "deep", 2)
    (tmp_path / "x" / "notes.json").write_text("{}")
    (tmp_path / "x" / "zz-copy.txt").write_bytes(a.read_bytes())  # same content: checked once
    assert [j.paths for j in discover([str(tmp_path / "x")])] == [(a,), (b,)]
    assert [j.paths for j in discover([str(tmp_path / "x/**/*-0501.txt")])] == [(b,)]
    (pair,) = discover([f"{a}+{b}"])
    assert pair.paths == (a, b) and pair.key == content_hash([b, a])
    with pytest.raises(InputError, match="no such file or folder"):
        discover([str(tmp_path / "nothing-*.pdf")])


def test_timeout_fails_the_report_not_the_batch(tmp_path: Path) -> None:
    (path,) = write_reports(tmp_path, 1, scale=3.0)
    outcome = check_job(Job((path,), "k"), NO_CACHE, timeout=0.001)
    assert (outcome.status, outcome.error) == ("failed", "timed out after 0.001 s")


def test_corrupt_and_encrypted_files_fail_and_the_rest_are_checked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="lkj")
    write_reports(tmp_path / "in", 3)
    corrupt, encrypted = write_bad_pdfs(tmp_path / "in")
    database, export = tmp_path / "r.sqlite", tmp_path / "summary.json"
    argv = ["batch", str(tmp_path / "in"), "--db", str(database), "--jobs", "2", "--no-cache"]
    assert main([*argv, "--export", str(export)]) == 2  # a report could not be read
    summary = load_summary(database)
    assert len(summary.checked) == 3 and (summary.checked["pages"] > 0).all()
    failed = dict(zip(summary.failed["source"], summary.failed["error"], strict=True))
    assert set(failed) == {str(corrupt), str(encrypted)}
    assert "damaged or truncated" in failed[str(corrupt)]
    assert "encrypted" in failed[str(encrypted)]
    assert "failed reports" in capsys.readouterr().out
    assert "[5/5] " in caplog.text and f"{encrypted}: failed: " in caplog.text  # a line each
    assert json.loads(export.read_text())["reports"][-1]["status"] == "failed"


def test_sigkill_then_resume_equals_an_uninterrupted_run(
    reports: Path, reference_db: Path, tmp_path: Path
) -> None:
    database = tmp_path / "killed.sqlite"
    command = [sys.executable, "-m", "reconcile.cli", "batch", str(reports), "--db", str(database)]
    command += ["--jobs", "2", "--no-cache"]
    process = subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True
    )
    while process.poll() is None and stored_count(database) < REPORTS // 4:
        time.sleep(0.02)
    os.killpg(process.pid, signal.SIGKILL)  # the batch and its workers, all at once
    process.wait()
    assert process.returncode == -signal.SIGKILL, process.stderr.read().decode()
    assert 0 < stored_count(database) < REPORTS
    expected = 1 if (load_summary(reference_db).reports["errors"] > 0).any() else 0
    assert (
        main(["batch", str(reports), "--db", str(database), "--resume", "--no-cache"]) == expected
    )
    assert canonical_dump(database) == canonical_dump(reference_db)


def test_dask_local_cluster_gives_the_same_results(
    reports: Path, reference_db: Path, tmp_path: Path
) -> None:
    distributed = pytest.importorskip("distributed")
    database = tmp_path / "dask.sqlite"
    jobs = discover([str(reports)])
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        settings = BatchSettings(scheduler=cluster.scheduler_address, ingest=NO_CACHE)
        run = run_batch(jobs, database, settings, LogProgress(len(jobs)))
    assert (run.checked, run.failed) == (REPORTS, 0)
    assert canonical_dump(database) == canonical_dump(reference_db)


def test_report_renders_the_database_without_checking(
    reference_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    summary = load_summary(reference_db)
    assert main(["report", str(reference_db), "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["schema"] == "lkj-batch/1"
    assert [r["source"] for r in document["reports"]] == list(summary.reports["source"])
    ordered = [(r["errors"], r["warnings"], r["unverifiable"]) for r in document["reports"]]
    assert ordered == sorted(ordered, reverse=True)  # worst first
    assert main(["report", str(reference_db)]) == 0
    table = capsys.readouterr().out
    assert "reports, worst first" in table and "rules that fire most" in table
    assert f"{REPORTS} reports checked, 0 failed." in table
    assert summary.rules["rule"].iloc[0] in table


def test_exports_xlsx_sheets_and_csv(reference_db: Path, tmp_path: Path) -> None:
    import pandas as pd

    from reconcile.summary import export

    summary = load_summary(reference_db)
    export(summary, tmp_path / "out.xlsx")
    sheets = pd.read_excel(tmp_path / "out.xlsx", sheet_name=None)
    assert list(sheets) == ["reports", "rules", "failed"]
    assert len(sheets["reports"]) == REPORTS
    assert export(summary, tmp_path / "out.csv") == [
        tmp_path / "out.csv",
        tmp_path / "out.rules.csv",
    ]
    assert list(pd.read_csv(tmp_path / "out.csv")["source"]) == list(summary.reports["source"])


def test_report_of_a_missing_database_is_a_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", str(tmp_path / "none.sqlite")]) == 2
    assert "run `lkj batch` first" in capsys.readouterr().err


def test_batch_writes_a_working_paper_per_report_and_an_index(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    paths = write_reports(folder, 2, seed=640)
    corrupt, _ = write_bad_pdfs(folder)
    out = tmp_path / "kertas"
    args = ["batch", str(folder), "--db", str(tmp_path / "r.sqlite"), "--jobs", "1"]
    assert main([*args, "--html", str(out), "--lang", "id"]) == 2  # the corrupt file failed
    papers = sorted(p.name for p in out.glob("*.html"))
    assert "index.html" in papers and len(papers) == len(paths) + 1
    index = (out / "index.html").read_text(encoding="utf-8")
    assert corrupt.name in index and all(p.stem in index for p in paths)
