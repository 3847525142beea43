"""OCR-like text layout: number styles, OCR noise, table rows read line by line, page footers."""

from __future__ import annotations

import random
import textwrap
from dataclasses import dataclass, field

from samples.synthetic import Measure

PCT_MISREADS = ("76", "8", "9", "Yo")
NUM_TRAILERS = ("|", "]", ")")
COUNT_WORDS = {
    "kali": ("Kali", "kali"),
    "dokumen": ("Dokumen", "dokumen"),
    "laporan": ("Laporan", "laporan"),
    "kegiatan": ("Kegiatan", "kegiatan"),
    "orang": ("Orang", "orang"),
    "kasus": ("Kasus", "kasus"),
}


@dataclass
class Styler:
    """Formats numbers in the report's style and adds OCR noise at rate ``noise``."""

    rng: random.Random
    style: str
    noise: float

    def _marks(self) -> tuple[str, str]:
        style = self.rng.choice(("id", "en")) if self.style == "mixed" else self.style
        return (".", ",") if style == "id" else (",", ".")

    def int(self, n: int) -> str:
        return f"{n:,}".replace(",", self._marks()[0])

    def dec(self, value: float, decimals: int) -> str:
        if not decimals:
            return str(int(value))
        thousands, point = self._marks()
        whole, frac = f"{value:.{decimals}f}".split(".")
        return f"{int(whole):,}".replace(",", thousands) + point + frac

    def rp(self, n: int) -> str:
        form = self.rng.choice(("Rp. {},-", "Rp.{}", "Rp {},-", "Rp. {}", "Rp.{},-"))
        return form.format(self.int(n))

    def pct(self, value: float, decimals: int) -> str:
        return self.dec(value, decimals) + self.rng.choice(("%", "%", "%", " %"))

    def measure(self, m: Measure) -> str:
        if m.grade:
            return m.grade
        number = self.dec(float(m.value or 0), m.decimals)
        if m.unit == "%":
            return number + self.rng.choice(("%", "%", " %"))
        if m.unit in COUNT_WORDS:
            return f"{number} {self.rng.choice(COUNT_WORDS[m.unit])}"
        return number

    def words(self, text: str) -> str:
        """Word-level OCR noise: rn→m, l→I, a dropped letter, a stray '_'."""
        return " ".join(
            self._word(w) if self.rng.random() < self.noise else w for w in text.split()
        )

    def _word(self, word: str) -> str:
        if any(c.isdigit() for c in word) or len(word) < 4:
            return word
        kind = self.rng.randrange(4)
        if kind == 0 and "rn" in word:
            return word.replace("rn", "m", 1)
        if kind == 1 and "l" in word:
            return word.replace("l", "I", 1)
        at = self.rng.randrange(1, len(word) - 1)
        return word[:at] + word[at + 1 :] if kind == 2 else word[:at] + "_" + word[at:]

    def num(self, text: str, percent: bool = False) -> str:
        """Repairable number noise: C/O for a 0, % misread in a percent column, trailing mark."""
        zeros = [i for i, c in enumerate(text) if c == "0" and i > 0]
        if zeros and self.rng.random() < self.noise:
            at = self.rng.choice(zeros)
            text = text[:at] + self.rng.choice("CO") + text[at + 1 :]
        if percent and text.endswith("%") and text[-2:-1].isdigit() and self.chance():
            text = text[:-1] + self.rng.choice(PCT_MISREADS)
        if self.chance():
            text += self.rng.choice(NUM_TRAILERS)
        return text

    def chance(self) -> bool:
        return self.rng.random() < self.noise


def wrap(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, max(8, width)) or [""]


def centre(value: str, height: int) -> list[str]:
    """A one-line cell vertically centred in a row ``height`` lines high."""
    column = [""] * height
    column[(height - 1) // 2] = value
    return column


def pad(column: list[str], height: int) -> list[str]:
    return column + [""] * (height - len(column))


def zip_columns(columns: list[list[str]], rng: random.Random) -> list[str]:
    """Read a row the way OCR does: line by line across all cells."""
    height = max(len(c) for c in columns)
    out = []
    for n in range(height):
        pieces = [c[n] for c in columns if n < len(c) and c[n]]
        if pieces:
            out.append(rng.choice((" ", " ", " | ")).join(pieces))
    return out


def row(cells: list[str], widths: list[int], numeric: list[bool], rng: random.Random) -> list[str]:
    """One table row: text cells wrapped to their width, numeric cells centred."""
    texts = [wrap(c, w) if not n else [c] for c, w, n in zip(cells, widths, numeric, strict=True)]
    height = max(len(t) for t in texts)
    columns = [
        centre(t[0], height) if n else pad(t, height) for t, n in zip(texts, numeric, strict=True)
    ]
    return zip_columns(columns, rng)


@dataclass
class Pages:
    """Collects blocks of lines into pages with footers and OCR-style page breaks."""

    rng: random.Random
    footer: tuple[str, str]
    lines: list[str] = field(default_factory=list)
    on_page: int = 0
    page: int = 1
    page_len: int = 45
    lead_space: bool = False
    header: list[str] = field(default_factory=list)

    def add(self, block: list[str]) -> None:
        if self.on_page and self.on_page + len(block) > self.page_len:
            self.new_page()
            if self.header:
                self.add(self.header)
        if self.lead_space and block:
            block = [" " + block[0], *block[1:]]
            self.lead_space = False
        self.lines.extend(block)
        self.on_page += len(block)

    def para(self, text: str, width: int = 78) -> None:
        self.add([*wrap(text, width), ""] if self.rng.random() < 0.5 else wrap(text, width))

    def new_page(self) -> None:
        if not self.on_page:
            return
        number = f" {self.page}" if self.rng.random() < 0.85 else ""
        if self.rng.random() < 0.9:
            self.lines += ["", f"{self.footer[0]}{number}", self.footer[1]]
        self.lead_space = self.rng.random() < 0.4
        self.lines += [] if self.lead_space else [""] * self.rng.randint(3, 4)
        self.page += 1
        self.on_page = 0
        self.page_len = self.rng.randint(35, 55)

    def text(self) -> str:
        return "\n".join(self.lines).rstrip() + "\n"
