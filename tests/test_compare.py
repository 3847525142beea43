"""Tests of precision-aware comparison and Indonesian formatting."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reconcile.compare import (
    agrees,
    agrees_with_value,
    format_value,
    half_width,
    interval,
    is_exact,
    miss,
    sum_quantities,
)
from tests.rule_builders import pct, q, rp


def test_rounded_percentage_is_a_half_open_interval():
    assert interval(pct(97.20, 2)) == pytest.approx((97.195, 97.205))
    assert interval(pct(53, 0)) == (52.5, 53.5)
    assert half_width(pct(97.2, 2)) == pytest.approx(0.005)


def test_rupiah_and_counts_are_exact():
    assert interval(rp(231658704797)) == (231658704797, 231658704797)
    assert is_exact(q(28, "orang"))
    assert not is_exact(q(28, "%"))
    assert not is_exact(q(4.5, "dokumen", decimals=1))


def test_absorption_97_20_agrees_with_its_recomputation():
    assert agrees_with_value(pct(97.20, 2), 231658704797 / 238339761000 * 100)
    assert not agrees_with_value(pct(97.19, 2), 231658704797 / 238339761000 * 100)


def test_53_percent_does_not_agree_with_15_of_28():
    exact = 15 / 28 * 100
    assert not agrees_with_value(pct(53, 0), exact)
    assert agrees_with_value(pct(54, 0), exact)
    assert miss(pct(53, 0), exact) == pytest.approx(exact - 53.5)


def test_interval_upper_end_is_open():
    assert agrees_with_value(pct(97.20, 2), 97.195)
    assert not agrees_with_value(pct(97.20, 2), 97.205)


def test_two_rounded_figures_agree_when_intervals_overlap():
    assert agrees(pct(97.2, 1), pct(97.24, 2))
    assert not agrees(pct(97.2, 1), pct(97.26, 2))
    assert agrees(pct(53, 0), pct(53.4, 1))


def test_exact_figures_agree_only_when_equal():
    assert agrees(rp(231665238797), rp(231665238797))
    assert not agrees(rp(231665238797), rp(231658704797))


def test_tolerance_widens_the_computed_value():
    assert agrees_with_value(pct(100, 0), 99.4, tolerance=0.2)
    assert not agrees_with_value(pct(100, 0), 99.4)


def test_unreadable_quantity_cannot_be_compared():
    with pytest.raises(ValueError, match="unreadable"):
        agrees(rp(None), rp(1))


def test_sum_of_rupiah_is_an_exact_int_and_lists_unreadable_cells():
    missing = rp(None, raw="2.1?1.894.000")
    result = sum_quantities([rp(2111894000), rp(280874000), missing])
    assert result.value == 2392768000 and isinstance(result.value, int)
    assert result.unreadable == (missing,)
    assert not result.complete
    assert result.tolerance == 0


def test_sum_of_rounded_percentages_carries_their_tolerance():
    result = sum_quantities([pct(0.1, 1), pct(0.2, 1)])
    assert result.value == 0.3  # exact decimal addition, not 0.30000000000000004
    assert result.tolerance == pytest.approx(0.1)


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (rp(231665238797), None, "Rp231.665.238.797"),
        (-6534000, "rp", "-Rp6.534.000"),
        (pct(97.20, 2), None, "97,20%"),
        (53.571428, "%", "53,5714%"),
        (q(1046, "pemilih"), None, "1.046 pemilih"),
        (q(2024, "year"), None, "2024"),
        (0.5, "pp", "0,5 percentage points"),
        (28, None, "28"),
        (rp(None, raw="Rp 2.1?1"), None, "unreadable 'Rp 2.1?1'"),
    ],
)
def test_format_value_indonesian_style(value, unit, expected):
    assert format_value(value, unit) == expected


def test_format_value_words_points_and_unreadable_cells_by_language():
    assert format_value(0.5, "pp", lang="id") == "0,5 poin persen"
    assert format_value(rp(None, raw="Rp 2.1?1"), lang="id") == "tidak terbaca 'Rp 2.1?1'"
    assert format_value(None, lang="id") == "tidak terbaca"
    assert format_value(rp(5), lang="id") == "Rp5"


@given(st.integers(min_value=0, max_value=10**12), st.integers(min_value=0, max_value=3))
def test_a_value_agrees_with_its_own_rounding(thousandths, decimals):
    exact = Decimal(thousandths) / 1000
    printed = exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    assert agrees_with_value(pct(float(printed), decimals), float(exact))
