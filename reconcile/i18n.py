"""Messages in Indonesian and English for the terminal views, the working paper and the workbook.

Rule ids and section ids stay as they are (stable identifiers). The rules word each finding as
a :class:`Message` (a key of TEXTS and its parameters, fragments nested), worded here in either
language; the English wording is the finding's ``message``, which the JSON keeps. English views
keep the report's own page references (``hal.``, ``baris``); English messages say ``p.``.
"""

from __future__ import annotations

import os
import string
from collections.abc import Mapping
from typing import Any, Literal

from extractor.models import Finding, Message

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
    "file": ("file", "berkas"),
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


# --- finding messages -------------------------------------------------------------------------

# key → (English, Indonesian) templates of finding messages and their fragments. Parameters
# are str.format fields; a nested Message is worded first, and ``!c`` capitalises.
TEXTS: dict[str, tuple[str, str]] = {
    # figures and where they stand
    "percentage_points": ("{value} percentage points", "{value} poin persen"),
    "unreadable": ("unreadable {raw!r}", "tidak terbaca {raw!r}"),
    "unreadable_value": ("unreadable", "tidak terbaca"),
    "at_page": ("{place}, p. {page}", "{place}, hal. {page}"),
    "at_file_page": ("{place}, {file} p. {page}", "{place}, {file} hal. {page}"),
    "at_line": ("{place}, line {line}", "{place}, baris {line}"),
    "cell": ("{place} ({raw!r})", "{place} ({raw!r})"),
    "stated_in": ("in {section} ({shown})", "di {section} ({shown})"),
    "labelled_at": ("{label} ({where})", "{label} ({where})"),
    "quoted_at": ("{name!r} ({where})", "{name!r} ({where})"),
    "the": ("the {label}", "{label}"),
    "program": ("program {program}", "program {program}"),
    "and": ("{a} and {b}", "{a} dan {b}"),
    "list": ("{a}, {b}", "{a}, {b}"),
    "cells": ("{a}; {b}", "{a}; {b}"),
    # every finding
    "finding": ("{sentence}{note}.", "{sentence}{note}."),
    "caveats": (" (this rests on {notes})", " (temuan ini bertumpu pada {notes})"),
    "repaired_reading": ("a repaired reading {cell}", "bacaan OCR yang diperbaiki {cell}"),
    "low_confidence_reading": (
        "a low-confidence ({confidence}) reading {cell}",
        "bacaan OCR berkeyakinan rendah ({confidence}) {cell}",
    ),
    "unverifiable": (
        "Cannot check {what}: unreadable {cells}",
        "Tidak dapat diverifikasi: {what}; sel tidak terbaca {cells}",
    ),
    # what a figure is
    "figure_allocation": ("allocation", "pagu"),
    "figure_realisation": ("realisation", "realisasi"),
    "figure_absorption": ("absorption", "serapan"),
    "figure_staff-total": ("staff total", "jumlah pegawai"),
    "figure_staff-asn": ("ASN staff count", "jumlah pegawai ASN"),
    "figure_staff-non-asn": ("non-ASN staff count", "jumlah pegawai non-ASN"),
    "figure_in": ("the {what} in {where}", "{what} di {where}"),
    "realisation_of": ("the realisation of {name!r}", "realisasi {name!r}"),
    "of_program": ("{what} of program {program}", "{what} program {program}"),
    "whole_budget": (
        "the whole-budget {name} in {section}",
        "{name} seluruh anggaran di {section}",
    ),
    "table_total": (
        "the {field} total of {program} in {section}",
        "total {field} {program} di {section}",
    ),
    "the_table": ("the table", "tabel"),
    "rkt_total": ("the RKT total of {program}", "total RKT {program}"),
    "prose_total": ("the {field} of {program} in {section}", "{field} {program} di {section}"),
    "breakdown_total": ("the total of {label}", "total {label}"),
    "cell_of": ("the {field} of {name!r} ({section})", "{field} {name!r} ({section})"),
    "capaian_of": ("the capaian of {name!r}", "capaian {name!r}"),
    "all_programs": ("all programs", "seluruh program"),
    "revisions_of": ("the revisions of {what}", "revisi anggaran {what}"),
    "all_achieved_claim": (
        "the claim that all indicators were achieved",
        "klaim bahwa semua indikator tercapai",
    ),
    # what is summed
    "lines": ("lines", "baris"),
    "lines_in": ("lines in {section}", "baris di {section}"),
    "parts": ("parts", "rincian"),
    "programs": ("programs", "program"),
    "pk_budget_of": ("PK budget of {name}", "anggaran PK {name}"),
    "pk_sum": ("{sum}, the sum of {n} PK budgets", "{sum}, jumlah {n} anggaran PK"),
    # sentences: sums and stated figures
    "differs": (
        "{what!c} in {section_a} ({a}) differs from {section_b} ({b}) by {diff}",
        "{what!c} di {section_a} ({a}) tidak sama dengan di {section_b} ({b}); selisih {diff}",
    ),
    "sum_differs": (
        "{what!c} ({shown}) differs from the sum of its {n} {noun} ({sum}) by {diff}{more}",
        "{what!c} ({shown}) tidak sama dengan jumlah {n} {noun} ({sum}); selisih {diff}{more}",
    ),
    "some_unreadable": (", with {n} of them unreadable", ", {n} di antaranya tidak terbaca"),
    "sum_agrees": ("{more}; the sum agrees with {named}", "{more}; jumlah ini sama dengan {named}"),
    "partial_sum": (
        "{what} ({shown}); its readable {noun} sum to {sum}",
        "{what} ({shown}); jumlah {noun} yang terbaca {sum}",
    ),
    "over_realisation": (
        "Realisation of {name!r} in {section} ({r}) exceeds its allocation ({a}) by {diff}",
        "Realisasi {name!r} di {section} ({r}) melebihi pagunya ({a}); selisih {diff}",
    ),
    "share_differs": (
        "{label!c} {stated} differs from {num} / {den} = {exact} by {diff}{note}",
        "{label!c} {stated} tidak sama dengan {num} / {den} = {exact}; selisih {diff}{note}",
    ),
    "near_rounding": (
        " (less than 1 percentage point beyond rounding)",
        " (kurang dari 1 poin persen di luar pembulatan)",
    ),
    "revision": (
        "The {a} budget of {what} ({a_text}) differs from the {b} ({b_text}) by {diff}: a revision",
        "Anggaran {a} {what} ({a_text}) tidak sama dengan {b} ({b_text}); selisih {diff}: "
        "revisi anggaran",
    ),
    # sentences: indicators
    "capaian_head": ("The capaian of {name!r} {stated}", "Capaian {name!r} {stated}"),
    "recomputed": (
        "{uncapped} uncapped, {capped} capped at {cap}",
        "{uncapped} tanpa batas, {capped} dengan batas {cap}",
    ),
    "polarity_higher": ("higher-is-better", "makin tinggi makin baik"),
    "polarity_lower": ("lower-is-better", "makin rendah makin baik"),
    "other_formula": (
        "{head} follows {other}, not the {polarity} {own} ({recomputed})",
        "{head} mengikuti {other}, bukan {own} ({polarity}; dihitung ulang {recomputed})",
    ),
    "capaian_mismatch": (
        "{head} does not match {own} of target {target} and realisasi {realisasi}: "
        "recomputed {recomputed}",
        "{head} tidak sesuai dengan {own} dari target {target} dan realisasi {realisasi}: "
        "dihitung ulang {recomputed}",
    ),
    "target_head": ("The target of {name!r} {a} and {b}", "Target {name!r} {a} dan {b}"),
    "unit_drift": (
        "The unit of {name!r} drifts between its statements: {listed}",
        "Satuan {name!r} berubah antarpernyataan: {listed}",
    ),
    "target_unit": ("{head} differ in unit: {a} vs {b}", "{head} berbeda satuan: {a} vs {b}"),
    "target_differs": ("{head} differ{gap}{unit}", "{head} berbeda{gap}{unit}"),
    "by": (" by {diff}", "; selisih {diff}"),
    "and_unit": (", and in unit ({a} vs {b})", ", juga satuannya ({a} vs {b})"),
    "never_measured": (
        "PK indicator {name!r} ({section}) is never measured in {measure}",
        "Indikator PK {name!r} ({section}) belum pernah diukur di {measure}",
    ),
    "measured_without_pk": (
        "Indicator {name!r} is measured in pengukuran without a PK",
        "Indikator {name!r} diukur di pengukuran tanpa PK",
    ),
    "separate_pk": (
        "The appendix PK from p. {page} ({n} indicators, e.g. {name!r}) has none measured in "
        "{measure}: a separate agreement",
        "Lampiran PK mulai hal. {page} ({n} indikator, mis. {name!r}) tidak satu pun diukur di "
        "{measure}: perjanjian kinerja tersendiri",
    ),
    "plan_without_pk": (
        "{n} of {total} plan indicators ({section}) have no PK counterpart, e.g. {named}",
        "{n} dari {total} indikator rencana ({section}) tidak ada padanannya di PK, mis. {named}",
    ),
    "claimed_count": (
        "The {label} in {where} claims {n} indicators, but {section} lists {count}{note}",
        "Narasi di {where} menyebut {n} indikator, tetapi {section} memuat {count}{note}",
    ),
    "sasaran_count": (
        "; {groups} is the number of sasaran (distinct numbers), not of indicators",
        "; {groups} adalah jumlah sasaran (nomor berbeda), bukan jumlah indikator",
    ),
    # sentences: prose
    "not_all_achieved": (
        "The claim on p. {page} that all indicators were achieved is false: {n} capaian are "
        "below {full}%: {named}",
        "Klaim di hal. {page} bahwa semua indikator tercapai tidak benar: {n} capaian di bawah "
        "{full}%: {named}",
    ),
    "not_efficient": (
        "The report calls {name!r} efficient (p. {page}) though its capaian is {shown}",
        "Laporan menyebut {name!r} efisien (hal. {page}) padahal capaiannya {shown}",
    ),
    "year": (
        "The period named in {where} ({raw!r}) is {year}, not the report year {report_year}",
        "Periode yang disebut di {where} ({raw!r}) adalah {year}, bukan tahun laporan "
        "{report_year}",
    ),
    "efficiency_differs": (
        "The {label} {stated} differs from capaian {capaian} minus serapan {serapan} = {exact} "
        "by {diff}",
        "{label!c} {stated} tidak sama dengan capaian {capaian} dikurangi serapan {serapan} = "
        "{exact}; selisih {diff}",
    ),
}


def message(key: str, **params: str | int | float | Message) -> Message:
    """The Message ``key`` (a key of TEXTS) with ``params``, in the order given."""
    if key not in TEXTS:
        raise KeyError(f"no text {key!r}")
    return Message(key, tuple(params.items()))


def capitalised(text: str) -> str:
    """``text`` with its first letter upper-cased (the rest kept, unlike str.capitalize)."""
    return text[:1].upper() + text[1:]


class _Wording(string.Formatter):
    """str.format over a Message's parameters: nested messages worded, ``!c`` capitalises."""

    def __init__(self, lang: Lang) -> None:
        super().__init__()
        self.lang = lang

    def get_value(self, key: int | str, args: Any, kwargs: Mapping[str, Any]) -> Any:
        value = kwargs[key]  # type: ignore[index]
        return wording(value, self.lang) if isinstance(value, Message) else value

    def convert_field(self, value: Any, conversion: str | None) -> Any:
        if conversion == "c":
            return capitalised(str(value))
        return super().convert_field(value, conversion)


def wording(text: Message, lang: Lang) -> str:
    """A Message worded in ``lang``, its nested fragments too."""
    return _Wording(lang).vformat(_pick(TEXTS[text.key], lang), (), dict(text.params))


def finding_message(finding: Finding, lang: Lang) -> str:
    """A finding's message in ``lang``; its English ``message`` when it has no ``text``."""
    return finding.message if finding.text is None else wording(finding.text, lang)
