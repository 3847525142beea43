"""Rich terminal tables for ``lkj check``: findings, indicators, budget lines and alignment."""

from __future__ import annotations

import textwrap
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from rich.console import Console
from rich.table import Table
from rich.text import Text

from extractor.models import (
    SECTIONS,
    SEVERITIES,
    BudgetLine,
    Citation,
    Finding,
    Indicator,
    Provenance,
    Quantity,
    Report,
    Severity,
)
from reconcile.align import SECTION_ORDER, AlignedRow
from reconcile.compare import PERCENT, format_value
from reconcile.export import page_of
from reconcile.i18n import Lang, column_title, count, finding_message, severity_name, t

if TYPE_CHECKING:
    from reconcile.check import CheckResult

T = TypeVar("T")
K = TypeVar("K")

SEVERITY_STYLES: dict[Severity, str] = {
    "error": "red",
    "warning": "yellow",
    "unverifiable": "magenta",
    "info": "cyan",
}
DAGGER = "†"  # marks a value read through OCR repair
MISSING = "—"
NAME_WIDTH = 48  # indicator names are shortened to this many characters
# Budget total rows: the stated figure's key → the column it fills.
TOTAL_COLUMNS = {
    "table-total-allocation": "allocation",
    "table-total-realisation": "realisation",
    "rkt-total": "allocation",
}

# --- cells ----------------------------------------------------------------------------------


def where_text(provenance: Provenance, lang: Lang = "en") -> str:
    """``ikhtisar, hal. 3, baris 120``: section, page and text line when known."""
    return ", ".join(filter(None, (provenance.section, page_text(provenance, lang))))


def page_text(provenance: Provenance, lang: Lang = "en") -> str:
    """``hal. 3, baris 120``, or the parts of it that are known; the file first when the
    report joins several (``PK.pdf, hal. 2``)."""
    parts: list[str] = [provenance.file] if provenance.file else []
    if provenance.page is not None:
        parts.append(t("page_ref", lang, page=provenance.page))
    if provenance.line is not None:
        parts.append(t("line_ref", lang, line=provenance.line))
    return ", ".join(parts)


def quantity_text(quantity: Quantity | None, lang: Lang = "en") -> Text:
    """A quantity as printed, with DAGGER when repaired; unreadable ones show their raw text."""
    if quantity is None:
        return Text(MISSING, style="dim")
    if quantity.value is None:
        return Text(format_value(quantity, lang=lang), style="italic")
    text = Text(format_value(quantity))
    if quantity.repaired:
        text.append(DAGGER, style="bold")
    return text


def repair_legend(quantities: Iterable[Quantity | None], lang: Lang = "en") -> Text | None:
    """One line per repaired quantity, giving the raw text it was read from; None if none."""
    lines = [
        f"{DAGGER} "
        + t(
            "repair_note",
            lang,
            value=format_value(q),
            where=where_text(q.provenance, lang),
            raw=q.provenance.raw,
        )
        for q in quantities
        if q is not None and q.repaired and q.value is not None
    ]
    return Text("\n".join(dict.fromkeys(lines))) if lines else None


def citation_text(citation: Citation | None, lang: Lang = "en") -> Text:
    """A figure cell: value, then label, section, page and line, one per line."""
    if citation is None:
        return Text(MISSING, style="dim")
    provenance = citation.quantity.provenance
    text = quantity_text(citation.quantity, lang)
    for detail in (citation.label, provenance.section, page_text(provenance, lang)):
        if detail:
            text.append(f"\n{detail}", style="dim")
    return text


MAX_EXTRA_LINES = 4  # cited figures listed under a message; JSON lists them all


def citation_line(citation: Citation, lang: Lang = "en") -> Text:
    """A figure on one line: ``label: value (section, hal. N)``."""
    text = Text(f"{citation.label}: ")
    text.append_text(quantity_text(citation.quantity, lang))
    text.append(f" ({where_text(citation.quantity.provenance, lang)})")
    return text


def finding_cells(finding: Finding, lang: Lang = "en") -> tuple[Text, Text, Text, Text, Text]:
    """One finding as table cells: rule, what, figure A, figure B, difference.

    Cited values beyond the first two are listed under the message.
    """
    cited: list[Citation | None] = [*finding.values, None, None]
    what = Text(finding_message(finding, lang))
    extras = finding.values[2:]
    for extra in extras[:MAX_EXTRA_LINES]:
        what.append("\n+ ").append_text(citation_line(extra, lang))
    if len(extras) > MAX_EXTRA_LINES:
        what.append("\n+ " + t("more_figures", lang, n=len(extras) - MAX_EXTRA_LINES))
    return (
        Text(finding.rule, style="bold"),
        what,
        citation_text(cited[0], lang),
        citation_text(cited[1], lang),
        Text(difference_of(finding, lang), justify="right"),
    )


def difference_of(finding: Finding, lang: Lang = "en") -> str:
    """The finding's difference in the unit of its first cited value."""
    if finding.difference is None:
        return MISSING
    unit = finding.values[0].quantity.unit if finding.values else None
    if unit == PERCENT:
        return t("points", lang, value=format_value(finding.difference))
    return format_value(finding.difference, unit)


def shorten(text: str, width: int = NAME_WIDTH) -> str:
    """Collapse whitespace and cut at a word boundary, ending with an ellipsis."""
    return textwrap.shorten(text, width, placeholder=" …") if text.strip() else ""


def page_cell(record: Indicator | BudgetLine) -> str:
    page = page_of(record)
    return MISSING if page is None else str(page)


# --- views ----------------------------------------------------------------------------------


def group_by(items: Iterable[T], key: Callable[[T], K]) -> dict[K, list[T]]:
    """Items grouped by key, groups in order of first appearance."""
    groups: dict[K, list[T]] = {}
    for item in items:
        groups.setdefault(key(item), []).append(item)
    return groups


def by_section(
    items: Iterable[T], section: Callable[[T], str], order: Sequence[str] = SECTIONS
) -> list[T]:
    """Items sorted (stably) by the rank of their section in ``order``; unknown sections last."""
    rank = {name: n for n, name in enumerate(order)}
    return sorted(items, key=lambda item: rank.get(section(item), len(rank)))


def findings_table(severity: Severity, findings: Sequence[Finding], lang: Lang = "en") -> Table:
    """The findings of one severity, titled and coloured by severity."""
    style = SEVERITY_STYLES[severity]
    table = Table(
        title=Text(f"{severity_name(severity, lang)} ({len(findings)})", style=f"bold {style}"),
        title_justify="left",
        border_style=style,
        caption=repair_legend((c.quantity for f in findings for c in f.values), lang),
        caption_justify="left",
    )
    table.add_column(t("rule", lang), no_wrap=True)
    table.add_column(t("what", lang), overflow="fold")
    for key in ("figure_a", "figure_b"):
        table.add_column(t(key, lang), overflow="fold")
    table.add_column(t("difference", lang), no_wrap=True, justify="right")
    for finding in findings:
        table.add_row(*finding_cells(finding, lang))
    return table


def summary_line(result: CheckResult, lang: Lang = "en") -> str:
    """``KPU … 2024 — 40 pages (text): 3 errors, …; 37 indicators, 36 budget lines.``"""
    report = result.report
    counts = Counter(f.severity for f in result.findings)
    severities = ", ".join(count(counts[s], s, lang) for s in SEVERITIES)
    records = (
        f"{count(len(report.indicators), 'indicator', lang)}, "
        f"{count(len(report.budget), 'budget line', lang)}"
    )
    return t(
        "summary",
        lang,
        name=report_name(report),
        pages=count(report.pages, "page", lang),
        kind=report.input_kind,
        severities=severities,
        records=records,
    )


def report_name(report: Report) -> str:
    """Entity and year when known, else the input's file name."""
    known = [str(part) for part in (report.entity, report.year) if part]
    return " ".join(known) or Path(report.source).name


def render_findings(result: CheckResult, console: Console, lang: Lang = "en") -> None:
    """The default view: one table per severity, then the one-line summary."""
    for severity in SEVERITIES:
        group = [f for f in result.findings if f.severity == severity]
        if group:
            console.print(findings_table(severity, group, lang))
    if not result.findings:
        console.print(t("no_findings", lang))
    console.print(summary_line(result, lang), soft_wrap=True, highlight=False)


def render_indicators(result: CheckResult, console: Console, lang: Lang = "en") -> None:
    """Every indicator, grouped by section."""
    indicators = by_section(result.report.indicators, lambda i: i.section)
    if not indicators:
        console.print(t("no_indicators", lang))
        return
    table = Table(title=t("indicators_title", lang), title_justify="left", caption_justify="left")
    for name in ("section", "no", "indikator", "target", "realisasi", "capaian"):
        table.add_column(column_title(name, lang), no_wrap=name in ("section", "no"))
    table.add_column(t("page_abbr", lang), justify="right")
    for section, group in group_by(indicators, lambda i: i.section).items():
        for n, ind in enumerate(group):
            table.add_row(
                section if n == 0 else "",
                ind.no or "",
                shorten(ind.indikator),
                *(quantity_text(q, lang) for q in (ind.target, ind.realisasi, ind.capaian)),
                page_cell(ind),
                end_section=n == len(group) - 1,
            )
    quantities = (q for i in indicators for q in (i.target, i.realisasi, i.capaian))
    table.caption = repair_legend(quantities, lang)
    console.print(table)


def render_budget(result: CheckResult, console: Console, lang: Lang = "en") -> None:
    """Budget lines, one table per section and program, each with its stated totals."""
    lines = by_section(result.report.budget, lambda b: b.section)
    if not lines:
        console.print(t("no_budget", lang))
    for (section, program), group in group_by(lines, lambda b: (b.section, b.program)).items():
        console.print(budget_table(result.report, section, program, group, lang))


def budget_table(
    report: Report,
    section: str,
    program: str | None,
    lines: Sequence[BudgetLine],
    lang: Lang = "en",
) -> Table:
    """One program's lines of one section, with the totals the report states below."""
    table = Table(
        title=t("budget_title", lang, section=section, program=program or MISSING),
        title_justify="left",
        caption=repair_legend((q for b in lines for q in (b.allocation, b.realisation)), lang),
        caption_justify="left",
    )
    table.add_column(column_title("code", lang), no_wrap=True)
    table.add_column(column_title("name", lang))
    for name in ("allocation", "realisation"):
        table.add_column(column_title(name, lang), justify="right")
    for name in ("%", t("page_abbr", lang)):
        table.add_column(name, justify="right")
    for n, line in enumerate(lines):
        table.add_row(
            line.code or "",
            shorten(line.name),
            quantity_text(line.allocation, lang),
            quantity_text(line.realisation, lang),
            _absorption(line),
            page_cell(line),
            end_section=n == len(lines) - 1,
        )
    for label, columns in stated_totals(report, section, program, lang).items():
        total = [columns.get("allocation"), columns.get("realisation")]
        table.add_row("", label, *(quantity_text(q, lang) for q in total), "", _total_page(total))
    return table


def stated_totals(
    report: Report, section: str, program: str | None, lang: Lang = "en"
) -> dict[str, dict[str, Quantity]]:
    """The stated total rows of a program's table in a section: row label → column → figure."""
    rows: dict[str, dict[str, Quantity]] = {}
    for figure in report.figures:
        column = TOTAL_COLUMNS.get(figure.key)
        if column is None or figure.quantity.provenance.section != section:
            continue
        rkt = figure.key == "rkt-total"
        if (figure.group if rkt else figure.scope) != program:
            continue
        table_name = None if rkt else figure.group
        label = (
            t("stated_total_of", lang, table=table_name) if table_name else t("stated_total", lang)
        )
        rows.setdefault(label, {})[column] = figure.quantity
    return rows


def _absorption(line: BudgetLine) -> str:
    """Realisation as a percentage of allocation, when both are readable."""
    allocation = line.allocation.value if line.allocation else None
    realisation = line.realisation.value if line.realisation else None
    if not allocation or realisation is None:
        return ""
    return format_value(realisation / allocation * 100, PERCENT)


def _total_page(quantities: Sequence[Quantity | None]) -> str:
    pages = [q.provenance.page for q in quantities if q is not None and q.provenance.page]
    return str(pages[0]) if pages else MISSING


def aligned_sections(rows: Sequence[AlignedRow]) -> list[str]:
    """Sections present in the alignment, in SECTION_ORDER, then any others."""
    present = dict.fromkeys(section for row in rows for section, _ in row.members)
    return by_section(present, lambda section: section, SECTION_ORDER)


def aligned_cell(row: AlignedRow, section: str) -> Text:
    """``no. indikator`` of the row's member in ``section``, with its score (0-100)."""
    indicator = row.get(section)
    if indicator is None:
        return Text(MISSING, style="dim")
    prefix = f"{indicator.no}. " if indicator.no else ""
    text = Text(prefix + shorten(indicator.indikator, 40))
    score = dict(row.scores).get(section)
    if score is not None:
        text.append(f" ({score:.0f})", style="dim")
    return text


def render_alignment(result: CheckResult, console: Console, lang: Lang = "en") -> None:
    """One row per aligned indicator: its name in each section, with the match score."""
    rows = result.alignment.rows
    if not rows:
        console.print(t("no_alignment", lang))
        return
    sections = aligned_sections(rows)
    table = Table(title=t("alignment_title", lang), title_justify="left")
    table.add_column("#", justify="right")
    for section in sections:
        table.add_column(section)
    for n, row in enumerate(rows, 1):
        table.add_row(str(n), *(aligned_cell(row, s) for s in sections))
    console.print(table)


# Each view also takes ``lang`` (keyword, default "en").
VIEWS: dict[str, Callable[..., None]] = {
    "findings": render_findings,
    "indicators": render_indicators,
    "budget": render_budget,
    "alignment": render_alignment,
}
