"""Rules on sums: total rows vs their lines, breakdowns vs their totals, realisation vs pagu."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from extractor.models import Breakdown, BudgetLine, Citation, Finding, Report, StatedFigure
from reconcile.compare import agrees_with_value, format_value, interval, sum_quantities
from reconcile.rules.base import (
    PK_SECTIONS,
    PLAN_SECTIONS,
    capitalised,
    cite,
    finding,
    format_difference,
    same_name,
    shown,
    unverifiable,
    where,
)

if TYPE_CHECKING:
    from reconcile.align import Alignment

TOTAL_VS_SUM = "total-vs-sum"
OVER_REALISATION = "over-realisation"
BREAKDOWN = "breakdown"

TABLE_TOTALS = {"table-total-allocation": "allocation", "table-total-realisation": "realisation"}
PROSE_TOTALS = ("allocation", "realisation")


@dataclass(frozen=True)
class _Total:
    """A stated total, the lines it should sum, and figures that may corroborate the sum."""

    what: str
    total: StatedFigure
    lines: tuple[BudgetLine, ...]
    field: str
    witnesses: tuple[Citation, ...] = ()
    noun: str = "lines"


def total_vs_sum(report: Report, alignment: Alignment) -> list[Finding]:
    """Each budget table's total row (and a program's prose pagu) equals the sum of its lines."""
    totals = _table_totals(report) + _rkt_totals(report) + _prose_totals(report)
    findings = []
    for t in totals:
        parts = [
            Citation(f"{t.field} of {line.name}", q)
            for line in t.lines
            if (q := getattr(line, t.field)) is not None
        ]
        if parts:
            found = check_sum(TOTAL_VS_SUM, t.what, cite(t.total), parts, t.witnesses, t.noun)
            findings += [found] if found else []
    return findings


def lines_of(report: Report, section: str, program: str | None) -> tuple[BudgetLine, ...]:
    """The budget lines of one table; ``program`` None means the whole section."""
    return tuple(
        line
        for line in report.budget
        if line.section == section and (program is None or same_name(line.program, program))
    )


def _table_totals(report: Report) -> list[_Total]:
    totals = []
    for f in report.figures:
        if f.key in TABLE_TOTALS:
            section = f.quantity.provenance.section
            what = f"the {TABLE_TOTALS[f.key]} total of {_program(f.scope)} in {section}"
            lines = lines_of(report, section, f.scope)
            totals.append(_Total(what, f, lines, TABLE_TOTALS[f.key]))
    return totals


def _rkt_totals(report: Report) -> list[_Total]:
    """RKT JUMLAH rows; the program's RKT figure and PK budgets may corroborate the sum."""
    pk_budgets = [
        Citation(f"PK budget of {line.name}", line.allocation)
        for line in report.budget
        if line.section in PK_SECTIONS and line.allocation is not None
    ]
    totals = []
    for f in report.figures_with("rkt-total"):
        programs = [cite(g) for g in report.figures_with("rkt-program") if g.group == f.group]
        lines = lines_of(report, "rkt", f.group)
        what = f"the RKT total of {_program(f.group)}"
        totals.append(_Total(what, f, lines, "allocation", tuple(programs + pk_budgets)))
    return totals


def _prose_totals(report: Report) -> list[_Total]:
    """A program's pagu or realisation in prose vs its lines, where no total row is printed."""
    rows = {(TABLE_TOTALS[f.key], f.scope) for f in report.figures if f.key in TABLE_TOTALS}
    sections = dict.fromkeys(b.section for b in report.budget if b.section not in PLAN_SECTIONS)
    totals = []
    for key in PROSE_TOTALS:
        for f in report.figures_with(key):
            if f.scope is None or any(k == key and same_name(s, f.scope) for k, s in rows):
                continue
            for section in sections:
                lines = lines_of(report, section, f.scope)
                what = f"the {key} of {_program(f.scope)} in {f.quantity.provenance.section}"
                noun = f"lines in {section}"
                totals += [_Total(what, f, lines, key, noun=noun)] if lines else []
    return totals


def _program(program: str | None) -> str:
    return "the table" if program is None else f"program {program}"


def check_sum(
    rule: str,
    what: str,
    total: Citation,
    parts: Sequence[Citation],
    witnesses: Sequence[Citation] = (),
    noun: str = "parts",
) -> Finding | None:
    """Compare a stated total with the sum of its parts; witnesses agreeing with the sum are cited.

    An unreadable part makes the check unverifiable, unless the readable parts already exceed
    the total (an error either way).
    """
    q = total.quantity
    values = [total, *parts]
    if not q.readable:
        return unverifiable(rule, what, values, [q])
    s = sum_quantities(p.quantity for p in parts)
    if s.complete and agrees_with_value(q, s.value, s.tolerance):
        return None
    exceeds = s.value - s.tolerance > interval(q)[1]
    if not s.complete and not exceeds:
        partial = format_value(s.value, q.unit)
        readable = f"{what} ({shown(q)}); its readable {noun} sum to {partial}"
        cells = [p for p in parts if not p.quantity.readable]
        return unverifiable(rule, readable, [total, *cells], s.unreadable)
    diff = q.value - s.value  # type: ignore[operator]
    sentence = (
        f"{capitalised(what)} ({shown(q)}) differs from the sum of its {len(parts)} {noun} "
        f"({format_value(s.value, q.unit)}) by {format_difference(diff, q.unit)}"
    )
    if not s.complete:
        sentence += f", with {len(s.unreadable)} of them unreadable"
    agreeing = [w for w in witnesses if w.quantity.readable and w.quantity.value == s.value]
    if agreeing:
        named = ", ".join(f"{w.label} ({where(w.quantity)})" for w in agreeing)
        sentence += f"; the sum agrees with {named}"
    return finding(rule, "error", sentence, values + agreeing, _rounded(diff))


def _rounded(diff: int | float) -> int | float:
    return diff if isinstance(diff, int) else round(diff, 6)


def over_realisation(report: Report, alignment: Alignment) -> list[Finding]:
    """Each budget line's realisation is at most its allocation."""
    findings = []
    for line in report.budget:
        a, r = line.allocation, line.realisation
        if a is None or r is None or a.value is None or r.value is None or r.value <= a.value:
            continue
        diff = r.value - a.value
        sentence = (
            f"Realisation of {line.name!r} in {r.provenance.section} ({shown(r)}) exceeds its "
            f"allocation ({shown(a)}) by {format_difference(diff, r.unit)}"
        )
        values = [
            Citation(f"realisation of {line.name}", r),
            Citation(f"allocation of {line.name}", a),
        ]
        findings.append(finding(OVER_REALISATION, "error", sentence, values, _rounded(diff)))
    return findings


def breakdown(report: Report, alignment: Alignment) -> list[Finding]:
    """Each breakdown's parts sum to its stated total, or to the figure it breaks down."""
    findings = []
    for b in report.breakdowns:
        total = _breakdown_total(report, b)
        parts = [Citation(p.label, p.quantity) for p in b.parts]
        if total is None or not parts or not _units_match(total, parts):
            continue
        found = check_sum(BREAKDOWN, f"the total of {b.label}", total, parts)
        findings += [found] if found else []
    return findings


def _breakdown_total(report: Report, b: Breakdown) -> Citation | None:
    if b.stated_total is not None:
        return Citation(f"total of {b.label}", b.stated_total)
    figures = report.figures_with(b.of) if b.of else []
    return cite(figures[0]) if figures else None


def _units_match(total: Citation, parts: Sequence[Citation]) -> bool:
    units = {p.quantity.unit for p in parts} | {total.quantity.unit}
    return len(units - {None}) <= 1
