"""The working paper (kertas kerja): one self-contained HTML file per checked report.

Findings grouped by severity, each cited figure beside its evidence (the page region boxed in
red, inline as a ``data:`` PNG, or the OCR text lines around it), then the alignment of
indicators and the extracted tables. No scripts, no network: CSS inline, readable on a phone
(the figures' grid folds to one column) and printable to A4.
"""

from __future__ import annotations

import base64
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

import pypdfium2 as pdfium

from extractor.models import SEVERITIES, BudgetLine, Citation, Finding, Provenance, Quantity
from reconcile.evidence import Evidence, EvidenceSettings, evidence_for, kind_of, report_sources
from reconcile.i18n import (
    Lang,
    column_title,
    finding_message,
    section_name,
    severity_name,
    t,
)
from reconcile.render import (
    MISSING,
    aligned_cell,
    aligned_sections,
    by_section,
    difference_of,
    group_by,
    page_text,
    quantity_text,
    report_name,
    stated_totals,
    summary_line,
)

if TYPE_CHECKING:
    from reconcile.check import CheckResult

EvidenceMap = dict[Quantity, Evidence | None]

CSS = """
:root{--error:#b00020;--warning:#9a5b00;--unverifiable:#7b1fa2;--info:#00695c;
 font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.4;color:#111}
body{margin:0 auto;max-width:75rem;padding:1rem}
h1{font-size:1.5rem;margin:.2rem 0}h2{font-size:1.25rem;border-bottom:2px solid;margin-top:1.5rem}
h3{font-size:1rem}.summary{color:#333}.source{color:#555;font-size:.85rem;word-break:break-all}
.sev-error{--c:var(--error)}.sev-warning{--c:var(--warning)}
.sev-unverifiable{--c:var(--unverifiable)}.sev-info{--c:var(--info)}
.severity h2{color:var(--c)}
.finding{border:1px solid #ccc;border-left:.4rem solid var(--c);border-radius:.3rem;
 padding:.5rem .75rem;margin:.75rem 0}
.finding header{display:flex;flex-wrap:wrap;justify-content:space-between;gap:.5rem}
.rule{font-weight:bold}.message{margin:.4rem 0}
.figures{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,22rem),1fr));
 gap:.75rem}
figure{margin:0;min-width:0}figure img{display:block;max-width:100%;height:auto;
 border:1px solid #ddd}
figcaption{font-size:.85rem;margin-top:.25rem}.raw{color:#555}
pre.excerpt{white-space:pre-wrap;overflow-wrap:anywhere;background:#f6f6f6;padding:.5rem;
 margin:0;font-size:.8rem}
pre.excerpt mark{background:#ffd6d6;outline:2px solid #d00}
.no-evidence{color:#777;font-style:italic;font-size:.85rem}
.table-wrap{overflow-x:auto}table{border-collapse:collapse;width:100%;font-size:.85rem}
th,td{border:1px solid #ccc;padding:.25rem .4rem;vertical-align:top;text-align:left}
th{background:#eee}td.num{text-align:right;white-space:nowrap}
tr.total td{font-weight:bold}
@media (max-width:40rem){body{padding:.5rem}h1{font-size:1.2rem}}
@media print{@page{size:A4;margin:15mm}
 body{max-width:none;padding:0;font-size:10pt}
 .finding{break-inside:avoid;page-break-inside:avoid}
 h2,h3{break-after:avoid;page-break-after:avoid}
 section.tables{break-before:page;page-break-before:always}
 .table-wrap{overflow:visible}tr{break-inside:avoid;page-break-inside:avoid}
 thead{display:table-header-group}a{color:inherit;text-decoration:none}
 figure img{max-height:70mm;width:auto}}
"""


@dataclass(frozen=True)
class IndexEntry:
    """One report of a batch: its working paper, or why it could not be checked."""

    source: str
    html: Path | None
    result: CheckResult | None = None
    error: str | None = None


# --- the working paper ----------------------------------------------------------------------


def write_html(
    result: CheckResult,
    path: Path,
    lang: Lang = "en",
    settings: EvidenceSettings | None = None,
    sources: Sequence[Path] | None = None,
) -> None:
    """Write the working paper of ``result`` to ``path``.

    ``sources`` are the files the report was read from (default: from ``report.source``);
    evidence is cut from them, and page references link to them relative to ``path``.
    """
    sources = report_sources(result.report) if sources is None else sources
    quantities = dict.fromkeys(c.quantity for f in result.findings for c in f.values)
    evidence = {q: _evidence(q, sources, settings) for q in quantities}
    paper = _Paper(lang, evidence, path.parent)
    title = t("workpaper_title", lang, name=report_name(result.report))
    body = [
        f"<header><h1>{escape(title)}</h1>",
        f'<p class="summary">{escape(summary_line(result, lang))}</p>',
        f'<p class="source">{escape(t("source", lang))}: {escape(result.report.source)}</p>',
        "</header>",
        paper.findings_html(result.findings),
        '<section class="tables">',
        alignment_html(result, lang),
        indicators_html(result, lang),
        budget_html(result, lang),
        "</section>",
    ]
    path.write_text(page_html(title, body, lang), encoding="utf-8")


def _evidence(
    quantity: Quantity, sources: Sequence[Path], settings: EvidenceSettings | None
) -> Evidence | None:
    """The figure's evidence; a file that cannot be rendered leaves the figure without one."""
    try:
        return evidence_for(quantity, sources, settings)
    except (OSError, ValueError, pdfium.PdfiumError):
        return None


def page_html(title: str, body: Iterable[str], lang: Lang) -> str:
    """A complete HTML document: inline CSS, viewport for phones, no scripts."""
    return "\n".join(
        [
            "<!DOCTYPE html>",
            f'<html lang="{lang}"><head><meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{escape(title)}</title><style>{CSS}</style></head><body>",
            *body,
            "</body></html>",
            "",
        ]
    )


@dataclass(frozen=True)
class _Paper:
    """What the findings' HTML needs: the language, each figure's evidence, the HTML's folder."""

    lang: Lang
    evidence: EvidenceMap
    base: Path

    def findings_html(self, findings: Sequence[Finding]) -> str:
        parts = [f"<h2>{escape(t('findings_heading', self.lang))}</h2>"]
        if not findings:
            parts.append(f"<p>{escape(t('no_findings', self.lang))}</p>")
        for severity in SEVERITIES:
            group = [f for f in findings if f.severity == severity]
            if group:
                heading = f"{severity_name(severity, self.lang)} ({len(group)})"
                parts.append(f'<section class="severity sev-{severity}" id="{severity}">')
                parts.append(f"<h2>{escape(heading)}</h2>")
                parts += [self.finding_html(f) for f in group]
                parts.append("</section>")
        return "\n".join(parts)

    def finding_html(self, finding: Finding) -> str:
        difference = difference_of(finding, self.lang)
        figures = "".join(self.figure_html(c) for c in finding.values)
        return (
            '<article class="finding">'
            f'<header><span class="rule">{escape(finding.rule)}</span>'
            f"<span>{escape(t('difference', self.lang))}: {escape(difference)}</span></header>"
            f'<p class="message">{escape(finding_message(finding, self.lang))}</p>'
            + (f'<div class="figures">{figures}</div>' if figures else "")
            + "</article>"
        )

    def figure_html(self, citation: Citation) -> str:
        quantity = citation.quantity
        evidence = self.evidence.get(quantity)
        p = quantity.provenance
        where = ", ".join(
            filter(None, (escape(section_name(p.section, self.lang)), self.page_ref(p, evidence)))
        )
        value = quantity_text(quantity, self.lang).plain
        caption = (
            f"<strong>{escape(citation.label)}</strong>: {escape(value)}"
            f"<br>{where}"
            f'<br><span class="raw">{escape(column_title("raw", self.lang))}: '
            f"&#8216;{escape(p.raw)}&#8217;</span>"
        )
        alt = f"{citation.label}: {p.raw}"
        shown = evidence_html(evidence, alt, self.lang)
        return f"<figure>{shown}<figcaption>{caption}</figcaption></figure>"

    def page_ref(self, provenance: Provenance, evidence: Evidence | None) -> str:
        """``hal. 3`` linked to that page of the source PDF, when it is one."""
        text = escape(page_text(provenance, self.lang))
        if not text or evidence is None or provenance.page is None:
            return text
        if kind_of(evidence.source) != "pdf":
            return text
        href = f"{relative_href(evidence.source, self.base)}#page={provenance.page}"
        return f'<a href="{href}">{text}</a>'


def relative_href(target: Path, base: Path) -> str:
    """A URL path to ``target`` relative to the folder ``base``."""
    return quote(Path(os.path.relpath(target.resolve(), base.resolve())).as_posix())


def evidence_html(evidence: Evidence | None, alt: str, lang: Lang) -> str:
    """The crop as an inline PNG, the text excerpt with the cited line marked, or a note."""
    if evidence is not None and evidence.png is not None:
        data = base64.b64encode(evidence.png).decode("ascii")
        return f'<img alt="{escape(alt)}" src="data:image/png;base64,{data}">'
    if evidence is not None and evidence.lines:
        lines = [
            f"<mark>{escape(f'{x.number:>5}  {x.text}')}</mark>"
            if x.cited
            else escape(f"{x.number:>5}  {x.text}")
            for x in evidence.lines
        ]
        return '<pre class="excerpt">' + "\n".join(lines) + "</pre>"
    return f'<p class="no-evidence">{escape(t("no_evidence", lang))}</p>'


# --- tables ---------------------------------------------------------------------------------


def table_html(headers: Sequence[str], rows: Iterable[Sequence[str]], numeric: set[int]) -> str:
    """A table of escaped cells; columns in ``numeric`` are right-aligned."""
    body = "".join(
        "<tr>"
        + "".join(
            f'<td class="num">{escape(c)}</td>' if n in numeric else f"<td>{escape(c)}</td>"
            for n, c in enumerate(row)
        )
        + "</tr>"
        for row in rows
    )
    return wrap_table(headers, body)


def wrap_table(headers: Sequence[str], body: str) -> str:
    """A scrollable table: escaped ``headers`` over the rows' HTML ``body``."""
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    return (
        f'<div class="table-wrap"><table><thead><tr>{head}</tr></thead>'
        f"<tbody>{body}</tbody></table></div>"
    )


def alignment_html(result: CheckResult, lang: Lang) -> str:
    rows = result.alignment.rows
    heading = f"<h2>{escape(t('alignment_heading', lang))}</h2>"
    if not rows:
        return heading + f"<p>{escape(t('no_alignment', lang))}</p>"
    sections = aligned_sections(rows)
    headers = ["#", *(section_name(s, lang) for s in sections)]
    cells = [
        [str(n), *(aligned_cell(row, s).plain for s in sections)] for n, row in enumerate(rows, 1)
    ]
    return heading + table_html(headers, cells, {0})


def indicators_html(result: CheckResult, lang: Lang) -> str:
    indicators = by_section(result.report.indicators, lambda i: i.section)
    heading = f"<h2>{escape(t('indicators_heading', lang))}</h2>"
    if not indicators:
        return heading + f"<p>{escape(t('no_indicators', lang))}</p>"
    names = ("section", "no", "sasaran", "indikator", "target", "realisasi", "capaian", "page")
    rows = [
        [
            section_name(i.section, lang),
            i.no or "",
            i.sasaran,
            i.indikator,
            *(quantity_text(q, lang).plain for q in (i.target, i.realisasi, i.capaian)),
            _page(q.provenance.page for q in (i.target, i.realisasi, i.capaian) if q),
        ]
        for i in indicators
    ]
    return heading + table_html([column_title(n, lang) for n in names], rows, {4, 5, 6, 7})


def budget_html(result: CheckResult, lang: Lang) -> str:
    """One table per section and program, each with the totals the report states."""
    lines = by_section(result.report.budget, lambda b: b.section)
    parts = [f"<h2>{escape(t('budget_heading', lang))}</h2>"]
    if not lines:
        parts.append(f"<p>{escape(t('no_budget', lang))}</p>")
    names = ("code", "name", "allocation", "realisation", "page")
    headers = [column_title(n, lang) for n in names]
    for (section, program), group in group_by(lines, lambda b: (b.section, b.program)).items():
        title = t(
            "budget_title", lang, section=section_name(section, lang), program=program or MISSING
        )
        rows = [_budget_row(b) for b in group]
        totals = stated_totals(result.report, section, program, lang)
        for label, columns in totals.items():
            figures = [columns.get("allocation"), columns.get("realisation")]
            rows.append(
                [
                    "",
                    label,
                    *(quantity_text(q, lang).plain for q in figures),
                    _page(q.provenance.page for q in figures if q),
                ]
            )
        parts.append(f"<h3>{escape(title)}</h3>" + table_html(headers, rows, {2, 3, 4}))
    return "\n".join(parts)


def _budget_row(line: BudgetLine) -> list[str]:
    figures = (line.allocation, line.realisation)
    return [
        line.code or "",
        line.name,
        *(quantity_text(q).plain for q in figures),
        _page(q.provenance.page for q in figures if q),
    ]


def _page(pages: Iterable[int | None]) -> str:
    return next((str(p) for p in pages if p is not None), MISSING)


# --- the index of a batch -------------------------------------------------------------------


def write_index(entries: Sequence[IndexEntry], path: Path, lang: Lang = "en") -> None:
    """Write an index page linking each report's working paper, with its counts of findings."""
    title = t("index_title", lang)
    headers = [t("report", lang), column_title("page", lang)]
    headers += [severity_name(s, lang) for s in SEVERITIES]
    table = wrap_table(headers, "".join(_index_row(entry, path.parent, lang) for entry in entries))
    path.write_text(page_html(title, [f"<h1>{escape(title)}</h1>", table], lang), encoding="utf-8")


def _index_row(entry: IndexEntry, base: Path, lang: Lang) -> str:
    name = escape(report_name(entry.result.report) if entry.result else Path(entry.source).name)
    if entry.html is not None:
        name = f'<a href="{relative_href(entry.html, base)}">{name}</a>'
    if entry.result is None:
        problem = escape(entry.error or t("unreadable_input", lang))
        return f'<tr><td>{name}</td><td colspan="{len(SEVERITIES) + 1}">{problem}</td></tr>'
    counts = [sum(f.severity == s for f in entry.result.findings) for s in SEVERITIES]
    cells = [str(entry.result.report.pages), *(str(n) for n in counts)]
    return f"<tr><td>{name}</td>" + "".join(f'<td class="num">{c}</td>' for c in cells) + "</tr>"
