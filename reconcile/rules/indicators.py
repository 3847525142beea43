"""Rules on performance indicators: capaian recomputed, targets and indicators across sections."""

from __future__ import annotations

from collections.abc import Callable
from itertools import combinations
from typing import TYPE_CHECKING

from extractor.models import Citation, Finding, Indicator, Message, Quantity, Report
from reconcile.align import table_copies
from reconcile.compare import PERCENT, agrees, agrees_with_value, format_value, half_width
from reconcile.i18n import message
from reconcile.rules.base import (
    PK_SECTIONS,
    cite,
    cite_indicator,
    difference,
    distinct,
    finding,
    format_difference,
    joined,
    shown,
    stated_in,
    unverifiable,
    where,
)

if TYPE_CHECKING:
    from reconcile.align import AlignedRow, Alignment

CAPAIAN = "capaian"
TARGET_MATCH = "target-match"
MISSING_INDICATOR = "missing-indicator"
CLAIMED_COUNT = "claimed-count"

CAP = 120.0
GRADE = "predikat"
Formula = Callable[[float, float], float | None]
FORMULAS: dict[str, Formula] = {
    "R/T×100": lambda t, r: r / t * 100,
    "(2T−R)/T×100": lambda t, r: (2 * t - r) / t * 100,
    "T/R×100": lambda t, r: t / r * 100 if r else None,
}
POLARITY_FORMULA = {"higher": "R/T×100", "lower": "(2T−R)/T×100"}
TARGET_SECTIONS = ("pk", "lampiran-pk", "pengukuran", "ikhtisar")
PLAN_INDICATOR_SECTIONS = ("rencana-kinerja", "rkt")
CITED_EXAMPLES = 3


def capaian(report: Report, alignment: Alignment) -> list[Finding]:
    """Each stated capaian matches its recomputation from target and realisasi by polarity."""
    return [f for ind in report.indicators if (f := _check_capaian(ind)) is not None]


def _check_capaian(ind: Indicator) -> Finding | None:
    t, r, c = ind.target, ind.realisasi, ind.capaian
    if t is None or r is None or c is None or GRADE in (t.unit, r.unit, c.unit):
        return None
    values = [cite_indicator(ind, name) for name in ("target", "realisasi", "capaian")]
    unreadable = [q for q in (t, r, c) if not q.readable]
    if unreadable:
        what = message("capaian_of", name=ind.indikator)
        return unverifiable(CAPAIAN, what, values, unreadable)
    if t.value == 0 or (t.unit and r.unit and t.unit != r.unit):
        return None
    results = {name: _variants(f(t.value, r.value)) for name, f in FORMULAS.items()}  # type: ignore[arg-type]
    own = POLARITY_FORMULA[ind.polarity]
    spread = _spread(FORMULAS[own], t, r)
    if any(agrees_with_value(c, v, spread) for v in results[own]):
        return None
    uncapped, capped = results[own]
    recomputed = message(
        "recomputed",
        uncapped=format_value(uncapped, PERCENT),
        capped=format_value(capped, PERCENT),
        cap=f"{CAP:g}",
    )
    head = message("capaian_head", name=ind.indikator, stated=stated_in(c))
    diff = round(min((c.value - v for v in (uncapped, capped)), key=abs), 6)  # type: ignore[operator]
    other = next((n for n, vs in results.items() if any(agrees_with_value(c, v) for v in vs)), None)
    if other:
        polarity = message(f"polarity_{ind.polarity}")
        sentence = message(
            "other_formula",
            head=head,
            other=other,
            polarity=polarity,
            own=own,
            recomputed=recomputed,
        )
        return finding(CAPAIAN, "warning", sentence, values, diff)
    sentence = message(
        "capaian_mismatch",
        head=head,
        own=own,
        target=format_value(t),
        realisasi=format_value(r),
        recomputed=recomputed,
    )
    return finding(CAPAIAN, "error", sentence, values, diff)


def _spread(formula: Formula, t: Quantity, r: Quantity) -> float:
    """How far the capaian can move while a rounded realisasi ("89,66%") stays within its
    printed precision; a target, and a realisasi printed without decimals, are exact."""
    if not r.decimals:
        return 0.0
    centre = formula(t.value, r.value)  # type: ignore[arg-type]
    ends = [formula(t.value, r.value + d) for d in (-half_width(r), half_width(r))]  # type: ignore[arg-type, operator]
    known = [abs(e - centre) for e in ends if e is not None and centre is not None]
    return max(known, default=0.0)


def _variants(value: float | None) -> tuple[float, ...]:
    """A formula's result uncapped and capped at CAP (none when it cannot be computed)."""
    return () if value is None else (value, min(value, CAP))


def target_match(report: Report, alignment: Alignment) -> list[Finding]:
    """An indicator has the same target and unit in the PK, appendix, measurement and summary."""
    findings = []
    for row in alignment.rows:
        members = [ind for s in TARGET_SECTIONS for ind in row.all(s) if ind.target is not None]
        if len(members) > 1:
            findings += _compare_targets(members)
        drift = _unit_drift(row, {m.target.unit for m in members})  # type: ignore[union-attr]
        findings += [drift] if drift else []
    return findings


def _unit_drift(row: AlignedRow, target_units: set[str | None]) -> Finding | None:
    """A count stated in other units than its target's ("20 Kelompok/Pelaku" in the PK, its
    realisation "12 Orang" in the measurement table). Units the targets already differ in are
    reported above: only a unit none of the targets has makes a drift then."""
    cited: dict[str, Citation] = {}
    for section in TARGET_SECTIONS:
        for ind in row.all(section):
            for field in ("target", "realisasi"):
                q = getattr(ind, field)
                if q is not None and q.readable and q.unit not in (None, PERCENT):
                    cited.setdefault(q.unit, cite_indicator(ind, field))
    differing_targets = len(target_units - {None, PERCENT}) > 1
    if len(cited) < 2 or (differing_targets and set(cited) <= target_units):
        return None
    name = next(ind for _, ind in row.members).indikator
    listed = [
        message("quoted_at", name=c.quantity.unit, where=shown(c.quantity)) for c in cited.values()
    ]
    sentence = message("unit_drift", name=name, listed=joined(listed))
    return finding(TARGET_MATCH, "warning", sentence, list(cited.values()))


def _compare_targets(members: list[Indicator]) -> list[Finding]:
    name = members[0].indikator
    targets = [cite_indicator(m) for m in members]
    numeric = [t for t in targets if t.quantity.readable]
    grades = [t for t in targets if t.quantity.unit == GRADE]
    findings = [
        unverifiable(TARGET_MATCH, _target_of(m), [t, *numeric[:1]], [t.quantity])
        for m, t in zip(members, targets, strict=True)
        if numeric and not t.quantity.readable and t.quantity.unit != GRADE
    ]
    for a, b in combinations(distinct(numeric), 2):
        findings.append(_target_differs(name, a, b))
    for a, b in combinations(_distinct_grades(grades), 2):
        findings.append(_target_differs(name, a, b))
    return findings


def _distinct_grades(grades: list[Citation]) -> list[Citation]:
    kept: dict[str, Citation] = {}
    for g in grades:
        kept.setdefault("".join(g.quantity.provenance.raw.upper().split()), g)
    return list(kept.values())


def _target_of(indicator: Indicator) -> Message:
    """``the target of 'name' (pk)``: what an unreadable target cell stands for."""
    return message("cell_of", field="target", name=indicator.indikator, section=indicator.section)


def _target_differs(name: str, a: Citation, b: Citation) -> Finding:
    qa, qb = a.quantity, b.quantity
    head = message("target_head", name=name, a=stated_in(qa), b=stated_in(qb))
    units = {"a": str(qa.unit), "b": str(qb.unit)}
    if qa.readable and qb.readable and agrees(qa, qb):
        sentence = message("target_unit", head=head, **units)
        return finding(TARGET_MATCH, "warning", sentence, [a, b])
    same_unit = qa.unit == qb.unit and qa.readable and qb.readable
    diff = difference(qa, qb) if same_unit else None
    gap = "" if diff is None else message("by", diff=format_difference(diff, qa.unit))
    unit = "" if qa.unit == qb.unit else message("and_unit", **units)
    sentence = message("target_differs", head=head, gap=gap, unit=unit)
    return finding(TARGET_MATCH, "warning", sentence, [a, b], diff)


def missing_indicator(report: Report, alignment: Alignment) -> list[Finding]:
    """Every PK indicator is measured and every measured one has a PK; plans vs PK as info.

    A PK document of the appendix none of whose indicators is measured, while another PK is,
    is a separate agreement (another official's): one info finding instead of a warning each.
    """
    measured = any(row.get("pengukuran") for row in alignment.rows)
    measure = "pengukuran" if measured else "ikhtisar"
    separate = _separate_documents(report, alignment, measure)
    findings = []
    for row in alignment.rows:
        pk = _pk_member(row)
        if pk and not row.get(measure) and not any(pk is i for d in separate for i in d):
            sentence = message(
                "never_measured", name=pk.indikator, section=pk.section, measure=measure
            )
            findings.append(finding(MISSING_INDICATOR, "warning", sentence, [cite_indicator(pk)]))
        taken = row.get("pengukuran")
        if taken and not pk:
            sentence = message("measured_without_pk", name=taken.indikator)
            findings.append(
                finding(MISSING_INDICATOR, "warning", sentence, [cite_indicator(taken)])
            )
    extra = [_plan_without_pk(alignment), *(_separate_pk(d, measure) for d in separate)]
    return findings + [f for f in extra if f is not None]


def _separate_documents(
    report: Report, alignment: Alignment, measure: str
) -> list[list[Indicator]]:
    """Appendix PK documents with no measured indicator, when some other PK indicator is."""
    measured = [
        ind
        for row in alignment.rows
        if row.get(measure)
        for s in PK_SECTIONS
        if (ind := row.get(s))
    ]
    documents = _pk_documents(report.indicators_in("lampiran-pk"))
    unmeasured = [d for d in documents if not any(m is i for m in measured for i in d)]
    return unmeasured if measured else []


def _pk_documents(indicators: list[Indicator]) -> list[list[Indicator]]:
    """Appendix PK rows cut into documents where numbering restarts or pages skip."""
    documents: list[list[Indicator]] = []
    previous: Indicator | None = None
    for ind in indicators:
        if previous is None or _new_document(previous, ind):
            documents.append([])
        documents[-1].append(ind)
        previous = ind
    return documents


def _new_document(previous: Indicator, ind: Indicator) -> bool:
    restart = ind.no == "1" and previous.no not in (None, "1")
    before, page = _page(previous), _page(ind)
    return restart or (before is not None and page is not None and page - before > 1)


def _page(ind: Indicator) -> int | None:
    return ind.provenance.page if ind.provenance else None


def _separate_pk(document: list[Indicator], measure: str) -> Finding:
    first = document[0]
    sentence = message(
        "separate_pk",
        page=_page(first) or "?",
        n=len(document),
        name=first.indikator,
        measure=measure,
    )
    return finding(MISSING_INDICATOR, "info", sentence, [cite_indicator(first)])


def _pk_member(row: AlignedRow) -> Indicator | None:
    return next((ind for s in PK_SECTIONS if (ind := row.get(s)) is not None), None)


def _plan_without_pk(alignment: Alignment) -> Finding | None:
    """One info finding counting the plan indicators without a PK counterpart."""
    plans = [
        (plan, row)
        for row in alignment.rows
        for s in PLAN_INDICATOR_SECTIONS
        if (plan := row.get(s)) is not None
    ]
    alone = [plan for plan, row in plans if _pk_member(row) is None]
    if not alone:
        return None
    named = ", ".join(repr(p.indikator) for p in alone[:CITED_EXAMPLES])
    sentence = message(
        "plan_without_pk", n=len(alone), total=len(plans), section=alone[0].section, named=named
    )
    cited = [cite_indicator(p) for p in alone[:CITED_EXAMPLES]]
    return finding(MISSING_INDICATOR, "info", sentence, cited)


def claimed_count(report: Report, alignment: Alignment) -> list[Finding]:
    """A count of indicators claimed in prose matches the indicators of that table."""
    findings = []
    for f in report.figures_with("indicator-count"):
        section = f.scope or "pengukuran"
        if not report.indicators_in(section):
            section = "pk"
        copies = table_copies(report.indicators_in(section))
        if not copies:
            continue
        indicators = max(copies, key=len)  # a chapter repeating its table counts it once
        q = f.quantity
        if not q.readable:
            what = message("the", label=f.label)
            findings.append(unverifiable(CLAIMED_COUNT, what, [cite(f)], [q]))
        elif q.value not in {len(copy) for copy in copies}:
            findings.append(_count_differs(f.label, q, section, indicators, cite(f)))
    return findings


def _count_differs(
    label: str, q: Quantity, section: str, indicators: list[Indicator], cited: Citation
) -> Finding:
    count = len(indicators)
    groups = len({i.no for i in indicators if i.no})
    sentence = message(
        "claimed_count",
        label=label,
        where=where(q),
        n=format_value(q.value),
        section=section,
        count=count,
        note=message("sasaran_count", groups=groups) if q.value == groups else "",
    )
    return finding(CLAIMED_COUNT, "warning", sentence, [cited], int(q.value) - count)  # type: ignore[arg-type]
