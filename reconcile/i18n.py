"""Messages in Indonesian and English for the terminal views, the working paper and the workbook.

Rule ids, section ids and the finding messages the rules write stay as they are: rule and
section ids are stable identifiers, and the rules compose their messages from nested English
fragments, so only the words around them (titles, column names, severities, counts) are
translated here. English keeps the report's own page references (``hal.``, ``baris``).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Literal

Lang = Literal["id", "en"]
LANGS: tuple[Lang, ...] = ("id", "en")
DEFAULT_LANG: Lang = "en"
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")  # POSIX precedence

# key → (English, Indonesian); ``{name}`` placeholders are filled by ``t``.
MESSAGES: dict[str, tuple[str, str]] = {
    # terminal views and shared words
    "rule": ("rule", "aturan"),
    "what": ("what", "temuan"),
    "figure_a": ("figure A", "angka A"),
    "figure_b": ("figure B", "angka B"),
    "difference": ("difference", "selisih"),
    "page_ref": ("hal. {page}", "hal. {page}"),
    "line_ref": ("baris {line}", "baris {line}"),
    "page_abbr": ("hal.", "hal."),
    "points": ("{value} pp", "{value} poin persen"),
    "repair_note": (
        "{value} ({where}) read through OCR repair: raw '{raw}'",
        "{value} ({where}) dibaca dengan perbaikan OCR: teks asli '{raw}'",
    ),
    "more_figures": (
        "{n} more figures (all in --format json)",
        "{n} angka lainnya (semuanya di --format json)",
    ),
    "no_findings": ("No findings.", "Tidak ada temuan."),
    "no_indicators": ("No indicators.", "Tidak ada indikator."),
    "no_budget": ("No budget lines.", "Tidak ada baris anggaran."),
    "no_alignment": ("No aligned indicators.", "Tidak ada indikator yang diselaraskan."),
    "indicators_title": ("indicators", "indikator"),
    "budget_title": ("{section} — program {program}", "{section} — program {program}"),
    "stated_total": ("stated total", "total tertulis"),
    "stated_total_of": ("stated total ({table})", "total tertulis ({table})"),
    "alignment_title": ("alignment (score 0-100)", "keselarasan (skor 0-100)"),
    "summary": (
        "{name} — {pages} ({kind}): {severities}; {records}.",
        "{name} — {pages} ({kind}): {severities}; {records}.",
    ),
    # working paper and workbook
    "workpaper_title": ("Working paper — {name}", "Kertas kerja — {name}"),
    "index_title": ("Working papers", "Daftar kertas kerja"),
    "findings_heading": ("Findings", "Temuan"),
    "alignment_heading": ("Alignment of indicators", "Keselarasan indikator"),
    "indicators_heading": ("Indicators", "Indikator"),
    "budget_heading": ("Budget", "Anggaran"),
    "source": ("source", "sumber"),
    "report": ("report", "laporan"),
    "open": ("open", "buka"),
    "unreadable_input": ("could not be read", "tidak dapat dibaca"),
    "no_evidence": ("no page image for this figure", "tidak ada gambar halaman untuk angka ini"),
    "sheet_findings": ("Findings", "Temuan"),
    "sheet_indicators": ("Indicators", "Indikator"),
    "sheet_budget": ("Budget", "Anggaran"),
    "sheet_alignment": ("Alignment", "Keselarasan"),
}

# Column names of export.py's tables (and of the views).
COLUMNS: dict[str, tuple[str, str]] = {
    "rule": ("rule", "aturan"),
    "severity": ("severity", "tingkat"),
    "message": ("message", "pesan"),
    "difference": ("difference", "selisih"),
    "label": ("figure", "angka"),
    "value": ("value", "nilai"),
    "unit": ("unit", "satuan"),
    "section": ("section", "bagian"),
    "page": ("page", "halaman"),
    "line": ("line", "baris"),
    "raw": ("as printed", "tertulis"),
    "repaired": ("OCR repaired", "diperbaiki OCR"),
    "no": ("no", "no"),
    "sasaran": ("sasaran", "sasaran"),
    "indikator": ("indikator", "indikator"),
    "polarity": ("polarity", "polaritas"),
    "target": ("target", "target"),
    "realisasi": ("realisasi", "realisasi"),
    "capaian": ("capaian", "capaian"),
    "program": ("program", "program"),
    "code": ("code", "kode"),
    "name": ("name", "nama"),
    "allocation": ("allocation", "pagu"),
    "realisation": ("realisation", "realisasi"),
    "row": ("#", "#"),
    "score": ("score", "skor"),
}
COLUMN_SUFFIXES = {"unit": "unit", "raw": "raw"}  # target_unit → "target (unit)"

SEVERITY_NAMES: dict[str, tuple[str, str]] = {
    "error": ("error", "kesalahan"),
    "warning": ("warning", "peringatan"),
    "unverifiable": ("unverifiable", "tidak dapat diverifikasi"),
    "info": ("info", "informasi"),
}

SECTION_NAMES: dict[str, tuple[str, str]] = {
    "ikhtisar": ("Executive summary", "Ikhtisar Eksekutif"),
    "rencana-kinerja": ("Performance plan", "Rencana Kinerja"),
    "pk": ("Performance agreement (PK)", "Perjanjian Kinerja"),
    "pengukuran": ("Performance measurement", "Pengukuran Capaian Kinerja"),
    "realisasi-anggaran": ("Budget realisation", "Realisasi Anggaran"),
    "lampiran-pk": ("PK appendix", "Lampiran PK"),
    "rkt": ("Annual work plan (RKT)", "Rencana Kerja Tahunan"),
    "sdm": ("Staff", "Sumber Daya Manusia"),
    "narrative": ("Narrative", "Narasi"),
}

# Counted nouns: (English singular, English plural, Indonesian).
NOUNS: dict[str, tuple[str, str, str]] = {
    "error": ("error", "errors", "kesalahan"),
    "warning": ("warning", "warnings", "peringatan"),
    "unverifiable": ("unverifiable", "unverifiable", "tidak dapat diverifikasi"),
    "info": ("info", "info", "informasi"),
    "indicator": ("indicator", "indicators", "indikator"),
    "budget line": ("budget line", "budget lines", "baris anggaran"),
    "page": ("page", "pages", "halaman"),
    "finding": ("finding", "findings", "temuan"),
}


def _pick(pair: tuple[str, str], lang: Lang) -> str:
    """One side of an (English, Indonesian) pair."""
    return pair[1] if lang == "id" else pair[0]


def default_lang(environ: Mapping[str, str] | None = None) -> Lang:
    """``id`` when the first set locale variable (LC_ALL, LC_MESSAGES, LANG) starts with "id"."""
    env = os.environ if environ is None else environ
    locale = next((env[v] for v in LOCALE_VARIABLES if env.get(v)), "")
    return "id" if locale.lower().startswith("id") else "en"


def resolve_lang(lang: str | None) -> Lang:
    """``lang`` checked ("id" or "en"); None takes the locale's default."""
    if lang is None:
        return default_lang()
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}: choose one of {', '.join(LANGS)}")
    return lang  # type: ignore[return-value]


def t(key: str, lang: Lang, **params: object) -> str:
    """The message ``key`` in ``lang`` with its placeholders filled."""
    return _pick(MESSAGES[key], lang).format(**params)


def column_title(column: str, lang: Lang) -> str:
    """The title of an export column; ``target_unit`` → "target (unit)"."""
    if column in COLUMNS:
        return _pick(COLUMNS[column], lang)
    base, _, suffix = column.rpartition("_")
    if base in COLUMNS and suffix in COLUMN_SUFFIXES:
        return f"{_pick(COLUMNS[base], lang)} ({column_title(COLUMN_SUFFIXES[suffix], lang)})"
    return column


def severity_name(severity: str, lang: Lang) -> str:
    return _pick(SEVERITY_NAMES[severity], lang) if severity in SEVERITY_NAMES else severity


def section_name(section: str, lang: Lang) -> str:
    """A section's name for headings; unknown sections keep their identifier."""
    return _pick(SECTION_NAMES[section], lang) if section in SECTION_NAMES else section


def count(n: int, noun: str, lang: Lang) -> str:
    """``1 error``, ``2 errors``, ``2 kesalahan`` (Indonesian nouns do not inflect)."""
    singular, plural, indonesian = NOUNS[noun]
    word = indonesian if lang == "id" else (singular if n == 1 else plural)
    return f"{n} {word}"
