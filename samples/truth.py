"""The truth file of a synthetic report: every value it states, and the findings it should raise."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from samples.synthetic import Indicator, Measure, SyntheticReport

SCHEMA = "lkj-synthetic/1"


def _measure(m: Measure | None) -> dict[str, Any] | None:
    if m is None:
        return None
    out: dict[str, Any] = {"value": m.value, "unit": m.unit, "decimals": m.decimals}
    if m.grade:
        out["grade"] = m.grade
    return out


def _indicator(section: str, group: str | None, i: Indicator) -> dict[str, Any]:
    return {
        "section": section,
        "group": group,
        "key": i.key,
        "no": str(i.no),
        "sasaran": i.sasaran,
        "indikator": i.indikator,
        "polarity": i.polarity,
        "target": _measure(i.target),
        "realisasi": _measure(i.realisasi),
        "capaian": _measure(i.capaian),
    }


def _indicators(r: SyntheticReport) -> list[dict[str, Any]]:
    tables: list[tuple[str, str | None, tuple[Indicator, ...]]] = [
        ("ikhtisar", None, r.measurement if r.ikhtisar_table else ()),
        ("rencana-kinerja", None, r.plan),
        ("pk", None, r.pk),
        ("pengukuran", None, r.measurement),
        ("lampiran-pk", "pk-1", r.pk),
        ("lampiran-pk", "pk-2", r.pk2),
    ]
    return [_indicator(s, g, i) for s, g, items in tables for i in items]


def _budget(r: SyntheticReport) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for p in r.programs:
        for x in p.lines:
            line = {
                "section": "realisasi-anggaran",
                "program": p.code,
                "code": x.code,
                "name": x.name,
                "allocation": x.allocation,
                "realisation": None if x.garbage else x.realisation,
            }
            if x.garbage:
                line |= {"raw_realisation": x.garbage, "hidden_realisation": x.realisation}
            out.append(line)
        out += [
            {
                "section": "rkt",
                "program": p.code,
                "code": None,
                "name": name,
                "allocation": amount,
                "realisation": None,
            }
            for name, amount in p.rkt
        ]
        groups = ("pk-1", "pk-2") if r.pk2 else ("pk-1",)
        out += [
            {
                "section": "lampiran-pk",
                "group": g,
                "program": p.code,
                "code": None,
                "name": f"Program {p.name}",
                "allocation": p.pk_budget,
                "realisation": None,
            }
            for g in groups
        ]
    return out


def _fig(key: str, section: str, value: float, unit: str, **kw: Any) -> dict[str, Any]:
    return {"key": key, "section": section, "value": value, "unit": unit, "scope": None} | kw


def _budget_figures(r: SyntheticReport) -> list[dict[str, Any]]:
    ra = "realisasi-anggaran"
    out = [
        _fig("allocation", "ikhtisar", r.ikhtisar_allocation, "rp"),
        _fig("realisation", "ikhtisar", r.ikhtisar_realisation, "rp"),
        _fig("absorption", "ikhtisar", r.ikhtisar_absorption, "%"),
        _fig("allocation", ra, r.allocation, "rp", group="summary-table"),
        _fig("realisation", ra, r.realisation, "rp", group="summary-table"),
        _fig("absorption", ra, r.absorption, "%", group="summary-table"),
        _fig("allocation", ra, r.allocation, "rp", group="total-prose"),
        _fig("realisation", ra, r.realisation, "rp", group="total-prose"),
        _fig("rkt-grand-total", "rkt", sum(p.pk_budget for p in r.programs), "rp"),
    ]
    for p in r.programs:
        out += [
            _fig("allocation", ra, p.stated_allocation, "rp", scope=p.code, group="program-prose"),
            _fig(
                "realisation", ra, p.stated_realisation, "rp", scope=p.code, group="program-prose"
            ),
            _fig("table-total-allocation", ra, p.stated_allocation, "rp", scope=p.code),
            _fig("table-total-realisation", ra, p.stated_realisation, "rp", scope=p.code),
            _fig("rkt-program", "rkt", p.pk_budget, "rp", group=p.code),
            _fig("rkt-total", "rkt", p.rkt_total, "rp", group=p.code),
        ]
    return out


def _other_figures(r: SyntheticReport) -> list[dict[str, Any]]:
    s = r.staff
    out = [
        _fig("staff-total", "sdm", s.asn + s.non_asn, "orang"),
        _fig("staff-asn", "sdm", s.asn, "orang"),
        _fig("staff-non-asn", "sdm", s.non_asn, "orang"),
        _fig("staff-share", "sdm", s.asn_share, "%", scope="asn"),
        _fig("staff-share", "sdm", s.non_asn_share, "%", scope="non-asn"),
        _fig("indicator-count", "pengukuran", r.claimed_count, "indikator", scope="pengukuran"),
    ]
    if not r.claim_all:
        out.append(_fig("indicator-achieved-count", "pengukuran", r.achieved_count, "indikator"))
    return out


def _breakdowns(r: SyntheticReport) -> list[dict[str, Any]]:
    s = r.staff
    status = (("PNS", s.asn), ("PPNPN", s.non_asn))
    tables = (
        ("pendidikan", s.education, "staff-total"),
        ("status", status, "staff-total"),
        ("pangkat", s.pangkat, "staff-asn"),
        ("jabatan", s.jabatan, None),
    )
    return [{"label": lab, "parts": dict(parts), "of": of} for lab, parts, of in tables if parts]


def truth_of(report: SyntheticReport) -> dict[str, Any]:
    """Every value the report states and the findings a correct audit should produce."""
    r = report
    return {
        "schema": SCHEMA,
        "seed": r.seed,
        "entity": r.entity.name,
        "entity_short": r.entity.short,
        "entity_kind": r.entity.kind,
        "year": r.year,
        "injections": [asdict(i) for i in r.injections],
        "expected_info": [asdict(i) for i in r.expected_info],
        "expected_error_count": sum(1 for i in r.injections if i.severity == "error"),
        "indicators": _indicators(r),
        "budget": _budget(r),
        "figures": _budget_figures(r) + _other_figures(r),
        "breakdowns": _breakdowns(r),
        "claims": [{"kind": "all-achieved", "section": "pengukuran"}] if r.claim_all else [],
    }
