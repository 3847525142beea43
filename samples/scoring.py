"""A checked synthetic report scored against its truth file: cells, indicators, findings."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from extractor.models import BudgetLine, Indicator, Quantity
from reconcile.align import align_indicators
from reconcile.check import CheckResult

INDICATOR_SECTIONS = ("ikhtisar", "rencana-kinerja", "pk", "pengukuran", "lampiran-pk")
INDICATOR_CELLS = ("target", "realisasi", "capaian")
BUDGET_SECTION = "realisasi-anggaran"
BUDGET_CELLS = ("allocation", "realisation")


@dataclass(frozen=True)
class Score:
    """Counts of one report (or, added up, of many); ``misses`` say what was wrong, for humans."""

    cells_right: int = 0
    cells_total: int = 0
    indicators_found: int = 0
    indicators_total: int = 0
    injections_found: int = 0
    injections_total: int = 0
    unexpected_errors: tuple[str, ...] = ()
    misses: tuple[str, ...] = ()

    def __add__(self, other: Score) -> Score:
        return Score(
            self.cells_right + other.cells_right,
            self.cells_total + other.cells_total,
            self.indicators_found + other.indicators_found,
            self.indicators_total + other.indicators_total,
            self.injections_found + other.injections_found,
            self.injections_total + other.injections_total,
            self.unexpected_errors + other.unexpected_errors,
            self.misses + other.misses,
        )


def score(truth: dict[str, Any], result: CheckResult) -> Score:
    """How well ``result`` reproduces the values and findings its truth file states."""
    return (
        _indicator_score(truth, result)
        + _budget_score(truth, result)
        + _finding_score(truth, result)
    )


def total(scores: Iterable[Score]) -> Score:
    return sum(scores, Score())


def rate(right: int, out_of: int) -> float:
    """``right / out_of``, 1.0 when there was nothing to get right."""
    return right / out_of if out_of else 1.0


def _truth_indicator(row: dict[str, Any]) -> Indicator:
    return Indicator(row["section"], row["no"], row["sasaran"], row["indikator"], None)


def _indicator_score(truth: dict[str, Any], result: CheckResult) -> Score:
    """Truth rows paired with parsed rows by name, so a missed row costs its own cells only."""
    right = cells = found = 0
    misses: list[str] = []
    rows = [row for row in truth["indicators"] if row["section"] in INDICATOR_SECTIONS]
    for section in INDICATOR_SECTIONS:
        want = [row for row in rows if row["section"] == section]
        lefts = [_truth_indicator(row) for row in want]
        by_id = {id(left): row for left, row in zip(lefts, want, strict=True)}
        cells += sum(bool(row.get(f)) for row in want for f in INDICATOR_CELLS)
        matches = align_indicators(lefts, result.report.indicators_in(section))
        found += len(matches)
        paired = {id(m.left) for m in matches}
        misses += [
            f"{section}: row missing: {row['indikator'][:60]}"
            for left, row in zip(lefts, want, strict=True)
            if id(left) not in paired
        ]
        for match in matches:
            row = by_id[id(match.left)]
            for field in INDICATOR_CELLS:
                if not row.get(field):
                    continue
                cell = getattr(match.right, field)
                if _same(cell, row[field]["value"]):
                    right += 1
                else:
                    misses.append(
                        _miss(section, row["indikator"], field, row[field]["value"], cell)
                    )
    return Score(right, cells, found, len(rows), misses=tuple(misses))


def _budget_score(truth: dict[str, Any], result: CheckResult) -> Score:
    """Budget lines paired by program and kegiatan code, in order where a code repeats."""
    want = [b for b in truth["budget"] if b["section"] == BUDGET_SECTION]
    got: dict[tuple[Any, Any], list[BudgetLine]] = defaultdict(list)
    for line in result.report.budget:
        if line.section == BUDGET_SECTION:
            got[(line.program, line.code)].append(line)
    seen: dict[tuple[Any, Any], int] = defaultdict(int)
    right = 0
    misses: list[str] = []
    for line in want:
        key = (line["program"], line["code"])
        candidates = got[key]
        parsed = candidates[seen[key]] if seen[key] < len(candidates) else None
        seen[key] += 1
        for field in BUDGET_CELLS:
            cell = getattr(parsed, field) if parsed is not None else None
            if _same(cell, line[field]):
                right += 1
            else:
                misses.append(
                    _miss(BUDGET_SECTION, f"{key} {line['name']}", field, line[field], cell)
                )
    return Score(right, len(want) * len(BUDGET_CELLS), misses=tuple(misses))


def _finding_score(truth: dict[str, Any], result: CheckResult) -> Score:
    """Injected discrepancies found (rule and severity), and error findings nobody injected."""
    found = {(f.rule, f.severity) for f in result.findings}
    injections = truth["injections"]
    hit = [i for i in injections if (i["rule"], i["severity"]) in found]
    expected = {i["rule"] for i in injections if i["severity"] == "error"}
    unexpected = tuple(
        f"{f.rule}: {f.message}"
        for f in result.findings
        if f.severity == "error" and f.rule not in expected
    )
    missed = tuple(
        f"injection missed: {i['rule']} ({i['severity']})" for i in injections if i not in hit
    )
    return Score(
        injections_found=len(hit),
        injections_total=len(injections),
        unexpected_errors=unexpected,
        misses=missed,
    )


def _same(cell: Quantity | None, value: Any) -> bool:
    """A truth value of None (an unreadable cell) is matched by a cell read as unreadable."""
    got = cell.value if cell is not None else None
    return got == value and (value is not None or cell is not None)


def _miss(section: str, name: str, field: str, want: Any, cell: Quantity | None) -> str:
    raw = cell.provenance.raw if cell is not None else "—"
    got = cell.value if cell is not None else None
    return f"{section}: {name[:50]} {field}: want {want}, got {got} ({raw!r})"
