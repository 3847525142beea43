"""Figures stated in prose: pagu, realisasi and serapan; claims about indicators; period years."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cached_property

from ..models import Claim, Line, Quantity, StatedFigure
from ..numbers import NumberToken, find_numbers, parse_number
from .budget import amount_row, is_table_row
from .cells import cell_quantity, is_year, provenance, span_bbox, split_cells, token_quantity
from .programs import PROGRAM_CODE_RE

ALLOCATION_RE = re.compile(
    r"\b(pagu|alokasi|dipa)\b|\bdari\s+(?:total\s+|jumlah\s+)?anggaran\b", re.IGNORECASE
)
PHYSICAL_RE = re.compile(r"\bfisik\b", re.IGNORECASE)  # "pencapaian fisik 99,49%": not serapan
# "untuk Belanja Langsung, realisasi … sementara pada Belanja Tidak Langsung …": the clause's class
SPENDING_CLASS_RE = re.compile(r"\bbelanja\s+(tidak\s+)?langsung\b", re.IGNORECASE)
REALISATION_RE = re.compile(r"\b(realisasi|realiasasi|terealisasi|penyerapan)\b", re.IGNORECASE)
ABSORPTION_RE = re.compile(r"\b(atau|ekuivalen|serapan|persentase|mencapai|sebesar)\b", re.I)
TOTAL_SCOPE_RE = re.compile(r"\btotal\b|\bkeseluruhan\b", re.IGNORECASE)
COUNT_CLAIM_RE = re.compile(r"\bdari\s+(\d{1,3})\s+(?:\(\w+\)\s+)?indikator", re.IGNORECASE)
ALL_ACHIEVED_RE = re.compile(
    r"\b(semua|seluruh)\s+(?:\w+\s+){0,3}?indikator\b[^.]{0,80}?"
    r"\b(tercapai|mencapai\s+target|berhasil|100\s*%)",
    re.IGNORECASE,
)
PERIOD_YEAR_RE = re.compile(
    r"\b(laporan\s+kinerja|perjanjian\s+kinerja|rencana\s+kerja\s+tahunan|tahun\s+anggaran|"
    r"dipa\s+ta|lkj\w*|lakip)\b[^.\n]{0,60}?\b((?:19|20)\d\d)\b(?!\s*[-–]\s*(?:19|20)\d\d)",
    re.IGNORECASE,
)
COMPARISON_RE = re.compile(r"dibandingkan|sebelumnya|periode|renstra|\d{4}\s*[-–]\s*\d{4}", re.I)
# "pada awal Tahun Anggaran 2023", "akan dilaksanakan ... tahun anggaran 2023": a later year
# the report looks ahead to, not its own period.
AHEAD_RE = re.compile(r"\b(akan|awal|mendatang|berikutnya|depan)\b[^.\n]{0,40}$", re.IGNORECASE)
SUMMARY_KEYS = ("allocation", "realisation", "absorption")  # the columns of a summary table
SENTENCE_END_RE = re.compile(r"(?<!\bRp)(?<!\bNo)(?<!\bTA)[.!?:]\s+(?=[A-Z\-•])")


@dataclass(frozen=True)
class _Paragraph:
    """Consecutive lines joined by spaces, remembering where each line starts."""

    text: str
    lines: tuple[Line, ...]
    starts: tuple[int, ...]

    def locate(self, start: int, end: int) -> tuple[Line, int, int]:
        index = bisect_right(self.starts, start) - 1
        offset = self.starts[index]
        line = self.lines[index]
        return line, start - offset, min(end - offset, len(line.text))

    @cached_property
    def _breaks(self) -> tuple[list[int], list[int]]:
        matches = list(SENTENCE_END_RE.finditer(self.text))
        return [m.start() for m in matches], [m.end() for m in matches]

    def sentence(self, position: int) -> tuple[int, int]:
        """Bounds of the sentence around ``position`` ("Rp." and "No." end no sentence)."""
        starts, ends = self._breaks
        before = bisect_right(ends, position)
        after = bisect_left(starts, position)
        return (ends[before - 1] if before else 0), (
            starts[after] if after < len(starts) else len(self.text)
        )


def paragraphs(lines: list[Line]) -> Iterator[_Paragraph]:
    """Runs of lines up to a blank gap in line numbers; a table row stands alone."""
    run: list[Line] = []
    for line in lines:
        row = is_table_row(line.text)
        if run and (row or _gap(run[-1], line) or is_table_row(run[-1].text)):
            yield _join(run)
            run = []
        run.append(line)
    if run:
        yield _join(run)


def _gap(before: Line, line: Line) -> bool:
    return bool(line.number and before.number and line.number - before.number > 2)


def _join(run: list[Line]) -> _Paragraph:
    starts, text = [], ""
    for line in run:
        starts.append(len(text))
        text += line.text + " "
    return _Paragraph(text, tuple(run), tuple(starts))


def _quantity(paragraph: _Paragraph, token: NumberToken, section: str) -> Quantity:
    line, start, end = paragraph.locate(token.start, token.end)
    quantity = token_quantity(NumberToken(start, end, token.parsed), line, section)
    raw = paragraph.text[token.start : token.end].strip()
    if raw != quantity.provenance.raw:  # a figure wrapped onto the next line: both parts
        last, _, end_column = paragraph.locate(token.end - 1, token.end)
        box, tail = quantity.provenance.bbox, span_bbox(last, 0, end_column)
        if box and tail and last.page == line.page:
            box = box.union(tail)
        quantity = replace(quantity, provenance=replace(quantity.provenance, raw=raw, bbox=box))
    return quantity


def _value_only(paragraph: _Paragraph, token: NumberToken) -> bool:
    line, start, end = paragraph.locate(token.start, token.end)
    rest = line.text[:start] + line.text[end:]
    return not re.search(r"[A-Za-z]{4}", rest.replace("Rp", ""))


def parse_stated_figures(lines: list[Line], section: str) -> list[StatedFigure]:
    """Pagu, realisasi and serapan stated in sentences, whole budget or one program."""
    figures: list[StatedFigure] = []
    for paragraph in paragraphs(lines):
        if amount_row(paragraph.text) is not None:
            continue
        last_kind: str | None = None
        for token in find_numbers(paragraph.text):
            kind = _kind(paragraph, token, last_kind)
            if kind is None or _value_only(paragraph, token):
                continue
            scope = _scope(paragraph, token.start)
            named = None if scope else _programs_named(paragraph, token.start)
            quantity = _quantity(paragraph, token, section)
            label = {"allocation": "pagu", "realisation": "realisasi", "absorption": "serapan"}
            figures.append(
                StatedFigure(kind, f"{label[kind]} anggaran", quantity, scope=scope, group=named)
            )
            last_kind = kind
    return figures + _summary_table(lines, section)


def _kind(paragraph: _Paragraph, token: NumberToken, last_kind: str | None) -> str | None:
    window = paragraph.text[paragraph.sentence(token.start)[0] : token.start]
    if token.parsed.unit == "%" and last_kind == "realisation":
        near = window[-40:]
        return "absorption" if ABSORPTION_RE.search(near) and not PHYSICAL_RE.search(near) else None
    if token.parsed.unit != "rp":
        return None
    allocation = [m.end() for m in ALLOCATION_RE.finditer(window)]
    realisation = [m.end() for m in REALISATION_RE.finditer(window)]
    if not allocation and not realisation:
        return None
    return (
        "realisation"
        if max(realisation, default=-1) > max(allocation, default=-1)
        else ("allocation")
    )


def _scope(paragraph: _Paragraph, position: int) -> str | None:
    """The program a figure belongs to: the one code named in its sentence, else the spending
    class named before it in the sentence, else the whole."""
    start, end = paragraph.sentence(position)
    sentence = paragraph.text[start:end]
    codes = set(PROGRAM_CODE_RE.findall(sentence))
    if len(codes) == 1 and not TOTAL_SCOPE_RE.search(sentence):
        return codes.pop()
    classes = list(SPENDING_CLASS_RE.finditer(paragraph.text[start:position]))
    if classes:
        return "Belanja Tidak Langsung" if classes[-1].group(1) else "Belanja Langsung"
    return None


def _programs_named(paragraph: _Paragraph, position: int) -> str | None:
    """The programs a whole-budget figure's sentence lists ("(XY) dan (ZW)"), joined by "+"."""
    start, end = paragraph.sentence(position)
    codes = sorted(set(PROGRAM_CODE_RE.findall(paragraph.text[start:end])))
    return "+".join(codes) if len(codes) > 1 else None


def _summary_table(lines: list[Line], section: str) -> list[StatedFigure]:
    """A pagu/realisasi/% table before any program is named: its row read whole, or its cells
    read as value-only lines."""
    if section != "realisasi-anggaran":
        return []
    values: list[tuple[Line, NumberToken]] = []
    for header, line in zip([None, *lines], lines, strict=False):
        if PROGRAM_CODE_RE.search(line.text) or re.search(r"\bprogram\b", line.text, re.I):
            break
        row = _summary_row(header, line, section) if header else []
        if row:
            return row
        tokens = find_numbers(line.text)
        alone = not re.search(r"[A-Za-z]{4}", line.text.replace("Rp", ""))
        if len(tokens) == 1 and alone and tokens[0].parsed.unit in ("rp", "%"):
            values.append((line, tokens[0]))
    amounts = [v for v in values if v[1].parsed.unit == "rp"]
    percents = [v for v in values if v[1].parsed.unit == "%"]
    if len(amounts) != 2 or len(percents) > 1:
        return []
    return [
        StatedFigure(key, f"{key} (summary table)", token_quantity(token, line, section))
        for key, (line, token) in zip(SUMMARY_KEYS, amounts + percents, strict=False)
    ]


def _summary_row(header: Line, line: Line, section: str) -> list[StatedFigure]:
    """ "2023 | Rp 1.000 | Rp 900 | 90,00%" under "Tahun | Pagu | Realisasi | %": the year's
    allocation, realisation and serapan."""
    titles = " ".join(cell for _, cell in split_cells(header))
    cells = split_cells(line)
    if not (ALLOCATION_RE.search(titles) and REALISATION_RE.search(titles)):
        return []
    if len(cells) not in (3, 4) or not re.fullmatch(r"(19|20)\d\d", cells[0][1]):
        return []
    expect = ["rp", "rp", "%"]
    figures = []
    for key, expected, (start, raw) in zip(SUMMARY_KEYS, expect, cells[1:], strict=False):
        quantity = cell_quantity(line, section, start, raw, parse_number(raw, expected))
        figures.append(StatedFigure(key, f"{key} (summary table)", quantity))
    return figures


def parse_claims(lines: list[Line], section: str) -> tuple[list[Claim], list[StatedFigure]]:
    """ "Dari 11 indikator …, semua indikator tercapai": the count and the claim."""
    claims: list[Claim] = []
    counts: list[StatedFigure] = []
    for paragraph in paragraphs(lines):
        for match in COUNT_CLAIM_RE.finditer(paragraph.text):
            token = next(t for t in find_numbers(paragraph.text[match.start(1) :]) if t)
            shifted = NumberToken(
                token.start + match.start(1), token.end + match.start(1), token.parsed
            )
            quantity = _quantity(paragraph, shifted, section)
            counts.append(
                StatedFigure(
                    "indicator-count", "indicators claimed in prose", quantity, scope=section
                )
            )
        for match in ALL_ACHIEVED_RE.finditer(paragraph.text):
            line, start, end = paragraph.locate(match.start(), match.end())
            claims.append(
                Claim("all-achieved", match.group(0), provenance(line, section, start, end))
            )
    return claims, counts


def parse_period_years(lines: list[Line], section: str) -> list[Quantity]:
    """Years in phrases naming the reporting period (not comparisons or plan periods)."""
    years: list[Quantity] = []
    for paragraph in paragraphs(lines):
        for match in PERIOD_YEAR_RE.finditer(paragraph.text):
            before = paragraph.text[: match.start()]
            if COMPARISON_RE.search(match.group(0)) or AHEAD_RE.search(before):
                continue
            start, end = match.span(2)
            token = next((t for t in find_numbers(match.group(2)) if is_year(t)), None)
            if token is None:
                continue
            shifted = NumberToken(start, end, token.parsed)
            quantity = _quantity(paragraph, shifted, section)
            years.append(Quantity(quantity.value, "year", quantity.provenance))
    return years
