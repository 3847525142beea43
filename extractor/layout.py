"""Words into lines: join words on one baseline, left to right, lines top to bottom."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import reduce
from statistics import median

from extractor.models import BBox, Line, Word

# Two words share a line when their vertical centres differ by at most this share of the
# line's median word height (or DEFAULT_Y_TOLERANCE points, whichever is larger).
LINE_TOLERANCE_RATIO = 0.5
DEFAULT_Y_TOLERANCE = 3.0
# OCR splits a number at a separator when the type is widely spaced (monospace): "264 .000",
# "20,088,981 ,000", "87, 36%". Parts this close (in word heights) are one number again.
NUMBER_PART_GAP_RATIO = 1.0
NUMBER_HEAD_RE = re.compile(r"\d[.,]?$")
NUMBER_TAIL_RE = re.compile(r"^[.,]?\d")


def union(boxes: Iterable[BBox]) -> BBox:
    """The box around all of ``boxes`` (at least one)."""
    return reduce(BBox.union, boxes)


def contains(outer: BBox, inner: BBox) -> bool:
    return (
        outer.x0 <= inner.x0
        and outer.top <= inner.top
        and inner.x1 <= outer.x1
        and inner.bottom <= outer.bottom
    )


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


def join_number_parts(words: Sequence[Word]) -> list[Word]:
    """Words in order, a number split at its separator ("264" ".000") joined into one word."""
    out: list[Word] = []
    for word in words:
        if out and _number_parts(out[-1], word):
            head = out.pop()
            confidences = [c for c in (head.confidence, word.confidence) if c is not None]
            bbox = _box(head).union(_box(word))
            out.append(Word(head.text + word.text, bbox, min(confidences, default=None)))
        else:
            out.append(word)
    return out


def _number_parts(head: Word, tail: Word) -> bool:
    """Whether two words are one number split at a separator, standing close on one line
    (or parts of one re-read cell, which share its box)."""
    if head.bbox is None or tail.bbox is None:
        return False
    if not (NUMBER_HEAD_RE.search(head.text) and NUMBER_TAIL_RE.match(tail.text)):
        return False
    if not (head.text[-1] in ".," or tail.text[0] in ".,"):
        return False
    height = max(_box(head).bottom - _box(head).top, _box(tail).bottom - _box(tail).top)
    gap = tail.bbox.x0 - head.bbox.x1
    close = -height < gap <= NUMBER_PART_GAP_RATIO * height
    return head.bbox == tail.bbox or (close and abs(_centre(head) - _centre(tail)) <= height / 2)
