"""Tests for reconcile.workbook: the Excel workbook read back cell by cell."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from reconcile.export import FRAMES, to_frame
from reconcile.i18n import column_title
from reconcile.workbook import PERCENT_FORMAT, POINTS_FORMAT, RUPIAH_FORMAT, write_xlsx
from tests.test_export import sample_result

SHEET_NAMES = ["Findings", "Indicators", "Budget", "Alignment"]


@pytest.fixture(scope="module")
def workbook_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("xlsx") / "report.xlsx"
    write_xlsx(sample_result(), path)
    return path


@pytest.fixture(scope="module")
def workbook(workbook_path: Path):
    return load_workbook(workbook_path)


def column_of(sheet, title: str) -> int:
    return [c.value for c in sheet[1]].index(title) + 1


def test_sheets_in_order_with_frozen_headers_and_autofilters(workbook) -> None:
    assert workbook.sheetnames == SHEET_NAMES
    for name, view in zip(SHEET_NAMES, FRAMES, strict=True):
        sheet = workbook[name]
        frame = to_frame(sample_result(), view)
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref == sheet.dimensions
        assert sheet.max_row == len(frame) + 1 and sheet.max_column == len(frame.columns)
        assert [c.value for c in sheet[1]] == [column_title(c, "en") for c in frame.columns]
        assert all(c.font.bold for c in sheet[1])


def test_findings_cells_carry_rupiah_percent_and_points_formats(workbook) -> None:
    sheet = workbook["Findings"]
    value, difference = column_of(sheet, "value"), column_of(sheet, "difference")
    first = sheet.cell(row=2, column=value)
    assert (first.value, first.number_format) == (231_665_238_797, RUPIAH_FORMAT)
    gap = sheet.cell(row=2, column=difference)
    assert (gap.value, gap.number_format) == (6_534_000, RUPIAH_FORMAT)
    target_row = next(
        r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 1).value == "target-match"
    )
    target = sheet.cell(row=target_row, column=value)
    assert target.value == pytest.approx(0.95) and target.number_format == PERCENT_FORMAT
    points = sheet.cell(row=target_row, column=difference)
    assert (points.value, points.number_format) == (5.0, POINTS_FORMAT)
    unreadable = [sheet.cell(r, value).value for r in range(2, sheet.max_row + 1)]
    assert None in unreadable  # an unreadable cell stays empty, never a guess
    assert sheet.cell(row=2, column=column_of(sheet, "severity")).value == "error"


def test_indicator_and_budget_formats(workbook) -> None:
    indicators = workbook["Indicators"]
    capaian = indicators.cell(row=4, column=column_of(indicators, "capaian"))
    assert capaian.value == pytest.approx(0.972) and capaian.number_format == PERCENT_FORMAT
    target = indicators.cell(row=2, column=column_of(indicators, "target"))
    assert (target.value, target.number_format) == (12, "#,##0")
    budget = workbook["Budget"]
    allocation = budget.cell(row=2, column=column_of(budget, "allocation"))
    assert (allocation.value, allocation.number_format) == (10_000_000, RUPIAH_FORMAT)
    assert budget.cell(row=2, column=column_of(budget, "allocation (as printed)")).value == (
        "10.000.000"
    )
    score = workbook["Alignment"].cell(row=3, column=5)
    assert (score.value, score.number_format) == (93.4, "0.0")


def test_column_widths_fit_their_text_within_bounds(workbook, tmp_path: Path) -> None:
    sheet = workbook["Findings"]
    longest = max(len(f.message) for f in sample_result().findings)
    assert sheet.column_dimensions["C"].width == longest + 2
    assert sheet["C2"].alignment.wrap_text
    assert sheet.column_dimensions["B"].width == len("unverifiable") + 2
    result = sample_result()
    long = replace(result.findings[0], message="x" * 500)
    write_xlsx(replace(result, findings=(long,)), tmp_path / "long.xlsx")
    assert load_workbook(tmp_path / "long.xlsx")["Findings"].column_dimensions["C"].width == 60


def test_pandas_reads_back_the_frames(workbook_path: Path) -> None:
    frame = pd.read_excel(workbook_path, sheet_name="Budget")
    expected = to_frame(sample_result(), "budget")
    assert list(frame.columns) == [column_title(c, "en") for c in expected.columns]
    assert frame["code"].astype(str).tolist() == expected["code"].tolist()
    assert frame["allocation"].tolist() == expected["allocation"].tolist()


def test_indonesian_workbook(tmp_path: Path) -> None:
    path = tmp_path / "laporan.xlsx"
    write_xlsx(sample_result(), path, lang="id")
    workbook = load_workbook(path)
    assert workbook.sheetnames == ["Temuan", "Indikator", "Anggaran", "Keselarasan"]
    sheet = workbook["Temuan"]
    assert [c.value for c in sheet[1]][:4] == ["aturan", "tingkat", "pesan", "selisih"]
    assert sheet.cell(row=2, column=1).value == "same-figure"  # rule ids stay
    assert sheet.cell(row=2, column=2).value == "kesalahan"
