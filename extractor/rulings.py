"""Ruled tables on a page image: rules by morphological opening, cells from the rule grid."""

from __future__ import annotations

from collections.abc import Sequence

import cv2
import numpy as np
from PIL import Image

from extractor.models import BBox

# Ruling lines at least this long (inches) survive the morphological opening; text strokes do not.
RULE_MIN_LENGTH_IN = 1 / 4
RULE_MIN_HEIGHT_IN = 1 / 6  # vertical rules: a row of 8-pt text is taller than this
RULE_SNAP_IN = 1 / 30  # ruling positions this close are one line (residual skew, thickness)
RULE_BRIDGE_IN = 1 / 8  # gaps this short in a binarised thin rule are bridged
RULE_ERASE_PAD_IN = 1 / 100  # whitened around a rule: its blur and thickness
EDGE_COVERAGE = 0.6  # share of a grid edge that must be inked for a cell border to be there


def _rule_masks(image: Image.Image, scale: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The page's grey pixels and its horizontal and vertical rules as masks."""
    gray = np.asarray(image if image.mode == "L" else image.convert("L"))
    ink = (gray < 128).astype(np.uint8)
    dpi = 72 / scale
    bridge = round(dpi * RULE_BRIDGE_IN)
    horizontal = _rules(ink, round(dpi * RULE_MIN_LENGTH_IN), bridge, vertical=False)
    vertical = _rules(ink, round(dpi * RULE_MIN_HEIGHT_IN), bridge, vertical=True)
    return gray, horizontal, vertical


def erase_rules(image: Image.Image, scale: float) -> Image.Image:
    """The page with its ruling lines whitened: tesseract's page layout analysis drops most
    of the text of a ruled table (numbers above all) while the rules are there."""
    gray, horizontal, vertical = _rule_masks(image, scale)
    pad = max(1, round(72 / scale * RULE_ERASE_PAD_IN))
    kernel = np.ones((2 * pad + 1, 2 * pad + 1), np.uint8)
    mask = cv2.dilate((horizontal | vertical).astype(np.uint8), kernel)
    erased = gray.copy()
    erased[mask > 0] = 255
    result = Image.fromarray(erased)
    return result.convert("1", dither=Image.Dither.NONE) if image.mode == "1" else result


def find_ruled_tables(image: Image.Image, scale: float) -> list[list[BBox]]:
    """The cells (in points) of each ruled table on a cleaned page image (black ink on white)."""
    _, horizontal, vertical = _rule_masks(image, scale)
    dpi = 72 / scale
    snap = max(2, round(dpi * RULE_SNAP_IN))
    ys = _positions(horizontal.sum(axis=1), dpi * RULE_MIN_LENGTH_IN, snap)
    xs = _positions(vertical.sum(axis=0), dpi * RULE_MIN_HEIGHT_IN, snap)
    if len(xs) < 2 or len(ys) < 2:
        return []
    h_edges = _edges(horizontal, ys, xs, snap)
    v_edges = _edges(vertical.T, xs, ys, snap).T
    tables = grid_to_tables(xs, ys, h_edges, v_edges)
    return [[BBox(*(round(v * scale, 2) for v in cell.as_tuple())) for cell in t] for t in tables]


def _rules(ink: np.ndarray, length: int, bridge: int, *, vertical: bool) -> np.ndarray:
    """Horizontal (or vertical) rules of an ink mask: thickened, opened with a long kernel,
    gaps bridged.

    A thin rule of a scan breaks up when binarised; thickening it across and bridging short
    gaps along it keeps it whole, while text strokes stay shorter than ``length``.
    """

    def kernel(along: int, across: int) -> np.ndarray:
        size = (across, along) if vertical else (along, across)  # OpenCV sizes are (w, h)
        return cv2.getStructuringElement(cv2.MORPH_RECT, size)

    fat = cv2.dilate(ink, kernel(1, 3))
    opened = cv2.morphologyEx(fat, cv2.MORPH_OPEN, kernel(max(3, length), 1))
    return cv2.morphologyEx(opened, cv2.MORPH_CLOSE, kernel(bridge, 1)) > 0


def _positions(profile: np.ndarray, min_ink: float, snap: int) -> list[int]:
    """Centres of the runs of rows (or columns) holding a rule; runs within ``snap`` merged."""
    candidates = np.flatnonzero(profile >= min_ink)
    runs: list[list[int]] = []
    for index in candidates.tolist():
        if runs and index - runs[-1][-1] <= snap:
            runs[-1].append(index)
        else:
            runs.append([index])
    return [round((run[0] + run[-1]) / 2) for run in runs]


def _edges(mask: np.ndarray, across: list[int], along: list[int], snap: int) -> np.ndarray:
    """edges[j, i]: the rule at across[j] inks the span along[i]..along[i+1] (rows of mask)."""
    edges = np.zeros((len(across), len(along) - 1), dtype=bool)
    for j, position in enumerate(across):
        band = mask[max(0, position - snap) : position + snap + 1].any(axis=0)
        for i in range(len(along) - 1):
            start, end = along[i] + snap, along[i + 1] - snap
            span = band[start:end] if end > start else band[along[i] : along[i + 1] + 1]
            edges[j, i] = span.size > 0 and span.mean() >= EDGE_COVERAGE
    return edges


def grid_to_tables(
    xs: Sequence[float], ys: Sequence[float], h_edges: np.ndarray, v_edges: np.ndarray
) -> list[list[BBox]]:
    """Cells from a grid of rule positions: squares joined where the rule between them is missing.

    ``h_edges[j, i]`` says a rule runs along ``ys[j]`` from ``xs[i]`` to ``xs[i+1]``;
    ``v_edges[j, i]`` says one runs along ``xs[i]`` from ``ys[j]`` to ``ys[j+1]``. A region
    that reaches the outside, or is not a rectangle, is no cell. Cells sharing a rule form a
    table; tables of one cell (a framed box) are left out.
    """
    rows, cols = len(ys) - 1, len(xs) - 1
    region = _regions(rows, cols, h_edges, v_edges)
    cells: dict[int, list[tuple[int, int]]] = {}
    for (j, i), label in np.ndenumerate(region):
        if label >= 0:
            cells.setdefault(int(label), []).append((j, i))
    boxes: dict[int, BBox] = {}
    for label, squares in cells.items():
        js, is_ = [s[0] for s in squares], [s[1] for s in squares]
        height, width = max(js) - min(js) + 1, max(is_) - min(is_) + 1
        if height * width == len(squares):
            boxes[label] = BBox(xs[min(is_)], ys[min(js)], xs[max(is_) + 1], ys[max(js) + 1])
    return _group_tables(boxes, region)


def _regions(rows: int, cols: int, h_edges: np.ndarray, v_edges: np.ndarray) -> np.ndarray:
    """Label each grid square by its region (flood fill across missing rules); -1 when open."""
    region = np.full((rows, cols), -2, dtype=int)
    for start in np.ndindex(rows, cols):
        if region[start] != -2:
            continue
        label, stack, seen, is_open = start[0] * cols + start[1], [start], [start], False
        region[start] = label
        while stack:
            j, i = stack.pop()
            steps = (
                ((j - 1, i), h_edges[j, i]),
                ((j + 1, i), h_edges[j + 1, i]),
                ((j, i - 1), v_edges[j, i]),
                ((j, i + 1), v_edges[j, i + 1]),
            )
            for (nj, ni), ruled in steps:
                if ruled:
                    continue
                if not (0 <= nj < rows and 0 <= ni < cols):
                    is_open = True
                elif region[nj, ni] == -2:
                    region[nj, ni] = label
                    stack.append((nj, ni))
                    seen.append((nj, ni))
        if is_open:
            for square in seen:
                region[square] = -1
    return region


def _group_tables(boxes: dict[int, BBox], region: np.ndarray) -> list[list[BBox]]:
    """Cells with neighbouring squares form one table; one-cell tables are dropped."""
    parent = {label: label for label in boxes}

    def root(label: int) -> int:
        while parent[label] != label:
            label = parent[label]
        return label

    rows, cols = region.shape
    for j, i in np.ndindex(rows, cols):
        for nj, ni in ((j + 1, i), (j, i + 1)):
            a = int(region[j, i])
            b = int(region[nj, ni]) if nj < rows and ni < cols else -1
            if a in parent and b in parent and a != b:
                parent[root(a)] = root(b)
    tables: dict[int, list[BBox]] = {}
    for label, box in boxes.items():
        tables.setdefault(root(label), []).append(box)
    return [cells for cells in tables.values() if len(cells) >= 2]
