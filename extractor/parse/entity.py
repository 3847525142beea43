"""The reporting entity and year, from the phrases that name them most often."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from ..models import Line

REGION = r"(?:Kabupaten|Kab\.|Kota|Provinsi)\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?"
ORG = (
    r"(?:KPU|Komisi\s+Pemilihan\s+Umum|Inspektorat|Bappeda|BPBD|Sekretariat\s+Daerah|"
    r"(?:Dinas|Badan|Kantor|Satuan)\s+(?:[A-Z][a-z]+\s+){1,5}?)"
)
ENTITY_RE = re.compile(rf"\b({ORG})\s*({REGION})")
YEAR_RE = re.compile(r"\b(?:tahun(?:\s+anggaran)?|TA)\s+((?:19|20)\d\d)\b", re.IGNORECASE)
SHORT_ORG = {"Komisi Pemilihan Umum": "KPU"}
REGION_WORDS_AFTER = re.compile(r"\s+(Tahun|Nomor|Dan|Yang|Pada|Serta)$")


def find_entity(lines: Iterable[Line]) -> str | None:
    counts: Counter[str] = Counter()
    for line in lines:
        for org, region in ENTITY_RE.findall(line.text):
            org = " ".join(org.split())
            region = REGION_WORDS_AFTER.sub("", " ".join(region.split()))
            counts[f"{SHORT_ORG.get(org, org)} {region}"] += 1
    return counts.most_common(1)[0][0] if counts else None


def find_year(lines: Iterable[Line]) -> int | None:
    counts: Counter[int] = Counter()
    for line in lines:
        counts.update(int(y) for y in YEAR_RE.findall(line.text))
    return counts.most_common(1)[0][0] if counts else None
