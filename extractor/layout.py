"""Words into lines: join words on one baseline, left to right, lines top to bottom."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import reduce
from statistics import median

from extractor.models import BBox, Line, Word

# Two words share a line when their vertical centres differ by at most this share of the
# line's median word height (or DEFAULT_Y_TOLERANCE points, whichever is larger).
LINE_TOLERANCE_RATIO = 0.5
DEFAULT_Y_TOLERANCE = 3.0


def make_line(words: Sequence[Word], page: int) -> Line:
    """A Line of these words in the given order, text joined with single spaces."""
    boxes = [w.bbox for w in words if w.bbox is not None]
    bbox = reduce(BBox.union, boxes) if boxes else None
    return Line(text=" ".join(w.text for w in words), page=page, words=tuple(words), bbox=bbox)


def words_to_lines(words: Iterable[Word], page: int) -> tuple[Line, ...]:
    """Cluster boxed words into lines by vertical centre; each line sorted by ``x0``."""
    clusters: list[list[Word]] = []
    for word in sorted((w for w in words if w.bbox is not None), key=_centre):
        if clusters and _same_line(clusters[-1], word):
            clusters[-1].append(word)
        else:
            clusters.append([word])
    lines = [make_line(sorted(c, key=lambda w: _box(w).x0), page) for c in clusters]
    return tuple(sorted(lines, key=lambda line: _box(line).top))


def _box(item: Word | Line) -> BBox:
    assert item.bbox is not None
    return item.bbox


def _centre(word: Word) -> float:
    return (_box(word).top + _box(word).bottom) / 2


def _same_line(cluster: list[Word], word: Word) -> bool:
    height = median(_box(w).bottom - _box(w).top for w in cluster)
    tolerance = max(DEFAULT_Y_TOLERANCE, LINE_TOLERANCE_RATIO * height)
    return abs(_centre(word) - median(_centre(w) for w in cluster)) <= tolerance
