"""Many reports checked in parallel (a local process pool or a Dask cluster) into SQLite."""

from __future__ import annotations

import glob
import logging
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from multiprocessing import get_context
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from extractor.errors import InputError, LkjError
from extractor.ingest import IMAGE_SUFFIXES, TEXT_SUFFIXES
from extractor.models import Report
from extractor.settings import IngestSettings

from .store import Outcome, content_hash, done_keys, open_store, save_outcome

if TYPE_CHECKING:
    from rich.progress import Progress as RichBar
    from rich.progress import TaskID

log = logging.getLogger("lkj")

REPORT_SUFFIXES = (".pdf", *IMAGE_SUFFIXES, *TEXT_SUFFIXES)
MULTI_FILE_SEPARATOR = "+"
# How long past its timeout the parent waits for a report before giving up on it (Dask only
# needs this: there the worker thread cannot be interrupted, locally the worker's alarm fires).
WATCHDOG_GRACE = 5.0
POLL_SECONDS = 0.5


@dataclass(frozen=True)
class Job:
    """One report to check: its file(s) and content hash."""

    paths: tuple[Path, ...]
    key: str

    @property
    def source(self) -> str:
        return f" {MULTI_FILE_SEPARATOR} ".join(str(p) for p in self.paths)


@dataclass(frozen=True)
class BatchSettings:
    """How a batch runs; ``jobs=None`` uses every core, ``scheduler`` a Dask cluster's address."""

    jobs: int | None = None
    scheduler: str | None = None
    timeout: float | None = None
    resume: bool = False
    ingest: IngestSettings = field(default_factory=IngestSettings)

    def __post_init__(self) -> None:
        if self.jobs is not None and self.jobs < 1:
            raise ValueError(f"jobs must be at least 1, got {self.jobs}")
        if self.timeout is not None and self.timeout <= 0:
            raise ValueError(f"timeout per report must be positive, got {self.timeout}")

    @property
    def workers(self) -> int:
        return self.jobs or os.cpu_count() or 1


@dataclass(frozen=True)
class BatchRun:
    """What a batch did: the reports it covers (skipped ones included) and how they ended."""

    keys: tuple[str, ...]
    skipped: int
    checked: int
    failed: int
    with_errors: int


class Progress(Protocol):
    """Where a batch tells how it goes: a rich bar on a terminal, log lines otherwise."""

    def started(self, job: Job) -> None: ...

    def finished(self, job: Job, outcome: Outcome) -> None: ...


# --- inputs ---------------------------------------------------------------------------------


def discover(arguments: Sequence[str]) -> list[Job]:
    """Files, folders (recursively) and globs as jobs; ``a.pdf+pk.pdf`` is one report."""
    jobs: dict[str, Job] = {}
    for argument in arguments:
        for paths in _expand(argument):
            job = Job(paths, content_hash(paths))
            if job.key in jobs:
                log.info("%s: same content as %s; checked once", job.source, jobs[job.key].source)
            jobs.setdefault(job.key, job)
    if not jobs:
        raise InputError("no reports found; give report files, folders or glob patterns")
    return list(jobs.values())


def _expand(argument: str) -> Iterator[tuple[Path, ...]]:
    path = Path(argument)
    if MULTI_FILE_SEPARATOR in argument and not path.exists():
        parts = tuple(Path(part) for part in argument.split(MULTI_FILE_SEPARATOR))
        missing = [str(p) for p in parts if not p.is_file()]
        if missing:
            raise InputError(f"{', '.join(missing)}: no such file (in report {argument})")
        yield parts
        return
    matches = (
        [path] if path.exists() else [Path(m) for m in sorted(glob.glob(argument, recursive=True))]
    )
    if not matches:
        raise InputError(f"{argument}: no such file or folder, and no file matches it as a pattern")
    for match in matches:
        yield from ((p,) for p in (_report_files(match) if match.is_dir() else [match]))


def _report_files(folder: Path) -> list[Path]:
    """Report files under a folder, recursively, in name order; hidden files left out."""
    return sorted(
        p
        for p in folder.rglob("*")
        if p.is_file() and p.suffix.lower() in REPORT_SUFFIXES and not p.name.startswith(".")
    )


# --- one report, in a worker ----------------------------------------------------------------


class ReportTimeout(Exception):
    """A report took longer than ``--timeout-per-report``."""


def check_job(job: Job, settings: IngestSettings, timeout: float | None) -> Outcome:
    """Check one report in a worker; any error becomes a failed Outcome, never an exception."""
    from .check import check_files
    from .export import to_json

    start = time.perf_counter()
    try:
        with _deadline(timeout):
            result = check_files(job.paths, settings)
    except ReportTimeout:
        return _failed(job, start, f"timed out after {timeout:g} s")
    except LkjError as error:
        return _failed(job, start, error.message)
    except Exception as error:  # noqa: BLE001 - a parser crash fails one report, not the batch
        return _failed(job, start, f"internal error: {type(error).__name__}: {error}")
    pagu, realisasi = budget_totals(result.report)
    return Outcome(
        job.key,
        job.source,
        "checked",
        time.perf_counter() - start,
        document=to_json(result),
        pagu=pagu,
        realisasi=realisasi,
    )


def _failed(job: Job, start: float, message: str) -> Outcome:
    return Outcome(job.key, job.source, "failed", time.perf_counter() - start, error=message)


@contextmanager
def _deadline(seconds: float | None) -> Iterator[None]:
    """Raise ReportTimeout after ``seconds``; only in a main thread (process-pool workers)."""
    if seconds is None or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise ReportTimeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def budget_totals(report: Report) -> tuple[int | float | None, int | float | None]:
    """The report's overall pagu and realisasi: as stated (budget table first), else summed."""
    return _total(report, "allocation"), _total(report, "realisation")


def _total(report: Report, key: str) -> int | float | None:
    stated = [
        f.quantity for f in report.figures_with(key) if f.scope is None and f.quantity.readable
    ]
    stated.sort(key=lambda q: q.provenance.section != "realisasi-anggaran")
    if stated:
        return stated[0].value
    lines = [b for b in report.budget if b.section == "realisasi-anggaran"]
    values = [getattr(b, key).value if getattr(b, key) else None for b in lines]
    return sum(values) if values and None not in values else None  # type: ignore[arg-type]


# --- the batch ------------------------------------------------------------------------------


def run_batch(
    jobs: Sequence[Job], database: Path, settings: BatchSettings, progress: Progress
) -> BatchRun:
    """Check ``jobs`` in parallel, writing each report's rows as it finishes."""
    keys = tuple(job.key for job in jobs)
    with open_store(database) as connection:
        done = done_keys(connection) if settings.resume else set()
        todo = [job for job in jobs if job.key not in done]
        if done:
            log.info(
                "resuming: %d of %d reports already in %s",
                len(jobs) - len(todo),
                len(jobs),
                database,
            )
        counts = _Counts()
        with _executor(settings) as (executor, capacity):
            for job, outcome in _outcomes(todo, executor, capacity, settings, progress):
                save_outcome(connection, outcome)
                counts.add(outcome)
                progress.finished(job, outcome)
    return BatchRun(keys, len(jobs) - len(todo), counts.checked, counts.failed, counts.with_errors)


@dataclass
class _Counts:
    checked: int = 0
    failed: int = 0
    with_errors: int = 0

    def add(self, outcome: Outcome) -> None:
        if outcome.status == "failed":
            self.failed += 1
            return
        self.checked += 1
        findings = (outcome.document or {}).get("findings", ())
        self.with_errors += any(f["severity"] == "error" for f in findings)


def _outcomes(
    jobs: Sequence[Job],
    executor: Callable[[], Executor],
    capacity: int,
    settings: BatchSettings,
    progress: Progress,
) -> Iterator[tuple[Job, Outcome]]:
    """Outcomes as reports finish, at most ``capacity`` in flight; a dead pool is replaced."""
    ingest = replace(settings.ingest, jobs=1, progress=False)  # one process per report
    queue = list(reversed(jobs))
    pending: dict[Future[Outcome], tuple[Job, float]] = {}
    pool = executor()
    while queue or pending:
        while queue and len(pending) < capacity:
            job = queue.pop()
            pending[pool.submit(check_job, job, ingest, settings.timeout)] = (job, time.monotonic())
            progress.started(job)
        finished, _ = wait(pending, timeout=POLL_SECONDS, return_when=FIRST_COMPLETED)
        for future in finished:
            yield _result(future, *pending.pop(future))
        if any(isinstance(f.exception(), BrokenProcessPool) for f in finished):
            wait(pending)  # the rest of the dead pool fails at once
            yield from (_result(f, *pending.pop(f)) for f in list(pending))
            pool = executor()
        yield from _expired(pending, settings.timeout)


def _result(future: Future[Outcome], job: Job, submitted: float) -> tuple[Job, Outcome]:
    error = future.exception()
    if error is None:
        return job, future.result()
    message = f"the worker died ({type(error).__name__}: {error})"
    return job, Outcome(job.key, job.source, "failed", time.monotonic() - submitted, error=message)


def _expired(
    pending: dict[Future[Outcome], tuple[Job, float]], timeout: float | None
) -> Iterator[tuple[Job, Outcome]]:
    """Reports running past their timeout and the grace period: failed, and no longer awaited."""
    if timeout is None:
        return
    now = time.monotonic()
    for future, (job, submitted) in list(pending.items()):
        if now - submitted > timeout + WATCHDOG_GRACE:
            future.cancel()
            del pending[future]
            message = f"timed out after {timeout:g} s"
            yield job, Outcome(job.key, job.source, "failed", now - submitted, error=message)


@contextmanager
def _executor(settings: BatchSettings) -> Iterator[tuple[Callable[[], Executor], int]]:
    """A factory of the executor to submit to, and how many reports to keep in flight."""
    if settings.scheduler:
        with _dask_client(settings.scheduler) as client:
            capacity = max(1, sum(client.nthreads().values()))
            executor = client.get_executor()
            yield (lambda: executor), capacity
        return
    pools: list[ProcessPoolExecutor] = []

    def new_pool() -> Executor:
        context = get_context("spawn")
        pools.append(
            ProcessPoolExecutor(settings.workers, mp_context=context, initializer=_one_thread)
        )
        return pools[-1]

    try:
        yield new_pool, settings.workers
    finally:
        for pool in pools:
            pool.shutdown(wait=True, cancel_futures=True)


@contextmanager
def _dask_client(address: str) -> Iterator[object]:
    try:
        from distributed import Client
    except ImportError as error:
        raise InputError("--scheduler needs Dask: pip install 'dask[distributed]'") from error
    try:
        client = Client(address, timeout=30)
    except OSError as error:
        raise InputError(f"cannot reach the Dask scheduler at {address}: {error}") from error
    try:
        yield client
    finally:
        client.close()


def _one_thread() -> None:
    """Tesseract runs one page per process: one thread each, no oversubscription."""
    os.environ["OMP_THREAD_LIMIT"] = "1"


# --- progress -------------------------------------------------------------------------------


class LogProgress:
    """One line per finished report on stderr: for logs and pipes."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.done = 0

    def started(self, job: Job) -> None:
        log.debug("started %s", job.source)

    def finished(self, job: Job, outcome: Outcome) -> None:
        self.done += 1
        log.info(
            "[%d/%d] %s: %s (%.1f s)",
            self.done,
            self.total,
            job.source,
            outcome_text(outcome),
            outcome.seconds,
        )


def outcome_text(outcome: Outcome) -> str:
    """``3 errors, 1 warning`` for a checked report, ``failed: …`` for a failed one."""
    if outcome.status == "failed":
        return f"failed: {outcome.error}"
    severities = [f["severity"] for f in (outcome.document or {}).get("findings", ())]
    counts = [(severities.count(s), s) for s in ("error", "warning", "unverifiable")]
    return ", ".join(f"{n} {s}{'s' if n != 1 and s != 'unverifiable' else ''}" for n, s in counts)


@contextmanager
def rich_progress(total: int) -> Iterator[Progress]:
    """An overall bar and one status line per report in flight, on stderr."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, TimeElapsedColumn
    from rich.progress import Progress as RichBar

    columns = ("{task.description}", BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with RichBar(*columns, console=Console(stderr=True)) as bar:
        yield _RichProgress(bar, bar.add_task("reports", total=total))


@dataclass
class _RichProgress:
    bar: RichBar
    overall: TaskID
    running: dict[str, TaskID] = field(default_factory=dict)

    def started(self, job: Job) -> None:
        name = f"  [dim]{job.paths[0].name}[/] checking…"
        self.running[job.key] = self.bar.add_task(name, total=None)

    def finished(self, job: Job, outcome: Outcome) -> None:
        self.bar.remove_task(self.running.pop(job.key))
        self.bar.advance(self.overall)
        style = "red" if outcome.status == "failed" else "default"
        text = f"{job.source}: {outcome_text(outcome)} ({outcome.seconds:.1f} s)"
        self.bar.console.print(text, style=style, highlight=False, markup=False)
