"""Benchmark: `lkj check` on OCR text, the real sample and generated reports 1x to 10x long.

    python benchmarks/text_check.py [--repeat 3]

Prints wall time per report (median of the repeats; in-process: read, parse, align, rules; and
the whole `lkj check` command once for the real sample) and time per 1,000 lines, which stays
flat when time grows linearly with length.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from samples.render_text import render_text
from samples.synthetic import build_report

REAL_SAMPLE = (
    Path(__file__).resolve().parents[2] / "shared/samples/kpu-kab-tangerang-lkj-2024.ocr.txt"
)
SCALES = (1.0, 2.0, 5.0, 10.0)
SEED = 20240


CHECK_ONCE = (
    "import sys, time; from pathlib import Path; from reconcile.check import check_file; "
    "start = time.perf_counter(); check_file(Path(sys.argv[1])); "
    "print(time.perf_counter() - start)"
)


def time_check(path: Path, repeat: int) -> float:
    """One cold check per fresh interpreter (imports excluded): no cache carries over."""
    times = []
    for _ in range(repeat):
        command = [sys.executable, "-c", CHECK_ONCE, str(path)]
        done = subprocess.run(command, capture_output=True, text=True, check=True)
        times.append(float(done.stdout))
    return statistics.median(times)


def time_cli(path: Path, repeat: int) -> float:
    """The whole command as an auditor runs it: interpreter start, imports, check, rendering."""
    command = [sys.executable, "-m", "reconcile.cli", "check", str(path)]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rows: list[tuple[str, int, float]] = []
    if REAL_SAMPLE.exists():
        lines = len(REAL_SAMPLE.read_text(encoding="utf-8").splitlines())
        rows.append(("real sample (in-process)", lines, time_check(REAL_SAMPLE, args.repeat)))
        rows.append(("real sample, `lkj check` command", lines, time_cli(REAL_SAMPLE, args.repeat)))
    with tempfile.TemporaryDirectory() as folder:
        for scale in SCALES:
            text = render_text(build_report(SEED, pages_scale=scale), SEED)
            path = Path(folder) / f"generated-{scale:g}x.txt"
            path.write_text(text, encoding="utf-8")
            rows.append(
                (f"generated {scale:g}x", len(text.splitlines()), time_check(path, args.repeat))
            )
    print(f"{'report':34} {'lines':>7} {'seconds':>9} {'ms / 1000 lines':>16}")
    for name, lines, seconds in rows:
        print(f"{name:34} {lines:7d} {seconds:9.3f} {1000 * seconds / lines * 1000:16.1f}")
    base = rows[-len(SCALES)]
    last = rows[-1]
    growth = (last[2] / base[2]) / (last[1] / base[1])
    print(f"time growth / length growth, 1x to 10x: {growth:.2f} (1.0 = linear)")


if __name__ == "__main__":
    main()
