"""Words into lines, and numbers that OCR split at a separator joined again."""

from __future__ import annotations

from extractor.layout import join_number_parts, words_to_lines
from extractor.models import BBox, Word


def word(text: str, x0: float, x1: float, top: float = 100.0, confidence: float = 90.0) -> Word:
    return Word(text, BBox(x0, top, x1, top + 10), confidence)


def test_words_on_one_baseline_form_a_line_left_to_right() -> None:
    lines = words_to_lines([word("b", 40, 50), word("a", 10, 20), word("c", 10, 20, 130)], 1)
    assert [line.text for line in lines] == ["a b", "c"]


def test_number_parts_split_at_a_separator_are_joined() -> None:
    parts = [word("20,088,981", 10, 60, confidence=80.0), word(",000", 66, 86, confidence=70.0)]
    (joined,) = join_number_parts(parts)
    assert (joined.text, joined.bbox, joined.confidence) == (
        "20,088,981,000",
        BBox(10, 100, 86, 110),
        70.0,
    )
    assert [w.text for w in join_number_parts([word("87,", 10, 30), word("36%", 36, 56)])] == [
        "87,36%"
    ]


def test_separate_numbers_and_words_stay_apart() -> None:
    cases = [
        [word("264", 10, 30), word(".000", 60, 80)],  # too far apart
        [word("8", 10, 15), word("Kegiatan", 20, 60)],
        [word("100", 10, 30), word("%", 32, 38)],
        [word("2019", 10, 30), word("2020", 35, 55)],  # no separator between
        [word("264", 10, 30), word(".000", 32, 52, top=130)],  # another line
    ]
    for words in cases:
        assert join_number_parts(words) == words
