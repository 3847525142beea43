"""Tests of the synthetic report generator: determinism, consistency, and each injection."""

from __future__ import annotations

import json
import re
from collections import Counter
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from samples.generate_text import main
from samples.inject import INJECTION_KINDS
from samples.render_text import render_text
from samples.synthetic import SyntheticReport, build_report, capaian_of, percent
from samples.truth import truth_of

SEEDS = range(12)
WARNINGS = {"target-match", "missing-indicator", "claimed-count"}
# Which truth entries each injection may change (see _flat for the keys).
ALLOWED = {
    "same-figure": r"fig/(realisation|absorption)/ikhtisar/",
    "percentage": r"fig/absorption/ikhtisar/",
    "total-vs-sum": r"bud/(realisasi-anggaran|rkt)/",
    "capaian": r"ind/(pengukuran|ikhtisar)/None/\d+/capaian$",
    "target-match": r"ind/(pk/None|lampiran-pk/pk-1)/\d+/target$",
    "missing-indicator": r"ind/(pengukuran|ikhtisar)/|fig/indicator-",
    "breakdown": r"brk/pendidikan/",
    "over-realisation": r"bud/realisasi-anggaran/",
    "claimed-count": r"fig/indicator-count/",
    "narrative-claim": (
        r"ind/(pengukuran|ikhtisar)/None/\d+/(realisasi|capaian)$|claims|fig/indicator-achieved"
    ),
    "unverifiable": r"bud/realisasi-anggaran/",
}


def _flat(truth: dict[str, Any]) -> dict[str, Any]:
    """The truth as path → value, with stable keys so that two truths can be diffed."""
    out: dict[str, Any] = {"claims": len(truth["claims"])}
    for i in truth["indicators"]:
        for part in ("target", "realisasi", "capaian"):
            m = i[part]
            out[f"ind/{i['section']}/{i['group']}/{i['key']}/{part}"] = m and (
                m["value"],
                m["unit"],
            )
    seen: Counter[tuple[Any, ...]] = Counter()
    for b in truth["budget"]:
        where = (b["section"], b.get("group"), b["program"])
        out[f"bud/{b['section']}/{b.get('group')}/{b['program']}/{seen[where]}"] = (
            b["allocation"],
            b["realisation"],
            b.get("raw_realisation"),
        )
        seen[where] += 1
    for f in truth["figures"]:
        out[f"fig/{f['key']}/{f['section']}/{f['scope']}/{f.get('group')}"] = f["value"]
    for b in truth["breakdowns"]:
        out |= {f"brk/{b['label']}/{label}": n for label, n in b["parts"].items()}
    return out


def _changed(a: SyntheticReport, b: SyntheticReport) -> set[str]:
    fa, fb = _flat(truth_of(a)), _flat(truth_of(b))
    return {k for k in fa.keys() | fb.keys() if fa.get(k) != fb.get(k)}


def _check_consistent(r: SyntheticReport) -> None:
    for p in r.programs:
        assert p.stated_allocation == sum(x.allocation for x in p.lines)
        assert p.stated_realisation == sum(x.realisation for x in p.lines)
        assert all(0 <= x.realisation <= x.allocation and x.garbage is None for x in p.lines)
        assert p.rkt_total == p.pk_budget == sum(a for _, a in p.rkt)
        assert all(len(x.code) == 4 for x in p.lines) and len(p.lines) >= 5
    assert r.allocation == r.ikhtisar_allocation == sum(p.stated_allocation for p in r.programs)
    assert r.realisation == r.ikhtisar_realisation == sum(p.stated_realisation for p in r.programs)
    assert r.absorption == r.ikhtisar_absorption == percent(r.realisation, r.allocation)
    for i in r.measurement:
        assert i.capaian == capaian_of(i.target, i.realisasi, i.polarity)
    assert [(i.key, i.target) for i in r.pk] == [(i.key, i.target) for i in r.measurement]
    assert r.claimed_count == len(r.measurement)
    assert r.achieved_count == sum(i.score >= 100 for i in r.measurement)
    assert r.claim_all == (r.achieved_count == len(r.measurement))
    s = r.staff
    assert sum(n for _, n in s.education) == s.asn + s.non_asn
    assert not s.pangkat or sum(n for _, n in s.pangkat) == s.asn
    assert s.asn_share == percent(s.asn, s.asn + s.non_asn, 0)
    revised = {p.code for p in r.programs if p.pk_budget != p.stated_allocation}
    assert len(r.expected_info) == len(revised) and not r.injections
    assert all(i.severity == "info" for i in r.expected_info)


def test_same_seed_gives_same_report_and_text() -> None:
    assert build_report(3, ["capaian"]) == build_report(3, ["capaian"])
    assert render_text(build_report(3), 3) == render_text(build_report(3), 3)
    assert render_text(build_report(3), 3) != render_text(build_report(4), 4)
    assert truth_of(build_report(3)) != truth_of(build_report(4))


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10**9))
def test_clean_reports_are_internally_consistent(seed: int) -> None:
    report = build_report(seed)
    _check_consistent(report)
    assert 2019 <= report.year <= 2025
    assert "Tangerang" not in report.entity.name
    assert truth_of(report)["expected_error_count"] == 0


def _violation(kind: str, r: SyntheticReport, values: tuple[Any, ...]) -> None:
    """Assert the injected report breaks exactly the invariant its kind names."""
    if kind == "same-figure":
        assert (r.ikhtisar_realisation, r.realisation) == values and values[0] != values[1]
    elif kind == "percentage":
        assert abs(r.ikhtisar_absorption - percent(r.ikhtisar_realisation, r.allocation)) > 1
    elif kind == "total-vs-sum":
        sums = [(p.stated_allocation, sum(x.allocation for x in p.lines)) for p in r.programs]
        sums += [(p.stated_realisation, sum(x.realisation for x in p.lines)) for p in r.programs]
        sums += [(p.rkt_total, sum(a for _, a in p.rkt)) for p in r.programs]
        assert [s for s in sums if s[0] != s[1]] == [values]
    elif kind == "capaian":
        wrong = [
            i for i in r.measurement if i.capaian != capaian_of(i.target, i.realisasi, i.polarity)
        ]
        assert [i.capaian.value for i in wrong] == [values[0]]
    elif kind == "target-match":
        measured = {i.key: i.target for i in r.measurement}
        assert [i.target.value for i in r.pk if measured[i.key] != i.target] == [values[0]]
    elif kind == "missing-indicator":
        assert len({i.key for i in r.pk} - {i.key for i in r.measurement}) == 1
    elif kind == "breakdown":
        assert sum(n for _, n in r.staff.education) == values[0] != values[1]
    elif kind == "over-realisation":
        over = [x for p in r.programs for x in p.lines if x.realisation > x.allocation]
        assert [(x.allocation, x.realisation) for x in over] == [values]
    elif kind == "claimed-count":
        assert r.claimed_count == values[0] != len(r.measurement) == values[1]
    elif kind == "narrative-claim":
        assert r.claim_all and min(i.score for i in r.measurement) < 100
    elif kind == "unverifiable":
        assert sum(x.garbage is not None for p in r.programs for x in p.lines) == 1


@pytest.mark.parametrize("kind", INJECTION_KINDS)
def test_each_injection_changes_exactly_what_its_truth_says(kind: str) -> None:
    for seed in SEEDS:
        clean, injected = build_report(seed), build_report(seed, [kind])
        (injection,) = injected.injections
        assert injection.kind == kind and injection.description
        changed = _changed(clean, injected)
        assert changed and all(re.match(ALLOWED[kind], path) for path in changed), changed
        _violation(kind, injected, injection.values)
        expected = "warning" if kind in WARNINGS else kind if kind == "unverifiable" else "error"
        assert injection.severity == expected
        assert injection.rule == ("total-vs-sum" if kind == "unverifiable" else kind)


def test_all_injections_together_and_unknown_kind() -> None:
    for seed in SEEDS:
        report = build_report(seed, INJECTION_KINDS)
        assert [i.kind for i in report.injections] == list(INJECTION_KINDS)
    with pytest.raises(ValueError, match="unknown injection"):
        build_report(1, ["no-such-rule"])


def test_rendered_text_states_the_content_in_order() -> None:
    for seed in SEEDS:
        report = build_report(seed)
        text = render_text(report, seed, noise=0.0)
        marks = [
            "KATA PENGANTAR",
            "(IKHTISAR|RINGKASAN) EKS",
            "PENDAHULUAN",
            "Berdasarkan Tingkat Pendidikan",
            "RENCANA KINERJA",
            "PERJANJIAN KINERJA",
            "AKUNTABILITAS KINERJA",
            "PENGUKURAN CAPAIAN KINERJA",
            "B. (REALISASI ANGGARAN|Realisasi Anggaran)",
            "PENUTUP",
            "LAMPIRAN",
            "RENCANA KERJA TAHUNAN",
            "APBN :",
        ]
        flat = re.sub(r"[ \t]+", " ", text)
        found = [re.search(m, flat) for m in marks]
        positions = [f.start() if f else -1 for f in found]
        assert -1 not in positions and positions == sorted(positions), (seed, positions)
        digits = re.sub(r"(?<=\d)[.,](?=\d{3})", "", text)
        for p in report.programs:
            assert f"({p.code})" in text and str(p.pk_budget) in digits
            assert all(x.code in text and str(x.allocation) in digits for x in p.lines)
        assert f"dari {report.claimed_count} indikator kinerja" in text
        assert f"Tahun {report.year}" in text and report.entity.short in text


def test_garbage_cell_is_rendered_and_truth_hides_the_value() -> None:
    report = build_report(5, ["unverifiable"])
    (line,) = [x for p in report.programs for x in p.lines if x.garbage]
    (entry,) = [b for b in truth_of(report)["budget"] if b.get("raw_realisation")]
    assert entry["realisation"] is None and entry["hidden_realisation"] == line.realisation
    assert line.garbage in render_text(report, 5, noise=0.0)


def test_noise_changes_text_but_not_at_zero() -> None:
    report = build_report(8)
    clean, noisy = render_text(report, 8, noise=0.0), render_text(report, 8, noise=0.2)
    assert clean != noisy and "_" not in clean and "_" in noisy


def test_pages_scale_makes_a_proportionally_longer_report() -> None:
    short = sum(len(render_text(build_report(s), s)) for s in range(4))
    long = sum(len(render_text(build_report(s, pages_scale=10), s)) for s in range(4))
    assert 7 < long / short < 15


def test_cli_writes_text_and_truth(tmp_path) -> None:  # noqa: ANN001
    argv = ["--out", str(tmp_path), "--reports", "2", "--seed", "9", "--inject", "3"]
    assert main(argv) == 0
    truth = json.loads((tmp_path / "lkj-9-1.truth.json").read_text(encoding="utf-8"))
    assert len({i["kind"] for i in truth["injections"]}) == 3
    assert (tmp_path / "lkj-9-0.txt").read_text(encoding="utf-8").startswith(("KATA", " KATA"))
    assert main(["--out", str(tmp_path), "--reports", "0"]) == 2
