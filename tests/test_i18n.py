"""Tests for reconcile.i18n and the Indonesian terminal views."""

from __future__ import annotations

import io
import string
from dataclasses import replace

import pytest
from rich.console import Console

from extractor.models import SECTIONS, SEVERITIES
from reconcile.export import ALIGNMENT_COLUMNS, BUDGET_COLUMNS, FINDING_COLUMNS, INDICATOR_COLUMNS
from reconcile.i18n import (
    LANGS,
    MESSAGES,
    column_title,
    count,
    default_lang,
    resolve_lang,
    section_name,
    severity_name,
    t,
)
from reconcile.render import (
    render_alignment,
    render_budget,
    render_findings,
    render_indicators,
    summary_line,
)
from tests.test_export import sample_result


@pytest.mark.parametrize(
    ("environ", "lang"),
    [
        ({}, "en"),
        ({"LANG": "id_ID.UTF-8"}, "id"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LC_ALL": "id_ID.UTF-8", "LANG": "en_US.UTF-8"}, "id"),
        ({"LC_ALL": "C.UTF-8", "LANG": "id_ID.UTF-8"}, "en"),
        ({"LC_ALL": "", "LANG": "id"}, "id"),
        ({"LC_MESSAGES": "ID_id", "LANG": "en"}, "id"),
    ],
)
def test_default_lang_follows_the_locale(environ: dict[str, str], lang: str) -> None:
    assert default_lang(environ) == lang


def test_resolve_lang_checks_and_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    for variable in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "id_ID.UTF-8")
    assert resolve_lang(None) == "id"
    assert resolve_lang("en") == "en"
    with pytest.raises(ValueError, match="choose one of id, en"):
        resolve_lang("fr")


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_both_languages_fill_the_same_placeholders() -> None:
    for key, (english, indonesian) in MESSAGES.items():
        assert placeholders(english) == placeholders(indonesian), key
        assert english and indonesian, key


def test_every_column_severity_and_section_has_a_name() -> None:
    columns = {*FINDING_COLUMNS, *INDICATOR_COLUMNS, *BUDGET_COLUMNS, *ALIGNMENT_COLUMNS}
    for lang in LANGS:
        for column in columns:
            assert "_" not in column_title(column, lang), column
        for severity in SEVERITIES:
            assert severity_name(severity, lang)
        for section in SECTIONS:
            assert section_name(section, lang) != section
    assert column_title("target_raw", "id") == "target (tertulis)"
    assert column_title("allocation", "id") == "pagu"
    assert column_title("mystery", "id") == "mystery"
    assert section_name("lampiran-x", "id") == "lampiran-x"


def test_counts_inflect_in_english_only() -> None:
    assert [count(n, "error", "en") for n in (0, 1, 2)] == ["0 errors", "1 error", "2 errors"]
    assert count(2, "error", "id") == "2 kesalahan"
    assert count(1, "budget line", "id") == "1 baris anggaran"
    assert t("points", "id", value="0,05") == "0,05 poin persen"


def rendered(view, lang: str, result=None) -> str:
    console = Console(file=io.StringIO(), width=120, color_system=None)
    view(result or sample_result(), console, lang=lang)
    return console.file.getvalue()


def test_indonesian_findings_view() -> None:
    text = rendered(render_findings, "id")
    titles = ["kesalahan (2)", "peringatan (1)", "tidak dapat diverifikasi (1)", "informasi (1)"]
    positions = [text.index(title) for title in titles]
    assert positions == sorted(positions)
    for header in ("aturan", "temuan", "angka A", "angka B", "selisih"):
        assert header in text
    assert "same-figure" in text and "total-vs-sum" in text  # rule ids stay
    assert "5 poin persen" in text
    assert "dibaca dengan perbaikan OCR: teks asli '27,98C.000'" in text
    assert "realisasi anggaran differs" in text  # hand-made findings (no text) keep their message


def test_indonesian_summary_line() -> None:
    assert summary_line(sample_result(), "id") == (
        "KPU Kabupaten Tangerang 2024 — 40 halaman (text): 2 kesalahan, 1 peringatan, "
        "1 tidak dapat diverifikasi, 1 informasi; 3 indikator, 3 baris anggaran."
    )


def test_indonesian_tables_and_empty_views() -> None:
    assert "indikator" in rendered(render_indicators, "id")
    budget = rendered(render_budget, "id")
    assert "kode" in budget and "pagu" in budget and "total tertulis" in budget
    assert "keselarasan (skor 0-100)" in rendered(render_alignment, "id")
    empty = replace(sample_result(), findings=())
    assert "Tidak ada temuan." in rendered(render_findings, "id", empty)
