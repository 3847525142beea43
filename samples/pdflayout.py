"""PDF layout for synthetic reports: paragraphs, ruled tables, portrait/landscape A4, footers."""

from __future__ import annotations

import io
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
)

FONTS = (
    ("Helvetica", "Helvetica-Bold"),
    ("Times-Roman", "Times-Bold"),
    ("Courier", "Courier-Bold"),
)
ALIGN = {"L": TA_LEFT, "C": TA_CENTER, "R": TA_RIGHT, "J": TA_JUSTIFY}
CELL_PAD = 4.0
MARGIN = 2.2 * cm
BOTTOM = 2.0 * cm
HEADER_GREY = colors.Color(0.85, 0.85, 0.85)
Col = tuple[float, str]  # (weight, alignment L/C/R); weight 0 sizes the column to its content
Footer = Callable[[int], tuple[str, str]]  # page number -> the two footer lines


@dataclass
class Story:
    """Flowables in the making, with the report's font, size and the current text width."""

    rng: random.Random
    font: tuple[str, str]
    size: float
    width: float = A4[0] - 2 * MARGIN
    flowables: list[Flowable] = field(default_factory=list)

    def style(
        self, align: str = "L", bold: bool = False, size: float | None = None
    ) -> ParagraphStyle:
        size = size or self.size
        return ParagraphStyle(
            "p",
            fontName=self.font[bold],
            fontSize=size,
            leading=size * 1.25,
            alignment=ALIGN[align],
        )

    def text(self, text: str, align: str = "J", bold: bool = False) -> None:
        """A paragraph; ``align`` is L, C, R or J (justified)."""
        style = self.style(align, bold)
        style.spaceAfter = self.size * 0.6
        self.flowables.append(Paragraph(escape(text), style))

    def heading(self, *choices: str, align: str = "L") -> None:
        """One of ``choices`` in bold; a newline in it starts a second heading line."""
        self.flowables.append(Spacer(1, self.size * 0.6))
        for line in self.rng.choice(choices).split("\n"):
            self.text(line, align, bold=True)

    def page_break(self) -> None:
        self.flowables.append(PageBreak())

    def landscape(self, on: bool) -> None:
        """Switch the following pages to landscape A4 (a new page) or back to portrait."""
        self.flowables.append(NextPageTemplate("landscape" if on else "portrait"))
        if on:
            self.page_break()
        self.width = (landscape(A4) if on else A4)[0] - 2 * MARGIN

    def table(
        self,
        header: list[str] | None,
        rows: list[list[str]],
        cols: list[Col],
        spans: list[tuple] | None = None,
        total: list[str] | None = None,
    ) -> None:
        """A ruled table split across pages, with or without its header repeated; a ``total``
        row ends it, or now and then stands alone at the top of the next page."""
        everything = ([header] if header else []) + rows + ([total] if total else [])
        widths = self._widths(cols, everything)
        data = [self._cells(header, [(w, "C") for w, _ in cols], True)] if header else []
        data += [self._cells(r, cols) for r in rows]
        alone = total is not None and self.rng.random() < 0.3
        if total and not alone:
            data.append(self._cells(total, cols, True))
        repeat = 1 if header and self.rng.random() < 0.6 else 0
        style = self._grid() + (spans or [])
        if header and self.rng.random() < 0.5:
            style.append(("BACKGROUND", (0, 0), (-1, 0), HEADER_GREY))
        self.flowables.append(Table(data, widths, repeatRows=repeat, style=style))
        if total and alone:
            self.page_break()
            self.flowables.append(
                Table([self._cells(total, cols, True)], widths, style=self._grid())
            )
        self.flowables.append(Spacer(1, self.size))

    def _grid(self) -> list[tuple]:
        return [
            ("GRID", (0, 0), (-1, -1), self.rng.choice((0.4, 0.6, 0.8)), colors.black),
            ("VALIGN", (0, 0), (-1, -1), self.rng.choice(("TOP", "MIDDLE"))),
            ("LEFTPADDING", (0, 0), (-1, -1), CELL_PAD),
            ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PAD),
        ]

    def _widths(self, cols: list[Col], rows: list[list[str]]) -> list[float]:
        """Content-sized columns fit their widest cell; the rest share the width by jittered
        weight."""
        fixed = [
            max(stringWidth(r[n], self.font[1], self.size - 1) for r in rows) + 2 * CELL_PAD + 2
            if weight == 0
            else 0.0
            for n, (weight, _) in enumerate(cols)
        ]
        weights = [w * self.rng.uniform(0.75, 1.3) for w, _ in cols]
        spare = max(self.width - sum(fixed), 0.3 * self.width)
        return [f or spare * w / sum(weights) for f, w in zip(fixed, weights, strict=True)]

    def _cells(self, row: list[str], cols: list[Col], bold: bool = False) -> list[Paragraph]:
        return [
            Paragraph(escape(c), self.style(a, bold, self.size - 1))
            for c, (_, a) in zip(row, cols, strict=True)
        ]


def _footer_drawer(footer: Footer, font: str) -> Callable[[Canvas, BaseDocTemplate], None]:
    def draw(canvas: Canvas, doc: BaseDocTemplate) -> None:
        if doc.page == 1:  # the cover
            return
        width = doc.pageTemplate.pagesize[0]
        canvas.saveState()
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN, 1.6 * cm, width - MARGIN, 1.6 * cm)
        canvas.setFont(font, 8)
        for n, line in enumerate(footer(doc.page)):
            canvas.drawString(MARGIN, (1.2 - 0.4 * n) * cm, line)
        canvas.restoreState()

    return draw


def build_pdf(story: Story, footer: Footer, title: str) -> bytes:
    """Lay the story out on A4 pages (portrait, or landscape where it asks) with footers."""
    buffer = io.BytesIO()
    doc = BaseDocTemplate(buffer, pagesize=A4, title=title, invariant=True)
    draw = _footer_drawer(footer, story.font[0])
    for name, size in (("portrait", A4), ("landscape", landscape(A4))):
        frame = Frame(MARGIN, BOTTOM, size[0] - 2 * MARGIN, size[1] - MARGIN - BOTTOM, id=name)
        doc.addPageTemplates(PageTemplate(name, [frame], onPage=draw, pagesize=size))
    doc.build(story.flowables)
    return buffer.getvalue()
