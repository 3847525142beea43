"""The words of indicator tables: where a sasaran or an indicator name starts, the noise OCR
leaves in a name, and which indicators are better lower."""

from __future__ import annotations

import re

from ..models import Polarity

INDICATOR_START_RE = re.compile(
    r"^(persentase|prosentase|presentase|pers\w{0,3}ase|jumlah|indeks|indek|nilai|tingkat|rasio|"
    r"angka|cakupan|ketepatan|rata-rata|luas|produksi|produktivitas|opini|predikat|skor|proporsi|"
    r"banyaknya|capaian|kualitas|kepuasan|waktu|sosialisasi|satker)\b",
    re.IGNORECASE,
)
SASARAN_START_RE = re.compile(
    r"^(ter\w{4,}n[yv]a|men\w{3,}n[yv]a|meningkat\w*|peningkatan|penurunan|terwujud\w*|"
    r"tersedia\w*|terlaksana\w*|terfasilitasi\w*)\b",
    re.IGNORECASE,
)
LOWER_IS_BETTER_RE = re.compile(
    r"\b(kehilangan|susut|serangan|terserang|kematian|kemiskinan|pengangguran|pelanggaran|"
    r"kerusakan|gangguan|stunting|buta huruf|kecelakaan|tunggakan|keluhan|belum|jumlah kasus|"
    r"angka kasus)\b",
    re.IGNORECASE,
)
# Private-use glyphs (U+E000-U+F8FF) are a font's bullets and arrows, never part of a name.
NAME_NOISE_RE = re.compile(r"[|_\"“”‘’`~*\ue000-\uf8ff]+")


def clean_name(text: str) -> str:
    """A name without the noise OCR leaves in it (rules, quotes, bullets, underscores, spaces)."""
    text = re.sub(r"(?<=\w)_(?=\w)", "", text)
    text = NAME_NOISE_RE.sub(" ", text)
    return re.sub(r"\s+", " ", text).strip(" .,:;-")


def has_sasaran_start(name: str) -> bool:
    """Whether one of the first words is a sasaran verb ("Terwujudnya", "Meningkatnya")."""
    return any(SASARAN_START_RE.match(word) for word in name.split()[:3])


def polarity(indikator: str) -> Polarity:
    """ "lower" for indicators of losses, cases and the like; "higher" for the rest."""
    return "lower" if LOWER_IS_BETTER_RE.search(indikator) else "higher"
