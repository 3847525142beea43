"""Write synthetic LKj reports as OCR-like text with their truth files.

Example::

    python -m samples.generate_text --out /tmp/synth --reports 20 --seed 7 --inject 2
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from samples.inject import INJECTION_KINDS, pick_kinds
from samples.render_text import render_text
from samples.synthetic import SyntheticReport, build_report
from samples.truth import truth_of


def batch_parser(prog: str, description: str) -> argparse.ArgumentParser:
    """The arguments every batch generator shares: output, count, seed, injections, length."""
    p = argparse.ArgumentParser(
        prog=prog, description=description, epilog=f"Injection kinds: {', '.join(INJECTION_KINDS)}"
    )
    p.add_argument("--out", type=Path, required=True, help="output directory")
    p.add_argument("--reports", type=int, default=1, help="how many reports (default 1)")
    p.add_argument("--seed", type=int, default=0, help="base seed (default 0)")
    p.add_argument("--inject", type=int, default=0, help="distinct injections per report")
    p.add_argument("--pages-scale", type=float, default=1.0, help="report length factor")
    return p


def batch_args_ok(args: argparse.Namespace) -> bool:
    """Whether the shared batch arguments are in range."""
    return args.reports >= 1 and args.inject >= 0 and args.pages_scale > 0


def _parser() -> argparse.ArgumentParser:
    p = batch_parser(
        "python -m samples.generate_text",
        "Generate synthetic LKj reports (OCR-like text) and their truth files.",
    )
    p.add_argument("--noise", type=float, default=0.02, help="OCR noise rate (default 0.02)")
    return p


def report_seed(seed: int, index: int) -> int:
    """The seed of report ``index`` of a batch."""
    return seed * 100_003 + index


def batch_report(seed: int, index: int, args: argparse.Namespace) -> tuple[int, SyntheticReport]:
    """Report ``index`` of a batch with its own seed (also the render seed)."""
    own = report_seed(seed, index)
    kinds = pick_kinds(args.inject, random.Random(f"kinds-{own}")) if args.inject else ()
    return own, build_report(own, kinds, args.pages_scale)


def write_truth(path: Path, truth: dict[str, Any]) -> None:
    """Write a truth file as indented UTF-8 JSON."""
    path.write_text(json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8")


def write_report(out: Path, seed: int, index: int, args: argparse.Namespace) -> Path:
    """Build, render and write one report and its truth; returns the text file."""
    own, report = batch_report(seed, index, args)
    text_path = out / f"lkj-{seed}-{index}.txt"
    text_path.write_text(render_text(report, own, args.noise), encoding="utf-8")
    truth = truth_of(report) | {"render_seed": own, "noise": args.noise}
    write_truth(out / f"lkj-{seed}-{index}.truth.json", truth)
    return text_path


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if not batch_args_ok(args) or not 0 <= args.noise < 1:
        print(
            "error: need --reports ≥ 1, --inject ≥ 0, --pages-scale > 0, 0 ≤ --noise < 1",
            file=sys.stderr,
        )
        return 2
    return write_batch(args, write_report)


def write_batch(args: argparse.Namespace, write: Callable[..., Path]) -> int:
    """Write reports 0 … N-1 of the batch with ``write(out, seed, index, args)``; list them."""
    args.out.mkdir(parents=True, exist_ok=True)
    for index in range(args.reports):
        print(write(args.out, args.seed, index, args), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
