"""Budgets of plans: RKT programs and kegiatan with their JUMLAH rows, and PK program budgets."""

from __future__ import annotations

import re

from ..models import BudgetLine, Line, StatedFigure
from ..numbers import NumberToken, find_numbers
from .budget import is_amount
from .cells import MONTHS_RE, provenance, token_quantity

TOTAL_RE = re.compile(r"\bjumlah\b|\btotal\b", re.IGNORECASE)
GRAND_TOTAL_RE = re.compile(r"\b(apbn|apbd|jumlah\s+total|total\s+anggaran|grand\s+total)\b", re.I)
PROGRAM_WORD_RE = re.compile(r"\bprogram\b", re.IGNORECASE)
HEADER_RE = re.compile(r"\bprogram\b.*\bkegiatan\b|\bkegiatan\b.*\banggaran\b", re.IGNORECASE)
# "1. ", "A) ", or a number whose dot OCR lost ("4 Program …")
ENUMERATOR_RE = re.compile(r"^\W*((\d{1,2}|[A-H])\s*[.,)]|\d{1,2}\s(?=\s*[A-Za-z]))\s*")
GROUP_ROW_RE = re.compile(r"^\W*[A-H]\s*[.)]\s")  # "A. Program Utama": a group of programs
PROSE_AMOUNT_RE = re.compile(r"\b(sebesar|senilai|anggaran)\s*$", re.IGNORECASE)
LABEL_LOOKAHEAD = 4  # lines after "JUMLAH ANGGARAN" / "APBN :" where its amount may stand
NAME_LOOKBACK = 2


def _amount(line: Line) -> NumberToken | None:
    tokens = [t for t in find_numbers(line.text, "rp") if t.parsed.value is not None]
    amounts = [t for t in tokens if is_amount(t) and re.search(r"[.,]", t.parsed.raw)]
    return amounts[0] if amounts else None


def parse_rkt(lines: list[Line], section: str) -> tuple[list[BudgetLine], list[StatedFigure]]:
    """RKT budgets: the first amount after a header is the program's, then its kegiatan."""
    budget: list[BudgetLine] = []
    figures: list[StatedFigure] = []
    program: str | None = None
    pending: tuple[str, str] | None = None  # ("rkt-total" | "rkt-grand-total", label), waiting
    waited = 0
    for index, line in enumerate(lines):
        text = line.text
        if HEADER_RE.search(text) and _amount(line) is None:
            program, pending = None, None
            continue
        label = _total_label(text)
        if label:
            pending, waited = label, 0
        amount = _amount(line)
        if amount is None:
            waited += 1
            if pending and waited > LABEL_LOOKAHEAD:
                pending = None
            continue
        quantity = token_quantity(amount, line, section)
        if pending:
            key, name = pending
            group = program if key == "rkt-total" else None
            figures.append(StatedFigure(key, name, quantity, scope=group, group=group))
            pending = None
            if key == "rkt-total":
                program = None
            continue
        name = _name(lines, index, amount)
        if program is None:
            program = name
            figures.append(StatedFigure("rkt-program", f"RKT program {name}", quantity, group=name))
        else:
            budget.append(
                BudgetLine(section, program, None, name, quantity, None, provenance(line, section))
            )
    return budget, figures


def _total_label(text: str) -> tuple[str, str] | None:
    if GRAND_TOTAL_RE.search(text):
        return "rkt-grand-total", "RKT total (" + GRAND_TOTAL_RE.search(text).group(1) + ")"
    if TOTAL_RE.search(text):
        return "rkt-total", "RKT JUMLAH ANGGARAN"
    return None


def _name(lines: list[Line], index: int, amount: NumberToken) -> str:
    """The kegiatan or program name: text before the amount, else the lines just above, up to
    an amount, a line without words or the column header."""
    own = _clean(lines[index].text[: amount.start])
    if len(own.split()) >= 2:
        return own
    before: list[str] = []
    for line in reversed(lines[max(index - NAME_LOOKBACK, 0) : index]):
        text = line.text
        if (
            _amount(line) is not None
            or not re.search(r"[A-Za-z]{3}", text)
            or HEADER_RE.search(text)
        ):
            break
        before.insert(0, _clean(text))
    return " ".join(before + [own]).strip() or own


def _clean(text: str) -> str:
    text = re.sub(r"[|:;]+", " ", text)
    return re.sub(r"\s+", " ", text).strip(" .,-")


def parse_program_budgets(lines: list[Line], section: str) -> list[BudgetLine]:
    """PK program budgets: "1. <program> Rp. 12.345.678.000,-" with the name wrapped below.

    A lettered group row ("A. Program Utama") whose programs below add up to it is their
    subtotal, not one more program: only the programs are kept.
    """
    rows: list[tuple[bool, BudgetLine]] = []
    for index, line in enumerate(lines):
        tokens = [t for t in find_numbers(line.text) if t.parsed.unit == "rp" and t.parsed.value]
        if len(tokens) != 1 or MONTHS_RE.search(line.text):
            continue
        name = _clean(ENUMERATOR_RE.sub("", line.text[: tokens[0].start]))
        if not re.search(r"[A-Za-z]{3}", name):
            continue  # an amount alone: its program's name is elsewhere (a scan read by columns)
        following = lines[index + 1].text if index + 1 < len(lines) else ""
        if following and not re.search(r"\d", following) and len(following.split()) <= 6:
            name = f"{name} {_clean(following)}".strip()
        if PROSE_AMOUNT_RE.search(name):
            continue  # no name, or a sentence ("… dengan besar anggaran sebesar Rp …")
        name = " ".join(PROGRAM_WORD_RE.sub("", name).split())
        quantity = token_quantity(tokens[0], line, section)
        budget = BudgetLine(section, name, None, name, quantity, None, provenance(line, section))
        rows.append((GROUP_ROW_RE.match(line.text) is not None, budget))
    return [row for k, (group, row) in enumerate(rows) if not (group and _subtotal(rows, k))]


def _subtotal(rows: list[tuple[bool, BudgetLine]], index: int) -> bool:
    """Whether the programs after group row ``index``, up to the next group, add up to it."""
    members = []
    for group, row in rows[index + 1 :]:
        if group:
            break
        members.append(row.allocation.value if row.allocation else None)
    total = rows[index][1].allocation
    if not members or None in members or total is None:
        return False
    return sum(members) == total.value
