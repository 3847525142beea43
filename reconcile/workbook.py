"""The check as an Excel workbook: sheets Findings, Indicators, Budget and Alignment.

The sheets hold export.py's tables (same rows, same columns), with translated headers,
severities and finding messages, rupiah and percent number formats, frozen header rows and
autofilters.
Percentages are stored as Excel percentages (97.2% as 0.972); a difference of percentages
stays in percentage points.
"""

from __future__ import annotations

from collections.abc import Mapping
from numbers import Real
from pathlib import Path
from typing import TYPE_CHECKING, Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from reconcile.compare import PERCENT, RUPIAH
from reconcile.export import to_frame
from reconcile.i18n import Lang, column_title, severity_name, t

if TYPE_CHECKING:
    import pandas as pd

    from reconcile.check import CheckResult

# (export view, sheet title key), in sheet order.
SHEETS = (
    ("findings", "sheet_findings"),
    ("indicators", "sheet_indicators"),
    ("budget", "sheet_budget"),
    ("alignment", "sheet_alignment"),
)
RUPIAH_FORMAT = '"Rp"#,##0'
PERCENT_FORMAT = "0.00%"
POINTS_FORMAT = '0.00" pp"'
COUNT_FORMAT = "#,##0"
SCORE_FORMAT = "0.0"
# Number columns → the column giving their unit (None: the unit is fixed below).
UNIT_COLUMNS: dict[str, str | None] = {
    "value": "unit",
    "difference": "unit",
    "target": "target_unit",
    "realisasi": "realisasi_unit",
    "capaian": "capaian_unit",
    "allocation": None,
    "realisation": None,
    "score": None,
}
FIXED_UNITS = {"allocation": RUPIAH, "realisation": RUPIAH}
WRAPPED = frozenset({"message", "sasaran", "indikator", "name", "label"})
MIN_WIDTH, MAX_WIDTH = 6, 60
HEADER_FILL = PatternFill("solid", start_color="DDDDDD")


def write_xlsx(result: CheckResult, path: Path, lang: Lang = "en") -> None:
    """Write the workbook of ``result`` to ``path``, titles and severities in ``lang``."""
    workbook = Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]
    for view, title in SHEETS:
        fill_sheet(workbook.create_sheet(t(title, lang)), to_frame(result, view, lang), lang)
    workbook.save(path)


def fill_sheet(sheet: Worksheet, frame: pd.DataFrame, lang: Lang) -> None:
    """Header row, one row per frame row with number formats, then the sheet's layout."""
    columns = list(frame.columns)
    for n, column in enumerate(columns, 1):
        header = sheet.cell(row=1, column=n, value=column_title(column, lang))
        header.font, header.fill = Font(bold=True), HEADER_FILL
    for r, row in enumerate(frame.to_dict("records"), 2):
        for n, column in enumerate(columns, 1):
            value, number_format = cell_of(column, row, lang)
            cell = sheet.cell(row=r, column=n, value=value)
            if number_format:
                cell.number_format = number_format
            if column in WRAPPED:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    _fit_widths(sheet)


def cell_of(column: str, row: Mapping[str, Any], lang: Lang) -> tuple[Any, str | None]:
    """A cell's value as stored (percentages as fractions) and its number format."""
    value = row[column]
    if column == "severity" and value is not None:
        return severity_name(value, lang), None
    if column not in UNIT_COLUMNS or not _is_number(value):
        return value, None
    unit_column = UNIT_COLUMNS[column]
    unit = row.get(unit_column) if unit_column else FIXED_UNITS.get(column)
    if column == "score":
        return value, SCORE_FORMAT
    if unit == RUPIAH:
        return value, RUPIAH_FORMAT
    if unit == PERCENT:
        return (value, POINTS_FORMAT) if column == "difference" else (value / 100, PERCENT_FORMAT)
    return value, COUNT_FORMAT if float(value).is_integer() else None


def _is_number(value: object) -> bool:
    return isinstance(value, Real) and not isinstance(value, bool)


def _fit_widths(sheet: Worksheet) -> None:
    """Each column as wide as its longest text (header included), within MIN/MAX_WIDTH."""
    for n, cells in enumerate(sheet.iter_cols(values_only=True), 1):
        longest = max(len(_shown(v)) for v in cells)
        width = min(MAX_WIDTH, max(MIN_WIDTH, longest + 2))
        sheet.column_dimensions[get_column_letter(n)].width = width


def _shown(value: object) -> str:
    """Roughly what Excel shows: rupiah amounts gain "Rp" and separators."""
    if value is None:
        return ""
    return f"Rp{value:,.0f}" if _is_number(value) and abs(value) >= 1000 else str(value)  # type: ignore[arg-type]
