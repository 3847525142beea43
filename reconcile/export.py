"""Machine-readable output of ``lkj check``: JSON (contract ``lkj-check/1``) and CSV."""

from __future__ import annotations

import json
from collections.abc import Callable
from numbers import Integral, Real
from typing import TYPE_CHECKING, Any, TextIO

from extractor.models import BudgetLine, Citation, Finding, Indicator, Quantity
from reconcile.i18n import Lang, finding_message

if TYPE_CHECKING:
    import pandas as pd

    from reconcile.check import CheckResult

SCHEMA = "lkj-check/1"

FINDING_COLUMNS = (
    "rule",
    "severity",
    "message",
    "difference",
    "label",
    "value",
    "unit",
    "file",
    "section",
    "page",
    "line",
    "raw",
    "repaired",
)
INDICATOR_COLUMNS = (
    "section",
    "no",
    "sasaran",
    "indikator",
    "polarity",
    "target",
    "target_unit",
    "target_raw",
    "realisasi",
    "realisasi_unit",
    "realisasi_raw",
    "capaian",
    "capaian_unit",
    "capaian_raw",
    "page",
)
BUDGET_COLUMNS = (
    "section",
    "program",
    "code",
    "name",
    "allocation",
    "allocation_raw",
    "realisation",
    "realisation_raw",
    "page",
)
ALIGNMENT_COLUMNS = ("row", "section", "no", "indikator", "score", "page")

# --- JSON -----------------------------------------------------------------------------------


def json_number(value: int | float | None, unit: str | None) -> int | float | None:
    """Rupiah and counts as integers when whole; percentages as numbers in percent."""
    if value is None:
        return None
    if isinstance(value, Integral):
        return int(value)
    number = float(value) if isinstance(value, Real) else value
    return int(number) if unit != "%" and number.is_integer() else number


def _extras(quantity: Quantity) -> dict[str, Any]:
    """The optional keys: ``line`` when the text line is known, ``file`` when the report
    joins several files, ``repaired`` only when set."""
    extras: dict[str, Any] = {}
    if quantity.provenance.file is not None:
        extras["file"] = quantity.provenance.file
    if quantity.provenance.line is not None:
        extras["line"] = quantity.provenance.line
    if quantity.repaired:
        extras["repaired"] = True
    return extras


def quantity_json(quantity: Quantity | None) -> dict[str, Any] | None:
    if quantity is None:
        return None
    return {
        "value": json_number(quantity.value, quantity.unit),
        "unit": quantity.unit,
        "page": quantity.provenance.page,
        "raw": quantity.provenance.raw,
    } | _extras(quantity)


def citation_json(citation: Citation) -> dict[str, Any]:
    quantity = citation.quantity
    return {
        "value": json_number(quantity.value, quantity.unit),
        "label": citation.label,
        "section": quantity.provenance.section,
        "page": quantity.provenance.page,
        "raw": quantity.provenance.raw,
    } | _extras(quantity)


def indicator_json(indicator: Indicator) -> dict[str, Any]:
    return {
        "section": indicator.section,
        "no": indicator.no,
        "sasaran": indicator.sasaran,
        "indikator": indicator.indikator,
        "target": quantity_json(indicator.target),
        "realisasi": quantity_json(indicator.realisasi),
        "capaian": quantity_json(indicator.capaian),
    }


def budget_json(line: BudgetLine) -> dict[str, Any]:
    return {
        "section": line.section,
        "program": line.program,
        "code": line.code,
        "name": line.name,
        "allocation": _plain(line.allocation),
        "realisation": _plain(line.realisation),
        "page": page_of(line),
    }


def finding_json(finding: Finding) -> dict[str, Any]:
    return {
        "rule": finding.rule,
        "severity": finding.severity,
        "message": finding.message,
        "values": [citation_json(c) for c in finding.values],
        "difference": _difference(finding),
    }


def _difference(finding: Finding) -> int | float | None:
    """The difference, in the unit of the first cited value."""
    unit = finding.values[0].quantity.unit if finding.values else None
    return json_number(finding.difference, unit)


def to_json(result: CheckResult) -> dict[str, Any]:
    """The check as a JSON-ready dict following DESIGN.md's ``lkj-check/1`` contract."""
    report = result.report
    return {
        "schema": SCHEMA,
        "source": report.source,
        "input_kind": report.input_kind,
        "pages": report.pages,
        "entity": report.entity,
        "year": report.year,
        "indicators": [indicator_json(i) for i in report.indicators],
        "budget": [budget_json(b) for b in report.budget],
        "findings": [finding_json(f) for f in result.findings],
    }


def dump_json(result: CheckResult, fp: TextIO) -> None:
    """Write :func:`to_json` to ``fp``, UTF-8 text kept as is, indented."""
    json.dump(to_json(result), fp, ensure_ascii=False, indent=2)
    fp.write("\n")


def _plain(quantity: Quantity | None) -> int | float | None:
    return None if quantity is None else json_number(quantity.value, quantity.unit)


def page_of(record: Indicator | BudgetLine) -> int | None:
    """The page of a record: its own provenance, else that of its first quantity."""
    if record.provenance is not None and record.provenance.page is not None:
        return record.provenance.page
    if isinstance(record, Indicator):
        quantities = (record.target, record.realisasi, record.capaian)
    else:
        quantities = (record.allocation, record.realisation)
    return next((q.provenance.page for q in quantities if q is not None), None)


# --- CSV ------------------------------------------------------------------------------------


def _frame(rows: list[dict[str, Any]], columns: tuple[str, ...]) -> pd.DataFrame:
    """A DataFrame of ``rows``, each checked to have exactly ``columns``; values kept as is."""
    import pandas as pd  # only CSV output needs pandas: keep it off the start-up path

    for row in rows:
        if tuple(row) != columns:
            raise ValueError(f"row columns {tuple(row)} differ from {columns}")
    return pd.DataFrame(rows, columns=list(columns), dtype=object)


def _quantity_cells(prefix: str, quantity: Quantity | None, unit: bool = True) -> dict[str, Any]:
    """``prefix``, ``prefix_unit`` (unless ``unit`` is False) and ``prefix_raw`` of a quantity."""
    cells: dict[str, Any] = {prefix: _plain(quantity)}
    if unit:
        cells[f"{prefix}_unit"] = quantity.unit if quantity else None
    cells[f"{prefix}_raw"] = quantity.provenance.raw if quantity else None
    return cells


def finding_rows(finding: Finding, lang: Lang = "en") -> list[dict[str, Any]]:
    """One row per cited value of a finding (one row with empty figure cells if none).

    The message is worded in ``lang``; the JSON keeps the English ``message``.
    """
    head = {
        "rule": finding.rule,
        "severity": finding.severity,
        "message": finding_message(finding, lang),
        "difference": _difference(finding),
    }
    if not finding.values:
        return [head | dict.fromkeys(FINDING_COLUMNS[len(head) :])]
    return [
        head
        | {
            "label": c.label,
            "value": json_number(c.quantity.value, c.quantity.unit),
            "unit": c.quantity.unit,
            "file": c.quantity.provenance.file,
            "section": c.quantity.provenance.section,
            "page": c.quantity.provenance.page,
            "line": c.quantity.provenance.line,
            "raw": c.quantity.provenance.raw,
            "repaired": c.quantity.repaired,
        }
        for c in finding.values
    ]


def findings_frame(result: CheckResult, lang: Lang = "en") -> pd.DataFrame:
    rows = [row for finding in result.findings for row in finding_rows(finding, lang)]
    return _frame(rows, FINDING_COLUMNS)


def indicators_frame(result: CheckResult) -> pd.DataFrame:
    rows = [
        {
            "section": i.section,
            "no": i.no,
            "sasaran": i.sasaran,
            "indikator": i.indikator,
            "polarity": i.polarity,
        }
        | _quantity_cells("target", i.target)
        | _quantity_cells("realisasi", i.realisasi)
        | _quantity_cells("capaian", i.capaian)
        | {"page": page_of(i)}
        for i in result.report.indicators
    ]
    return _frame(rows, INDICATOR_COLUMNS)


def budget_frame(result: CheckResult) -> pd.DataFrame:
    rows = [
        {"section": b.section, "program": b.program, "code": b.code, "name": b.name}
        | _quantity_cells("allocation", b.allocation, unit=False)
        | _quantity_cells("realisation", b.realisation, unit=False)
        | {"page": page_of(b)}
        for b in result.report.budget
    ]
    return _frame(rows, BUDGET_COLUMNS)


def alignment_frame(result: CheckResult) -> pd.DataFrame:
    """One row per (aligned row, section member), rows numbered from 1."""
    rows = [
        {
            "row": n,
            "section": section,
            "no": indicator.no,
            "indikator": indicator.indikator,
            "score": dict(aligned.scores).get(section),
            "page": page_of(indicator),
        }
        for n, aligned in enumerate(result.alignment.rows, 1)
        for section, indicator in aligned.members
    ]
    return _frame(rows, ALIGNMENT_COLUMNS)


FRAMES: dict[str, Callable[[CheckResult], pd.DataFrame]] = {
    "findings": findings_frame,
    "indicators": indicators_frame,
    "budget": budget_frame,
    "alignment": alignment_frame,
}


def to_frame(result: CheckResult, show: str, lang: Lang = "en") -> pd.DataFrame:
    """The table ``show`` (one of FRAMES) as a DataFrame with its declared columns.

    Only the findings' messages depend on ``lang``: the other cells are data as printed.
    """
    if show not in FRAMES:
        raise ValueError(f"unknown view {show!r}: choose one of {', '.join(FRAMES)}")
    return findings_frame(result, lang) if show == "findings" else FRAMES[show](result)


def write_csv(result: CheckResult, show: str, fp: TextIO, lang: Lang = "en") -> None:
    """Write the table ``show`` as CSV (no index column), findings' messages in ``lang``."""
    to_frame(result, show, lang).to_csv(fp, index=False)
