"""Typed records from a Document: one orchestrator, each section read by its own parsers."""

from __future__ import annotations

from ..models import Document, Line, Report
from ..sections import SectionSpan, split_sections
from .budget import parse_budget_tables
from .budget_cells import parse_budget_cells
from .entity import find_entity, find_year
from .indicators import parse_indicator_spans
from .plans import parse_program_budgets, parse_rkt
from .programs import program_codes, with_codes
from .prose import parse_claims, parse_period_years, parse_stated_figures
from .staff import parse_breakdowns, parse_staff_counts

INDICATOR_SECTIONS = ("ikhtisar", "rencana-kinerja", "pk", "pengukuran", "lampiran-pk")
FIGURE_SECTIONS = ("ikhtisar", "realisasi-anggaran", "narrative")
CLAIM_SECTIONS = ("ikhtisar", "pengukuran", "narrative")


def parse_document(document: Document) -> Report:
    """Every record of the report, each with its provenance."""
    spans = split_sections(document)
    report = Report(
        source=document.source,
        input_kind=document.input_kind,
        pages=len(document.pages),
        entity=find_entity(document.lines()),
        year=find_year(document.lines()),
    )
    staff_sections = ("sdm",) if any(s.section == "sdm" for s in spans) else ("narrative",)
    for span in spans:
        _parse_span(span, report, staff_sections)
    codes = program_codes([line for s in spans if s.section != "rkt" for line in s.lines])
    report.budget, report.figures = with_codes(report.budget, report.figures, codes)
    return report


def _parse_span(span: SectionSpan, report: Report, staff_sections: tuple[str, ...]) -> None:
    lines: list[Line] = list(span.lines)
    section = span.section
    if section in INDICATOR_SECTIONS:
        report.indicators.extend(parse_indicator_spans(lines, section))
    if section in ("pk", "lampiran-pk"):
        report.budget.extend(parse_program_budgets(lines, section))
    if section == "realisasi-anggaran":
        budget, totals = parse_budget_tables(lines, section)
        if not budget:  # no kegiatan codes: a table read whole, cell by cell
            budget, totals = parse_budget_cells(lines, section)
        report.budget.extend(budget)
        report.figures.extend(totals)
    if section == "rkt":
        budget, totals = parse_rkt(lines, section)
        report.budget.extend(budget)
        report.figures.extend(totals)
    if section in FIGURE_SECTIONS:
        report.figures.extend(parse_stated_figures(lines, section))
    if section in staff_sections:
        report.figures.extend(parse_staff_counts(lines, section))
        report.breakdowns.extend(parse_breakdowns(lines, section))
    if section in CLAIM_SECTIONS:
        claims, counts = parse_claims(lines, section)
        report.claims.extend(claims)
        report.figures.extend(counts)
    report.years.extend(parse_period_years(lines, section))
