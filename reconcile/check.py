"""One report checked end to end: read, parse, align, apply the rules."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields, is_dataclass, replace
from pathlib import Path
from typing import Any, TypeVar

from rapidfuzz import fuzz

from extractor.ingest import load_document
from extractor.models import Finding, Provenance, Report
from extractor.parse import parse_document
from extractor.settings import IngestSettings

from .align import Alignment, align_report
from .repair import settle_percent_misreads
from .rules import run_rules

SAME_ENTITY_SCORE = 92.0  # rapidfuzz ratio of two files' entity names: OCR noise, not another town
INPUT_KINDS_SCANNED_FIRST = ("pdf-scanned", "image", "pdf-text", "text")
T = TypeVar("T")


@dataclass(frozen=True)
class CheckResult:
    report: Report
    alignment: Alignment
    findings: tuple[Finding, ...]

    @property
    def has_errors(self) -> bool:
        return any(f.severity == "error" for f in self.findings)


def check_report(report: Report) -> CheckResult:
    report, alignment = settle_percent_misreads(report, align_report(report))
    return CheckResult(report, alignment, tuple(run_rules(report, alignment)))


def check_file(path: Path, settings: IngestSettings | None = None) -> CheckResult:
    """Read one file (PDF, image or OCR text) and check it."""
    return check_report(parse_document(load_document(path, settings)))


def check_files(paths: Sequence[Path], settings: IngestSettings | None = None) -> CheckResult:
    """Several files of one report (e.g. the LKj and its separately scanned PK) checked as one."""
    reports = [parse_document(load_document(path, settings)) for path in paths]
    return check_report(merge_reports(reports))


def check_paths(paths: Sequence[Path], settings: IngestSettings | None = None) -> list[CheckResult]:
    """Files naming the same entity and year are one report; the others are checked alone."""
    reports = [parse_document(load_document(path, settings)) for path in paths]
    return [check_report(merge_reports(group)) for group in same_report_groups(reports)]


def same_report_groups(reports: Sequence[Report]) -> list[list[Report]]:
    """Reports grouped by entity and year, in the order given; an unknown one joins any."""
    groups: list[list[Report]] = []
    for report in reports:
        group = next((g for g in groups if all(_same_report(r, report) for r in g)), None)
        if group is None:
            groups.append([report])
        else:
            group.append(report)
    return groups


def _same_report(a: Report, b: Report) -> bool:
    same_year = a.year is None or b.year is None or a.year == b.year
    if a.entity is None or b.entity is None:
        return same_year
    return same_year and fuzz.ratio(a.entity.lower(), b.entity.lower()) >= SAME_ENTITY_SCORE


def merge_reports(reports: Sequence[Report]) -> Report:
    """The records of several files, as one report named after the first."""
    merged = Report(
        source=" + ".join(r.source for r in reports),
        input_kind=min((r.input_kind for r in reports), key=INPUT_KINDS_SCANNED_FIRST.index),
        pages=sum(r.pages for r in reports),
        entity=next((r.entity for r in reports if r.entity), None),
        year=next((r.year for r in reports if r.year), None),
    )
    for report in reports:
        name = Path(report.source).name if len(reports) > 1 else None
        merged.indicators += [from_file(r, name) for r in report.indicators]
        merged.budget += [from_file(r, name) for r in report.budget]
        merged.figures += [from_file(r, name) for r in report.figures]
        merged.breakdowns += [from_file(r, name) for r in report.breakdowns]
        merged.claims += [from_file(r, name) for r in report.claims]
        merged.years += [from_file(r, name) for r in report.years]
    return merged


def from_file(record: T, name: str | None) -> T:
    """``record`` with each provenance in it naming the file ``name`` (None: unchanged)."""
    return record if name is None else _stamped(record, name)


def _stamped(value: Any, name: str) -> Any:
    """``value`` rebuilt with its provenances (however deep in records and lists) stamped."""
    if isinstance(value, Provenance):
        return replace(value, file=name)
    if is_dataclass(value) and not isinstance(value, type):
        return replace(
            value,
            **{f.name: _stamped(getattr(value, f.name), name) for f in fields(value) if f.init},
        )
    if isinstance(value, (list, tuple)):
        return type(value)(_stamped(v, name) for v in value)
    return value
