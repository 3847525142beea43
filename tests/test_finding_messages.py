"""Finding messages in Indonesian and English: every rule's wording, and where it is shown."""

from __future__ import annotations

import ast
import io
import json
import re
import string
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook
from rich.console import Console

from extractor.models import Breakdown, Claim, Finding, Message, Part, Provenance, Report
from reconcile.align import Alignment
from reconcile.check import CheckResult
from reconcile.export import dump_json, to_frame, write_csv
from reconcile.i18n import TEXTS, finding_message, message, wording
from reconcile.render import render_findings
from reconcile.rules import budget, figures, indicators, narrative, totals
from reconcile.workbook import write_xlsx
from reconcile.workpaper import write_html
from tests.rule_builders import (
    NO_ALIGNMENT,
    alignment,
    fig,
    indicator,
    line,
    pct,
    q,
    report,
    row,
    rp,
)

RULES_DIR = Path(__file__).parents[1] / "reconcile" / "rules"
# English words that must not appear in an Indonesian message (labels in the data aside).
ENGLISH = re.compile(
    r"\b(differs?|sum|the|of|by|in|and|with|unreadable|cannot|check|line|is|are|lists|claims|"
    r"exceeds|budget|percentage|points?|indicators?|measured|never|revision|target year)\b|"
    r"\bp\. \d",
    re.IGNORECASE,
)
CLAIM_AT = Provenance("pengukuran", 31, None, "semua indikator tercapai", line=1049)
Check = Callable[[Report, Alignment], list[Finding]]


def _pk_vs_measure() -> tuple[Report, Alignment]:
    pk = indicator("pk", "Indeks Kepuasan", q(80, "%", "pk", 12))
    measured = indicator("pengukuran", "Indeks Kepuasan", q(85, "%", "pengukuran", 30))
    alone = indicator("pengukuran", "Persentase Laporan", q(100, "%", "pengukuran", 30))
    plan = indicator("rencana-kinerja", "Persentase Dokumen", q(100, "%", "rencana-kinerja", 5))
    never = indicator("pk", "Nilai Akuntabilitas", q(70, "%", "pk", 12))
    rows = alignment(row(pk, measured), row(alone), row(plan), row(never))
    return report(indicators=[pk, measured, alone, plan, never]), rows


def _budget_revision() -> tuple[Report, Alignment]:
    pk = [line("pk", "CQ", "Penyelenggaraan", rp(188779427000, "pk", 14))]
    dipa = [
        fig("rkt-program", rp(188779427000, "rkt", 59), group="CQ"),
        fig("allocation", rp(186000000000, "ikhtisar", 3), scope="CQ"),
    ]
    return report(budget=pk, figures=dipa), NO_ALIGNMENT


def _rkt_total(total: int = 10) -> tuple[Report, Alignment]:
    """Readable lines sum to 12 (a PK budget agrees): a total of 10 is wrong, 99 unverifiable."""
    lines = [
        line("rkt", "CQ", "Pembentukan", rp(7, "rkt", 52)),
        line("rkt", "CQ", "Kampanye", rp(None, "rkt", 52, raw="2,09C", line=1963)),
        line("rkt", "CQ", "Logistik", rp(5, "rkt", 53, repaired=True)),
        line("pk", "CQ", "Penyelenggaraan", rp(12, "pk", 14)),
    ]
    stated = [fig("rkt-total", rp(total, "rkt", 53), group="CQ", label="jumlah")]
    return report(budget=lines, figures=stated), NO_ALIGNMENT


def _over_realisation() -> tuple[Report, Alignment]:
    spent = line("realisasi-anggaran", "CQ", "Logistik", rp(10), rp(12))
    return report(budget=[spent]), NO_ALIGNMENT


def _staff() -> tuple[Report, Alignment]:
    parts = tuple(Part(name, q(n, "orang", "sdm", 11)) for name, n in (("S1", 15), ("S2", 18)))
    total = fig("staff-total", q(28, "orang", "sdm", 10), label="jumlah pegawai")
    share = fig("staff-share", pct(53, 0, "sdm", 11), scope="asn", label="persentase ASN")
    asn = fig("staff-asn", q(15, "orang", "sdm", 11), label="pegawai ASN")
    staff = Breakdown("pegawai menurut pendidikan", parts, None, "staff-total")
    return report(breakdowns=[staff], figures=[total, share, asn]), NO_ALIGNMENT


def _same_figure() -> tuple[Report, Alignment]:
    stated = [
        fig("realisation", rp(231665238797, "ikhtisar", 4), label="realisasi"),
        fig("realisation", rp(231658704797, "realisasi-anggaran", 42), label="realisasi"),
        fig("allocation", rp(None, "ikhtisar", 4, raw="2?1"), label="pagu"),
        fig("allocation", rp(5, "realisasi-anggaran", 42), label="pagu"),
    ]
    return report(figures=stated), NO_ALIGNMENT


def _absorption() -> tuple[Report, Alignment]:
    stated = [
        fig("absorption", pct(90.0, 2, "ikhtisar", 4), label="serapan"),
        fig("realisation", rp(95, "ikhtisar", 4), label="realisasi"),
        fig("allocation", rp(100, "ikhtisar", 4), label="pagu"),
    ]
    return report(figures=stated), NO_ALIGNMENT


def _capaian() -> tuple[Report, Alignment]:
    cells = (q(80, "%", "pengukuran", 30), q(70, "%", "pengukuran", 30))
    wrong = indicator("pengukuran", "Indeks A", *cells, pct(95.0, 2, "pengukuran", 30))
    other = indicator("pengukuran", "Indeks B", *cells, pct(114.29, 2, "pengukuran", 30))
    unread = q(None, "%", "pengukuran", 30, raw="9?", line=7)
    blank = indicator("pengukuran", "Indeks C", cells[0], unread, pct(87.5, 2, "pengukuran", 30))
    return report(indicators=[wrong, other, blank]), NO_ALIGNMENT


def _targets() -> tuple[Report, Alignment]:
    pk = indicator("pk", "Indeks Kepuasan", q(80, "%", "pk", 12))
    measured = indicator("pengukuran", "Indeks Kepuasan", q(85, "%", "pengukuran", 30))
    unit = indicator("ikhtisar", "Indeks Kepuasan", q(80, "poin", "ikhtisar", 3))
    unread = indicator("lampiran-pk", "Indeks Kepuasan", q(None, "%", "lampiran-pk", 70, raw="8?"))
    return report(), alignment(row(pk, measured, unit, unread))


def _claimed_count() -> tuple[Report, Alignment]:
    inds = [indicator("pengukuran", f"i{i}", no=str(i // 3)) for i in range(11)]
    claimed = fig("indicator-count", q(4, None, "pengukuran"), scope="pengukuran")
    return report(indicators=inds, figures=[claimed]), NO_ALIGNMENT


def _claims() -> tuple[Report, Alignment]:
    measured = [
        indicator("pengukuran", "laporan keuangan", capaian=pct(87, 0, "pengukuran", 30)),
        indicator("pengukuran", "revisi anggaran", capaian=pct(95, 0, "pengukuran", 30)),
    ]
    claims = [
        Claim("all-achieved", CLAIM_AT.raw, CLAIM_AT),
        Claim("efficient", CLAIM_AT.raw, CLAIM_AT, "Revisi Anggaran"),
    ]
    return report(indicators=measured, claims=claims), NO_ALIGNMENT


def _year() -> tuple[Report, Alignment]:
    years = [q(2023, "year", "narrative", 5, raw="Tahun 2023")]
    return report(years=years), NO_ALIGNMENT


def _efficiency() -> tuple[Report, Alignment]:
    measured = [indicator("pengukuran", "Program Dukungan", capaian=pct(100.0, 2))]
    stated = [
        fig("absorption", pct(97.20, 2, "realisasi-anggaran", 42), label="serapan"),
        fig("efficiency", pct(3.5, 2, "pengukuran", 31), "Program Dukungan", label="efisiensi"),
    ]
    return report(indicators=measured, figures=stated), NO_ALIGNMENT


# (rule, scenario, how many findings it makes at least)
SCENARIOS: list[tuple[Check, Callable[[], tuple[Report, Alignment]], int]] = [
    (totals.total_vs_sum, _rkt_total, 1),
    (totals.total_vs_sum, lambda: _rkt_total(99), 1),
    (totals.over_realisation, _over_realisation, 1),
    (totals.breakdown, _staff, 1),
    (figures.same_figure, _same_figure, 2),
    (figures.percentage, _staff, 1),
    (figures.percentage, _absorption, 1),
    (indicators.capaian, _capaian, 3),
    (indicators.target_match, _targets, 4),
    (indicators.missing_indicator, _pk_vs_measure, 3),
    (indicators.claimed_count, _claimed_count, 1),
    (narrative.narrative_claim, _claims, 2),
    (narrative.year, _year, 1),
    (narrative.efficiency, _efficiency, 1),
    (budget.budget_revision, _budget_revision, 1),
]


def scenario_findings() -> list[Finding]:
    return [f for check, build, _ in SCENARIOS for f in check(*build())]


@pytest.mark.parametrize(("check", "build", "least"), SCENARIOS)
def test_each_rule_words_its_findings_in_both_languages(
    check: Check, build: Callable[[], tuple[Report, Alignment]], least: int
) -> None:
    found = check(*build())
    assert len(found) >= least
    for f in found:
        assert f.text is not None
        assert finding_message(f, "en") == f.message  # the JSON's English, from the same text
        indonesian = finding_message(f, "id")
        assert indonesian != f.message and indonesian.endswith(".")
        assert not ENGLISH.search(indonesian), indonesian


def test_indonesian_wording_of_figures_pages_and_cells() -> None:
    by_rule = {f.rule: finding_message(f, "id") for f in scenario_findings() if f.difference}
    assert by_rule["same-figure"] == (
        "Realisasi di ikhtisar (Rp231.665.238.797, hal. 4) tidak sama dengan di "
        "realisasi-anggaran (Rp231.658.704.797, hal. 42); selisih Rp6.534.000."
    )
    assert "selisih 5 orang" in by_rule["breakdown"]
    shares = [finding_message(f, "id") for f in figures.percentage(*_staff())]
    assert shares == [
        "Persentase ASN di sdm (53%, hal. 11) tidak sama dengan pegawai ASN / jumlah pegawai = "
        "53,5714%; selisih 0,5714 poin persen (kurang dari 1 poin persen di luar pembulatan)."
    ]
    assert by_rule["year"] == (
        "Periode yang disebut di narrative, hal. 5 ('Tahun 2023') adalah 2023, bukan tahun "
        "laporan 2024."
    )
    unverifiable = [f for f in scenario_findings() if f.severity == "unverifiable"]
    cells = " ".join(finding_message(f, "id") for f in unverifiable)
    assert "sel tidak terbaca pengukuran, hal. 30, baris 7 ('9?')" in cells
    assert "Tidak dapat diverifikasi: pagu di ikhtisar, hal. 4; sel tidak terbaca" in cells
    assert "jumlah baris yang terbaca Rp12; sel tidak terbaca rkt, hal. 52, baris 1963" in cells


def test_caveats_and_witnesses_are_worded_too() -> None:
    found = totals.total_vs_sum(*_rkt_total())[0]
    indonesian = finding_message(found, "id")
    assert indonesian == (
        "Total RKT program CQ (Rp10, hal. 53) tidak sama dengan jumlah 3 baris (Rp12); "
        "selisih Rp2, 1 di antaranya tidak terbaca; jumlah ini sama dengan anggaran PK "
        "Penyelenggaraan (pk, hal. 14) (temuan ini bertumpu pada bacaan OCR yang diperbaiki "
        "rkt, hal. 53 ('5'))."
    )
    assert "the sum agrees with PK budget of Penyelenggaraan (pk, p. 14)" in found.message
    assert found.values[-1].label == "PK budget of Penyelenggaraan"


def test_a_finding_without_text_keeps_its_message() -> None:
    plain = Finding("same-figure", "error", "As written.", ())
    assert finding_message(plain, "id") == "As written."


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_text_has_both_languages_with_the_same_parameters() -> None:
    for key, (english, indonesian) in TEXTS.items():
        assert english and indonesian, key
        # Indonesian may leave out an English label (claimed_count) but adds nothing.
        assert placeholders(indonesian) <= placeholders(english), key
        assert placeholders(english) - placeholders(indonesian) <= {"label"}, key


def _keys_used_by_the_rules() -> set[str]:
    """Literal keys of every ``message("key", ...)`` in the rules, f-string keys expanded."""
    keys: set[str] = set()
    for path in RULES_DIR.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "message":
                first = node.args[0]
                if isinstance(first, ast.Constant):
                    keys.add(first.value)
    dynamic = {*(f"figure_{n}" for n in figures.SAME_AS.values())}
    dynamic |= {f"polarity_{p}" for p in ("higher", "lower")}
    return keys | dynamic | {"unreadable", "percentage_points", "finding", "caveats"}


def test_every_key_the_rules_use_has_a_text() -> None:
    used = _keys_used_by_the_rules()
    assert len(used) > 40
    assert used <= set(TEXTS), used - set(TEXTS)
    with pytest.raises(KeyError, match="no text 'nonsense'"):
        message("nonsense")


def test_nested_fragments_and_capitals() -> None:
    what = message("the", label="pagu")
    text = message("unverifiable", what=what, cells=message("cells", a="x", b="y"))
    assert wording(text, "en") == "Cannot check the pagu: unreadable x; y"
    assert wording(text, "id") == "Tidak dapat diverifikasi: pagu; sel tidak terbaca x; y"
    head = message("capaian_head", name="Indeks", stated="di pk (80%)")
    assert wording(head, "id") == "Capaian 'Indeks' di pk (80%)"
    assert wording(Message("at_page", (("place", "x"), ("page", 3))), "id") == "x, hal. 3"


# --- where the messages are shown ------------------------------------------------------------


@pytest.fixture
def result() -> CheckResult:
    r, rows = _staff()
    found = totals.breakdown(r, rows) + figures.percentage(r, rows)
    return CheckResult(r, rows, tuple(found))


def test_terminal_shows_the_indonesian_message(result: CheckResult) -> None:
    console = Console(file=io.StringIO(), width=300, color_system=None)
    render_findings(result, console, lang="id")
    text = console.file.getvalue()
    assert "Total pegawai menurut pendidikan (28 orang, hal. 10) tidak sama dengan" in text
    assert "differs" not in text
    english = Console(file=io.StringIO(), width=300, color_system=None)
    render_findings(result, english, lang="en")
    assert "differs from the sum of its 2 parts" in english.file.getvalue()


def test_html_shows_the_indonesian_message(result: CheckResult, tmp_path: Path) -> None:
    paper = tmp_path / "kertas-kerja.html"
    write_html(result, paper, "id")
    html = paper.read_text(encoding="utf-8")
    assert "tidak sama dengan jumlah 2 rincian (33 orang); selisih 5 orang" in html
    assert "differs" not in html


def test_json_message_stays_english_while_csv_and_xlsx_follow_lang(
    result: CheckResult, tmp_path: Path
) -> None:
    out = io.StringIO()
    dump_json(result, out)
    messages = [f["message"] for f in json.loads(out.getvalue())["findings"]]
    assert messages == [f.message for f in result.findings]
    assert all("differs from" in m for m in messages)
    csv = io.StringIO()
    write_csv(result, "findings", csv, lang="id")
    assert "tidak sama dengan jumlah 2 rincian" in csv.getvalue()
    assert "tidak sama dengan" not in to_frame(result, "findings").to_csv()
    book = tmp_path / "kertas-kerja.xlsx"
    write_xlsx(result, book, "id")
    sheet = load_workbook(book)["Temuan"]
    headers = [c.value for c in sheet[1]]
    cell = sheet.cell(row=2, column=headers.index("pesan") + 1).value
    assert cell == finding_message(result.findings[0], "id")
    assert cell.startswith("Total pegawai menurut pendidikan")
