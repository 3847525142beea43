"""Rules on sums: total rows vs their lines, breakdowns vs their totals, realisation vs pagu."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from extractor.models import (
    Breakdown,
    BudgetLine,
    Citation,
    Finding,
    Message,
    Quantity,
    Report,
    StatedFigure,
)
from reconcile.compare import agrees_with_value, format_value, interval, sum_quantities
from reconcile.i18n import message, wording
from reconcile.rules.base import (
    PK_SECTIONS,
    PLAN_SECTIONS,
    Fragment,
    cite,
    finding,
    format_difference,
    joined,
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
LINES, PARTS = message("lines"), message("parts")  # what a total sums, by default


Witness = tuple[Citation, Fragment]  # a figure that may corroborate a sum, and its name


@dataclass(frozen=True)
class _Total:
    """A stated total, the lines it should sum, and figures that may corroborate the sum."""

    what: Fragment
    total: StatedFigure
    lines: tuple[BudgetLine, ...]
    field: str
    witnesses: tuple[Witness, ...] = ()
    noun: Fragment = LINES


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
            field = message(f"figure_{TABLE_TOTALS[f.key]}")
            what = message("table_total", field=field, program=_program(f.scope), section=section)
            lines = lines_of(report, section, f.scope)
            totals.append(_Total(what, f, lines, TABLE_TOTALS[f.key]))
    return totals


def _rkt_totals(report: Report) -> list[_Total]:
    """RKT JUMLAH rows; the program's RKT figure and PK budgets may corroborate the sum."""
    pk_budgets = [
        _pk_budget(line.name, line.allocation)
        for line in report.budget
        if line.section in PK_SECTIONS and line.allocation is not None
    ]
    totals = []
    for f in report.figures_with("rkt-total"):
        programs = [
            (cite(g), g.label) for g in report.figures_with("rkt-program") if g.group == f.group
        ]
        lines = lines_of(report, "rkt", f.group)
        what = message("rkt_total", program=_program(f.group))
        totals.append(_Total(what, f, lines, "allocation", tuple(programs + pk_budgets)))
    return totals


def _pk_budget(name: str, allocation: Quantity) -> Witness:
    """A PK budget as a witness: labelled in English, named in any language."""
    named = message("pk_budget_of", name=name)
    return Citation(wording(named, "en"), allocation), named


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
                what = message(
                    "prose_total",
                    field=message(f"figure_{key}"),
                    program=_program(f.scope),
                    section=f.quantity.provenance.section,
                )
                noun = message("lines_in", section=section)
                totals += [_Total(what, f, lines, key, noun=noun)] if lines else []
    return totals


def _program(program: str | None) -> Message:
    return message("the_table") if program is None else message("program", program=program)


def check_sum(
    rule: str,
    what: Fragment,
    total: Citation,
    parts: Sequence[Citation],
    witnesses: Sequence[Witness] = (),
    noun: Fragment = PARTS,
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
        readable = message("partial_sum", what=what, shown=shown(q), noun=noun, sum=partial)
        cells = [p for p in parts if not p.quantity.readable]
        return unverifiable(rule, readable, [total, *cells], s.unreadable)
    diff = q.value - s.value  # type: ignore[operator]
    more: Fragment = "" if s.complete else message("some_unreadable", n=len(s.unreadable))
    agreeing = [(w, n) for w, n in witnesses if w.quantity.readable and w.quantity.value == s.value]
    if agreeing:
        named = [message("labelled_at", label=n, where=where(w.quantity)) for w, n in agreeing]
        more = message("sum_agrees", more=more, named=joined(named))
    sentence = message(
        "sum_differs",
        what=what,
        shown=shown(q),
        n=len(parts),
        noun=noun,
        sum=format_value(s.value, q.unit),
        diff=format_difference(diff, q.unit),
        more=more,
    )
    cited = values + [w for w, _ in agreeing]
    return finding(rule, "error", sentence, cited, _rounded(diff))


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
        sentence = message(
            "over_realisation",
            name=line.name,
            section=r.provenance.section,
            r=shown(r),
            a=shown(a),
            diff=format_difference(diff, r.unit),
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
        found = check_sum(BREAKDOWN, message("breakdown_total", label=b.label), total, parts)
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
