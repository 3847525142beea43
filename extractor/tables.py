"""Table rows as lines: ruled grids (OpenCV or pdfplumber) or aligned columns, words into cells."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from statistics import median
from typing import Literal

from extractor.layout import (
    NUMBER_PART_GAP_RATIO,
    contains,
    join_number_parts,
    make_line,
    union,
    words_to_lines,
)
from extractor.models import BBox, Line, Word
from extractor.numbers import digits_lost, percent_misread, percent_restored, restored_count
from extractor.rulings import (
    EDGE_COVERAGE,
    INK_SHARE,
    PAPER_WINDOW_IN,
    RULE_BRIDGE_IN,
    RULE_CLEAR_IN,
    RULE_MIN_HEIGHT_IN,
    RULE_MIN_LENGTH_IN,
)

ROW_SNAP_PT = 1.5  # cells whose tops differ by less than this start the same grid row
BAND_GAP_RATIO = 0.8  # a blank band this many line heights tall separates rows within a cell
ANCHOR_LEAD_RATIO = 0.3  # a stacked number's row starts this many line heights above it
TALL_LINE_RATIO = 1.5  # a line this many line heights tall holds more than one line of text
LOW_CONFIDENCE = 90.0  # a number cell read with less confidence is re-read on its own
BLANK_CELL_INSET_PT = 3.0  # a blank cell is re-read this far inside its rules (crops add 1.4)
GARBLED_NUMBER_MAX_CHARS = 12  # a short cell with a digit, read with low confidence: re-read
# Columns without rules: words this many word heights apart are in different cells.
COLUMN_GAP_RATIO = 2.5
COLUMN_MIN_GAPS = 2
COLUMN_MIN_ROWS = 3
COLUMN_MAX_WRAPPED = 2  # lines without gaps (wrapped cells) that may stand between two rows
SEPARATOR = "|"
GLYPH_EDGE_PT = 1.5  # a rule read as text stands this close to its cell's border, or across it
# Names the table steps and their tunables: part of the OCR cache key.
TABLE_DETECTION = (
    f"tables9;glyph{GLYPH_EDGE_PT};joined<{NUMBER_PART_GAP_RATIO};"
    f"rules>{RULE_MIN_LENGTH_IN:.3f}/{RULE_MIN_HEIGHT_IN:.3f}in;bridge{RULE_BRIDGE_IN:.3f};"
    f"clear{RULE_CLEAR_IN:.3f};"
    f"cover{EDGE_COVERAGE};ink<{INK_SHARE}paper@{PAPER_WINDOW_IN:.3f}in;"
    f"gap{BAND_GAP_RATIO};reread<{LOW_CONFIDENCE}~{GARBLED_NUMBER_MAX_CHARS}|pct-psm13|lost3|"
    f"blank-{BLANK_CELL_INSET_PT};"
    f"cols{COLUMN_GAP_RATIO}x{COLUMN_MIN_ROWS}+{COLUMN_MAX_WRAPPED}"
)

NUMERIC_RE = re.compile(r"^(?:Rp\.?\s*)?[-+]?\d")
RULE_GLYPH_RE = re.compile(r"^[|\[\]_]+$")  # a ruling line read as text ("-" is a value)

# Why a cell is read again on its own: a "doubtful" reading (low confidence), a "percent" that
# may be misread (read as a raw line), a "blank" cell (page OCR found no word in it).
ReadMode = Literal["doubtful", "percent", "blank"]
# Reads a box (PDF points) on its own: (text, confidence), or None (blank, or no ink).
CellReader = Callable[[BBox, ReadMode], "tuple[str, float] | None"]
Table = Sequence[BBox]  # the cells of one table


@dataclass(frozen=True)
class Tabulated:
    """A page's lines with each table row as one line; counts of what was done."""

    lines: tuple[Line, ...]
    tables: int = 0
    rows: int = 0
    rereads: int = 0


# --- words into cells, cells into row lines (scans and text layers alike) -------------------


def tables_to_lines(
    lines: Sequence[Line],
    tables: Sequence[Table],
    page: int,
    reread: CellReader | None = None,
) -> Tabulated:
    """Replace the words inside tables by one line per table row; other lines stay in order.

    A table's rows take the place of the first line that had a word in the table.
    """
    tables = _outermost([t for t in tables if len(t) >= 2])
    if not tables:
        return Tabulated(tuple(lines))
    cell_words: list[list[list[Word]]] = [[[] for _ in t] for t in tables]
    located = [[_locate(w, tables) for w in line.words] for line in lines]
    for line, places in zip(lines, located, strict=True):
        for word, place in zip(line.words, places, strict=True):
            if place is not None and not _rule_glyph(word, tables[place[0]][place[1]]):
                cell_words[place[0]][place[1]].append(word)
    built = [
        _table_rows(t, words, page, reread) for t, words in zip(tables, cell_words, strict=True)
    ]
    rows = [table_lines for table_lines, _ in built]
    out = _splice(lines, located, rows, page)
    return Tabulated(out, len(tables), sum(map(len, rows)), sum(n for _, n in built))


def _rule_glyph(word: Word, cell: BBox) -> bool:
    """A ruling line read as text ("|" on the cell's border); a glyph clear of it is content."""
    if not RULE_GLYPH_RE.match(word.text):
        return False
    if "_" in word.text or word.bbox is None:
        return True
    return word.bbox.x0 <= cell.x0 + GLYPH_EDGE_PT or word.bbox.x1 >= cell.x1 - GLYPH_EDGE_PT


def _outermost(tables: list[Table]) -> list[Table]:
    """Tables not inside another (a shaded box within a cell is found as a table of its own)."""
    boxes = [union(t) for t in tables]
    return [
        table
        for k, table in enumerate(tables)
        if not any(
            j != k and contains(boxes[j], boxes[k]) and boxes[j] != boxes[k]
            for j in range(len(tables))
        )
    ]


def _locate(word: Word, tables: Sequence[Table]) -> tuple[int, int] | None:
    """(table, cell) whose box holds the word's centre, the smallest such cell; None outside."""
    if word.bbox is None:
        return None
    x, y = (word.bbox.x0 + word.bbox.x1) / 2, (word.bbox.top + word.bbox.bottom) / 2
    found = [
        ((c.x1 - c.x0) * (c.bottom - c.top), t, k)
        for t, table in enumerate(tables)
        for k, c in enumerate(table)
        if c.x0 <= x <= c.x1 and c.top <= y <= c.bottom
    ]
    return min(found)[1:] if found else None


def _splice(
    lines: Sequence[Line],
    located: list[list[tuple[int, int] | None]],
    rows: list[list[Line]],
    page: int,
) -> tuple[Line, ...]:
    """Lines in their order, each table's rows in place of the first line that reached it."""
    out: list[Line] = []
    emitted: set[int] = set()
    for line, places in zip(lines, located, strict=True):
        rest = [w for w, p in zip(line.words, places, strict=True) if p is None]
        reached = sorted({p[0] for p in places if p is not None} - emitted)
        remainder = make_line(rest, page) if rest else None
        first = rows[reached[0]][0] if reached and rows[reached[0]] else None
        before = remainder is not None and (first is None or _top(remainder) <= _top(first))
        if remainder is not None and before:
            out.append(remainder)
        for table in reached:
            out.extend(rows[table])
            emitted.add(table)
        if remainder is not None and not before:
            out.append(remainder)
    return tuple(out)


def _top(line: Line) -> float:
    return line.bbox.top if line.bbox is not None else 0.0


def _table_rows(
    cells: Table, words: list[list[Word]], page: int, reread: CellReader | None
) -> tuple[list[Line], int]:
    """One line per row of a table (rows within a cell split, see ``_cuts``); re-read count."""
    out: list[Line] = []
    rereads = 0
    for row in _grid_rows(cells):
        columns = sorted(row, key=lambda k: cells[k].x0)
        cell_lines = [words_to_lines(words[k], page) for k in columns]
        top = min(cells[k].top for k in columns)
        cuts = _cuts(cell_lines)
        # A cut may fall below the row's shortest cell, in a cell spanning later rows.
        bottom = max([min(cells[k].bottom for k in columns), *cuts])
        edges = [top, *cuts, bottom]
        for band in range(len(cuts) + 1):
            texts = [[ln for ln in lines if _band(ln, cuts) == band] for lines in cell_lines]
            box = BBox(cells[columns[0]].x0, edges[band], cells[columns[-1]].x1, edges[band + 1])
            if not any(texts):
                continue
            parts = []
            for k, found in zip(columns, texts, strict=True):
                if found:
                    found_words = [w for ln in found for w in ln.words]
                    cell_words, again = _reread_cell(found_words, reread, cells[k])
                else:
                    inside = BBox(cells[k].x0, edges[band], cells[k].x1, edges[band + 1])
                    cell_words, again = _read_blank_cell(inside, reread)
                rereads += again
                if cell_words:
                    parts.append((cells[k], cell_words))
            out.append(_row_line(parts, box, page))
    return out, rereads


def _grid_rows(cells: Table) -> list[list[int]]:
    """Indices of the cells of each grid row (cells starting at one top), top to bottom."""
    rows: list[list[int]] = []
    for k in sorted(range(len(cells)), key=lambda k: cells[k].top):
        if rows and cells[k].top - cells[rows[-1][0]].top <= ROW_SNAP_PT:
            rows[-1].append(k)
        else:
            rows.append([k])
    return rows


def _band(line: Line, cuts: list[float]) -> int:
    return sum(1 for cut in cuts if _middle(line) >= cut)


def _cuts(cell_lines: list[tuple[Line, ...]]) -> list[float]:
    """Where one grid row holds several table rows: at blank bands, and at stacked numbers.

    A blank band across all cells cuts when text of two cells stands on each side of it and
    one of them has text on both sides: a cell spanning rows centres its text in a band of
    its own, and that text belongs with the row beside the span's top. In a band, a cell
    whose lines are all numbers (two or more) starts a row at each number, wrapped text above
    a number joining the row of that number.
    """
    items = sorted(
        ((ln, k) for k, lines in enumerate(cell_lines) for ln in lines),
        key=lambda item: _top(item[0]),
    )
    if not items:
        return []
    height = median(_height(ln) for ln, _ in items)
    cuts: list[float] = []
    group: set[int] = set()
    lowest = _bottom(items[0][0])
    for index, (line, k) in enumerate(items):
        later = {c for _, c in items[index:]}
        blank = _top(line) - lowest >= BAND_GAP_RATIO * height
        if blank and len(group) >= 2 and len(later) >= 2 and group & later:
            cuts.append((_top(line) + lowest) / 2)
            group = set()
        group.add(k)
        lowest = max(lowest, _bottom(line))
    for band_lines in _split(cell_lines, cuts):
        cuts.extend(_anchor_cuts(band_lines, height))
    return sorted(cuts)


def _split(cell_lines: list[tuple[Line, ...]], cuts: list[float]) -> list[list[list[Line]]]:
    """Per band, per cell, the lines of the band."""
    return [
        [[ln for ln in lines if _band(ln, cuts) == band] for lines in cell_lines]
        for band in range(len(cuts) + 1)
    ]


def _anchor_cuts(band: list[list[Line]], height: float) -> list[float]:
    """Cuts before each number but the first of a cell of stacked numbers: a little above
    the number, or above its label (see ``_labels_of``) where that stands higher; halfway
    between the middles of the row above and this one where the cut would part a number
    from its label."""
    starts: list[float] = []
    for lines in band:
        if len(lines) < 2 or not all(NUMERIC_RE.match(ln.text) for ln in lines):
            continue
        labels = _labels_of(lines, band, height)
        for k in range(1, len(lines)):
            row = [lines[k]] if labels is None else [lines[k], labels[k]]
            start = min(_top(ln) for ln in row) - ANCHOR_LEAD_RATIO * height
            if labels is not None:  # below the row above, above this row (their middles)
                low = max(_middle(lines[k - 1]), _middle(labels[k - 1]))
                high = min(_middle(ln) for ln in row)
                if low < high and not low < start <= high:
                    start = (low + high) / 2
            starts.append(start)
    cuts: list[float] = []
    for start in sorted(starts):
        if not cuts or start - cuts[-1] > height / 2:
            cuts.append(start)
    return cuts


def _labels_of(numbers: list[Line], band: list[list[Line]], height: float) -> list[Line] | None:
    """The line of the label cell (the text cell of the band with the most lines) that goes
    with each number: in order, the nearest overall (least sum of distances between middles).

    Two lists in one cell row may be set with different line pitches and drift apart: in a
    real PK, the eleventh of eleven targets stood nearer the tenth name than its own. Lines
    taller than ``TALL_LINE_RATIO`` line heights (a scan's bullets read as glyphs, joined to
    the text beside them) have no reliable middle and are left out. None when the label cell
    has fewer lines than the numbers.
    """
    texts = [c for c in band if c and not all(NUMERIC_RE.match(ln.text) for ln in c)]
    cell = max(texts, key=len, default=[])
    labels = sorted((ln for ln in cell if _height(ln) <= TALL_LINE_RATIO * height), key=_middle)
    n, m = len(numbers), len(labels)
    if m < n:
        return None
    # cost[i][j]: least total distance of the first i numbers paired with lines among the first j
    cost = [[0.0] * (m + 1)] + [[math.inf] * (m + 1) for _ in range(n)]
    for i in range(1, n + 1):
        for j in range(i, m + 1):
            paired = cost[i - 1][j - 1] + abs(_middle(numbers[i - 1]) - _middle(labels[j - 1]))
            cost[i][j] = min(cost[i][j - 1], paired)
    chosen: list[Line] = []
    j = m
    for i in range(n, 0, -1):
        while cost[i][j] == cost[i][j - 1]:  # line j left unpaired
            j -= 1
        chosen.append(labels[j - 1])
        j -= 1
    return chosen[::-1]


def _middle(line: Line) -> float:
    return (_top(line) + _bottom(line)) / 2


def _height(line: Line) -> float:
    return _bottom(line) - _top(line)


def _bottom(line: Line) -> float:
    return line.bbox.bottom if line.bbox is not None else 0.0


def _row_line(parts: list[tuple[BBox, list[Word]]], box: BBox, page: int) -> Line:
    """Cells left to right, joined by separator words standing on the cell borders."""
    words: list[Word] = []
    for cell, cell_words in parts:
        if words:
            words.append(Word(SEPARATOR, BBox(cell.x0, box.top, cell.x0, box.bottom)))
        words.extend(join_number_parts(cell_words))
    return make_line(words, page)


def _number_like(text: str) -> bool:
    """A number, or a short cell with a digit: a number cell OCR garbled ("wm 0,")."""
    short = len(text) <= GARBLED_NUMBER_MAX_CHARS and any(c.isdigit() for c in text)
    return NUMERIC_RE.match(text) is not None or short


def _reread_cell(
    words: list[Word], reread: CellReader | None, cell: BBox
) -> tuple[list[Word], int]:
    """A doubtful number cell re-read on its own; the re-read count (0 or 1).

    A cell read with low confidence keeps a more confident reading. A cell whose "%" looks
    read as digits or a stray glyph ("10096", "80 96", "100 $") is read as a raw line and
    keeps a reading that has the "%" after the same leading digits ("100%"), whatever its
    confidence: OCR seldom makes up a "%", often misses one. A count whose digits were lost
    ("laporan", "I laporan") keeps a reading of digits before the same unit ("1 laporan").
    """
    known = [w.confidence for w in words if w.confidence is not None]
    text = " ".join(w.text for w in words)
    low = bool(known) and min(known) < LOW_CONFIDENCE and _number_like(text)
    misread, lost = percent_misread(text), digits_lost(text)
    if reread is None or not (low or misread or lost):
        return words, 0
    box = union(w.bbox for w in words if w.bbox is not None)
    if lost:  # the lost digits stand beside the words: the crop spans the cell's width
        box = _within_rules(cell, box.top, box.bottom) or box
    reading = reread(box, "percent" if misread else "doubtful")
    if reading is None or not reading[0].strip():
        return words, 1
    if misread:
        kept = reading[0] if percent_restored(text, reading[0]) else None
    elif lost:
        kept = restored_count(text, reading[0])
    else:
        kept = reading[0] if known and reading[1] > min(known) else None
    if kept is None:
        return words, 1
    return [Word(part, box, reading[1]) for part in kept.split()], 1


def _read_blank_cell(cell: BBox, reread: CellReader | None) -> tuple[list[Word], int]:
    """Words that page OCR missed in a cell of a row with text (a lone "7" in a narrow
    column), read on the cell's own crop; none when the crop stays blank or unsure."""
    inset = BLANK_CELL_INSET_PT
    box = _within_rules(cell, cell.top + inset, cell.bottom - inset)
    if reread is None or box is None:
        return [], 0
    reading = reread(box, "blank")
    if reading is None or reading[1] < LOW_CONFIDENCE or not any(c.isalnum() for c in reading[0]):
        return [], 1
    return [Word(part, box, reading[1]) for part in reading[0].split()], 1


def _within_rules(cell: BBox, top: float, bottom: float) -> BBox | None:
    """The cell from ``top`` to ``bottom``, ``BLANK_CELL_INSET_PT`` in from its side rules;
    None when too small."""
    inset = BLANK_CELL_INSET_PT
    if cell.x1 - cell.x0 <= 2 * inset or bottom <= top:
        return None
    return BBox(cell.x0 + inset, top, cell.x1 - inset, bottom)


# --- columns without rules (scans) ----------------------------------------------------------


def columns_to_lines(lines: Sequence[Line], page: int) -> Tabulated:
    """An unruled page as visual lines (the words on one baseline, left to right), its
    unruled tables (aligned wide gaps in several visual lines) cut into cells.

    Tesseract's layout analysis may put a column of its own in a block apart (the amounts of
    a PK's budget page, read after all the program names); a visual line joins each amount
    to its name again, as on a text-layer page.

    Conservative: a run needs ``COLUMN_MIN_ROWS`` lines with ``COLUMN_MIN_GAPS`` wide gaps
    overlapping those of the line before; cells are cut only at wide gaps that line up with a
    gap of another row. Wrapped lines within the run are kept, as lines of their own.
    """
    visual = words_to_lines((w for line in lines for w in line.words), page)
    tables = [_column_cells(run) for run in _column_runs(visual)]
    if not tables:
        return Tabulated(visual)
    rows = [[_row_line(parts, union(b for b, _ in parts), page) for parts in t] for t in tables]
    index = {w: t for t, table in enumerate(tables) for row in table for _, c in row for w in c}
    located = [[(index[w], 0) if w in index else None for w in line.words] for line in visual]
    return Tabulated(_splice(visual, located, rows, page), len(tables), sum(map(len, rows)))


def _column_runs(visual: Sequence[Line]) -> list[list[Line]]:
    runs: list[list[Line]] = []
    current: list[Line] = []
    pending: list[Line] = []
    last: list[tuple[float, float]] = []
    for line in visual:
        gaps = _gaps(line)
        tabular = len(gaps) >= COLUMN_MIN_GAPS
        if tabular and current and _overlaps(gaps, last) >= COLUMN_MIN_GAPS:
            current.extend([*pending, line])
        elif tabular or not current or len(pending) >= COLUMN_MAX_WRAPPED:
            runs.append(current)
            current = [line] if tabular else []
        else:
            pending.append(line)
            continue
        pending, last = [], gaps
    runs.append(current)
    return [
        r for r in runs if sum(len(_gaps(ln)) >= COLUMN_MIN_GAPS for ln in r) >= COLUMN_MIN_ROWS
    ]


def _gaps(line: Line) -> list[tuple[float, float]]:
    """The wide gaps (x from, x to) between the words of a visual line."""
    boxes = [w.bbox for w in line.words if w.bbox is not None]
    height = median(b.bottom - b.top for b in boxes)
    return [
        (left.x1, right.x0)
        for left, right in zip(boxes, boxes[1:], strict=False)
        if right.x0 - left.x1 >= COLUMN_GAP_RATIO * height
    ]


def _column_cells(run: list[Line]) -> list[list[tuple[BBox, list[Word]]]]:
    """Each line of a run cut at its wide gaps that line up with gaps of most other rows."""
    gaps = [_gaps(line) for line in run]
    rows = sum(len(g) >= COLUMN_MIN_GAPS for g in gaps)
    out = []
    for k, line in enumerate(run):
        others = [row for j, row in enumerate(gaps) if j != k and len(row) >= COLUMN_MIN_GAPS]
        cuts = [g for g in gaps[k] if 2 * sum(_overlaps([g], row) for row in others) >= rows - 1]
        cells: list[list[Word]] = [[]]
        for word in line.words:
            assert word.bbox is not None
            if cells[-1] and any(cells[-1][-1].bbox.x1 <= a and b <= word.bbox.x0 for a, b in cuts):
                cells.append([])
            cells[-1].append(word)
        out.append([(union(w.bbox for w in c if w.bbox is not None), c) for c in cells])
    return out


def _overlaps(gaps: list[tuple[float, float]], previous: list[tuple[float, float]]) -> int:
    return sum(1 for a, b in gaps if any(a < d and c < b for c, d in previous))


# --- a scanned page -------------------------------------------------------------------------


def scan_to_lines(
    tables: Sequence[Table],
    lines: Sequence[Line],
    page: int,
    reread: CellReader | None = None,
) -> Tabulated:
    """An OCR'd page's lines with table rows: ruled grids (``tables``) first, else aligned
    columns."""
    if tables:
        return tables_to_lines(lines, tables, page, reread)
    return columns_to_lines(lines, page)
