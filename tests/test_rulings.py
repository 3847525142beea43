"""Ruling lines of scans: found on shaded and unevenly lit pages, erased without the text."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from extractor.rulings import find_rules

DPI = 300
SCALE = 72 / DPI
PAPER, SHADE, INK = 235, 200, 30


def shaded_table() -> Image.Image:
    """A 2 x 2 ruled table whose header row is shaded, its bold header text heavy with ink,
    on paper that darkens towards the right (uneven scanner light)."""
    light = np.linspace(1.0, 0.85, 900)[None, :]
    image = Image.fromarray((PAPER * np.ones((500, 900)) * light).astype(np.uint8))
    draw = ImageDraw.Draw(image)
    draw.rectangle((100, 100, 800, 180), fill=SHADE)
    font = ImageFont.load_default(size=44)
    for x in (120, 470):
        draw.text((x, 115), "Sasaran", fill=INK, font=font, stroke_width=2, stroke_fill=INK)
    for y in (100, 180, 300):
        draw.line((100, y, 800, y), fill=INK, width=3)
    for x in (100, 450, 800):
        draw.line((x, 100, x, 300), fill=INK, width=3)
    return image


def test_cells_are_found_on_a_shaded_unevenly_lit_page() -> None:
    (cells,) = find_rules(shaded_table(), SCALE).tables()
    boxes = sorted((round(c.x0 / SCALE), round(c.top / SCALE)) for c in cells)
    assert boxes == [(100, 100), (100, 180), (450, 100), (450, 180)]


def test_erased_rules_take_the_shade_around_them_and_leave_bold_text_whole() -> None:
    """Regression (issue #3): a global threshold made shading and bold text into "rules",
    and rules painted white left edges that OCR read as glyphs."""
    page = shaded_table()
    before = np.asarray(page).astype(int)
    after = np.asarray(find_rules(page, SCALE).erase(page)).astype(int)
    assert abs(after[180, 300] - before[150, 300]) < 40  # the rule under the header: shade
    assert after[300, 300] > 200 and after[250, 450] > 200  # rules on paper: paper
    text = before[110:170, 120:440] < 100
    assert (after[110:170, 120:440][text] < 100).mean() > 0.98  # the header text kept


@pytest.mark.parametrize(("size", "blur"), [(40, 1.5), (30, 2.0), (44, 2.0)])
def test_blurred_bold_text_is_no_rule(size: int, blur: float) -> None:
    """Regression (issue #3): the tops of a blurred bold word's letters run together into a
    long straight line of ink; taken for a rule, they were erased, the word cut in half."""
    page = Image.new("L", (900, 300), PAPER)
    draw = ImageDraw.Draw(page)
    font = ImageFont.load_default(size=size)
    draw.text((120, 100), "mengadaan", fill=INK, font=font, stroke_width=2, stroke_fill=INK)
    draw.line((100, 250, 800, 250), fill=INK, width=3)
    page = page.filter(ImageFilter.GaussianBlur(blur))
    before = np.asarray(page).astype(int)
    after = np.asarray(find_rules(page, SCALE).erase(page)).astype(int)
    text = before[90:160, 110:700] < 100
    assert (after[90:160, 110:700][text] < 100).mean() > 0.98
    assert after[250, 400] > 200  # the rule below it is gone
