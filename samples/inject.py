"""Known discrepancies put into a synthetic report, each recorded as the finding it should raise."""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import replace

from samples.synthetic import (
    Indicator,
    Injection,
    Measure,
    SyntheticReport,
    capaian_of,
    percent,
)
from samples.vocabulary import GARBAGE

Result = tuple[SyntheticReport, Injection]
Injector = Callable[[SyntheticReport, random.Random, set[str]], Result]


def _with_indicator(report: SyntheticReport, field: str, key: int, **kw: object) -> SyntheticReport:
    items = tuple(replace(i, **kw) if i.key == key else i for i in getattr(report, field))
    return replace(report, **{field: items})


def _with_line(report: SyntheticReport, pi: int, li: int, **kw: object) -> SyntheticReport:
    program = report.programs[pi]
    lines = tuple(replace(x, **kw) if n == li else x for n, x in enumerate(program.lines))
    programs = tuple(
        replace(program, lines=lines) if n == pi else p for n, p in enumerate(report.programs)
    )
    return replace(report, programs=programs)


def _pick_indicator(
    report: SyntheticReport,
    rng: random.Random,
    touched: set[str],
    ok: Callable[[Indicator], bool] = lambda i: True,
) -> Indicator:
    free = [i for i in report.measurement if f"i{i.key}" not in touched]
    choice = rng.choice([i for i in free if ok(i)] or free)
    touched.add(f"i{choice.key}")
    return choice


def _free_lines(report: SyntheticReport, pi: int, touched: set[str]) -> list[int]:
    lines = report.programs[pi].lines
    return [n for n, x in enumerate(lines) if f"l{pi}.{n}" not in touched and x.garbage is None]


def _step(rng: random.Random, amount: int) -> int:
    return max(1000, int(round(amount * rng.uniform(0.01, 0.3), -3)))


def _same_figure(report: SyntheticReport, rng: random.Random, touched: set[str]) -> Result:
    real, alloc = report.realisation, report.allocation
    step = max(1000, int(round(real * rng.uniform(1e-5, 1e-2), -3)))
    down = real - step >= 0 and (real + step > alloc or rng.random() < 0.5)
    stated = real - step if down else real + step
    report = replace(
        report,
        ikhtisar_realisation=stated,
        ikhtisar_absorption=percent(stated, report.ikhtisar_allocation),
    )
    text = "ikhtisar states a budget realisation different from chapter III"
    return report, Injection("same-figure", "same-figure", "error", text, (stated, real))


def _percentage(report: SyntheticReport, rng: random.Random, touched: set[str]) -> Result:
    true = percent(report.ikhtisar_realisation, report.ikhtisar_allocation)
    off = round(rng.uniform(1.5, 6.0), 2)
    stated = round(true - off if true - off > 0 and rng.random() < 0.5 else true + off, 2)
    if stated > 100:
        stated = round(true - off, 2)
    text = "ikhtisar states a serapan percentage that is not realisasi/pagu"
    report = replace(report, ikhtisar_absorption=stated)
    return report, Injection("percentage", "percentage", "error", text, (stated, true))


def _total_vs_sum(report: SyntheticReport, rng: random.Random, touched: set[str]) -> Result:
    pi = rng.randrange(len(report.programs))
    program = report.programs[pi]
    if rng.random() < 0.3:
        j = rng.randrange(len(program.rkt))
        name, amount = program.rkt[j]
        rkt = tuple(
            (n, a + _step(rng, a)) if k == j else (n, a) for k, (n, a) in enumerate(program.rkt)
        )
        programs = tuple(
            replace(p, rkt=rkt) if k == pi else p for k, p in enumerate(report.programs)
        )
        values = (program.rkt_total, sum(a for _, a in rkt))
        text = f"RKT JUMLAH ANGGARAN of program {program.name} is not the sum of its kegiatan"
        report = replace(report, programs=programs)
        return report, Injection("total-vs-sum", "total-vs-sum", "error", text, values)
    li = rng.choice(_free_lines(report, pi, touched))
    touched.add(f"l{pi}.{li}")
    line = program.lines[li]
    if line.realisation < 1000 or rng.random() < 0.5:
        report = _with_line(
            report, pi, li, allocation=line.allocation + _step(rng, line.allocation)
        )
        values = (program.stated_allocation, sum(x.allocation for x in report.programs[pi].lines))
        what = "allocation"
    else:
        cut = max(1, round(line.realisation * rng.uniform(0.01, 0.3)))
        report = _with_line(report, pi, li, realisation=line.realisation - cut)
        values = (program.stated_realisation, sum(x.realisation for x in report.programs[pi].lines))
        what = "realisation"
    text = f"total row ({what}) of program {program.code} is not the sum of its lines"
    return report, Injection("total-vs-sum", "total-vs-sum", "error", text, values)


def _capaian(report: SyntheticReport, rng: random.Random, touched: set[str]) -> Result:
    ind = _pick_indicator(report, rng, touched, lambda i: i.score >= 100)
    true = ind.capaian.value
    stated = round(float(true) + rng.uniform(2.0, 15.0), 2)
    report = _with_indicator(report, "measurement", ind.key, capaian=Measure(stated, "%", 2))
    text = f"stated capaian of '{ind.indikator}' is not R/T"
    return report, Injection("capaian", "capaian", "error", text, (stated, true))


def _other_target(rng: random.Random, target: Measure) -> Measure:
    value = float(target.value)
    if target.unit == "%":
        return replace(target, value=rng.choice([v for v in (100, 95, 90, 85, 80) if v != value]))
    if target.unit == "":
        return replace(target, value=int(value) + rng.choice((-5, 5)), decimals=0)
    return replace(target, value=int(value) + rng.randint(1, 5))


def _target_match(report: SyntheticReport, rng: random.Random, touched: set[str]) -> Result:
    ind = _pick_indicator(report, rng, touched)
    target = _other_target(rng, ind.target)
    report = _with_indicator(report, "pk", ind.key, target=target)
    text = f"PK target of '{ind.indikator}' differs from the measurement target"
    values = (target.value, ind.target.value)
    return report, Injection("target-match", "target-match", "warning", text, values)


def _missing_indicator(report: SyntheticReport, rng: random.Random, touched: set[str]) -> Result:
    ind = _pick_indicator(report, rng, touched)
    kept = tuple(i for i in report.measurement if i.key != ind.key)
    reached = ind.score >= 100
    claimed = report.claimed_count - (report.claimed_count == len(report.measurement))
    report = replace(
        report,
        measurement=kept,
        claimed_count=claimed,
        achieved_count=report.achieved_count - reached,
    )
    text = f"PK indicator '{ind.indikator}' is not in the measurement table"
    values = (ind.target.value,)
    return report, Injection("missing-indicator", "missing-indicator", "warning", text, values)


def _breakdown(report: SyntheticReport, rng: random.Random, touched: set[str]) -> Result:
    staff = report.staff
    j = rng.randrange(len(staff.education))
    label, count = staff.education[j]
    delta = rng.choice((1, 2, 3)) if count < 3 or rng.random() < 0.5 else -rng.choice((1, 2, 3))
    education = tuple(
        (lab, n + delta) if k == j else (lab, n) for k, (lab, n) in enumerate(staff.education)
    )
    report = replace(report, staff=replace(staff, education=education))
    values = (sum(n for _, n in education), staff.asn + staff.non_asn)
    text = "staff by education does not add up to the staff total"
    return report, Injection("breakdown", "breakdown", "error", text, values)


def _over_realisation(report: SyntheticReport, rng: random.Random, touched: set[str]) -> Result:
    for pi in rng.sample(range(len(report.programs)), len(report.programs)):
        free = _free_lines(report, pi, touched)
        lines = report.programs[pi].lines
        if len(free) < 2:
            continue
        li = min(rng.sample(free, min(3, len(free))), key=lambda n: lines[n].allocation)
        donor = max((n for n in free if n != li), key=lambda n: lines[n].realisation)
        line = lines[li]
        over = line.allocation + max(1000, int(round(line.allocation * rng.uniform(0.01, 0.1), -3)))
        need = over - line.realisation
        if lines[donor].realisation < need:
            continue
        touched.update({f"l{pi}.{li}", f"l{pi}.{donor}"})
        report = _with_line(report, pi, li, realisation=over)
        report = _with_line(report, pi, donor, realisation=lines[donor].realisation - need)
        text = f"realisation of kegiatan {line.code} exceeds its allocation"
        values = (line.allocation, over)
        return report, Injection("over-realisation", "over-realisation", "error", text, values)
    raise ValueError("no budget line can take an over-realisation")


def _claimed_count(report: SyntheticReport, rng: random.Random, touched: set[str]) -> Result:
    actual = len(report.measurement)
    stated = actual + rng.choice((1, 2, 3)) if actual < 4 or rng.random() < 0.5 else actual - 1
    text = "prose claims a number of indicators different from the measurement table"
    report = replace(report, claimed_count=stated)
    return report, Injection("claimed-count", "claimed-count", "warning", text, (stated, actual))


def _shortfall(rng: random.Random, ind: Indicator) -> Measure:
    t = float(ind.target.value)
    if ind.target.unit in ("%", ""):
        r = round(t * rng.uniform(0.7, 0.97), 2)
        return Measure(r, ind.target.unit, 2) if r != int(r) else Measure(int(r), ind.target.unit)
    return Measure(max(0, int(t) - rng.randint(1, max(1, int(t) // 3))), ind.target.unit)


def _narrative_claim(report: SyntheticReport, rng: random.Random, touched: set[str]) -> Result:
    text = "prose claims all indicators reached their target while one capaian is below 100"
    low = min(report.measurement, key=lambda i: i.score)
    if not report.claim_all and low.score < 100:  # a missing indicator may have taken the low one
        report = replace(report, claim_all=True)
        values = (low.capaian.value,)
        return report, Injection("narrative-claim", "narrative-claim", "error", text, values)
    ind = _pick_indicator(report, rng, touched, lambda i: i.polarity == "higher")
    real = _shortfall(rng, ind)
    cap = capaian_of(ind.target, real, ind.polarity)
    report = _with_indicator(report, "measurement", ind.key, realisasi=real, capaian=cap)
    report = replace(report, claim_all=True, achieved_count=report.achieved_count - 1)
    return report, Injection("narrative-claim", "narrative-claim", "error", text, (cap.value,))


def _unverifiable(report: SyntheticReport, rng: random.Random, touched: set[str]) -> Result:
    pi = max(range(len(report.programs)), key=lambda p: len(_free_lines(report, p, touched)))
    lines, free = report.programs[pi].lines, _free_lines(report, pi, touched)
    li = min(rng.sample(free, min(3, len(free))), key=lambda n: lines[n].allocation)
    touched.add(f"l{pi}.{li}")
    report = _with_line(report, pi, li, garbage=rng.choice(GARBAGE))
    text = f"realisation of kegiatan {lines[li].code} is unreadable: its total cannot be checked"
    values = (lines[li].allocation,)
    return report, Injection("unverifiable", "total-vs-sum", "unverifiable", text, values)


INJECTORS: dict[str, Injector] = {
    "same-figure": _same_figure,
    "total-vs-sum": _total_vs_sum,
    "percentage": _percentage,
    "capaian": _capaian,
    "target-match": _target_match,
    "missing-indicator": _missing_indicator,
    "breakdown": _breakdown,
    "over-realisation": _over_realisation,
    "claimed-count": _claimed_count,
    "narrative-claim": _narrative_claim,
    "unverifiable": _unverifiable,
}
INJECTION_KINDS = tuple(INJECTORS)


def apply_injections(
    report: SyntheticReport, kinds: Sequence[str], rng: random.Random
) -> SyntheticReport:
    """Apply each kind once, in a fixed order, never touching the same row twice."""
    unknown = set(kinds) - set(INJECTORS)
    if unknown:
        raise ValueError(f"unknown injection {sorted(unknown)}; known: {', '.join(INJECTORS)}")
    touched: set[str] = set()
    done: list[Injection] = []
    for kind in INJECTION_KINDS:
        if kind in kinds:
            report, injection = INJECTORS[kind](report, rng, touched)
            done.append(injection)
    return replace(report, injections=tuple(done))


def pick_kinds(count: int, rng: random.Random) -> tuple[str, ...]:
    """``count`` distinct injection kinds chosen at random."""
    return tuple(rng.sample(INJECTION_KINDS, min(count, len(INJECTION_KINDS))))
