"""Tests for reconcile.export: the lkj-check/1 JSON contract and the CSV views."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
import pytest

from extractor.models import (
    BudgetLine,
    Citation,
    Finding,
    Indicator,
    Provenance,
    Quantity,
    Report,
    StatedFigure,
)
from reconcile.align import AlignedRow, Alignment
from reconcile.export import (
    ALIGNMENT_COLUMNS,
    BUDGET_COLUMNS,
    FINDING_COLUMNS,
    INDICATOR_COLUMNS,
    _frame,
    dump_json,
    json_number,
    to_json,
    write_csv,
)


@dataclass(frozen=True)
class Result:
    """Stands in for reconcile.check.CheckResult (same attributes)."""

    report: Report
    alignment: Alignment
    findings: tuple[Finding, ...]


def qty(value, unit, section, page, raw, *, line=None, repaired=False, decimals=0) -> Quantity:
    return Quantity(
        value, unit, Provenance(section, page, None, raw, line), repaired, decimals=decimals
    )


def cite(label: str, quantity: Quantity) -> Citation:
    return Citation(label, quantity)


LONG_NAME = (
    "Persentase KPU, KPU Provinsi/KIP Aceh dan KPU/KIP Kabupaten/Kota yang target kinerjanya "
    "tercapai sesuai dengan perjanjian kinerja"
)


def _indicators() -> list[Indicator]:
    pk = Indicator(
        "pk",
        "1",
        "Terwujudnya rencana kerja",
        "Jumlah revisi rencana kerja",
        qty(12, "kali", "pk", 14, "12 Kali", line=400),
    )
    measured = Indicator(
        "pengukuran",
        "1",
        "Terwujudnya rencana kerja",
        "Jumlah revisi rencana kerja",
        qty(12, "kali", "pengukuran", 20, "12 Kali"),
        qty(12, "kali", "pengukuran", 20, "12 Kali"),
        qty(100, "%", "pengukuran", 20, "100%"),
    )
    long = Indicator(
        "pengukuran",
        "2",
        "Terwujudnya sistem administrasi",
        LONG_NAME,
        qty(95, "%", "pengukuran", 21, "95%"),
        qty(92.34, "%", "pengukuran", 21, "92,34%", decimals=2),
        qty(97.2, "%", "pengukuran", 21, "97,2O%", repaired=True, decimals=2),
    )
    return [pk, measured, long]


def _budget() -> list[BudgetLine]:
    ra = "realisasi-anggaran"
    return [
        BudgetLine(
            ra,
            "CQ",
            "6709",
            "Penyelenggaraan Pemilu – tahapan",
            qty(10_000_000, "rp", ra, 34, "10.000.000"),
            qty(9_720_000, "rp", ra, 34, "9.720.000"),
        ),
        BudgetLine(
            ra,
            "CQ",
            "6710",
            "Sosialisasi",
            qty(2_798_000, "rp", ra, 34, "27,98C.000", repaired=True),
            qty(None, "rp", ra, 34, "2.7##.###"),
        ),
        BudgetLine(
            "rkt", "WA", "6713", "Dukungan manajemen", qty(500_000, "rp", "rkt", 9, "500.000")
        ),
    ]


def _figures() -> list[StatedFigure]:
    ra = "realisasi-anggaran"
    return [
        StatedFigure(
            "table-total-allocation", "JUMLAH", qty(12_798_000, "rp", ra, 35, "12.798.000"), "CQ"
        ),
        StatedFigure(
            "table-total-realisation", "JUMLAH", qty(9_720_000, "rp", ra, 35, "9.720.000"), "CQ"
        ),
        StatedFigure(
            "rkt-total", "JUMLAH", qty(480_000, "rp", "rkt", 9, "480.000"), None, group="WA"
        ),
        StatedFigure("allocation", "pagu", qty(1, "rp", ra, 2, "1"), "CQ"),
    ]


def _findings() -> tuple[Finding, ...]:
    ikhtisar = qty(231_665_238_797, "rp", "ikhtisar", 3, "Rp.231,665,238,797", line=120)
    table = qty(231_658_704_797, "rp", "realisasi-anggaran", 34, "Rp. 231.658.704.797")
    stated = qty(12_798_000, "rp", "realisasi-anggaran", 35, "12.798.000")
    lines = [
        qty(10_000_000, "rp", "realisasi-anggaran", 34, "10.000.000"),
        qty(2_798_000, "rp", "realisasi-anggaran", 34, "27,98C.000", repaired=True),
    ]
    return (
        Finding(
            "same-figure",
            "error",
            "realisasi anggaran differs",
            (cite("realisasi anggaran", ikhtisar), cite("realisasi anggaran", table)),
            6_534_000,
        ),
        Finding(
            "total-vs-sum",
            "error",
            "stated total is not the sum [2 lines]",
            (cite("stated total", stated), *(cite("line", q) for q in lines)),
            0,
        ),
        Finding(
            "target-match",
            "warning",
            "target differs between pk and pengukuran",
            (
                cite("target", qty(95, "%", "pk", 14, "95%")),
                cite("target", qty(90, "%", "pengukuran", 21, "90%")),
            ),
            5.0,
        ),
        Finding(
            "total-vs-sum",
            "unverifiable",
            "realisation of 6710 is unreadable",
            (cite("realisasi 6710", qty(None, "rp", "realisasi-anggaran", 34, "2.7##.###")),),
        ),
        Finding("budget-revision", "info", "pagu revised after the PK", ()),
    )


def sample_result(**report_changes) -> Result:
    """A small check result covering every kind of record the views show."""
    indicators = _indicators()
    report = Report(
        source="samples/kpu.ocr.txt",
        input_kind="text",
        pages=40,
        entity="KPU Kabupaten Tangerang",
        year=2024,
        indicators=indicators,
        budget=_budget(),
        figures=_figures(),
    )
    rows = (
        AlignedRow(
            (("pk", indicators[0]), ("pengukuran", indicators[1])),
            (("pk", 100.0), ("pengukuran", 93.4)),
        ),
        AlignedRow((("pengukuran", indicators[2]),), (("pengukuran", 100.0),)),
    )
    return Result(replace(report, **report_changes), Alignment(rows), _findings())


# --- JSON -----------------------------------------------------------------------------------

TOP_KEYS = [
    "schema",
    "source",
    "input_kind",
    "pages",
    "entity",
    "year",
    "indicators",
    "budget",
    "findings",
]


def dumped() -> tuple[dict, str]:
    buffer = io.StringIO()
    dump_json(sample_result(), buffer)
    return json.loads(buffer.getvalue()), buffer.getvalue()


def test_json_round_trip_equals_to_json_and_has_the_contract_keys():
    data, _ = dumped()
    assert data == to_json(sample_result())
    assert list(data) == TOP_KEYS
    assert data["schema"] == "lkj-check/1"
    assert (data["source"], data["input_kind"], data["pages"]) == (
        "samples/kpu.ocr.txt",
        "text",
        40,
    )
    assert (data["entity"], data["year"]) == ("KPU Kabupaten Tangerang", 2024)


def test_json_indicators_quantities_and_nulls():
    pk, measured, long = dumped()[0]["indicators"]
    assert list(pk) == ["section", "no", "sasaran", "indikator", "target", "realisasi", "capaian"]
    assert pk["target"] == {"value": 12, "unit": "kali", "page": 14, "raw": "12 Kali", "line": 400}
    assert pk["realisasi"] is None and pk["capaian"] is None
    assert measured["capaian"] == {"value": 100, "unit": "%", "page": 20, "raw": "100%"}
    assert long["indikator"] == LONG_NAME
    assert long["capaian"] == {
        "value": 97.2,
        "unit": "%",
        "page": 21,
        "raw": "97,2O%",
        "repaired": True,
    }
    assert type(pk["target"]["value"]) is int


def test_json_budget_plain_numbers_null_when_unreadable():
    first, second, rkt = dumped()[0]["budget"]
    assert first == {
        "section": "realisasi-anggaran",
        "program": "CQ",
        "code": "6709",
        "name": "Penyelenggaraan Pemilu – tahapan",
        "allocation": 10_000_000,
        "realisation": 9_720_000,
        "page": 34,
    }
    assert second["allocation"] == 2_798_000 and second["realisation"] is None
    assert rkt["realisation"] is None and rkt["section"] == "rkt" and rkt["page"] == 9


def test_json_findings_values_and_difference():
    findings = dumped()[0]["findings"]
    same = findings[0]
    assert list(same) == ["rule", "severity", "message", "values", "difference"]
    assert (same["rule"], same["severity"], same["difference"]) == ("same-figure", "error", 6534000)
    assert same["values"][0] == {
        "value": 231665238797,
        "label": "realisasi anggaran",
        "section": "ikhtisar",
        "page": 3,
        "raw": "Rp.231,665,238,797",
        "line": 120,
    }
    assert same["values"][1] == {
        "value": 231658704797,
        "label": "realisasi anggaran",
        "section": "realisasi-anggaran",
        "page": 34,
        "raw": "Rp. 231.658.704.797",
    }
    assert findings[1]["values"][2]["repaired"] is True
    assert findings[2]["difference"] == 5.0
    assert findings[3]["values"][0]["value"] is None and findings[3]["difference"] is None
    assert findings[4]["values"] == []


def test_dump_json_keeps_non_ascii_text_and_indents():
    _, text = dumped()
    assert "Pemilu – tahapan" in text
    assert text.startswith('{\n  "schema": "lkj-check/1"')


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (12.0, "kali", 12),
        (231665238797.0, "rp", 231665238797),
        (97.2, "%", 97.2),
        (100.0, "%", 100.0),
        (np.int64(7), "orang", 7),
        (np.float64(2.5), "ha", 2.5),
        (None, "rp", None),
    ],
)
def test_json_number_integers_for_rupiah_and_counts(value, unit, expected):
    number = json_number(value, unit)
    assert number == expected and type(number) is type(expected)


# --- CSV ------------------------------------------------------------------------------------


def read_csv(show: str) -> pd.DataFrame:
    buffer = io.StringIO()
    write_csv(sample_result(), show, buffer)
    buffer.seek(0)
    return pd.read_csv(buffer, dtype=str, keep_default_na=False)


def test_csv_findings_one_row_per_cited_value():
    frame = read_csv("findings")
    assert list(frame.columns) == list(FINDING_COLUMNS)
    assert list(frame["rule"]) == ["same-figure"] * 2 + ["total-vs-sum"] * 3 + [
        "target-match",
        "target-match",
        "total-vs-sum",
        "budget-revision",
    ]
    first = frame.iloc[0]
    assert (first["value"], first["page"], first["line"]) == ("231665238797", "3", "120")
    assert (first["difference"], first["section"]) == ("6534000", "ikhtisar")
    assert list(frame["repaired"][2:5]) == ["False", "False", "True"]
    assert frame.iloc[7]["value"] == "" and frame.iloc[7]["raw"] == "2.7##.###"
    assert frame.iloc[8]["label"] == "" and frame.iloc[8]["message"] == "pagu revised after the PK"


def test_csv_indicators():
    frame = read_csv("indicators")
    assert list(frame.columns) == list(INDICATOR_COLUMNS)
    assert list(frame["section"]) == ["pk", "pengukuran", "pengukuran"]
    assert frame.iloc[0][["target", "target_unit", "target_raw", "page"]].tolist() == [
        "12",
        "kali",
        "12 Kali",
        "14",
    ]
    assert frame.iloc[0]["realisasi"] == "" and frame.iloc[2]["capaian"] == "97.2"
    assert frame.iloc[2]["indikator"] == LONG_NAME


def test_csv_budget():
    frame = read_csv("budget")
    assert list(frame.columns) == list(BUDGET_COLUMNS)
    assert frame["allocation"].tolist() == ["10000000", "2798000", "500000"]
    assert frame.iloc[1][["realisation", "realisation_raw"]].tolist() == ["", "2.7##.###"]
    assert frame["page"].tolist() == ["34", "34", "9"]


def test_csv_alignment_one_row_per_member():
    frame = read_csv("alignment")
    assert list(frame.columns) == list(ALIGNMENT_COLUMNS)
    assert frame[["row", "section", "no", "score"]].values.tolist() == [
        ["1", "pk", "1", "100.0"],
        ["1", "pengukuran", "1", "93.4"],
        ["2", "pengukuran", "2", "100.0"],
    ]


def test_csv_unknown_view_is_refused():
    with pytest.raises(ValueError, match="unknown view 'pages'"):
        write_csv(sample_result(), "pages", io.StringIO())


def test_frame_checks_declared_columns():
    with pytest.raises(ValueError, match="differ"):
        _frame([{"row": 1}], ALIGNMENT_COLUMNS)
    assert list(_frame([], ALIGNMENT_COLUMNS).columns) == list(ALIGNMENT_COLUMNS)
