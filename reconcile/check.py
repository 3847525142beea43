"""One report checked end to end: read, parse, align, apply the rules."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from extractor.ingest import load_document
from extractor.models import Finding, Report
from extractor.parse import parse_document
from extractor.settings import IngestSettings

from .align import Alignment, align_report
from .rules import run_rules


@dataclass(frozen=True)
class CheckResult:
    report: Report
    alignment: Alignment
    findings: tuple[Finding, ...]

    @property
    def has_errors(self) -> bool:
        return any(f.severity == "error" for f in self.findings)


def check_report(report: Report) -> CheckResult:
    alignment = align_report(report)
    return CheckResult(report, alignment, tuple(run_rules(report, alignment)))


def check_file(path: Path, settings: IngestSettings | None = None) -> CheckResult:
    """Read one file (PDF, image or OCR text) and check it."""
    return check_report(parse_document(load_document(path, settings)))


def check_files(paths: Sequence[Path], settings: IngestSettings | None = None) -> CheckResult:
    """Several files of one report (e.g. the LKj and its separately scanned PK) checked as one."""
    reports = [parse_document(load_document(path, settings)) for path in paths]
    return check_report(merge_reports(reports))


def merge_reports(reports: Sequence[Report]) -> Report:
    """The records of several files, as one report named after the first."""
    first = reports[0]
    merged = Report(
        source=" + ".join(r.source for r in reports),
        input_kind=first.input_kind,
        pages=sum(r.pages for r in reports),
        entity=next((r.entity for r in reports if r.entity), None),
        year=next((r.year for r in reports if r.year), None),
    )
    for report in reports:
        merged.indicators += report.indicators
        merged.budget += report.budget
        merged.figures += report.figures
        merged.breakdowns += report.breakdowns
        merged.claims += report.claims
        merged.years += report.years
    return merged
