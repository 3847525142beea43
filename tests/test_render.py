"""Tests for reconcile.render: the rich views of ``lkj check``, read back as plain text."""

from __future__ import annotations

import io
from dataclasses import replace

from rich.console import Console

from extractor.models import Citation, Finding
from reconcile.align import Alignment
from reconcile.export import FRAMES
from reconcile.render import (
    DAGGER,
    VIEWS,
    finding_cells,
    render_alignment,
    render_budget,
    render_findings,
    render_indicators,
    summary_line,
)
from tests.test_export import cite, qty, sample_result

SUMMARY = (
    "KPU Kabupaten Tangerang 2024 — 40 pages (text): 2 errors, 1 warning, 1 unverifiable, "
    "1 info; 3 indicators, 3 budget lines."
)


def rendered(view, result=None, **console_options) -> str:
    options = {"width": 100, "color_system": None} | console_options
    console = Console(file=io.StringIO(), **options)
    view(result or sample_result(), console)
    return console.file.getvalue()


def test_findings_grouped_by_severity_in_order():
    text = rendered(render_findings)
    titles = ["error (2)", "warning (1)", "unverifiable (1)", "info (1)"]
    positions = [text.index(title) for title in titles]
    assert positions == sorted(positions)
    for rule in ("same-figure", "total-vs-sum", "target-match", "budget-revision"):
        assert rule in text


def test_findings_show_figures_with_page_line_and_difference():
    text = rendered(render_findings)
    assert "Rp231.665.238.797" in text and "Rp231.658.704.797" in text
    assert "hal. 3, baris 120" in text and "hal. 34" in text
    assert "Rp6.534.000" in text
    assert "5 pp" in text
    assert "unreadable '2.7##.###'" in text


def test_findings_mark_repaired_values_with_a_legend():
    text = rendered(render_findings)
    assert f"Rp2.798.000{DAGGER}" in text
    assert (
        f"{DAGGER} Rp2.798.000 (realisasi-anggaran, hal. 34) read through OCR repair: "
        "raw '27,98C.000'"
    ) in text


def test_findings_end_with_the_summary_line():
    text = rendered(render_findings)
    assert text.rstrip("\n").splitlines()[-1] == SUMMARY


def test_messages_are_not_read_as_markup():
    assert "stated total is not the" in rendered(render_findings)
    assert "[2 lines]" in rendered(render_findings, width=200)


def test_no_colour_without_a_colour_system_and_colour_with_one():
    assert "\x1b[" not in rendered(render_findings)
    coloured = rendered(render_findings, color_system="standard", force_terminal=True)
    assert "\x1b[1;31merror (2)" in coloured
    assert "\x1b[1;36minfo (1)" in coloured


def test_finding_cells_lists_values_beyond_two_in_the_message():
    total_vs_sum = sample_result().findings[1]
    rule, what, first, second, difference = (cell.plain for cell in finding_cells(total_vs_sum))
    assert rule == "total-vs-sum"
    assert what.splitlines()[1] == (f"+ line: Rp2.798.000{DAGGER} (realisasi-anggaran, hal. 34)")
    assert first.splitlines() == ["Rp12.798.000", "stated total", "realisasi-anggaran", "hal. 35"]
    assert second.splitlines()[0] == "Rp10.000.000"
    assert difference == "Rp0"


def test_finding_cells_without_values():
    cells = finding_cells(Finding("year", "info", "tahun 2023 disebut", ()))
    assert [cell.plain for cell in cells] == ["year", "tahun 2023 disebut", "—", "—", "—"]


def test_finding_cells_difference_in_units():
    count = Finding("breakdown", "error", "m", (Citation("x", qty(5, "orang", "sdm", 8, "5")),), 2)
    assert finding_cells(count)[4].plain == "2 orang"
    share = Finding(
        "percentage", "error", "m", (cite("x", qty(97.2, "%", "sdm", 8, "97,2%")),), 0.05
    )
    assert finding_cells(share)[4].plain == "0,05 pp"


def test_summary_counts_singular_and_falls_back_to_the_file_name():
    result = sample_result(entity=None, year=None, pages=1, indicators=[], budget=[])
    result = replace(result, findings=result.findings[2:3])
    assert summary_line(result) == (
        "kpu.ocr.txt — 1 page (text): 0 errors, 1 warning, 0 unverifiable, 0 info; "
        "0 indicators, 0 budget lines."
    )


def test_no_findings():
    text = rendered(render_findings, replace(sample_result(), findings=()))
    assert "No findings." in text
    assert "0 errors, 0 warnings, 0 unverifiable, 0 info" in text


def test_indicators_per_section_with_truncated_names():
    text = rendered(render_indicators)
    assert text.index("pk ") < text.index("pengukuran")
    assert "12 kali" in text and "92,34%" in text and f"97,20%{DAGGER}" in text
    assert "Persentase KPU, KPU Provinsi/KIP Aceh" in text and "…" in text
    assert "perjanjian kinerja" not in text
    assert "read through OCR repair: raw '97,2O%'" in text
    for page in ("14", "20", "21"):
        assert f" {page} │" in text


def test_budget_per_section_and_program_with_stated_totals():
    text = rendered(render_budget)
    assert "realisasi-anggaran — program CQ" in text and "rkt — program WA" in text
    assert "Rp10.000.000" in text and "Rp9.720.000" in text and "97,2%" in text
    assert f"Rp2.798.000{DAGGER}" in text and "raw '27,98C.000'" in text
    assert "unreadable '2.7##.###'" in text
    lines = text.splitlines()
    totals = [line for line in lines if "stated total" in line]
    assert len(totals) == 2
    assert "Rp12.798.000" in totals[0] and "Rp9.720.000" in totals[0] and "35" in totals[0]
    assert "Rp480.000" in totals[1]
    assert "Rp1 " not in text  # a program-wide stated figure is not a table total


def test_alignment_one_row_per_aligned_row_only_present_sections():
    text = rendered(render_alignment)
    header = next(line for line in text.splitlines() if "pk" in line and "pengukuran" in line)
    assert "lampiran-pk" not in text and "ikhtisar" not in text
    assert header.index("pk") < header.index("pengukuran")
    assert "1. Jumlah revisi rencana kerja (100)" in text
    assert "1. Jumlah revisi rencana kerja (93)" in text
    assert "2. Persentase KPU" in text


def test_empty_views_say_so():
    empty = sample_result(indicators=[], budget=[])
    empty = replace(empty, alignment=Alignment(()))
    assert "No indicators." in rendered(render_indicators, empty)
    assert "No budget lines." in rendered(render_budget, empty)
    assert "No aligned indicators." in rendered(render_alignment, empty)


def test_views_match_the_csv_views():
    assert list(VIEWS) == list(FRAMES)
