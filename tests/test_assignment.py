"""The Hungarian method against every assignment of small matrices."""

from __future__ import annotations

from itertools import permutations

import numpy as np
import pytest

from reconcile.assignment import max_weight_assignment


def best_total(weights: np.ndarray) -> float:
    """The largest total of a one-to-one assignment, by trying them all."""
    rows, columns = weights.shape
    if rows > columns:
        return best_total(weights.T)
    return max(
        sum(weights[r, c] for r, c in enumerate(cols))
        for cols in permutations(range(columns), rows)
    )


@pytest.mark.parametrize("seed", range(40))
def test_the_total_is_the_largest_of_all_assignments(seed: int) -> None:
    rng = np.random.default_rng(seed)
    shape = tuple(rng.integers(1, 7, size=2))
    # Few distinct weights and many zeros: ties, as eligible scores below a threshold make.
    weights = rng.integers(0, 4, size=shape).astype(float) if seed % 2 else rng.random(shape) * 100
    weights[rng.random(shape) < 0.4] = 0.0
    pairs = max_weight_assignment(weights)
    assert len(pairs) == min(shape)
    assert len({r for r, _ in pairs}) == len({c for _, c in pairs}) == len(pairs)
    assert pairs == sorted(pairs)
    assert sum(weights[r, c] for r, c in pairs) == pytest.approx(best_total(weights))


def test_a_strong_pair_gives_way_only_to_two_that_weigh_more() -> None:
    assert max_weight_assignment(np.array([[90.0, 80.0], [85.0, 0.0]])) == [(0, 1), (1, 0)]
    assert max_weight_assignment(np.array([[90.0, 2.0], [85.0, 0.0]])) == [(0, 0), (1, 1)]


def test_wide_tall_and_empty_matrices() -> None:
    assert max_weight_assignment(np.array([[1.0, 5.0, 3.0]])) == [(0, 1)]
    assert max_weight_assignment(np.array([[1.0], [5.0], [3.0]])) == [(1, 0)]
    assert max_weight_assignment(np.zeros((0, 3))) == []
