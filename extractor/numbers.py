"""Indonesian figures through OCR noise: "Rp 1.234.567.000,-", "97,20%", "12 Kali" → values.

Both conventions occur, often in one report: Indonesian ("1.234.567,89": ``.`` groups
thousands, ``,`` marks decimals) and English ("1,234,567.89"). A number with one separator
followed by three digits ("72.054") reads either way: it is flagged ``ambiguous``, read as
thousands (decimal in a percentage context), and ``resolve_column`` settles it from the other
cells of its column.

OCR repairs, each marking the result ``repaired``: digit look-alikes inside a token that starts
with a real digit ("27,98C.000", "9C%"), misread percent signs ("95,40Yo", "100°/o"), mixed
separators in a grouped number ("2,369.021" → 2369021), stray brackets around a cell ("1]"), and,
in a percentage column only (or a column printed much with "%"), a ``%`` read as trailing
digits ("10076" → 100, "854" → 85). What cannot be
read gives ``value=None``, never a guess.

``find_numbers`` returns every number in running text: list numbers ("1." at a line start) and
years come back as plain numbers (unit None); callers filter them by position or range.
Known gaps: negative amounts ("(1.234)" or "-1.234") and digits split by spaces are not read;
a token that starts with a look-alike ("l00%") is not repaired.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import ROUND_DOWN, Decimal
from functools import lru_cache
from typing import Literal

from extractor.models import Provenance, Quantity

Style = Literal["id", "en"]

RUPIAH = "rp"
PERCENT = "%"
SCALED = "scaled"  # the context of a mantissa before "juta", "M"…: "1,2" is decimal
DECIMAL_MARK: dict[Style, str] = {"id": ",", "en": "."}
THOUSANDS_GROUP = 3
PLAUSIBLE_PERCENT_MAX = 200
MISREAD_PERCENT_TAILS = ("76", "96", "4", "6", "8", "9")  # how OCR reads a "%" glued to digits
PERCENT_COLUMN_SHARE = 1 / 3  # a column this much printed with "%" is a percent column
TOKEN_CACHE_LINES = 8192
MAX_PERCENT_DECIMALS = 2  # LKj reports print percentages with at most two decimals
PERCENT_MISREADS = (
    "Yo",
    "Y6",
    "Y0",
    "°/o",
    "°/0",
    "º/o",
    "o/o",
    "$",
    "¢",
)  # "$", "¢": a "%" OCR misread
LOOKALIKES = {"O": "0", "o": "0", "C": "0", "I": "1", "l": "1", "S": "5", "B": "8"}
UNITS: dict[str, str] = {
    "%": PERCENT,
    "persen": PERCENT,
    "kali": "kali",
    "dokumen": "dokumen",
    "orang": "orang",
    "pegawai": "pegawai",
    "ha": "ha",
    "hektar": "ha",
    "ton": "ton",
    "kelompok": "kelompok",
    "unit": "unit",
    "laporan": "laporan",
    "tangkai": "tangkai",
    "pelaku": "pelaku",
    "kegiatan": "kegiatan",
    "satker": "satker",
    "indikator": "indikator",
    "paket": "paket",
    "aplikasi": "aplikasi",
    "bulan": "bulan",
    "hari": "hari",
    "kasus": "kasus",
}
SCALE_WORDS = {"ribu": 3, "rb": 3, "juta": 6, "jt": 6, "miliar": 9, "milyar": 9, "triliun": 12}
SCALE_LETTERS = {"M": 9, "T": 12}  # only after "Rp": "Rp 1,2 M"
BRACKET_NOISE = "()[]{}|'\"`"  # stray strokes of table rulings around a cell
PUNCTUATION = ",.;:"


def _alternation(words: Sequence[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


# A number whose "%" OCR may have read as digits or a glyph: "10096", "80 96", "1009 0",
# "100 $", "95 Yo", "84,3796", "72,734" (two decimals and a "4"), "854" (Courier's "%").
PERCENT_MISREAD_RE = re.compile(
    rf"^(?:\d[\d.,]*(?:\s?(?:96|76|9\s?0)|\s(?:[4689$¢]|{_alternation(PERCENT_MISREADS)}))"
    r"|\d{1,3}[.,]\d\d[4689]|\d{2,3}4)$"
)
_COUNT_UNITS = _alternation([w for w in UNITS if w != PERCENT])
ONE_LIKE = r"[Il|]"  # how OCR reads a "1" of some typewriter faces
TITLE_UNITS = ("indikator", "kegiatan")  # column titles too: alone, no lost count
_LOSABLE_UNITS = _alternation([w for w in UNITS if w != PERCENT and w not in TITLE_UNITS])
# A count cell without its digits: the unit, maybe after a "1" read as a letter or bar, maybe
# followed by a speck ("Laporan P").
DIGITS_LOST_RE = re.compile(rf"^(?:{ONE_LIKE}\s?)?(?P<unit>(?i:{_LOSABLE_UNITS}))(?:\s\S)?$")
# A count as a re-read gives it: digits (or a "1" read as a letter or bar), then its unit.
COUNT_RE = re.compile(rf"^(?:\d[\d.,]*|{ONE_LIKE})\s?(?P<unit>(?i:{_COUNT_UNITS}))$")
_LOOK = "".join(LOOKALIKES)
_LOOKALIKE_TABLE = str.maketrans(LOOKALIKES)
_PATTERNS: dict[str, re.Pattern[str]] = {
    "separator": re.compile(r"[.,]"),
    "token": re.compile(
        rf"""(?<!\w)(?<![0-9][.,])                    # not inside a word or a number
        (?P<rp>[Rr][Pp][.,:]?\s*)?                  # Rp, Rp., RP
        (?P<core>[0-9](?:[.,]?[0-9{_LOOK}]          # a real digit first, look-alikes after,
          |:(?<=[.,][0-9]{{3}}:)(?=[0-9]{{3}}(?![0-9])))*  # a separator read ":" ("3.015:000"),
          |{ONE_LIKE}(?=[ \t]?(?i:{_LOSABLE_UNITS})(?![A-Za-z])))  # or a "1" read "I" before a unit
        (?P<dash>[ \t]*[.,][ \t]*-+)?               # ,- after rupiah
        (?:[ \t]*(?P<pct>%)
          |[ \t]?(?P<misread>{_alternation(PERCENT_MISREADS)})(?![A-Za-z])
          |[ \t]*(?P<scale>(?i:{_alternation(list(SCALE_WORDS))}))(?![A-Za-z])
          |(?(rp)[ \t]*(?P<letter>{_alternation(list(SCALE_LETTERS))})(?![A-Za-z])|(?!))
          |[ \t]*(?P<unit>(?i:{_COUNT_UNITS}))(?![A-Za-z])
          |(?![A-Za-z]))                            # or no letter glued to the number""",
        re.VERBOSE,
    ),
}


@dataclass(frozen=True)
class ParsedNumber:
    """A number as read: value (None when unreadable), unit, printed decimals, raw text."""

    value: int | float | None
    unit: str | None
    decimals: int
    repaired: bool
    raw: str
    ambiguous: bool = False


@dataclass(frozen=True)
class NumberToken:
    """A number found in text; the span covers its "Rp", unit or "%" too."""

    start: int
    end: int
    parsed: ParsedNumber


@dataclass(frozen=True)
class _Reading:
    """Digits read as a decimal; ``style`` is the convention the reading proves, if any."""

    value: Decimal
    decimals: int
    ambiguous: bool = False
    repaired: bool = False
    style: Style | None = None


def parse_number(raw: str, expect: str | None = None) -> ParsedNumber:
    """Read one cell; ``expect`` is the column's context: 'rp', '%', 'count' or None."""
    return _parse(raw, expect, None)[0]


def find_numbers(text: str, expect: str | None = None) -> list[NumberToken]:
    """Every number in running text, with its unit, in reading order.

    A number whose grouping makes no sense ("1.23.456") comes back with ``value=None``.
    """
    return list(_tokens(text, expect))


@lru_cache(maxsize=TOKEN_CACHE_LINES)
def _tokens(text: str, expect: str | None) -> tuple[NumberToken, ...]:
    """Each parser reads the same lines again: the tokens of recent lines are kept."""
    return tuple(
        NumberToken(m.start(), m.end(), _from_match(m, expect, None)[0])
        for m in _PATTERNS["token"].finditer(text)
    )


def resolve_column(raws: Sequence[str], expect: str | None = None) -> list[ParsedNumber]:
    """Read a column's cells, settling ambiguous ones ("72.054") by the column's convention.

    Rupiah columns are integers and percentage columns decimal; otherwise the convention the
    unambiguous cells show ("1.234.567" or "97,5" vs "97.20") decides. In a column printed
    much with "%", a cell whose "%" OCR read as digits ("8096", "84,3796") is repaired.
    """
    readings = [_parse(raw, expect, None) for raw in raws]
    if expect in (RUPIAH, PERCENT):
        return [replace(parsed, ambiguous=False) for parsed, _ in readings]
    if expect is None and _percent_column([parsed for parsed, _ in readings]):
        readings = [
            _percent_repaired(raw, reading) for raw, reading in zip(raws, readings, strict=True)
        ]
    votes = Counter(style for _, style in readings if style).most_common()
    if not votes or (len(votes) > 1 and votes[0][1] == votes[1][1]):
        return [parsed for parsed, _ in readings]
    style = votes[0][0]
    return [
        _parse(raw, expect, style)[0] if parsed.ambiguous else parsed
        for raw, (parsed, _) in zip(raws, readings, strict=True)
    ]


def _percent_column(cells: Sequence[ParsedNumber]) -> bool:
    readable = [cell for cell in cells if cell.value is not None]
    percent = sum(cell.unit == PERCENT for cell in readable)
    return bool(readable) and percent >= PERCENT_COLUMN_SHARE * len(readable)


def _percent_repaired(
    raw: str, reading: tuple[ParsedNumber, Style | None]
) -> tuple[ParsedNumber, Style | None]:
    """A unitless cell of a percent column read as a percentage, when that repairs it.

    An ambiguous cell ("2,118", a score with three decimals beside percentages?) is left to
    the column's convention: a fourth decimal ("84,3796") or an implausible whole number
    ("10096") proves a misread "%".
    """
    parsed = reading[0]
    if parsed.unit is not None or parsed.value is None or parsed.ambiguous:
        return reading
    repaired = _parse(raw, PERCENT, None)
    return repaired if repaired[0].repaired and repaired[0].value != parsed.value else reading


def percent_misread(text: str) -> bool:
    """Whether a cell's "%" may have been read as digits or a stray glyph ("10096")."""
    return PERCENT_MISREAD_RE.match(text.strip()) is not None


def percent_restored(read: str, again: str) -> bool:
    """Whether ``again`` reads ``read`` with its misread "%" tail as a "%" ("100%" for
    "10096"): the same leading digits, then the "%". OCR seldom makes up a "%"."""
    digits, found = re.sub(r"\D", "", read), re.sub(r"\D", "", again)
    return "%" in again and "%" not in read and bool(found) and digits.startswith(found)


def digits_lost(text: str) -> bool:
    """Whether a cell reads as a count whose digits OCR lost or took for a letter: its unit
    alone ("laporan", "Laporan P" with a speck), or after an "I" or "l" ("I laporan")."""
    return DIGITS_LOST_RE.match(text.strip()) is not None


def restored_count(read: str, again: str) -> str | None:
    """``again`` as the count whose digits ``read`` lost, when it reads digits (or a "1" as a
    letter or bar: the stroke before a count unit is its number) then the same unit."""
    unit, found = DIGITS_LOST_RE.match(read.strip()), COUNT_RE.match(again.strip())
    if not (unit and found) or unit["unit"].lower() != found["unit"].lower():
        return None
    return re.sub(rf"^{ONE_LIKE}", "1", again.strip())


def to_quantity(
    parsed: ParsedNumber, provenance: Provenance, confidence: float | None = None
) -> Quantity:
    """The shared Quantity record for a parsed number."""
    return Quantity(
        value=parsed.value,
        unit=parsed.unit,
        provenance=provenance,
        repaired=parsed.repaired,
        confidence=confidence,
        decimals=parsed.decimals,
    )


def _parse(raw: str, expect: str | None, style: Style | None) -> tuple[ParsedNumber, Style | None]:
    """A cell read whole after its stray brackets and punctuation are stripped."""
    stripped = raw.strip()
    text = stripped.lstrip(BRACKET_NOISE + " \t")
    core = text.rstrip(BRACKET_NOISE + PUNCTUATION + " \t")
    removed = stripped[: len(stripped) - len(text)] + text[len(core) :]
    noisy = any(c in BRACKET_NOISE for c in removed)
    match = _PATTERNS["token"].fullmatch(core)
    if match is None:
        return ParsedNumber(None, _expected_unit(expect), 0, False, raw), None
    parsed, seen = _from_match(match, expect, style)
    repaired = parsed.repaired or (noisy and parsed.value is not None)
    return replace(parsed, raw=raw, repaired=repaired), seen


def _from_match(
    m: re.Match[str], expect: str | None, style: Style | None
) -> tuple[ParsedNumber, Style | None]:
    core = m["core"]
    if ":" in core:  # a thousands separator read as ":": the one printed before it
        core = core.replace(":", re.findall(r"[.,]", core.split(":")[0])[-1])
    digits = "1" if re.fullmatch(ONE_LIKE, core) else core.translate(_LOOKALIKE_TABLE)
    unit = _unit_of(m)
    scale = SCALE_WORDS[m["scale"].lower()] if m["scale"] else SCALE_LETTERS.get(m["letter"], 0)
    context = SCALED if scale else unit or expect
    reading = _read_digits(digits, context, style)
    if reading is not None and unit is None and expect == PERCENT:
        reading = _repair_percent(digits, reading)
    unit = unit or _expected_unit(expect)
    if reading is None:
        return ParsedNumber(None, unit, 0, False, m[0]), None
    repaired = reading.repaired or digits != m["core"] or m["misread"] is not None
    value = reading.value.scaleb(scale)
    decimals = max(reading.decimals - scale, 0)
    if unit == RUPIAH and value == value.to_integral_value():
        decimals = 0
    number = int(value) if decimals == 0 else float(value)
    return ParsedNumber(number, unit, decimals, repaired, m[0], reading.ambiguous), reading.style


def _unit_of(m: re.Match[str]) -> str | None:
    """The unit printed with the number, if any."""
    if m["rp"]:
        return RUPIAH
    if m["pct"] or m["misread"]:
        return PERCENT
    return UNITS[m["unit"].lower()] if m["unit"] else None


def _expected_unit(expect: str | None) -> str | None:
    return expect if expect in (RUPIAH, PERCENT) else None


def _read_digits(digits: str, context: str | None, style: Style | None) -> _Reading | None:
    """Digits with separators as a decimal; None when the grouping makes no sense."""
    separators = _PATTERNS["separator"].findall(digits)
    groups = _PATTERNS["separator"].split(digits)
    if not separators:
        return _Reading(Decimal(digits), 0)
    if len(separators) == 1:
        return _read_single(groups[0], separators[0], groups[1], context, style)
    if _is_thousands(groups):
        mixed = len(set(separators)) > 1  # "2,369.021": one separator misread as the other
        proven = None if mixed else _style_grouping_with(separators[0])
        return _Reading(Decimal("".join(groups)), 0, repaired=mixed, style=proven)
    head, mark = separators[:-1], separators[-1]
    if _is_thousands(groups[:-1]) and set(head) == {_other(mark)}:
        return _decimal(groups[:-1], groups[-1], mark)
    return None


def _read_single(
    whole: str, separator: str, tail: str, context: str | None, style: Style | None
) -> _Reading:
    """One separator: a decimal mark unless three digits follow a valid leading group."""
    if not _is_thousands([whole, tail]):
        return _decimal([whole], tail, separator)
    decimal_context = context in (PERCENT, SCALED)
    if tail == "0" * THOUSANDS_GROUP and not decimal_context:  # nobody prints "12,000" for 12
        return _Reading(Decimal(whole + tail), 0, style=_style_grouping_with(separator))
    if context == RUPIAH:
        grouping = True
    elif decimal_context:
        grouping = False
    else:
        grouping = style is None or DECIMAL_MARK[style] != separator
    reading = _Reading(Decimal(whole + tail), 0) if grouping else _decimal([whole], tail, None)
    return replace(reading, ambiguous=style is None)


def _is_thousands(groups: Sequence[str]) -> bool:
    """Whether groups read as thousands: "1" "234" "567", with no leading zero."""
    lead, rest = groups[0], groups[1:]
    return (
        0 < len(lead) <= THOUSANDS_GROUP
        and not lead.startswith("0")
        and all(len(g) == THOUSANDS_GROUP for g in rest)
    )


def _decimal(whole: Sequence[str], fraction: str, mark: str | None) -> _Reading:
    """A decimal reading; ``mark`` is the decimal separator seen (None when not proven)."""
    style = next((s for s, m in DECIMAL_MARK.items() if m == mark), None)
    return _Reading(Decimal(f"{''.join(whole)}.{fraction}"), len(fraction), style=style)


def _style_grouping_with(separator: str) -> Style:
    return next(s for s, m in DECIMAL_MARK.items() if m == _other(separator))


def _other(separator: str) -> str:
    return "," if separator == "." else "."


def _repair_percent_decimals(digits: str, reading: _Reading) -> _Reading:
    for tail in MISREAD_PERCENT_TAILS:
        kept = reading.decimals - len(tail)
        if digits.endswith(tail) and 0 < kept <= MAX_PERCENT_DECIMALS:
            value = reading.value.scaleb(kept).to_integral_value(ROUND_DOWN).scaleb(-kept)
            if value <= PLAUSIBLE_PERCENT_MAX:
                return _Reading(value, kept, repaired=True)
    return reading


def _repair_percent(digits: str, reading: _Reading) -> _Reading:
    """In a percentage column, an implausible "10076" is 100 followed by a misread "%", and so
    is the extra digit of "104.359" (percentages print at most two decimals)."""
    if reading.decimals > MAX_PERCENT_DECIMALS:
        return _repair_percent_decimals(digits, reading)
    if reading.value <= PLAUSIBLE_PERCENT_MAX or not digits.isdigit():
        return reading
    for tail in MISREAD_PERCENT_TAILS:
        head = digits[: -len(tail)]
        if digits.endswith(tail) and head and int(head) <= PLAUSIBLE_PERCENT_MAX:
            return _Reading(Decimal(head), 0, repaired=True)
    return reading
