"""Tests for extractor.numbers: Indonesian figures through OCR noise."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractor.models import Provenance, Quantity
from extractor.numbers import (
    NumberToken,
    ParsedNumber,
    digits_lost,
    find_numbers,
    parse_number,
    percent_misread,
    percent_restored,
    resolve_column,
    restored_count,
    to_quantity,
)


def _read(raw: str, expect: str | None = None) -> tuple[int | float | None, str | None, int]:
    parsed = parse_number(raw, expect)
    return parsed.value, parsed.unit, parsed.decimals


@pytest.mark.parametrize(
    ("raw", "value", "unit", "decimals"),
    [
        ("Rp 1.234.567.000,-", 1_234_567_000, "rp", 0),
        ("Rp.238,339,761,000", 238_339_761_000, "rp", 0),
        ("Rp. 231.658.704.797 ,-", 231_658_704_797, "rp", 0),
        ("Rp2.392.768.000,-", 2_392_768_000, "rp", 0),
        ("RP 5.000", 5_000, "rp", 0),
        ("Rp 1.000,00", 1_000, "rp", 0),
        ("Rp 5.000.-", 5_000, "rp", 0),
        ("97,20%", 97.2, "%", 2),
        ("97.20%", 97.2, "%", 2),
        ("97,00%", 97.0, "%", 2),
        ("100 %", 100, "%", 0),
        ("85%", 85, "%", 0),
        ("53 persen", 53, "%", 0),
        ("12 Kali", 12, "kali", 0),
        ("12 kali", 12, "kali", 0),
        ("3 Dokumen", 3, "dokumen", 0),
        ("28 Orang", 28, "orang", 0),
        ("5 Ha", 5, "ha", 0),
        ("1.234,56", 1234.56, None, 2),
        ("1,234.56", 1234.56, None, 2),
        ("0", 0, None, 0),
        ("0,05", 0.05, None, 2),
    ],
)
def test_parse_number_reads_both_styles(raw: str, value: float, unit: str | None, decimals: int):
    parsed = parse_number(raw)
    assert (parsed.value, parsed.unit, parsed.decimals) == (value, unit, decimals)
    assert not parsed.repaired
    assert parsed.raw == raw


def test_counts_and_rupiah_stay_int_and_fractions_are_float():
    assert isinstance(parse_number("1.194.449", "count").value, int)
    assert parse_number("1.194.449", "count").value == 1_194_449
    assert isinstance(parse_number("Rp 1.234.567.000,-").value, int)
    assert isinstance(parse_number("97,5%").value, float)


def test_expected_unit_applies_to_bare_cells():
    assert _read("188,770,427,000", "rp") == (188_770_427_000, "rp", 0)
    assert _read("95", "%") == (95, "%", 0)
    assert _read("12", "count") == (12, None, 0)


@pytest.mark.parametrize(
    ("raw", "value", "unit"),
    [
        ("27,98C.000", 27_980_000, None),
        ("2,091,985,00C", 2_091_985_000, None),
        ("9C%", 90, "%"),
        ("1O0", 100, None),
        ("1l0", 110, None),
        ("2I5", 215, None),
        ("1S0", 150, None),
        ("1B0", 180, None),
        ("95,40Yo", 95.4, "%"),
        ("15,79Y6", 15.79, "%"),
        ("100°/o", 100, "%"),
        ("2,369.021", 2_369_021, None),
        ("1]", 1, None),
        ("135,062,946,000|", 135_062_946_000, None),
        ("2,483,659,000)", 2_483_659_000, None),
    ],
)
def test_ocr_noise_is_repaired_and_marked(raw: str, value: float, unit: str | None):
    parsed = parse_number(raw)
    assert (parsed.value, parsed.unit) == (value, unit)
    assert parsed.repaired
    assert parsed.raw == raw


def test_repaired_percent_keeps_printed_decimals():
    assert parse_number("95,40Yo").decimals == 2


def test_trailing_punctuation_is_not_a_repair():
    parsed = parse_number("97.20%,")
    assert (parsed.value, parsed.repaired) == (97.2, False)


@pytest.mark.parametrize("word", ["BB", "DPRD", "SLTA", "Ha", "S1", "lOl", "OS"])
def test_words_never_become_numbers(word: str):
    assert parse_number(word).value is None
    assert find_numbers(f"pendidikan {word} sebanyak") == []


@pytest.mark.parametrize("raw", ["]", "a", "-", "", "   ", "Rp", "1.23.456"])
def test_unreadable_cells_give_none_and_keep_raw(raw: str):
    parsed = parse_number(raw)
    assert parsed.value is None
    assert parsed.raw == raw
    assert not parsed.repaired


def test_unreadable_cell_keeps_the_expected_unit():
    assert parse_number("a", "rp").unit == "rp"


@pytest.mark.parametrize(
    ("raw", "value"),
    [("10076", 100), ("1008", 100), ("959", 95), ("9876", 98), ("10096", 100), ("854", 85)],
)
def test_percent_read_as_digits_is_repaired_in_a_percent_column(raw: str, value: int):
    parsed = parse_number(raw, "%")
    assert (parsed.value, parsed.unit, parsed.repaired) == (value, "%", True)


@pytest.mark.parametrize(("raw", "expect"), [("1008", None), ("1008", "count"), ("2019", "%")])
def test_percent_repair_needs_the_context_and_a_plausible_result(raw: str, expect: str | None):
    parsed = parse_number(raw, expect)
    assert (parsed.value, parsed.repaired) == (int(raw), False)


def test_plausible_percentages_are_not_touched():
    assert _read("96", "%") == (96, "%", 0)
    assert parse_number("196", "%").repaired is False


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("Rp 1,2 M", 1_200_000_000),
        ("Rp1,2M", 1_200_000_000),
        ("1,2 miliar", 1_200_000_000),
        ("1,2 Milyar", 1_200_000_000),
        ("Rp 5 jt", 5_000_000),
        ("2,5 juta", 2_500_000),
        ("Rp 750 rb", 750_000),
        ("3 ribu", 3_000),
        ("Rp 1,5 T", 1_500_000_000_000),
        ("2 triliun", 2_000_000_000_000),
    ],
)
def test_short_forms_scale_the_value(raw: str, value: int):
    parsed = parse_number(raw)
    assert parsed.value == value
    assert isinstance(parsed.value, int)


def test_scale_letters_need_rupiah():
    assert parse_number("5 M").value is None
    assert [t.parsed.value for t in find_numbers("pada 5 Maret")] == [5]


def test_lone_separator_with_three_digits_is_ambiguous():
    plain = parse_number("72.054")
    assert (plain.value, plain.ambiguous) == (72_054, True)
    assert parse_number("72.054", "count").value == 72_054
    assert parse_number("72.054", "rp").value == 72_054
    percent = parse_number("72.051", "%")  # a last "4" would be a misread "%": see below
    assert (percent.value, percent.decimals, percent.ambiguous) == (72.051, 3, True)


def test_three_zeros_after_a_separator_are_thousands():
    assert parse_number("12.000") == ParsedNumber(12_000, None, 0, False, "12.000")


@pytest.mark.parametrize(
    ("others", "value"),
    [
        (["1.234.567", "12.000"], 72_054),
        (["97,5", "3"], 72_054),
        (["97.20", "1.5"], 72.054),
        (["238,339,761,000"], 72.054),
    ],
)
def test_resolve_column_settles_ambiguity_from_other_cells(others: list[str], value: float):
    resolved = resolve_column([*others, "72.054"])
    assert resolved[-1].value == value
    assert not resolved[-1].ambiguous
    assert resolved[:-1] == [parse_number(raw) for raw in others]


def test_resolve_column_without_evidence_keeps_the_flag():
    resolved = resolve_column(["72.054", "15", "a"])
    assert resolved[0].ambiguous
    assert resolved[0].value == 72_054
    assert resolved[2].value is None


def test_resolve_column_follows_the_majority():
    resolved = resolve_column(["1.234.567", "12.345.678", "97.5", "72.054"])
    assert resolved[-1].value == 72_054


@pytest.mark.parametrize(
    ("raw", "value"), [("8096", 80), ("1004", 100), ("84,3796", 84.37), ("10096", 100)]
)
def test_a_column_printed_much_with_percent_repairs_a_misread_percent(raw: str, value: float):
    """Regression (issue #3): scans read "80 %" as "8096" in target and realisasi columns."""
    cells = resolve_column(["90%", "8 kegiatan", "75,5 %", "85", raw])
    assert (cells[-1].value, cells[-1].unit, cells[-1].repaired) == (value, "%", True)
    assert (cells[3].value, cells[3].unit, cells[3].repaired) == (85, None, False)


def test_a_score_with_three_decimals_beside_percentages_is_kept():
    cells = resolve_column(["2,40", "2,118", "80%", "76%", "71", "70,29"])
    assert (cells[1].value, cells[1].repaired) == (2.118, False)


def test_a_column_without_percent_cells_is_not_repaired():
    cells = resolve_column(["8 kegiatan", "85", "8096", "1004"])
    assert [(c.value, c.repaired) for c in cells[2:]] == [(8096, False), (1004, False)]


@pytest.mark.parametrize(
    ("text", "doubtful"),
    [
        ("10096", True),
        ("80 96", True),
        ("100 $", True),
        ("95 Yo", True),
        ("84,3796", True),
        ("854", True),
        ("100%", False),
        ("95", False),
        ("8 Kegiatan", False),
        ("104.812.930.156", False),
    ],
)
def test_a_cell_whose_percent_may_be_misread_is_recognised(text: str, doubtful: bool):
    assert percent_misread(text) is doubtful


@pytest.mark.parametrize(
    ("read", "again", "restored"),
    [
        ("10096", "100%", True),
        ("100 $", "100 %", True),
        ("84,3796", "84,37%", True),
        ("10096", "10096", False),  # no "%" found
        ("112,739", "12,73%", False),  # other digits: a different number
        ("100%", "100%", False),  # nothing was missing
    ],
)
def test_a_re_read_restores_a_percent_only_after_the_same_digits(
    read: str, again: str, restored: bool
):
    assert percent_restored(read, again) is restored


def test_rupiah_columns_are_integers_and_percent_columns_decimal():
    rupiah = resolve_column(["97.20", "72.054"], "rp")
    assert (rupiah[1].value, rupiah[1].ambiguous) == (72_054, False)
    percent = resolve_column(["1.234.567", "72.051"], "%")
    assert (percent[1].value, percent[1].ambiguous) == (72.051, False)


def _found(
    text: str, expect: str | None = None
) -> list[tuple[str, int | float | None, str | None]]:
    return [
        (text[t.start : t.end], t.parsed.value, t.parsed.unit) for t in find_numbers(text, expect)
    ]


def test_find_numbers_in_a_measurement_row():
    assert _found("terhadap _ 12 Kali 12 Kali 100%") == [
        ("12 Kali", 12, "kali"),
        ("12 Kali", 12, "kali"),
        ("100%", 100, "%"),
    ]


def test_find_numbers_in_a_budget_row():
    text = "Peraturan Pelaksanaan 923,602,000 90%"
    assert _found(text) == [("923,602,000", 923_602_000, None), ("90%", 90, "%")]
    assert _found(text, "rp") == [("923,602,000", 923_602_000, "rp"), ("90%", 90, "%")]


def test_find_numbers_leaves_sentence_punctuation_out():
    text = "dengan realisasi anggaran sebesar Rp.231,665,238,797 atau ekuivalen dengan 97.20%,"
    tokens = find_numbers(text)
    assert _found(text) == [("Rp.231,665,238,797", 231_665_238_797, "rp"), ("97.20%", 97.2, "%")]
    assert tokens[1].parsed.decimals == 2
    assert text[tokens[1].end] == ","


def test_find_numbers_returns_list_numbers_and_years_as_plain_numbers():
    text = "1. Penyelenggaraan Pemilu tahun 2024 dalam Rp.  188.770.427.000,-"
    assert _found(text) == [
        ("1", 1, None),
        ("2024", 2024, None),
        ("Rp.  188.770.427.000,-", 188_770_427_000, "rp"),
    ]


def test_find_numbers_skips_digits_glued_to_words():
    assert _found("e-government DPRD PKPU 7 pendidikan S1 dan D3") == [("7", 7, None)]


def test_find_numbers_repairs_look_alikes_in_a_row():
    tokens = find_numbers("Masa Kampanye Pemilu 2,091,985,00C 9C%")
    assert [(t.parsed.value, t.parsed.unit, t.parsed.repaired) for t in tokens] == [
        (2_091_985_000, None, True),
        (90, "%", True),
    ]


def test_find_numbers_reads_units_glued_to_the_number():
    assert _found("15orang, 100 %; 3 Kelompok 2 Kalimantan") == [
        ("15orang", 15, "orang"),
        ("100 %", 100, "%"),
        ("3 Kelompok", 3, "kelompok"),
        ("2", 2, None),
    ]


def test_find_numbers_spans_rupiah_across_a_line_break():
    tokens = find_numbers("sebesar Rp.\n235.639.061.000,- dengan")
    assert tokens == [
        NumberToken(
            8,
            29,
            ParsedNumber(235_639_061_000, "rp", 0, False, "Rp.\n235.639.061.000,-"),
        )
    ]


def test_to_quantity_carries_everything():
    provenance = Provenance("pengukuran", 14, None, "95,40Yo")
    quantity = to_quantity(parse_number("95,40Yo"), provenance, confidence=71.5)
    assert quantity == Quantity(95.4, "%", provenance, True, 71.5, 2)


def test_to_quantity_of_an_unreadable_cell():
    quantity = to_quantity(parse_number("]"), Provenance("pk", 3, None, "]"))
    assert not quantity.readable
    assert quantity.provenance.raw == "]"


def _grouped(amount: int, separator: str) -> str:
    return f"{amount:,}".replace(",", separator)


AMOUNT_STYLES = [
    lambda n: f"Rp {_grouped(n, '.')},-",
    lambda n: f"Rp.{_grouped(n, ',')}",
    lambda n: f"Rp{_grouped(n, '.')}",
    lambda n: _grouped(n, "."),
]


@given(st.integers(0, 10**13), st.sampled_from(AMOUNT_STYLES), st.sampled_from([None, "rp"]))
def test_any_amount_in_any_style_parses_back(amount: int, style, expect: str | None):
    parsed = parse_number(style(amount), expect)
    assert parsed.value == amount
    assert isinstance(parsed.value, int)
    assert parsed.decimals == 0
    assert not parsed.repaired


@given(
    st.decimals(0, 200, places=2, allow_nan=False, allow_infinity=False),
    st.integers(0, 2),
    st.sampled_from(["{},{}%", "{}.{}%", "{},{} %"]),
)
def test_any_percentage_parses_back_with_its_decimals(value: Decimal, places: int, style: str):
    value = value.quantize(Decimal(1).scaleb(-places))
    whole, _, fraction = f"{value:.{places}f}".partition(".")
    raw = style.format(whole, fraction) if places else f"{whole}%"
    parsed = parse_number(raw)
    assert (parsed.value, parsed.unit, parsed.decimals) == (float(value), "%", places)
    assert not parsed.repaired


@pytest.mark.parametrize("raw", ["85 $", "85$", "85 ¢"])
def test_a_percent_sign_read_as_dollar_or_cent_is_repaired(raw: str) -> None:
    parsed = parse_number(raw)
    assert (parsed.value, parsed.unit, parsed.repaired) == (85, "%", True)


@pytest.mark.parametrize(
    ("text", "lost"),
    [
        ("laporan", True),
        ("I laporan", True),
        ("Ilaporan", True),
        ("Laporan P", True),
        ("1 laporan", False),
        ("Indikator", False),
        ("Target", False),
        ("Ilmu", False),
    ],
)
def test_a_count_cell_whose_digits_ocr_lost_is_recognised(text: str, lost: bool) -> None:
    assert digits_lost(text) is lost


def test_a_lost_count_is_restored_only_by_digits_before_the_same_unit() -> None:
    assert restored_count("I laporan", "1 laporan") == "1 laporan"
    assert restored_count("Laporan", "12 laporan") == "12 laporan"
    assert restored_count("laporan", "| laporan") == "1 laporan"  # a "1" read as a bar
    assert restored_count("laporan", "12 orang") is None
    assert restored_count("laporan", "laporan") is None


def test_a_thousands_separator_read_as_a_colon_is_read_as_the_one_before_it() -> None:
    """Regression (issue #3): a scan's "3.015.000" read "3.015:000" lost its last group."""
    (number,) = find_numbers("3.015:000")
    assert (number.parsed.value, number.parsed.repaired) == (3015000, True)
    assert parse_number("3,015:000").value == 3015000
    assert [n.parsed.value for n in find_numbers("pukul 10:30, skala 1:100")] == [10, 30, 1, 100]
