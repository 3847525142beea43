"""Ruled tables on a page image: rules by morphological opening, cells from the rule grid."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import cv2
import numpy as np
from PIL import Image

from extractor.models import BBox

# Ruling lines at least this long (inches) survive the morphological opening; text strokes do not.
RULE_MIN_LENGTH_IN = 1 / 4
RULE_MIN_HEIGHT_IN = 1 / 6  # vertical rules: a row of 8-pt text is taller than this
RULE_SNAP_IN = 1 / 30  # ruling positions this close are one line (residual skew, thickness)
RULE_BRIDGE_IN = 1 / 8  # gaps this short in a binarised thin rule are bridged
RULE_CLEAR_IN = 1 / 40  # a rule has paper this far on both sides; a run along text has not
RULE_ERASE_PAD_IN = 1 / 100  # whitened around a rule: its blur and thickness
EDGE_COVERAGE = 0.6  # share of a grid edge that must be inked for a cell border to be there
PAPER_WINDOW_IN = 1 / 10  # the paper's own shade is the lightest grey this close around a pixel
INK_SHARE = 0.75  # ink is darker than this share of the paper's shade (shading is lighter)
PAPER_REDUCTION = 4  # the paper's shade is estimated at a quarter of the resolution
# Rules are found at half the resolution, on the darkest pixel of each 2 x 2 block (a thin rule
# stays as dark as it is): a quarter of the pixels, and rules stay long and straight there.
RULES_REDUCTION = 2


@dataclass(frozen=True)
class Rules:
    """The ruling lines of a cleaned page image, found once: erased for OCR, cells for tables.

    ``paper`` is the paper's shade (at a ``PAPER_REDUCTION``-th of the resolution);
    ``horizontal`` and ``vertical`` the rules as masks, in pixels of ``scale`` points each
    (``RULES_REDUCTION`` times the page's).
    """

    paper: np.ndarray
    horizontal: np.ndarray
    vertical: np.ndarray
    scale: float

    def erase(self, image: Image.Image) -> Image.Image:
        """The page with its ruling lines painted over in the paper's shade.

        Tesseract's page layout analysis drops most of the text of a ruled table (numbers
        above all) while the rules are there. A rule painted white on a shaded cell would
        leave two sharp edges that its recogniser reads as glyphs.
        """
        pad = max(1, round(72 / self.scale * RULE_ERASE_PAD_IN))
        kernel = np.ones((2 * pad + 1, 2 * pad + 1), np.uint8)
        mask = cv2.dilate((self.horizontal | self.vertical).astype(np.uint8), kernel)
        erased = np.asarray(image if image.mode == "L" else image.convert("L")).copy()
        size = erased.shape[::-1]  # OpenCV sizes are (w, h)
        mask = cv2.resize(mask, size, interpolation=cv2.INTER_NEAREST)
        paper = cv2.resize(self.paper, size, interpolation=cv2.INTER_LINEAR)
        erased = cv2.copyTo(paper, mask, erased)  # a third of the time of a boolean index
        result = Image.fromarray(erased)
        return result.convert("1", dither=Image.Dither.NONE) if image.mode == "1" else result

    def tables(self) -> list[list[BBox]]:
        """The cells (in points) of each ruled table."""
        dpi = 72 / self.scale
        snap = max(2, round(dpi * RULE_SNAP_IN))
        ys = _positions(self.horizontal.sum(axis=1), dpi * RULE_MIN_LENGTH_IN, snap)
        xs = _positions(self.vertical.sum(axis=0), dpi * RULE_MIN_HEIGHT_IN, snap)
        if len(xs) < 2 or len(ys) < 2:
            return []
        h_edges = _edges(self.horizontal, ys, xs, snap)
        v_edges = _edges(self.vertical.T, xs, ys, snap).T
        centre = (RULES_REDUCTION - 1) / (2 * RULES_REDUCTION)  # of a mask pixel, in its units
        tables = grid_to_tables(
            [x + centre for x in xs], [y + centre for y in ys], h_edges, v_edges
        )
        scale = self.scale
        return [
            [BBox(*(round(v * scale, 2) for v in cell.as_tuple())) for cell in t] for t in tables
        ]


def find_rules(image: Image.Image, scale: float) -> Rules:
    """The rules of a page image (dark ink on lighter paper, shaded or unevenly lit)."""
    gray = np.asarray(image if image.mode == "L" else image.convert("L"))
    paper = _paper(gray, 72 / scale)
    darkest = _darkest_of_blocks(gray, RULES_REDUCTION)
    scale *= RULES_REDUCTION
    dpi = 72 / scale
    shade = cv2.resize(paper, darkest.shape[::-1], interpolation=cv2.INTER_LINEAR)
    ink = (darkest < cv2.convertScaleAbs(shade, alpha=INK_SHARE)).astype(np.uint8)
    long_h, long_v = round(dpi * RULE_MIN_LENGTH_IN), round(dpi * RULE_MIN_HEIGHT_IN)
    runs_h, runs_v = _runs(ink, long_h, vertical=False), _runs(ink, long_v, vertical=True)
    clear, bridge = max(1, round(dpi * RULE_CLEAR_IN)), round(dpi * RULE_BRIDGE_IN)
    horizontal = _rules(runs_h, ink & ~runs_v, long_h, clear, bridge, vertical=False)
    vertical = _rules(runs_v, ink & ~runs_h, long_v, clear, bridge, vertical=True)
    return Rules(paper, horizontal, vertical, scale)


def _paper(gray: np.ndarray, dpi: float) -> np.ndarray:
    """The paper's shade: the lightest grey around each pixel (a closing wider than any
    stroke), at a quarter of the resolution (the shade changes slowly). Against it a shaded
    header cell or a dim corner of a scan is paper, not ink."""
    small = cv2.resize(
        gray, None, fx=1 / PAPER_REDUCTION, fy=1 / PAPER_REDUCTION, interpolation=cv2.INTER_AREA
    )
    size = 2 * round(dpi * PAPER_WINDOW_IN / PAPER_REDUCTION / 2) + 1
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (size, size))
    return cv2.morphologyEx(small, cv2.MORPH_CLOSE, kernel)


def _darkest_of_blocks(gray: np.ndarray, size: int) -> np.ndarray:
    """The image shrunk ``size`` times, each pixel the darkest of its block."""
    darkest = cv2.erode(gray, np.ones((size, size), np.uint8), anchor=(0, 0))
    return darkest[::size, ::size]


def _kernel(along: int, across: int, *, vertical: bool) -> np.ndarray:
    size = (across, along) if vertical else (along, across)  # OpenCV sizes are (w, h)
    return cv2.getStructuringElement(cv2.MORPH_RECT, size)


def _runs(ink: np.ndarray, length: int, *, vertical: bool) -> np.ndarray:
    """Long straight runs of ink (0/1): thickened across, opened with a long kernel.

    A thin rule of a scan breaks up when binarised; thickening it across keeps it whole.
    """
    fat = cv2.dilate(ink, _kernel(1, 3, vertical=vertical))
    return cv2.morphologyEx(fat, cv2.MORPH_OPEN, _kernel(max(3, length), 1, vertical=vertical))


def _rules(
    runs: np.ndarray, ink: np.ndarray, length: int, clear: int, bridge: int, *, vertical: bool
) -> np.ndarray:
    """The runs that are rules: paper ``clear`` pixels on both sides, short gaps bridged.

    A line of bold or blurred text makes long runs too (along the tops of its letters, say),
    but with ink beside them: above or below, every few pixels. ``ink`` leaves out the runs
    crossing the other way, so that rules stay whole where they cross.
    """
    beside = _shifted_either_way(ink, clear, axis=1 if vertical else 0)
    core = cv2.bitwise_and(runs, cv2.bitwise_not(beside) & 1)
    del beside
    core = cv2.morphologyEx(core, cv2.MORPH_OPEN, _kernel(max(3, length), 1, vertical=vertical))
    near = cv2.dilate(core, _kernel(1, 2 * clear + 1, vertical=vertical))
    rules = cv2.bitwise_and(runs, near)
    return cv2.morphologyEx(rules, cv2.MORPH_CLOSE, _kernel(bridge, 1, vertical=vertical)) > 0


def _shifted_either_way(mask: np.ndarray, distance: int, axis: int) -> np.ndarray:
    """Where ``mask`` is set ``distance`` pixels before or after along ``axis`` (one array)."""
    out = np.zeros_like(mask)
    ahead = [slice(None)] * 2
    behind = [slice(None)] * 2
    ahead[axis], behind[axis] = slice(distance, None), slice(None, -distance)
    out[tuple(ahead)] = mask[tuple(behind)]
    out[tuple(behind)] |= mask[tuple(ahead)]
    return out


def _positions(profile: np.ndarray, min_ink: float, snap: int) -> list[float]:
    """Centres of the runs of rows (or columns) holding a rule; runs within ``snap`` merged."""
    candidates = np.flatnonzero(profile >= min_ink)
    runs: list[list[int]] = []
    for index in candidates.tolist():
        if runs and index - runs[-1][-1] <= snap:
            runs[-1].append(index)
        else:
            runs.append([index])
    return [(run[0] + run[-1]) / 2 for run in runs]


def _edges(mask: np.ndarray, rules: list[float], spans: list[float], snap: int) -> np.ndarray:
    """edges[j, i]: the rule at rules[j] inks the span spans[i]..spans[i+1] (rows of mask)."""
    across, along = [round(v) for v in rules], [round(v) for v in spans]
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
