"""Write synthetic LKj reports as OCR-like text with their truth files.

Example::

    python -m samples.generate_text --out /tmp/synth --reports 20 --seed 7 --inject 2
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

from samples.inject import INJECTION_KINDS, pick_kinds
from samples.render_text import render_text
from samples.synthetic import build_report
from samples.truth import truth_of


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m samples.generate_text",
        description="Generate synthetic LKj reports (OCR-like text) and their truth files.",
        epilog=f"Injection kinds: {', '.join(INJECTION_KINDS)}",
    )
    p.add_argument("--out", type=Path, required=True, help="output directory")
    p.add_argument("--reports", type=int, default=1, help="how many reports (default 1)")
    p.add_argument("--seed", type=int, default=0, help="base seed (default 0)")
    p.add_argument("--inject", type=int, default=0, help="distinct injections per report")
    p.add_argument("--pages-scale", type=float, default=1.0, help="report length factor")
    p.add_argument("--noise", type=float, default=0.02, help="OCR noise rate (default 0.02)")
    return p


def report_seed(seed: int, index: int) -> int:
    """The seed of report ``index`` of a batch."""
    return seed * 100_003 + index


def write_report(out: Path, seed: int, index: int, args: argparse.Namespace) -> Path:
    """Build, render and write one report and its truth; returns the text file."""
    own = report_seed(seed, index)
    kinds = pick_kinds(args.inject, random.Random(f"kinds-{own}")) if args.inject else ()
    report = build_report(own, kinds, args.pages_scale)
    text_path = out / f"lkj-{seed}-{index}.txt"
    text_path.write_text(render_text(report, own, args.noise), encoding="utf-8")
    truth = truth_of(report) | {"render_seed": own, "noise": args.noise}
    truth_path = out / f"lkj-{seed}-{index}.truth.json"
    truth_path.write_text(json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8")
    return text_path


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.reports < 1 or args.inject < 0 or args.pages_scale <= 0 or not 0 <= args.noise < 1:
        print(
            "error: need --reports ≥ 1, --inject ≥ 0, --pages-scale > 0, 0 ≤ --noise < 1",
            file=sys.stderr,
        )
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    for index in range(args.reports):
        path = write_report(args.out, args.seed, index, args)
        print(path, file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
