"""Staff (SDM) figures: counts by status stated in prose, shares, and breakdown tables."""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from ..models import Breakdown, Line, Part, Quantity, StatedFigure
from ..numbers import NumberToken, find_numbers
from .cells import ROW_NUMBER_RE, provenance, split_cells, token_quantity
from .prose import paragraphs

ASN_RE = re.compile(r"\b(asn|pns|aparatur\s+sipil\s+negara|pegawai\s+negeri)\b", re.I)
NON_ASN_RE = re.compile(r"\b(ppnpn|honorer|non[- ]?asn|kontrak|p3k|pppk)\b", re.I)
TOTAL_RE = re.compile(r"\b(sejumlah|berjumlah|jumlah|total|seluruh)\b", re.I)
# "dari jumlah tersebut", "seluruh pegawai itu": a total stated before; what follows is part of it.
REFERENCE_RE = re.compile(r"\b(jumlah|total|seluruh)(\s+[a-z]+)?\s+(tersebut|itu)\b", re.I)
PEOPLE_RE = re.compile(r"\s*(orang|pegawai|aparatur|ppnpn|pns|asn)\b", re.I)
BLOCK_RE = re.compile(r"\bberdasarkan\s+(.+)$|\bkelompok\s+(jabatan.*)$", re.I)
PART_PREFIX_RE = re.compile(r"^\W*(?:\d{1,2}|[a-zA-Z])\s*[|.)]?\s+")
MAX_TITLE_WORDS = 8
CLAUSE_SPLIT_RE = re.compile(r"[.;:]\s|\d\.\s")
CLASS_WORDS: tuple[tuple[re.Pattern[str], str | None], ...] = (
    (NON_ASN_RE, "staff-non-asn"),
    (ASN_RE, "staff-asn"),
    (TOTAL_RE, "staff-total"),
    (REFERENCE_RE, None),  # ends after the total word it contains, so is nearer
)
# Words that name staff, recognised through OCR noise ("or_ang", "orng", "pegwai").
STAFF_WORDS = ("orang", "pegawai", "aparatur", "ppnpn", "honorer", "sipil", "negara")
SNAP_MIN = 80.0  # rapidfuzz ratio of a noisy word with a staff word
OF_BY_LABEL = (
    (re.compile(r"pendidikan|status|jenis\s+kelamin|usia|umur", re.I), "staff-total"),
    (re.compile(r"pangkat|golongan", re.I), "staff-asn"),
)


def parse_staff_counts(lines: list[Line], section: str) -> list[StatedFigure]:
    """Staff counts in sentences ("sejumlah 28 orang", "15 ASN"), and shares ("atau 53%")."""
    figures: list[StatedFigure] = []
    prose = [line for line in lines if _part(line, section) is None]
    for paragraph in paragraphs(prose):
        text = paragraph.text
        for clause_start, clause in _clauses(text):
            tokens = find_numbers(clause)
            for k, token in enumerate(tokens):
                kind = _count_kind(clause, token)
                if kind is None:
                    continue
                figures.append(_figure(paragraph, clause_start, token, kind, section))
                share = tokens[k + 1] if k + 1 < len(tokens) else None
                if share is not None and share.parsed.unit == "%" and kind != "staff-total":
                    scope = "asn" if kind == "staff-asn" else "non-asn"
                    figures.append(
                        _figure(paragraph, clause_start, share, "staff-share", section, scope)
                    )
    return figures


def _clauses(text: str) -> list[tuple[int, str]]:
    bounds = [0] + [m.end() for m in CLAUSE_SPLIT_RE.finditer(text)] + [len(text)]
    return [(a, text[a:b]) for a, b in zip(bounds, bounds[1:], strict=False) if text[a:b].strip()]


def _count_kind(clause: str, token: NumberToken) -> str | None:
    """Which staff count a number is, from the class named after it or nearest before it;
    none after a reference to a total stated before ("dari jumlah tersebut 2 orang")."""
    if token.parsed.unit not in (None, "orang", "pegawai") or not isinstance(
        token.parsed.value, int
    ):
        return None
    after = _snapped(clause[token.end :].lstrip(" ,"))
    if token.parsed.unit is None and not PEOPLE_RE.match(after):
        return None
    named = re.sub(r"^(orang|pegawai)\b\s*", "", after, flags=re.I)
    if NON_ASN_RE.match(named):
        return "staff-non-asn"
    if ASN_RE.match(named):
        return "staff-asn"
    before = clause[: token.start]
    nearest = max(
        ((m.end(), key) for pattern, key in CLASS_WORDS for m in pattern.finditer(before)),
        key=lambda end_key: end_key[0],
        default=(0, None),
    )
    return nearest[1]


def _snapped(text: str) -> str:
    """``text`` with noisy words that resemble a staff word replaced by that word."""
    return " ".join(_snap(word) for word in text.split(" "))


def _snap(word: str) -> str:
    letters = re.sub(r"[^A-Za-z]", "", word).lower()
    if len(letters) < 4:
        return word
    best = max(STAFF_WORDS, key=lambda known: fuzz.ratio(letters, known))
    if fuzz.ratio(letters, best) < SNAP_MIN:
        return word
    return best + re.sub(r"^.*[A-Za-z]", "", word)  # its trailing punctuation kept


def _figure(
    paragraph,
    clause_start: int,
    token: NumberToken,
    key: str,
    section: str,
    scope: str | None = None,
) -> StatedFigure:
    line, start, end = paragraph.locate(clause_start + token.start, clause_start + token.end)
    quantity = token_quantity(NumberToken(start, end, token.parsed), line, section)
    label = {
        "staff-total": "jumlah pegawai",
        "staff-asn": "pegawai ASN",
        "staff-non-asn": "pegawai non-ASN (PPNPN)",
        "staff-share": f"persentase {scope}",
    }
    return StatedFigure(key, label[key], quantity, scope=scope)


def parse_breakdowns(lines: list[Line], section: str) -> list[Breakdown]:
    """Tables of staff "Berdasarkan Tingkat Pendidikan" etc.: parts that must add up."""
    breakdowns: list[Breakdown] = []
    label: str | None = None
    parts: list[Part] = []
    for line in lines + [Line("", 0)]:
        block = BLOCK_RE.search(line.text)
        part = None if block else _part(line, section)
        if part is not None and label is not None:
            parts.append(part)
            continue
        continued = not parts or line.page != parts[-1].quantity.provenance.page
        if label is not None and continued and _column_titles(line.text):
            continue  # "No | Pendidikan | Jumlah" under the title, repeated on the next page
        if label is not None and parts:
            of = next((key for pattern, key in OF_BY_LABEL if pattern.search(label)), None)
            if of is not None:
                breakdowns.append(Breakdown(f"pegawai berdasarkan {label}", tuple(parts), of=of))
        label = (block.group(1) or block.group(2)).strip(" :") if block else None
        parts = []
    return breakdowns


def _column_titles(text: str) -> bool:
    """A table header ("No | Pendidikan | Jumlah"): a few words, no number."""
    short = 0 < len(text.split()) <= MAX_TITLE_WORDS and not re.search(r"\d", text)
    return short and ("|" in text or re.search(r"\bjumlah\b", text, re.I) is not None)


def _part(line: Line, section: str) -> Part | None:
    cells = split_cells(line)
    if len(cells) == 2 and ROW_NUMBER_RE.fullmatch(cells[0][1]) and _label(cells[1][1]):
        label = cells[1][1]  # "4 | SMP": a table row whose count OCR could not read
        return Part(label, Quantity(None, None, provenance(line, section)))
    tokens = find_numbers(line.text)
    if not tokens or not isinstance(tokens[-1].parsed.value, int):
        return None
    last = tokens[-1]
    if line.text[last.end :].strip(" |.") or last.parsed.unit not in (None, "orang"):
        return None
    label = PART_PREFIX_RE.sub("", line.text[: last.start]).strip(" |:")
    return Part(label, token_quantity(last, line, section)) if _label(label) else None


def _label(text: str) -> bool:
    """A breakdown part's label: a few words ("S1", "Golongan III", "PPNPN")."""
    return re.search(r"[A-Za-z]", text) is not None and len(text.split()) <= 5
