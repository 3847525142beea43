"""Indicator tables (PK, plan, measurement): those read cell by cell, then OCR lines."""

from __future__ import annotations

from dataclasses import replace

from ..models import Indicator, Line
from .cell_tables import cell_tables
from .indicator_cells import table_indicators
from .indicator_lines import parse_line_indicators


def parse_indicator_spans(lines: list[Line], section: str) -> list[Indicator]:
    """All indicator rows of one section span: tables read cell by cell, then OCR lines."""
    tables = cell_tables(lines)
    indicators = [row for table in tables for row in table_indicators(lines, table, section)]
    rest = [
        replace(line, text="", words=()) if any(t.start <= i < t.end for t in tables) else line
        for i, line in enumerate(lines)
    ]
    indicators.extend(parse_line_indicators(rest, section, whole_span=not indicators))
    return sorted(indicators, key=_reading_order)


def _reading_order(indicator: Indicator) -> tuple[int, int, float]:
    p = indicator.provenance
    if p is None:
        return 0, 0, 0.0
    return p.page or 0, p.line or 0, p.bbox.top if p.bbox else 0.0
