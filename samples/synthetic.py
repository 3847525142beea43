"""Content model of synthetic LKj reports: random, internally consistent figures, no layout."""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from samples.vocabulary import (
    BADAN,
    CITIES,
    COUNT_NOUNS,
    DINAS,
    EDUCATION,
    GRADES,
    IND_OBJECTS,
    IND_QUALIFIERS,
    KEG_OBJECTS,
    KEG_SUFFIXES,
    KEG_VERBS,
    LOWER_TEMPLATES,
    PEOPLE,
    PROGRAMS,
    REGENCIES,
    SAS_OBJECTS,
    SAS_PREFIXES,
    SAS_QUALIFIERS,
)


@dataclass(frozen=True)
class Entity:
    """The reporting body: full name, short name, region and the town where it signs."""

    kind: str
    name: str
    short: str
    region: str
    town: str


@dataclass(frozen=True)
class Measure:
    """A target/realisasi/capaian: exact value, unit, printed decimals; grades have value None."""

    value: int | float | None
    unit: str
    decimals: int = 0
    grade: str | None = None


@dataclass(frozen=True)
class Indicator:
    """One indicator row; ``key`` identifies the same indicator across sections."""

    key: int
    no: int
    sasaran: str
    indikator: str
    target: Measure
    realisasi: Measure | None = None
    capaian: Measure | None = None
    polarity: str = "higher"

    @property
    def score(self) -> float:
        """The stated capaian as a float (0 when not measured)."""
        return float(self.capaian.value) if self.capaian and self.capaian.value is not None else 0.0


@dataclass(frozen=True)
class BudgetLine:
    """A kegiatan line of a DIPA realisation table; ``garbage`` is an unreadable realisation."""

    code: str
    name: str
    allocation: int
    realisation: int
    garbage: str | None = None


@dataclass(frozen=True)
class Program:
    """A program: DIPA lines with their stated totals, and its PK/RKT budget split by kegiatan."""

    code: str
    name: str
    lines: tuple[BudgetLine, ...]
    stated_allocation: int
    stated_realisation: int
    pk_budget: int
    rkt: tuple[tuple[str, int], ...]
    rkt_total: int


@dataclass(frozen=True)
class Staff:
    """Staff counts, stated shares (rounded percent) and the breakdown tables."""

    asn: int
    non_asn: int
    asn_share: int
    non_asn_share: int
    education: tuple[tuple[str, int], ...]
    pangkat: tuple[tuple[str, int], ...]
    jabatan: tuple[tuple[str, int], ...]

    def counts(self) -> dict[str, int]:
        """The figures the staff prose states (vocabulary.STAFF)."""
        return {
            "asn": self.asn,
            "non_asn": self.non_asn,
            "total": self.asn + self.non_asn,
            "asn_share": self.asn_share,
            "non_asn_share": self.non_asn_share,
        }


@dataclass(frozen=True)
class Injection:
    """A discrepancy put into the report on purpose (or an expected info finding)."""

    kind: str
    rule: str
    severity: str
    description: str
    values: tuple[int | float, ...]


@dataclass(frozen=True)
class SyntheticReport:
    """Everything a rendered report states, as exact values."""

    seed: int
    entity: Entity
    year: int
    staff: Staff
    plan: tuple[Indicator, ...]
    pk: tuple[Indicator, ...]
    measurement: tuple[Indicator, ...]
    pk2: tuple[Indicator, ...]
    programs: tuple[Program, ...]
    allocation: int
    realisation: int
    absorption: float
    ikhtisar_allocation: int
    ikhtisar_realisation: int
    ikhtisar_absorption: float
    ikhtisar_table: bool
    claimed_count: int
    achieved_count: int
    claim_all: bool
    signatories: tuple[str, str]
    prose_scale: int
    injections: tuple[Injection, ...] = ()
    expected_info: tuple[Injection, ...] = ()

    def fill(self, template: str) -> str:
        """A prose template of vocabulary.py with this report's entity and year."""
        e = self.entity
        return template.format(
            name=e.name,
            short=e.short,
            year=self.year,
            region=e.region,
            town=e.town,
            prev=self.year - 1,
        )

    def claim_sentence(self) -> str:
        """The measurement chapter's claim: all indicators achieved, or how many."""
        if self.claim_all:
            claim = "semua indikator kinerja tercapai sesuai dengan target."
        else:
            claim = f"sebanyak {self.achieved_count} indikator kinerja telah mencapai target."
        counted = f"dari {self.claimed_count} indikator kinerja"
        return f"Berdasarkan Tabel diatas terlihat bahwa {counted}, {claim}"


def half_up(x: Decimal, places: int = 2) -> float:
    """``x`` rounded half up, as a report prints it (62,5% → 63%, not Python's even 62)."""
    return float(x.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))


def percent(part: int, whole: int, places: int = 2) -> float:
    """part/whole in percent, rounded half up to ``places`` decimals."""
    return half_up(Decimal(part) * 100 / Decimal(whole), places)


def capaian_of(target: Measure, real: Measure, polarity: str) -> Measure:
    """Capaian R/T×100 (higher is better) or (2T−R)/T×100, 2 decimals or integer."""
    t, r = Decimal(str(target.value or 0)), Decimal(str(real.value or 0))
    value = half_up((r if polarity == "higher" else 2 * t - r) / t * 100)
    return Measure(int(value), "%") if value == int(value) else Measure(value, "%", 2)


def _entity(rng: random.Random) -> Entity:
    town = rng.choice(REGENCIES + CITIES)
    region = f"Kota {town}" if town in CITIES else f"Kabupaten {town}"
    kind = rng.choice(("KPU", "KPU", "Dinas", "Badan", "Inspektorat"))
    if kind == "KPU":
        return Entity(
            kind, f"Sekretariat Komisi Pemilihan Umum {region}", f"KPU {region}", region, town
        )
    if kind == "Dinas":
        name = f"Dinas {rng.choice(DINAS)} {region}"
        return Entity(kind, name, name, region, town)
    if kind == "Badan":
        full, abbr = rng.choice(BADAN)
        return Entity(kind, f"{full} {region}", f"{abbr} {region}", region, town)
    return Entity(kind, f"Inspektorat {region}", f"Inspektorat {region}", region, town)


def _sasaran(rng: random.Random, entity: Entity) -> str:
    qualifier = rng.choice(SAS_QUALIFIERS).format(short=entity.short)
    return f"{rng.choice(SAS_PREFIXES)} {rng.choice(SAS_OBJECTS)} {qualifier}"


def _higher_values(rng: random.Random) -> tuple[str, Measure, Measure]:
    prefix = rng.choice(("Persentase", "Persentase", "Jumlah", "Indeks", "Nilai", "Tingkat"))
    obj = f"{rng.choice(IND_OBJECTS)} {rng.choice(IND_QUALIFIERS)}".strip()
    if prefix == "Jumlah":
        unit = rng.choice(tuple(COUNT_NOUNS))
        t = rng.randint(1, 24) if unit != "orang" else rng.randint(10, 400)
        r = t if rng.random() < 0.7 else max(1, t + rng.randint(-2, 3))
        return f"Jumlah {COUNT_NOUNS[unit]} {obj}", Measure(t, unit), Measure(r, unit)
    if prefix in ("Indeks", "Nilai"):
        t = rng.choice((70, 75, 80, 85, 90))
        r = t if rng.random() < 0.5 else round(t * rng.uniform(0.9, 1.15), 2)
        dec = 0 if r == int(r) else 2
        return f"{prefix} {obj}", Measure(t, ""), Measure(int(r) if not dec else r, "", dec)
    t = rng.choice((100, 100, 100, 95, 90, 85, 80))
    roll = rng.random()
    high, low = round(rng.uniform(t, 100), 2), round(t * rng.uniform(0.8, 0.99), 2)
    r = t if roll < 0.6 else high if roll < 0.8 else low
    dec = 0 if r == int(r) else 2
    real = Measure(int(r) if not dec else r, "%", dec)
    return f"{prefix} {obj}", Measure(t, "%"), real


def _lower_values(rng: random.Random) -> tuple[str, Measure, Measure]:
    template, unit, objects = rng.choice(LOWER_TEMPLATES)
    name = template.format(o=rng.choice(objects.split(";")))
    t = rng.choice((2, 5, 10, 15)) if unit == "%" else rng.randint(5, 30)
    r = t if rng.random() < 0.4 else max(0, round(t * rng.uniform(0.4, 1.1)))
    return name, Measure(t, unit), Measure(r, unit)


def _measured(rng: random.Random, key: int, no: int, sasaran: str) -> Indicator:
    polarity = "lower" if rng.random() < 0.15 else "higher"
    make = _lower_values if polarity == "lower" else _higher_values
    name, target, real = make(rng)
    return Indicator(
        key, no, sasaran, name, target, real, capaian_of(target, real, polarity), polarity
    )


def _indicators(rng: random.Random, entity: Entity, scale: float) -> tuple[Indicator, ...]:
    out: list[Indicator] = []
    sasaran_count = max(3, round(rng.randint(3, 9) * scale))
    no = 0
    while no < sasaran_count or len(out) < 6:
        no, sasaran = no + 1, _sasaran(rng, entity)
        for _ in range(rng.choice((1, 1, 2, 2, 3))):
            out.append(_measured(rng, len(out), no, sasaran))
    return tuple(out)


def _pk2(rng: random.Random, entity: Entity) -> tuple[Indicator, ...]:
    out: list[Indicator] = []
    for no in range(1, rng.randint(2, 5)):
        sasaran = _sasaran(rng, entity)
        for _ in range(rng.randint(1, 3)):
            if rng.random() < 0.25:
                name = rng.choice(("Nilai Akuntabilitas Kinerja", "Opini BPK atas LKPD"))
                target = Measure(None, "grade", grade=rng.choice(GRADES))
            else:
                name, target, _ = _higher_values(rng)
            out.append(Indicator(1000 + len(out), no, sasaran, name, target))
    return tuple(out)


def _amount(rng: random.Random) -> int:
    return max(5000, int(round(10 ** rng.uniform(math.log10(5e3), math.log10(2e11)), -3)))


def _realised(rng: random.Random, allocation: int) -> int:
    roll = rng.random()
    ratio = 1.0 if roll < 0.35 else 0.0 if roll < 0.4 else rng.uniform(0.85, 1.0)
    return min(allocation, round(allocation * ratio))


def _split(rng: random.Random, total: int, parts: int) -> list[int]:
    """Split total (multiple of 1000) into positive multiples of 1000 (last takes the rest)."""
    weights = [rng.uniform(0.2, 1.0) for _ in range(parts)]
    units = total // 1000
    shares = [max(1, int(units * w / sum(weights))) for w in weights[:-1]]
    return [s * 1000 for s in shares] + [total - sum(shares) * 1000]


def _program(rng: random.Random, code: str, name: str, scale: float) -> Program:
    kinds = [
        (str(c), f"{rng.choice(KEG_VERBS)} {rng.choice(KEG_OBJECTS)}{rng.choice(KEG_SUFFIXES)}")
        for c in rng.sample(range(1000, 10000), round(rng.randint(2, 8) * math.sqrt(scale)))
    ]
    lines = []
    for _ in range(max(5, round(rng.randint(5, 25) * math.sqrt(scale)))):
        kcode, kname = rng.choice(kinds)
        alloc = _amount(rng)
        lines.append(BudgetLine(kcode, kname, alloc, _realised(rng, alloc)))
    alloc_sum = sum(x.allocation for x in lines)
    pk = alloc_sum if rng.random() < 0.5 else int(round(alloc_sum * rng.uniform(0.6, 1.05), -3))
    names = list(dict.fromkeys(x.name for x in lines))
    while len(names) * 1000 > pk:
        names.pop()
    rkt = tuple(zip(names, _split(rng, pk, len(names)), strict=True))
    real_sum = sum(x.realisation for x in lines)
    return Program(code, name, tuple(lines), alloc_sum, real_sum, pk, rkt, pk)


def _staff(rng: random.Random) -> Staff:
    asn, non = rng.randint(5, 60), rng.randint(1, 40)
    total = asn + non
    levels = sorted(rng.sample(EDUCATION, rng.randint(3, 5)), key=EDUCATION.index)
    edu = _split(rng, total * 1000, len(levels))
    golongan = ["Golongan IV", "Golongan III", "Golongan II"][: rng.randint(2, 3)]
    pangkat = _split(rng, asn * 1000, len(golongan)) if rng.random() < 0.6 else []
    jabatan = (("Eselon III", 1), ("Eselon IV", rng.randint(1, max(1, asn // 4))))
    return Staff(
        asn,
        non,
        int(percent(asn, total, 0)),
        int(percent(non, total, 0)),
        tuple(zip(levels, [e // 1000 for e in edu], strict=True)),
        tuple(zip(golongan, [p // 1000 for p in pangkat], strict=False)),
        jabatan if rng.random() < 0.6 else (),
    )


FUNDING_CODES = ("DK", "TP")  # Dekonsentrasi, Tugas Pembantuan: never a program's code


def _codes(rng: random.Random, n: int) -> list[str]:
    letters = "ABCDEFGHKLMNPQRSTW"
    codes = {"".join(rng.sample(letters, 2)) for _ in range(n * 4)} - set(FUNDING_CODES)
    return rng.sample(sorted(codes), n)


def _plan(rng: random.Random, programs: tuple[Program, ...], scale: float) -> tuple[Indicator, ...]:
    out: list[Indicator] = []
    names = list(dict.fromkeys(n for p in programs for n, _ in p.rkt))
    for no, name in enumerate(names[: round(rng.randint(3, 8) * scale)], start=1):
        for _ in range(rng.randint(1, 3)):
            what = f"{rng.choice(KEG_VERBS)} {rng.choice(KEG_OBJECTS)}"
            target = Measure(rng.choice((90, 90, 85, 95, 100)), "%")
            out.append(Indicator(2000 + len(out), no, name, f"Persentase {what}", target))
    return tuple(out)


def build_clean(seed: int, pages_scale: float = 1.0) -> SyntheticReport:
    """A random report whose figures all agree with each other."""
    rng = random.Random(seed)
    pages_scale **= 1.2  # cover, headings and prose grow slower than tables: compensate
    entity = _entity(rng)
    measurement = _indicators(rng, entity, pages_scale)
    n_prog = min(len(PROGRAMS), round(rng.randint(2, 3) * math.sqrt(pages_scale)))
    names = rng.sample(PROGRAMS, n_prog)
    programs = tuple(
        _program(rng, c, n, pages_scale) for c, n in zip(_codes(rng, n_prog), names, strict=True)
    )
    alloc = sum(p.stated_allocation for p in programs)
    real = sum(p.stated_realisation for p in programs)
    achieved = sum(1 for i in measurement if i.score >= 100)
    info = tuple(
        Injection(
            "budget-revision",
            "budget-revision",
            "info",
            f"PK budget of program {p.code} differs from the DIPA pagu (revision)",
            (p.pk_budget, p.stated_allocation),
        )
        for p in programs
        if p.pk_budget != p.stated_allocation
    )
    pk = tuple(Indicator(i.key, i.no, i.sasaran, i.indikator, i.target) for i in measurement)
    return SyntheticReport(
        seed,
        entity,
        rng.randint(2019, 2025),
        _staff(rng),
        _plan(rng, programs, pages_scale),
        pk,
        measurement,
        _pk2(rng, entity) if rng.random() < 0.5 else (),
        programs,
        alloc,
        real,
        percent(real, alloc),
        alloc,
        real,
        percent(real, alloc),
        rng.random() < 0.6,
        len(measurement),
        achieved,
        achieved == len(measurement),
        tuple(rng.sample(PEOPLE, 2)),
        max(1, round(pages_scale)),
        (),
        info,
    )


def build_report(
    seed: int, inject: Sequence[str] = (), pages_scale: float = 1.0
) -> SyntheticReport:
    """A report from ``seed``; ``inject`` names the discrepancies to put in (see INJECTION_KINDS).

    The clean report depends on the seed only, so injected and clean reports differ exactly by
    what the injections changed.
    """
    from samples.inject import apply_injections  # inject builds on this module's records

    report = build_clean(seed, pages_scale)
    return apply_injections(report, tuple(inject), random.Random(f"inject-{seed}"))
