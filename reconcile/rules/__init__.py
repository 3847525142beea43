"""The reconciliation rules, and the one function that runs them all in a stable order."""

from __future__ import annotations

from typing import TYPE_CHECKING

from extractor.models import SEVERITIES, Finding, Report
from reconcile.rules import budget, figures, indicators, narrative, totals
from reconcile.rules.base import Rule

if TYPE_CHECKING:
    from reconcile.align import Alignment

RULES: tuple[Rule, ...] = (
    Rule(totals.TOTAL_VS_SUM, totals.total_vs_sum),
    Rule(figures.SAME_FIGURE, figures.same_figure),
    Rule(figures.PERCENTAGE, figures.percentage),
    Rule(indicators.CAPAIAN, indicators.capaian),
    Rule(indicators.TARGET_MATCH, indicators.target_match),
    Rule(indicators.MISSING_INDICATOR, indicators.missing_indicator),
    Rule(totals.OVER_REALISATION, totals.over_realisation),
    Rule(totals.BREAKDOWN, totals.breakdown),
    Rule(indicators.CLAIMED_COUNT, indicators.claimed_count),
    Rule(narrative.NARRATIVE_CLAIM, narrative.narrative_claim),
    Rule(narrative.YEAR_RULE, narrative.year),
    Rule(budget.BUDGET_REVISION, budget.budget_revision),
    Rule(narrative.EFFICIENCY, narrative.efficiency),
)

_NO_PAGE = 1 << 30


def run_rules(report: Report, alignment: Alignment) -> list[Finding]:
    """Every rule's findings, by severity (error first), then rule, then page."""
    findings = [f for rule in RULES for f in rule(report, alignment)]
    return sorted(findings, key=_order)


def _order(f: Finding) -> tuple[int, str, int]:
    pages = [c.quantity.provenance.page for c in f.values if c.quantity.provenance.page]
    return SEVERITIES.index(f.severity), f.rule, min(pages, default=_NO_PAGE)


__all__ = ["RULES", "Rule", "run_rules"]
