"""Program names tied to their codes ("Program Pengelolaan Keuangan (XY)") to meet the DIPA."""

from __future__ import annotations

import re
from dataclasses import replace

from rapidfuzz import fuzz

from ..models import BudgetLine, Line, StatedFigure

# A program's two-letter code in brackets; (DK) Dekonsentrasi and (TP) Tugas Pembantuan name
# where a program's money comes from, not the program.
_CODE = r"\((?!DK\)|TP\))([A-Z]{2})\)"
PROGRAM_CODE_RE = re.compile(_CODE)
PROGRAM_NAME_RE = re.compile(r"\bprogram\s+(.{5,120}?)\s*" + _CODE, re.IGNORECASE)
NAME_MATCH_MIN = 80.0  # token_set_ratio of a plan's program name with a coded program's name


def program_codes(lines: list[Line]) -> dict[str, str]:
    """Program name → code, from sentences that name both."""
    text = " ".join(line.text for line in lines)
    codes: dict[str, str] = {}
    for name, code in PROGRAM_NAME_RE.findall(text):
        name = re.split(r"\bprogram\b", name, flags=re.IGNORECASE)[-1]
        codes[" ".join(name.split())] = code
    return codes


def code_for(name: str | None, codes: dict[str, str]) -> str | None:
    if not name or not codes:
        return None
    best = max(codes, key=lambda known: fuzz.token_set_ratio(name.lower(), known.lower()))
    return (
        codes[best] if fuzz.token_set_ratio(name.lower(), best.lower()) >= NAME_MATCH_MIN else None
    )


def with_codes(
    budget: list[BudgetLine], figures: list[StatedFigure], codes: dict[str, str]
) -> tuple[list[BudgetLine], list[StatedFigure]]:
    """Plan budget lines and RKT figures named by program get the program's code."""
    lines = [
        replace(line, program=code_for(line.program, codes) or line.program)
        if line.code is None
        else line
        for line in budget
    ]
    coded = []
    for figure in figures:
        code = code_for(figure.group, codes) if figure.key.startswith("rkt") else None
        coded.append(
            replace(figure, group=code, scope=code if figure.scope else None) if code else figure
        )
    return lines, coded
