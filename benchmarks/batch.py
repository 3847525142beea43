"""Benchmark: `lkj batch` throughput (1 vs 2 jobs), peak memory as a batch grows, Dask overhead.

    python benchmarks/batch.py [--text 60] [--scanned 6] [--scan-scale 0.5]

Inputs are generated: OCR-text reports with ``samples.synthetic`` + ``samples.render_text``, and
scanned (image-only) PDFs with ``python -m samples.generate --scan``. OCR cache off throughout.
Prints reports/min and pages/min per configuration, the speed-up of 2 jobs over 1, the peak
resident memory of the whole process tree of ``lkj batch`` at 10 → 60 reports, and the wall
time of the same batch on a local ``dask.distributed.LocalCluster`` vs the local process pool.
"""

from __future__ import annotations

import argparse
import sqlite3
import subprocess
import sys
import tempfile
import time
from contextlib import closing
from pathlib import Path

import psutil

from extractor.settings import IngestSettings
from reconcile.batch import BatchSettings, LogProgress, discover, run_batch
from samples.render_text import render_text
from samples.synthetic import build_report

ROOT = Path(__file__).resolve().parents[1]
NO_CACHE = IngestSettings(use_cache=False)
MEMORY_SIZES = (10, 20, 40, 60)
SAMPLE_SECONDS = 0.05


def write_text_reports(folder: Path, count: int, seed: int = 7000) -> None:
    folder.mkdir(parents=True)
    for n in range(count):
        text = render_text(build_report(seed + n), seed + n)
        (folder / f"lkj-{n:03d}.txt").write_text(text, encoding="utf-8")


def write_scanned_reports(folder: Path, count: int, scale: float) -> None:
    command = [sys.executable, "-m", "samples.generate", "--out", str(folder), "--scan"]
    command += ["--reports", str(count), "--seed", "71", "--pages-scale", str(scale)]
    subprocess.run(command, cwd=ROOT, check=True, stderr=subprocess.DEVNULL)


def timed_batch(inputs: Path, database: Path, settings: BatchSettings) -> tuple[float, int, int]:
    """Wall seconds, reports and pages of one batch into a fresh database."""
    jobs = discover([str(inputs)])
    start = time.perf_counter()
    run = run_batch(jobs, database, settings, LogProgress(len(jobs)))
    seconds = time.perf_counter() - start
    with closing(sqlite3.connect(database)) as connection:
        (pages,) = connection.execute("SELECT SUM(pages) FROM reports").fetchone()
    assert run.failed == 0, f"{run.failed} reports failed in {inputs}"
    return seconds, run.checked, pages or 0


def throughput(name: str, inputs: Path, work: Path) -> None:
    times = {}
    for jobs in (1, 2):
        settings = BatchSettings(jobs=jobs, ingest=NO_CACHE)
        seconds, reports, pages = timed_batch(inputs, work / f"{name}-{jobs}.sqlite", settings)
        times[jobs] = seconds
        print(
            f"{name:8} jobs={jobs}  {reports:3d} reports {pages:5d} pages  {seconds:7.1f} s  "
            f"{reports / seconds * 60:8.1f} reports/min  {pages / seconds * 60:8.1f} pages/min"
        )
    print(f"{name:8} speed-up 2 jobs / 1 job: {times[1] / times[2]:.2f}x")


def peak_tree_rss(command: list[str]) -> tuple[float, float]:
    """Run ``command``; its wall seconds and the peak summed RSS (MiB) of it and its children."""
    start = time.perf_counter()
    process = psutil.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0
    while process.poll() is None:
        try:
            tree = [process, *process.children(recursive=True)]
            peak = max(peak, sum(p.memory_info().rss for p in tree))
        except psutil.Error:
            pass
        time.sleep(SAMPLE_SECONDS)
    return time.perf_counter() - start, peak / 2**20


def memory(text: Path, work: Path) -> None:
    files = sorted(text.glob("*.txt"))
    for size in MEMORY_SIZES:
        subset = work / f"subset-{size}"
        subset.mkdir()
        for path in files[:size]:
            (subset / path.name).symlink_to(path)
        command = [sys.executable, "-m", "reconcile.cli", "batch", str(subset), "--jobs", "2"]
        command += ["--no-cache", "--db", str(work / f"memory-{size}.sqlite")]
        seconds, peak = peak_tree_rss(command)
        print(
            f"memory   {size:3d} reports  peak RSS, batch + workers: {peak:7.1f} MiB"
            f"  ({seconds:.1f} s)"
        )


def dask_overhead(text: Path, work: Path) -> None:
    from distributed import LocalCluster

    local, _, _ = timed_batch(text, work / "pool.sqlite", BatchSettings(jobs=2, ingest=NO_CACHE))
    start = time.perf_counter()
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        started = time.perf_counter() - start
        settings = BatchSettings(scheduler=cluster.scheduler_address, ingest=NO_CACHE)
        on_dask, reports, _ = timed_batch(text, work / "dask.sqlite", settings)
    per_report = (on_dask - local) / reports * 1000
    print(
        f"dask     local pool {local:.2f} s, LocalCluster {on_dask:.2f} s for {reports} reports "
        f"(+{per_report:.0f} ms/report); cluster start-up {started:.1f} s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--text", type=int, default=60, help="generated text reports (60)")
    parser.add_argument("--scanned", type=int, default=6, help="generated scanned reports (6)")
    parser.add_argument("--scan-scale", type=float, default=0.5, help="scanned report length")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        write_text_reports(work / "text", args.text)
        write_scanned_reports(work / "scanned", args.scanned, args.scan_scale)
        throughput("text", work / "text", work)
        throughput("scanned", work / "scanned", work)
        memory(work / "text", work)
        dask_overhead(work / "text", work)


if __name__ == "__main__":
    main()
