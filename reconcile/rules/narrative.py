"""Rules on prose: claims of achievement and efficiency, and the years a report names."""

from __future__ import annotations

from typing import TYPE_CHECKING

from extractor.models import Citation, Claim, Finding, Indicator, Quantity, Report, StatedFigure
from reconcile.align import normalise_name
from reconcile.compare import PERCENT, YEAR, agrees_with_value, format_value, half_width
from reconcile.i18n import message
from reconcile.rules.base import (
    cite,
    cite_claim,
    cite_indicator,
    figure,
    finding,
    format_difference,
    joined,
    measured,
    same_name,
    shown,
    stated_in,
    unverifiable,
    where,
)

if TYPE_CHECKING:
    from reconcile.align import Alignment

NARRATIVE_CLAIM = "narrative-claim"
YEAR_RULE = "year"
EFFICIENCY = "efficiency"

FULL = 100


def narrative_claim(report: Report, alignment: Alignment) -> list[Finding]:
    """'All indicators achieved' holds only if every capaian is 100 or more; 'efficient' too."""
    findings = []
    for claim in report.claims:
        if claim.kind == "all-achieved":
            found = _all_achieved(claim, measured(report))
        else:
            found = _efficient(claim, measured(report))
        findings += [found] if found else []
    return findings


def _below_full(q: Quantity | None) -> bool:
    return q is not None and q.readable and q.value < FULL  # type: ignore[operator]


def _once(indicators: list[Indicator]) -> list[Indicator]:
    """One of each indicator a chapter states twice (its summary and detailed tables) with the
    same capaian."""
    kept: dict[tuple[str, float | None], Indicator] = {}
    for i in indicators:
        kept.setdefault((" ".join(i.indikator.lower().split()), i.capaian and i.capaian.value), i)
    return list(kept.values())


def _all_achieved(claim: Claim, indicators: list[Indicator]) -> Finding | None:
    stated = [i.capaian for i in indicators if i.capaian is not None]
    below = _once(
        [i for i in indicators if i.capaian and i.capaian.readable and i.capaian.value < FULL]
    )  # type: ignore[operator]
    said = cite_claim(claim.text, claim.provenance)
    if below:
        named = [message("quoted_at", name=i.indikator, where=shown(i.capaian)) for i in below]  # type: ignore[arg-type]
        sentence = message(
            "not_all_achieved",
            page=claim.provenance.page or "?",
            n=len(below),
            full=FULL,
            named=joined(named),
        )
        values = [said, *(cite_indicator(i, "capaian") for i in below)]
        return finding(NARRATIVE_CLAIM, "error", sentence, values)
    unreadable = [q for q in stated if not q.readable]
    if unreadable:
        what = message("all_achieved_claim")
        return unverifiable(NARRATIVE_CLAIM, what, [said], unreadable)
    return None


def _efficient(claim: Claim, indicators: list[Indicator]) -> Finding | None:
    """An efficiency claimed for an indicator whose capaian is below 100 is doubtful."""
    ind = matching(indicators, claim.subject)
    if ind is None or ind.capaian is None or not ind.capaian.readable:
        return None
    if ind.capaian.value >= FULL:  # type: ignore[operator]
        return None
    sentence = message(
        "not_efficient",
        name=ind.indikator,
        page=claim.provenance.page or "?",
        shown=shown(ind.capaian),
    )
    values = [cite_claim(claim.text, claim.provenance), cite_indicator(ind, "capaian")]
    return finding(NARRATIVE_CLAIM, "warning", sentence, values)


def matching(indicators: list[Indicator], subject: str | None) -> Indicator | None:
    """The indicator a prose subject names: same normalised name, or one containing the other."""
    if not subject:
        return None
    wanted = normalise_name(subject)
    names = [(normalise_name(ind.indikator), ind) for ind in indicators]
    exact = [ind for name, ind in names if name == wanted]
    partial = [ind for name, ind in names if wanted and name and (wanted in name or name in wanted)]
    return (exact or partial or [None])[0]


def year(report: Report, alignment: Alignment) -> list[Finding]:
    """Years naming the reporting period equal the report year."""
    if report.year is None:
        return []
    return [
        finding(
            YEAR_RULE,
            "warning",
            message(
                "year",
                where=where(q),
                raw=q.provenance.raw,
                year=format_value(q, YEAR),
                report_year=report.year,
            ),
            [Citation("reporting year", q)],
            int(q.value) - report.year,  # type: ignore[arg-type]
        )
        for q in report.years
        if q.readable and q.value != report.year
    ]


def efficiency(report: Report, alignment: Alignment) -> list[Finding]:
    """A stated efficiency equals capaian − serapan of the same indicator or program."""
    findings = []
    for f in report.figures_with("efficiency"):
        ind = matching(measured(report), f.scope)
        absorption = _absorption(report, f.scope)
        if ind and ind.capaian and absorption:
            found = _check_efficiency(f, cite_indicator(ind, "capaian"), cite(absorption))
            findings += [found] if found else []
    return findings


def _absorption(report: Report, scope: str | None) -> StatedFigure | None:
    """The serapan of the scope's program if stated, else of the whole budget."""
    figures = report.figures_with("absorption")
    own = [f for f in figures if f.scope is not None and same_name(f.scope, scope)]
    whole = [f for f in figures if f.scope is None]
    return (own or whole or [None])[0]


def _check_efficiency(f: StatedFigure, cap: Citation, serapan: Citation) -> Finding | None:
    values = [cite(f), cap, serapan]
    unreadable = [c.quantity for c in values if not c.quantity.readable]
    if unreadable:
        return unverifiable(EFFICIENCY, message("the", label=f.label), values, unreadable)
    q, c, a = f.quantity, cap.quantity, serapan.quantity
    exact = c.value - a.value  # type: ignore[operator]
    if agrees_with_value(q, exact, half_width(c) + half_width(a)):
        return None
    diff = round(q.value - exact, 6)  # type: ignore[operator]
    sentence = message(
        "efficiency_differs",
        label=f.label,
        stated=stated_in(q),
        capaian=figure(c),
        serapan=figure(a),
        exact=format_value(exact, PERCENT),
        diff=format_difference(diff, PERCENT),
    )
    return finding(EFFICIENCY, "warning", sentence, values, diff)
