"""The budget-revision rule: PK program budgets vs the RKT vs the DIPA pagu, as information."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING

from extractor.models import BudgetLine, Citation, Finding, Message, Report
from reconcile.compare import RUPIAH, format_value, sum_quantities
from reconcile.i18n import message
from reconcile.rules.base import (
    PK_SECTIONS,
    Fragment,
    cite,
    finding,
    format_difference,
    same_name,
    shown,
    unverifiable,
)

if TYPE_CHECKING:
    from reconcile.align import Alignment

BUDGET_REVISION = "budget-revision"


@dataclass(frozen=True)
class _Stage:
    """One document's figure for a budget: its value (None if unreadable) and what it cites."""

    name: Fragment
    value: int | float | None
    text: Fragment
    cited: tuple[Citation, ...]


def budget_revision(report: Report, alignment: Alignment) -> list[Finding]:
    """Differences between the PK, RKT and DIPA budgets of each program and of the whole."""
    pk = _pk_budgets(report)
    findings = []
    for program in _programs(report, pk):
        lines = [b for b in pk if same_name(b.program, program) or same_name(b.name, program)]
        stages = [
            _sum_stage(lines, "PK"),
            _figure_stage(report, "rkt-program", "RKT", program),
            _figure_stage(report, "allocation", "DIPA", program)
            or _figure_stage(report, "table-total-allocation", "realisasi-anggaran", program),
        ]
        findings += _revisions(message("program", program=program), stages)
    whole = [
        _sum_stage(pk, "PK"),
        _figure_stage(report, "rkt-grand-total", "RKT", None),
        _figure_stage(report, "allocation", "DIPA", None),
    ]
    return findings + _revisions(message("all_programs"), whole)


def _pk_budgets(report: Report) -> list[BudgetLine]:
    """PK program budgets, once each though the PK and its appendix both print them.

    A copy has the same amount and a name that is the other's, or part of it (a scan whose
    name cell was read only in part); the fuller name is kept.
    """
    kept: list[BudgetLine] = []
    for b in report.budget:
        if b.section not in PK_SECTIONS or b.allocation is None:
            continue
        copy = next((k for k, c in enumerate(kept) if _same_budget(b, c)), None)
        if copy is None:
            kept.append(b)
        elif len(_words(b.name)) > len(_words(kept[copy].name)):
            kept[copy] = b
    return kept


def _same_budget(a: BudgetLine, b: BudgetLine) -> bool:
    """Same amount, and the shorter name's words stand in order in the longer one."""
    if a.allocation is None or b.allocation is None or a.allocation.value != b.allocation.value:
        return False
    short, long = sorted((_words(a.name), _words(b.name)), key=len)
    rest = iter(long)
    return bool(short) and all(word in rest for word in short)


def _words(name: str) -> list[str]:
    return re.findall(r"\w+", name.casefold())


def _programs(report: Report, pk: Sequence[BudgetLine]) -> list[str]:
    names = [b.program or b.name for b in pk]
    names += [f.group for f in report.figures_with("rkt-program") if f.group]
    unique: list[str] = []
    for name in names:
        if not any(same_name(name, u) for u in unique):
            unique.append(name)
    return unique


def _sum_stage(lines: Sequence[BudgetLine], name: str) -> _Stage | None:
    if not lines:
        return None
    cited = tuple(Citation(f"PK budget of {b.name}", b.allocation) for b in lines)  # type: ignore[arg-type]
    s = sum_quantities(c.quantity for c in cited)
    if not s.complete:
        return _Stage(name, None, "", cited)
    many = message("pk_sum", sum=format_value(s.value, RUPIAH), n=len(cited))
    text = shown(cited[0].quantity) if len(cited) == 1 else many
    return _Stage(name, s.value, text, cited)


def _figure_stage(report: Report, key: str, name: str, program: str | None) -> _Stage | None:
    """The first figure of ``key`` for ``program`` (its ``group`` for RKT figures)."""
    for f in report.figures_with(key):
        if same_name(f.group if key == "rkt-program" else f.scope, program):
            return _Stage(name, f.quantity.value, shown(f.quantity), (cite(f),))
    return None


def _merge_equal(stages: Sequence[_Stage]) -> list[_Stage]:
    """Consecutive documents with the same budget read as one ("PK and RKT")."""
    merged: list[_Stage] = []
    for stage in stages:
        last = merged[-1] if merged else None
        if last is not None and last.value == stage.value:
            name = message("and", a=last.name, b=stage.name)
            merged[-1] = _Stage(name, last.value, last.text, last.cited + stage.cited)
        else:
            merged.append(stage)
    return merged


def _revisions(what: Message, stages: Sequence[_Stage | None]) -> list[Finding]:
    """One info finding per pair of consecutive stages that differ."""
    present = [s for s in stages if s is not None]
    cited = [c for s in present for c in s.cited]
    unreadable = [c.quantity for c in cited if not c.quantity.readable]
    if len(present) < 2:
        return []
    if unreadable:
        what_of = message("revisions_of", what=what)
        return [unverifiable(BUDGET_REVISION, what_of, cited, unreadable)]
    findings = []
    for a, b in pairwise(_merge_equal(present)):
        if a.value != b.value:
            diff = a.value - b.value  # type: ignore[operator]
            sentence = message(
                "revision",
                a=a.name,
                what=what,
                a_text=a.text,
                b=b.name,
                b_text=b.text,
                diff=format_difference(diff, RUPIAH),
            )
            findings.append(finding(BUDGET_REVISION, "info", sentence, [*a.cited, *b.cited], diff))
    return findings
