"""Builders of hand-made Report records for the rule tests."""

from __future__ import annotations

from extractor.models import (
    BudgetLine,
    Finding,
    Indicator,
    Provenance,
    Quantity,
    Report,
    StatedFigure,
)
from reconcile.align import AlignedRow, Alignment

NO_ALIGNMENT = Alignment(rows=())


def q(
    value: int | float | None,
    unit: str | None,
    section: str = "realisasi-anggaran",
    page: int | None = 1,
    raw: str | None = None,
    decimals: int = 0,
    **kw: object,
) -> Quantity:
    """A Quantity; ``raw`` defaults to the value as text."""
    text = str(value) if raw is None else raw
    return Quantity(
        value,
        unit,
        Provenance(section, page, None, text, kw.pop("line", None)),
        decimals=decimals,
        **kw,
    )  # type: ignore[arg-type]


def rp(
    value: int | None, section: str = "realisasi-anggaran", page: int = 1, **kw: object
) -> Quantity:
    return q(value, "rp", section, page, **kw)


def pct(
    value: float | None, decimals: int = 2, section: str = "pengukuran", page: int = 1, **kw: object
) -> Quantity:
    return q(value, "%", section, page, decimals=decimals, **kw)


def fig(
    key: str,
    quantity: Quantity,
    scope: str | None = None,
    group: str | None = None,
    label: str | None = None,
) -> StatedFigure:
    return StatedFigure(key, label or key, quantity, scope, group)


def line(
    section: str,
    program: str | None,
    name: str,
    allocation: Quantity | None,
    realisation: Quantity | None = None,
) -> BudgetLine:
    return BudgetLine(section, program, None, name, allocation, realisation)


def indicator(
    section: str,
    name: str,
    target: Quantity | None = None,
    realisasi: Quantity | None = None,
    capaian: Quantity | None = None,
    no: str | None = "1",
    polarity: str = "higher",
) -> Indicator:
    return Indicator(section, no, "sasaran", name, target, realisasi, capaian, polarity)  # type: ignore[arg-type]


def report(**kw: object) -> Report:
    kw.setdefault("year", 2024)
    return Report(source="test.txt", input_kind="text", pages=40, **kw)  # type: ignore[arg-type]


def row(*members: Indicator) -> AlignedRow:
    return AlignedRow(members=tuple((m.section, m) for m in members), scores=())


def alignment(*rows: AlignedRow) -> Alignment:
    return Alignment(rows=rows)


def only(findings: list[Finding]) -> Finding:
    """The single finding of a list (fails otherwise)."""
    assert len(findings) == 1, findings
    return findings[0]
