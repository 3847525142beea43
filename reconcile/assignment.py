"""One-to-one assignment of rows to columns with the largest total weight (Hungarian method).

scipy's ``linear_sum_assignment`` does the same, but importing ``scipy.optimize`` took 0.26 s
of every ``lkj check`` (2% of a cold check of a 19-page scan) while the other core waited.
"""

from __future__ import annotations

import numpy as np


def max_weight_assignment(weights: np.ndarray) -> list[tuple[int, int]]:
    """Pairs (row, column), each row and column at most once, ``min(rows, columns)`` of them,
    whose weights sum to the largest total; sorted by row.

    The shortest augmenting path form of the Hungarian method (Jonker and Volgenant), each
    row added in O(columns) vectorised steps: O(n³) in all, 20 ms for 130 × 130.
    """
    if weights.ndim != 2 or weights.size == 0:
        return []
    if weights.shape[0] > weights.shape[1]:
        return sorted((r, c) for c, r in max_weight_assignment(weights.T))
    values = np.asarray(weights, dtype=np.float64)
    cost = values.max() - values  # the least cost is the largest weight
    rows, columns = cost.shape
    # Index 0 of the column arrays is a virtual column that holds the row being added.
    row_potential = np.zeros(rows + 1)
    column_potential = np.zeros(columns + 1)
    owner = np.zeros(columns + 1, dtype=np.intp)  # row (1-based) holding each column; 0: none
    previous = np.zeros(columns + 1, dtype=np.intp)  # the path back from each column
    for row in range(1, rows + 1):
        owner[0], column = row, 0
        slack = np.full(columns + 1, np.inf)
        used = np.zeros(columns + 1, dtype=bool)
        while owner[column]:
            used[column] = True
            reduced = cost[owner[column] - 1] - row_potential[owner[column]] - column_potential[1:]
            better = ~used[1:] & (reduced < slack[1:])
            slack[1:][better] = reduced[better]
            previous[1:][better] = column
            open_slack = np.where(used[1:], np.inf, slack[1:])
            nearest = int(np.argmin(open_slack)) + 1
            delta = open_slack[nearest - 1]
            row_potential[owner[used]] += delta
            column_potential[used] -= delta
            slack[1:][~used[1:]] -= delta
            column = nearest
        while column:  # flip the path: each column on it passes to the row before
            owner[column] = owner[previous[column]]
            column = previous[column]
    return sorted((int(owner[c]) - 1, c - 1) for c in range(1, columns + 1) if owner[c])
