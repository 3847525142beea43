"""Benchmark: accuracy of `lkj check` on generated scanned reports and their digital twins.

    python benchmarks/accuracy.py [--reports 6] [--jobs 2] [--work DIR] [--cache-dir DIR] [-v]

Generates ``--reports`` clean and as many injected reports (seeds no test uses), each as a
scanned (image-only) and a digital (text-layer) PDF, checks every one and prints, per kind: the
exact-match rate of numeric table cells, indicator recall, injected-discrepancy recall and the
error findings nobody injected (on clean reports, and on injected ones). Targets: ≥ 99%, ≥ 99%,
100%, 0. Without ``--cache-dir`` the OCR cache starts empty (a cold run); ``--work`` keeps the
generated PDFs, ``--cache-dir`` the OCR, so reruns while iterating are fast.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from extractor.settings import IngestSettings
from reconcile.check import check_file
from samples import generate
from samples.scoring import Score, rate, score, total

CLEAN_SEED = 8101  # batch seeds: report seeds are seed * 100_003 + index, far from the tests'
INJECTED_SEED = 8102
KINDS = ("scanned", "digital")
TARGETS = "targets: cells ≥ 99%, indicators ≥ 99%, injections 100%, errors on clean reports 0"


@dataclass(frozen=True)
class Checked:
    name: str
    kind: str
    clean: bool
    pages: int
    seconds: float
    score: Score


def _generate(folder: Path, args: argparse.Namespace, kind: str) -> list[tuple[Path, bool]]:
    """The batch's PDFs (written unless already there) and whether each is clean."""
    out = folder / kind
    batches = ((CLEAN_SEED, 0), (INJECTED_SEED, args.inject))
    found: list[tuple[Path, bool]] = []
    for seed, inject in batches:
        paths = [out / f"lkj-{seed}-{k}.pdf" for k in range(args.reports)]
        if not all(p.exists() for p in paths):
            argv = ["--out", str(out), "--reports", str(args.reports), "--seed", str(seed)]
            argv += ["--inject", str(inject), "--pages-scale", str(args.pages_scale)]
            generate.main(argv + (["--scan"] if kind == "scanned" else []))
        found += [(p, inject == 0) for p in paths]
    return found


def _check(path: Path, kind: str, clean: bool, settings: IngestSettings) -> Checked:
    truth = json.loads(path.with_suffix("").with_suffix(".truth.json").read_text("utf-8"))
    start = time.perf_counter()
    result = check_file(path, settings)
    seconds = time.perf_counter() - start
    return Checked(path.stem, kind, clean, truth["pages"], seconds, score(truth, result))


def _row(label: str, runs: list[Checked]) -> str:
    s = total(r.score for r in runs)
    clean_errors = sum(len(r.score.unexpected_errors) for r in runs if r.clean)
    other_errors = sum(len(r.score.unexpected_errors) for r in runs if not r.clean)
    return (
        f"{label:22} {len(runs):3d} {sum(r.pages for r in runs):5d} "
        f"{s.cells_right:5d}/{s.cells_total:<5d} {rate(s.cells_right, s.cells_total):7.2%} "
        f"{rate(s.indicators_found, s.indicators_total):8.2%} "
        f"{s.injections_found:3d}/{s.injections_total:<3d} "
        f"{clean_errors:6d} {other_errors:6d} {sum(r.seconds for r in runs):8.1f}"
    )


def _print(runs: list[Checked], verbose: bool) -> None:
    print(
        f"{'report':22} {'n':>3} {'pages':>5} {'cells right':>11} {'cells':>7} {'indic.':>8} "
        f"{'inject.':>7} {'clean':>6} {'inj.':>6} {'seconds':>8}"
    )
    print(
        f"{'':22} {'':3} {'':5} {'':11} {'':7} {'recall':>8} {'found':>7} {'errors':>6} "
        f"{'extra':>6}"
    )
    for kind in sorted({r.kind for r in runs}, key=KINDS.index):
        mine = [r for r in runs if r.kind == kind]
        for run in mine if verbose else ():
            print(_row(f"  {run.name}", [run]))
        print(_row(f"{kind} (all)", mine))
    print(TARGETS)
    if verbose:
        for run in runs:
            for line in run.score.misses + run.score.unexpected_errors:
                print(f"{run.kind} {run.name}: {line}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=6, help="clean reports, and injected ones")
    parser.add_argument("--inject", type=int, default=3, help="injections per injected report")
    parser.add_argument("--pages-scale", type=float, default=0.3)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--work", type=Path, help="keep the generated PDFs here")
    parser.add_argument("--cache-dir", type=Path, help="keep the OCR cache here (default: cold)")
    parser.add_argument("--kind", choices=KINDS, help="only scanned or only digital PDFs")
    parser.add_argument("-v", "--verbose", action="store_true", help="per report, and each miss")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        work = args.work or Path(scratch) / "reports"
        cache = args.cache_dir or Path(scratch) / "ocr-cache"
        settings = IngestSettings(jobs=args.jobs, cache_dir=cache)
        runs = [
            _check(path, kind, clean, settings)
            for kind in ([args.kind] if args.kind else KINDS)
            for path, clean in _generate(work, args, kind)
        ]
    _print(runs, args.verbose)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
