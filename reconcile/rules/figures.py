"""Rules on stated figures: one figure stated alike everywhere, percentages recomputed."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations
from typing import TYPE_CHECKING

from extractor.models import Citation, Finding, Message, Provenance, Report, StatedFigure
from extractor.parse.budget_cells import KEGIATAN_SUBTOTAL
from reconcile.align import same_indicator
from reconcile.compare import (
    PERCENT,
    agrees,
    agrees_with_value,
    format_value,
    miss,
    percent_of,
)
from reconcile.i18n import message
from reconcile.rules.base import (
    MEASURED_SECTIONS,
    PLAN_SECTIONS,
    Fragment,
    cite,
    cite_indicator,
    difference,
    distinct,
    finding,
    format_difference,
    same_name,
    shown,
    stated_in,
    unverifiable,
    where,
)
from reconcile.rules.totals import check_sum

if TYPE_CHECKING:
    from reconcile.align import Alignment

SAME_FIGURE = "same-figure"
PERCENTAGE = "percentage"

# Figure key → the figure it states (its text is ``figure_<name>``); table totals state the
# same figure as the prose.
SAME_AS = {
    "allocation": "allocation",
    "table-total-allocation": "allocation",
    "realisation": "realisation",
    "table-total-realisation": "realisation",
    "absorption": "absorption",
    "staff-total": "staff-total",
    "staff-asn": "staff-asn",
    "staff-non-asn": "staff-non-asn",
}
SHARE_OF = {"asn": "staff-asn", "non-asn": "staff-non-asn"}
FUDGE = 1.0  # percentage points beyond the printed interval still taken as rounding

Group = tuple[str, str | None]


def same_figure(report: Report, alignment: Alignment) -> list[Finding]:
    """A figure stated in several places has one value (an indicator's realisation too); the
    whole budget sums its programs."""
    groups = _groups(report)
    findings = [
        f for (name, scope), figs in groups.items() for f in _disagreements(name, scope, figs)
    ]
    for name in ("allocation", "realisation"):
        found = _whole_vs_programs(report, name, groups)
        findings += [found] if found else []
    return findings + _indicator_realisation(alignment)


def _indicator_realisation(alignment: Alignment) -> list[Finding]:
    """An indicator's realisation is one figure in every table stating it under its name: two
    measurement tables of one chapter, the measurement table and the summary."""
    findings = []
    for row in alignment.rows:
        measured = [m for s in MEASURED_SECTIONS for m in row.all(s) if m.realisasi is not None]
        cited = distinct(cite_indicator(m, "realisasi") for m in measured if m.realisasi.readable)
        named = {id(c): m for m in measured for c in cited if c.quantity is m.realisasi}
        for a, b in combinations(cited, 2):
            same = same_indicator(named[id(a)], named[id(b)])
            if same and a.quantity.unit == b.quantity.unit and not agrees(a.quantity, b.quantity):
                what = message("realisation_of", name=named[id(a)].indikator)
                findings.append(_differs(what, a, b))
    return findings


def _groups(report: Report) -> dict[Group, list[StatedFigure]]:
    """Figures by (what they state, scope); totals of plan tables (RKT, PK) are left out.

    A serapan the percentage rule can recompute is left to it: a wrong one is reported once.
    """
    groups: dict[Group, list[StatedFigure]] = {}
    for f in report.figures:
        if f.key not in SAME_AS or f.quantity.provenance.section in PLAN_SECTIONS:
            continue
        if f.group == KEGIATAN_SUBTOTAL:  # checked against its lines, not the whole budget
            continue
        if f.key == "absorption" and all(_absorption_operands(report, f)):
            continue
        scope = next((s for _, s in groups if same_name(s, f.scope)), f.scope)
        groups.setdefault((SAME_AS[f.key], scope), []).append(f)
    return groups


def _disagreements(name: str, scope: str | None, figures: list[StatedFigure]) -> list[Finding]:
    """One error per pair of distinct values; an unreadable statement is unverifiable."""
    readable = [cite(f) for f in figures if f.quantity.readable]
    if len(figures) < 2 or not readable:
        return []
    what = _of(message(f"figure_{name}"), scope)
    findings = [
        unverifiable(
            SAME_FIGURE,
            message("figure_in", what=what, where=where(f.quantity)),
            [cite(f), readable[0]],
            [f.quantity],
        )
        for f in figures
        if not f.quantity.readable
    ]
    for a, b in combinations(distinct(readable), 2):
        if not agrees(a.quantity, b.quantity):
            findings.append(_differs(what, a, b))
    return findings


def _differs(what: Fragment, a: Citation, b: Citation) -> Finding:
    diff = difference(a.quantity, b.quantity)
    sentence = message(
        "differs",
        what=what,
        section_a=a.quantity.provenance.section,
        a=shown(a.quantity),
        section_b=b.quantity.provenance.section,
        b=shown(b.quantity),
        diff=format_difference(diff, a.quantity.unit),
    )
    return finding(SAME_FIGURE, "error", sentence, [a, b], diff)


def _of(what: Message, scope: str | None) -> Message:
    return what if scope is None else message("of_program", what=what, program=scope)


def _whole_vs_programs(
    report: Report, name: str, groups: dict[Group, list[StatedFigure]]
) -> Finding | None:
    """A whole-budget figure vs the sum of the programs its sentence lists ("(XY) dan (ZW)").

    Only a sentence that names its programs says which figures must add up to it: summing the
    programs that happened to be found would mistake a program lost by OCR for an error.
    """
    wholes = [f for f in groups.get((name, None), []) if f.quantity.readable and f.group]
    if not wholes:
        return None
    whole = wholes[0]
    named = whole.group.split("+")  # type: ignore[union-attr]
    programs = {scope: figs for (n, scope), figs in groups.items() if n == name and scope}
    chosen = [next((figs for s, figs in programs.items() if same_name(s, p)), None) for p in named]
    if any(figs is None for figs in chosen):
        return None
    section = whole.quantity.provenance.section
    parts = [cite(_prefer(figs, section)) for figs in chosen if figs]
    what = message("whole_budget", name=message(f"figure_{name}"), section=section)
    return check_sum(SAME_FIGURE, what, cite(whole), parts, noun=message("programs"))


def _prefer(figures: Sequence[StatedFigure], section: str) -> StatedFigure:
    """The first readable figure of ``section``, else the first readable, else the first."""
    ranked = sorted(
        figures,
        key=lambda f: (not f.quantity.readable, f.quantity.provenance.section != section),
    )
    return ranked[0]


def percentage(report: Report, alignment: Alignment) -> list[Finding]:
    """Stated percentages (serapan, staff shares) equal their recomputation."""
    findings = []
    for share in report.figures_with("absorption"):
        findings += _check_share(share, *_absorption_operands(report, share))
    for share in report.figures_with("staff-share"):
        key = SHARE_OF.get((share.scope or "").casefold())
        if key:
            num = _operand(report, (key,), share)
            den = _operand(report, ("staff-total",), share)
            findings += _check_share(share, num, den)
    return findings


def _absorption_operands(
    report: Report, share: StatedFigure
) -> tuple[StatedFigure | None, StatedFigure | None]:
    """The realisation and allocation a serapan is computed from."""
    num = _operand(report, ("realisation", "table-total-realisation"), share, share.scope)
    den = _operand(report, ("allocation", "table-total-allocation"), share, share.scope)
    return num, den


def _operand(
    report: Report, keys: Sequence[str], share: StatedFigure, scope: str | None = None
) -> StatedFigure | None:
    """The figure a share is computed from, preferring the share's own section."""
    figures = [
        f
        for f in report.figures
        if f.key in keys
        and same_name(f.scope, scope)
        and f.quantity.provenance.section not in PLAN_SECTIONS
        and f.group != KEGIATAN_SUBTOTAL
    ]
    return _nearest(figures, share.quantity.provenance) if figures else None


def _nearest(figures: Sequence[StatedFigure], at: Provenance) -> StatedFigure:
    """The readable figure stated nearest ``at``: its section, then page, then line or height.

    A paragraph may state three serapan, each after its own realisation and pagu.
    """

    def distance(f: StatedFigure) -> tuple[bool, bool, float, float]:
        p = f.quantity.provenance
        pages = abs((p.page or 0) - (at.page or 0)) if p.page and at.page else 1e9
        if p.line is not None and at.line is not None:
            apart = abs(p.line - at.line)
        else:
            apart = abs(p.bbox.top - at.bbox.top) if p.bbox and at.bbox else 1e9
        return not f.quantity.readable, p.section != at.section, pages, apart

    return min(figures, key=distance)


def _check_share(
    share: StatedFigure, num: StatedFigure | None, den: StatedFigure | None
) -> list[Finding]:
    if num is None or den is None:
        return []
    values = [cite(share), cite(num), cite(den)]
    unreadable = [c.quantity for c in values if not c.quantity.readable]
    if unreadable:
        what = message("labelled_at", label=share.label, where=where(share.quantity))
        return [unverifiable(PERCENTAGE, what, values, unreadable)]
    q = share.quantity
    if den.quantity.value == 0:
        return []
    exact = percent_of(num.quantity.value, den.quantity.value)  # type: ignore[arg-type]
    if agrees_with_value(q, exact):
        return []
    gap = miss(q, exact)
    diff = round(q.value - exact, 6)  # type: ignore[operator]
    sentence = message(
        "share_differs",
        label=share.label,
        stated=stated_in(q),
        num=num.label,
        den=den.label,
        exact=format_value(exact, PERCENT),
        diff=format_difference(diff, PERCENT),
        note=message("near_rounding") if gap < FUDGE else "",
    )
    return [finding(PERCENTAGE, "warning" if gap < FUDGE else "error", sentence, values, diff)]
