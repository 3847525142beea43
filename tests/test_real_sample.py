"""The shared real OCR text (KPU Kabupaten Tangerang LKj 2024): what an auditor must be shown."""

from __future__ import annotations

from collections import Counter

from extractor.models import Finding


def _findings(result, rule: str, severity: str) -> list[Finding]:
    return [f for f in result.findings if f.rule == rule and f.severity == severity]


def _cited(finding: Finding) -> set:
    return {c.quantity.value for c in finding.values}


def test_entity_and_year(real_sample_result):
    report = real_sample_result.report
    assert (report.entity, report.year) == ("KPU Kabupaten Tangerang", 2024)


def test_summary_realisation_differs_from_chapter_three(real_sample_result):
    found = _findings(real_sample_result, "same-figure", "error")
    pair = [f for f in found if {231665238797, 231658704797} <= _cited(f)]
    assert len(pair) == 1
    sections = {c.quantity.provenance.section for c in pair[0].values}
    assert sections == {"ikhtisar", "realisasi-anggaran"}
    assert abs(pair[0].difference) == 6534000
    assert all(c.quantity.provenance.page for c in pair[0].values)


def test_rkt_jumlah_differs_from_its_kegiatan_and_the_pk(real_sample_result):
    found = [f for f in _findings(real_sample_result, "total-vs-sum", "error")]
    assert len(found) == 1
    cited = found[0].values
    assert cited[0].quantity.value == 188779427000
    assert cited[0].quantity.provenance.section == "rkt"
    pk = [c for c in cited if c.quantity.provenance.section == "lampiran-pk"]
    assert pk and all(c.quantity.value == 188770427000 for c in pk)
    assert found[0].difference == 9000000


def test_staff_by_education_differs_from_staff_total(real_sample_result):
    (found,) = _findings(real_sample_result, "breakdown", "error")
    assert found.values[0].quantity.value == 28
    assert sum(c.quantity.value for c in found.values[1:]) == 33


def test_cq_realisation_total_is_unverifiable_naming_unreadable_cells(real_sample_result):
    (found,) = _findings(real_sample_result, "total-vs-sum", "unverifiable")
    unreadable = [c.quantity.provenance.raw for c in found.values if c.quantity.value is None]
    assert unreadable == ["]", "a"]
    assert found.values[0].quantity.value == 228965412716


def test_dipa_pagu_vs_pk_budget_is_info(real_sample_result):
    infos = _findings(real_sample_result, "budget-revision", "info")
    whole = [f for f in infos if 238339761000 in _cited(f)]
    assert whole, "the DIPA pagu is compared with the PK budget"
    assert "191.163.195.000" in whole[0].message


def test_second_pk_indicators_never_measured(real_sample_result):
    messages = [f.message for f in _findings(real_sample_result, "missing-indicator", "warning")]
    for name in ("Indeks Reformasi Birokrasi", "Nilai Akuntabilitas Kinerja"):
        assert any(name in m for m in messages)


def test_all_pk_indicators_and_budget_lines_extracted(real_sample_result):
    report = real_sample_result.report
    counts = Counter(i.section for i in report.indicators)
    assert counts["pk"] == counts["pengukuran"] == counts["ikhtisar"] == 18
    assert all(i.target is not None for i in report.indicators_in("pk"))
    lines = [b for b in report.budget if b.section == "realisasi-anggaran"]
    assert Counter(b.program for b in lines) == {"CQ": 19, "WA": 2}


def test_no_capaian_or_percentage_error_where_the_report_is_right(real_sample_result):
    wrong = [f for f in real_sample_result.findings if f.rule in ("capaian", "percentage")]
    assert not [f for f in wrong if f.severity == "error"]
    assert len(_findings(real_sample_result, "same-figure", "error")) == 1
    assert len([f for f in real_sample_result.findings if f.severity == "error"]) == 3
