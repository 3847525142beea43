"""Match performance indicators across the sections of one report (fuzzy names, one-to-one)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations

import numpy as np
from rapidfuzz import fuzz, process

from extractor.models import Indicator, Report

from .assignment import max_weight_assignment

# On the sample report, true pairs score 70-100 (one unreadable appendix row aside); other
# indicators on the same subject score up to 68, and 60 let a wrong pair in. On synthetic
# names with 30% of words OCR-noised, 99% of true pairs score above 72.
DEFAULT_THRESHOLD = 65.0
GAP_THRESHOLD = 40.0  # lowest score accepted for a pair that its neighbours place (see _fill_gaps)
# Score points two crossing pairs may lose together when swapped back into table order (see
# _uncross): on synthetic tables, near-duplicate rows crossed by shuffled words lose 0-6.
UNCROSS_TOLERANCE = 10.0
SECTION_ORDER = ("pk", "lampiran-pk", "pengukuran", "ikhtisar", "rencana-kinerja")
# A name scoring this against one earlier in its section repeats it: a second table of the same
# indicators (a chapter's summary table and its detailed one) starts there.
REPEAT_THRESHOLD = 95.0
TABLE_PAGE_GAP = 5  # pages between two rows of one table, at most

# Largest bonus (score points) for two indicators at the same relative position of their
# tables: sections list indicators in the same order, so this settles ties (identical names,
# e.g. cells truncated to "Persentase satker dalam") by position; being under one point it
# cannot outweigh a real difference in names, and it is never reported.
ORDER_BONUS = 0.5
# Share of token_set_ratio in the blended score, the rest being token_sort_ratio; 0.3-0.7
# aligned the sample equally well; token_set alone mismatched 6 of 54 pairs, token_sort
# alone left less room between true and false pairs (see score_names).
SET_WEIGHT = 0.5

_STOP_WORDS_TEXT = """yang dan di ke dari dalam untuk pada dengan serta atau oleh sesuai tahun bagi
tanpa ada adanya terhadap telah secara tersebut ini itu para akan kepada antara melalui agar
sebagai bahwa tidak belum sudah the of and for in to"""
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())
# Head words nearly every indicator carries ("Persentase satker ...", "Jumlah revisi ..."):
# they inflate the score of unrelated pairs. Words that tell rows apart stay, even when
# frequent (kpu vs satker, terwujudnya vs terlaksananya): dropping them did not help on the
# sample report.
BOILERPLATE = frozenset({"persentase", "jumlah"})

_IN_WORD_BAR = re.compile(r"(?<=[^\W\d_])\|(?=[^\W\d_])")
_NOISE = re.compile(r"[_'\"`‘’“”?^~]")
_SEPARATORS = re.compile(r"[\W_]+")


def normalise_name(text: str) -> str:
    """Lower-case words of an indicator name without punctuation, stop and boilerplate words.

    A ``|`` inside a word is read as ``l``; underscores, quotes and ``?`` inside a word are
    OCR noise and dropped (``Pers_ent_ase`` → ``persentase``); other punctuation separates
    words. Single letters and bare numbers (row numbers, targets) are dropped too.
    """
    text = _NOISE.sub("", _IN_WORD_BAR.sub("l", text.lower()))
    words = _SEPARATORS.sub(" ", text).split()
    return " ".join(
        w
        for w in words
        if len(w) > 1 and not w.isdigit() and w not in STOP_WORDS and w not in BOILERPLATE
    )


def score_names(left: Sequence[str], right: Sequence[str]) -> np.ndarray:
    """Similarity (0-100) of every normalised left name to every right name.

    Names are bags of words whose order OCR of multi-column tables scrambles (sasaran and
    indikator lines interleave), so only token-based scorers fit. ``token_set_ratio`` ignores
    fragments present on one side only (a sasaran repeated in one table but not in another,
    a stray line of the next row) but scores any subset 100, which cannot tell near-duplicate
    rows apart; ``token_sort_ratio`` compares the whole sorted text, so the words that differ
    between near-duplicates count. Their mean keeps both properties.
    """
    if not left or not right:
        return np.zeros((len(left), len(right)))
    token_set = process.cdist(left, right, scorer=fuzz.token_set_ratio, dtype=np.float64)
    token_sort = process.cdist(left, right, scorer=fuzz.token_sort_ratio, dtype=np.float64)
    return SET_WEIGHT * token_set + (1.0 - SET_WEIGHT) * token_sort


def _order_bonus(n_left: int, n_right: int) -> np.ndarray:
    """ORDER_BONUS for equal relative positions, falling linearly to 0 for opposite ends."""
    left = np.arange(n_left) / max(n_left - 1, 1)
    right = np.arange(n_right) / max(n_right - 1, 1)
    return ORDER_BONUS * (1.0 - np.abs(left[:, None] - right[None, :]))


def _assign(scores: np.ndarray, threshold: float) -> list[tuple[int, int]]:
    """One-to-one pairs (row, column) maximising the total score, each at least ``threshold``.

    Cells below the threshold weigh nothing, so a weak pair never displaces a strong one.
    """
    if scores.size == 0:
        return []
    eligible = scores >= threshold
    weights = np.where(eligible, scores + _order_bonus(*scores.shape), 0.0)
    return [(r, c) for r, c in max_weight_assignment(weights) if eligible[r, c]]


@dataclass(frozen=True)
class Match:
    """Two indicators judged the same, with their similarity (0-100)."""

    left: Indicator
    right: Indicator
    score: float


def align_indicators(
    left: Sequence[Indicator], right: Sequence[Indicator], threshold: float = DEFAULT_THRESHOLD
) -> list[Match]:
    """Pair indicators of two tables one-to-one by name, in the order of ``left``.

    Pairs scoring below ``threshold`` (0-100) are dropped: their indicators stay unmatched.
    """
    scores = score_names(_names(left), _names(right))
    return [Match(left[i], right[j], float(scores[i, j])) for i, j in _assign(scores, threshold)]


@dataclass(frozen=True)
class AlignedRow:
    """One indicator as it appears in several sections, at most once per section."""

    members: tuple[tuple[str, Indicator], ...]
    scores: tuple[tuple[str, float], ...]

    def get(self, section: str) -> Indicator | None:
        return next((ind for sec, ind in self.members if sec == section), None)

    def all(self, section: str) -> list[Indicator]:
        """Every member of ``section``: more than one where the section repeats its table."""
        return [ind for sec, ind in self.members if sec == section]


@dataclass(frozen=True)
class Alignment:
    """The indicators of a report grouped into rows across sections."""

    rows: tuple[AlignedRow, ...]


@dataclass
class _RowDraft:
    """A row under construction: its members and their normalised names."""

    members: list[tuple[str, Indicator, float]]
    names: list[str]

    def freeze(self) -> AlignedRow:
        return AlignedRow(
            members=tuple((sec, ind) for sec, ind, _ in self.members),
            scores=tuple((sec, score) for sec, _, score in self.members),
        )


def align_report(report: Report, threshold: float = DEFAULT_THRESHOLD) -> Alignment:
    """Group a report's indicators into rows, section by section in SECTION_ORDER.

    The first section present seeds the rows; each next section is assigned one-to-one to the
    rows (a row scores its best member), and its unmatched indicators start new rows. A
    section that repeats its table is merged one copy at a time, so a row holds one indicator
    per copy; an appendix that holds two PKs puts the rows of the second in rows of their
    own. Sections outside SECTION_ORDER are left out.
    """
    rows: list[_RowDraft] = []
    for section in SECTION_ORDER:
        for copy in table_copies(report.indicators_in(section)):
            _merge_section(rows, section, copy, threshold)
    return Alignment(tuple(row.freeze() for row in rows))


def table_copies(indicators: list[Indicator]) -> list[list[Indicator]]:
    """A section's indicators cut where another table of them starts: a name of the current
    copy repeated on a later page, a jump of more than TABLE_PAGE_GAP pages (the PK of the
    planning chapter and the one in the appendix), or another file. Identical names inside
    one table (cells cut short to "Persentase satker dalam") stay in one copy."""
    copies: list[list[Indicator]] = []
    names: list[str] = []
    own_names = [normalise_name(ind.indikator) for ind in indicators]  # without the sasaran
    for indicator, name in zip(indicators, own_names, strict=True):
        if not copies or _restarts(copies[-1][-1], indicator, names, name):
            copies.append([])
            names = []
        copies[-1].append(indicator)
        names.append(name)
    return copies


def _restarts(previous: Indicator, indicator: Indicator, names: list[str], name: str) -> bool:
    files = {ind.provenance.file if ind.provenance else None for ind in (previous, indicator)}
    if len(files) > 1:  # another file of the report (a separately scanned PK): another table
        return True
    pages = [ind.provenance.page if ind.provenance else None for ind in (previous, indicator)]
    if None in pages:
        return False
    gap = pages[1] - pages[0]  # type: ignore[operator]
    return gap > TABLE_PAGE_GAP or (gap > 0 and any(_repeats(n, name) for n in names))


def _repeats(a: str, b: str) -> bool:
    return bool(a and b) and score_names([a], [b])[0, 0] >= REPEAT_THRESHOLD


def same_indicator(a: Indicator, b: Indicator) -> bool:
    """Whether two indicators carry one name, up to OCR specks (not merely aligned)."""
    return _repeats(normalise_name(a.name), normalise_name(b.name))


def _merge_section(
    rows: list[_RowDraft], section: str, indicators: list[Indicator], threshold: float
) -> None:
    """Add one section's indicators to ``rows``: matched ones join a row, others start one."""
    names = _names(indicators)
    scores = _row_scores(rows, names)
    pairs = _uncross(_assign(scores, threshold), scores)
    pairs += _fill_gaps(pairs, scores, len(rows), len(indicators))
    matched: set[int] = set()
    for r, i in pairs:
        rows[r].members.append((section, indicators[i], float(scores[r, i])))
        rows[r].names.append(names[i])
        matched.add(i)
    for i, indicator in enumerate(indicators):
        if i not in matched:
            rows.append(_RowDraft([(section, indicator, 100.0)], [names[i]]))


def _uncross(pairs: list[tuple[int, int]], scores: np.ndarray) -> list[tuple[int, int]]:
    """Swap two crossing pairs back into table order when that costs little score.

    Tables repeat the PK in its order; where one sasaran's indicators have their wrapped words
    shuffled between rows, two near-duplicate names score alike and the assignment may cross
    them. Uncrossed, each pair must still score GAP_THRESHOLD, and both together lose at most
    UNCROSS_TOLERANCE: a real reordering (distinct names) loses far more.
    """
    pairs = sorted(pairs)
    swapped = True
    while swapped:
        swapped = False
        for a, b in combinations(range(len(pairs)), 2):
            (r1, i1), (r2, i2) = pairs[a], pairs[b]
            if i1 > i2 and _cheap_swap(scores, r1, i1, r2, i2):
                pairs[a], pairs[b] = (r1, i2), (r2, i1)
                swapped = True
    return pairs


def _cheap_swap(scores: np.ndarray, r1: int, i1: int, r2: int, i2: int) -> bool:
    crossed = scores[r1, i1] + scores[r2, i2]
    straight = scores[r1, i2], scores[r2, i1]
    return min(straight) >= GAP_THRESHOLD and sum(straight) >= crossed - UNCROSS_TOLERANCE


def _fill_gaps(
    pairs: list[tuple[int, int]], scores: np.ndarray, n_rows: int, n_names: int
) -> list[tuple[int, int]]:
    """Pairs by position where OCR noise sank the score: between two matched neighbours, as
    many unmatched indicators as free rows, in the same order, each above GAP_THRESHOLD.

    Tables repeat the PK in its own order, so a row garbled beyond recognition in one copy
    still sits between the same neighbours as in the others.
    """
    by_name = dict((i, r) for r, i in pairs)
    taken = {r for r, _ in pairs}
    anchors = [(-1, -1)] + sorted((i, r) for r, i in pairs) + [(n_names, n_rows)]
    filled: list[tuple[int, int]] = []
    for (i0, r0), (i1, r1) in zip(anchors, anchors[1:], strict=False):
        if r1 <= r0:
            continue
        names = [i for i in range(i0 + 1, i1) if i not in by_name]
        free = [r for r in range(r0 + 1, r1) if r not in taken]
        if names and len(names) == len(free):
            gap = list(zip(free, names, strict=False))
            if all(scores[r, i] >= GAP_THRESHOLD for r, i in gap):
                filled += gap
    return filled


def _row_scores(rows: list[_RowDraft], names: list[str]) -> np.ndarray:
    """Score of each row (its best member) against each name."""
    if not rows:
        return np.zeros((0, len(names)))
    member_names = [name for row in rows for name in row.names]
    starts = np.cumsum([0] + [len(row.names) for row in rows[:-1]])
    return np.maximum.reduceat(score_names(member_names, names), starts, axis=0)


def _names(indicators: Sequence[Indicator]) -> list[str]:
    return [normalise_name(ind.name) for ind in indicators]
