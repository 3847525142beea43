"""Render a synthetic report as a digital A4 PDF: ruled tables, several fonts, a text layer."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import groupby

from reportlab.lib.units import cm
from reportlab.platypus import Spacer

from samples.pdflayout import FONTS, Story, build_pdf
from samples.synthetic import Indicator, Program, SyntheticReport
from samples.textlayout import Styler
from samples.vocabulary import FILLER, KECAMATAN, PENGANTAR, PENUTUP, STAFF, SUPPORT, TUGAS


@dataclass
class _Ctx:
    """The report being laid out, its number styler and the story of flowables."""

    report: SyntheticReport
    rng: random.Random
    st: Styler
    doc: Story

    def para(self, template: str) -> None:
        self.doc.text(self.report.fill(template))

    def fillers(self, count: int) -> None:
        picks = self.rng.sample(FILLER, min(count, len(FILLER)))
        for template in picks + self.rng.choices(FILLER, k=max(0, count - len(FILLER))):
            self.para(template)


def _groups(items: tuple[Indicator, ...]) -> list[list[Indicator]]:
    return [list(g) for _, g in groupby(items, key=lambda i: (i.no, i.sasaran))]


def _indicator_table(ctx: _Ctx, items: Sequence[Indicator], measured: bool) -> None:
    """No | Sasaran | Indikator | Target [| Realisasi | Capaian], sasaran cells spanning rows."""
    st = ctx.st
    sasaran = ctx.rng.choice(("Sasaran Kegiatan", "Sasaran Strategis", "Sasaran"))
    header = ["No", sasaran, "Indikator Kinerja", "Target"]
    header += ["Realisasi", ctx.rng.choice(("Capaian", "Capaian (%)"))] if measured else []
    rows: list[list[str]] = []
    spans: list[tuple] = []
    for group in _groups(tuple(items)):
        top = len(rows) + 1
        for k, i in enumerate(group):
            values = [st.measure(i.target)]
            values += [st.measure(i.realisasi), st.measure(i.capaian)] if measured else []
            rows.append([str(i.no) if not k else "", i.sasaran if not k else "", i.indikator])
            rows[-1] += values
        bottom = len(rows)
        spans += [("SPAN", (c, top), (c, bottom)) for c in (0, 1) if bottom > top]
    cols = [(0.0, "C"), (3.0, "L"), (4.0, "L")] + [(0.0, "C")] * (3 if measured else 1)
    ctx.doc.table(header, rows, cols, spans)


# --- sections -------------------------------------------------------------------------------


def _cover(ctx: _Ctx) -> None:
    r = ctx.report
    ctx.doc.flowables.append(Spacer(1, 6 * cm))
    for line in ("LAPORAN KINERJA", "(LKj)", r.entity.name.upper(), f"TAHUN {r.year}"):
        ctx.doc.text(line, "C", bold=True)


def _pengantar(ctx: _Ctx) -> None:
    ctx.doc.heading("KATA PENGANTAR", align="C")
    for template in PENGANTAR:
        ctx.para(template)
    r = ctx.report
    ctx.doc.text(f"{r.entity.town}, {ctx.rng.randint(2, 28)} Januari {r.year + 1}", "R")


def _ikhtisar(ctx: _Ctx) -> None:
    r, st = ctx.report, ctx.st
    ctx.doc.heading("IKHTISAR EKSEKUTIF", "RINGKASAN EKSEKUTIF", align="C")
    ctx.fillers(1)
    if r.ikhtisar_table:
        ctx.para(
            "{short} telah melakukan pengukuran kinerja terhadap Perjanjian Kinerja (PK) "
            "Tahun {year} sebagaimana Tabel dibawah ini :"
        )
        _indicator_table(ctx, r.measurement, measured=True)
    ctx.fillers(1)
    ctx.doc.text(
        f"Selanjutnya, berdasarkan analisis akuntabilitas keuangan tahun anggaran {r.year}, "
        f"{r.entity.short} diamanatkan untuk mengelola Dana APBN dengan pagu total sebesar "
        f"{st.rp(r.ikhtisar_allocation)} dengan realisasi anggaran sebesar "
        f"{st.rp(r.ikhtisar_realisation)} atau ekuivalen dengan "
        f"{st.dec(r.ikhtisar_absorption, 2)}%, dengan pengelolaan dan pertanggungjawaban "
        "mengikuti mekanisme APBN."
    )


def _staff_table(ctx: _Ctx, title: str, column: str, parts: tuple[tuple[str, int], ...]) -> None:
    if parts:
        ctx.doc.text(title, "L", bold=True)
        rows = [[str(n), label, str(count)] for n, (label, count) in enumerate(parts, 1)]
        ctx.doc.table(["No", column, "Jumlah"], rows, [(0.0, "C"), (3.0, "L"), (1.0, "C")])


def _voters(ctx: _Ctx) -> None:
    """A KPU's voter roll by kecamatan, with its JUMLAH row: numbers that are no budget."""
    rng, st = ctx.rng, ctx.st
    places = rng.sample(KECAMATAN, rng.randint(3, 6))
    counts = [(rng.randint(9_000, 40_000), rng.randint(9_000, 40_000)) for _ in places]
    rows = [
        [str(n), place, st.int(men), st.int(women), st.int(men + women)]
        for n, (place, (men, women)) in enumerate(zip(places, counts, strict=True), 1)
    ]
    men, women = (sum(c[k] for c in counts) for k in (0, 1))
    total = ["", "JUMLAH", st.int(men), st.int(women), st.int(men + women)]
    ctx.doc.text("Rekapitulasi Daftar Pemilih Tetap", "C", bold=True)
    header = ["No", "Kecamatan", "Laki-laki", "Perempuan", "Jumlah"]
    ctx.doc.table(header, rows, [(0.0, "C"), (3.0, "L")] + [(1.0, "R")] * 3, total=total)


def _bab1(ctx: _Ctx) -> None:
    r, s = ctx.report, ctx.report.staff
    ctx.doc.heading("BAB I\nPENDAHULUAN", "BAB I PENDAHULUAN", align="C")
    ctx.doc.heading("A. Latar Belakang")
    ctx.fillers(4 * r.prose_scale)
    ctx.doc.heading("B. Kedudukan, Tugas dan Fungsi")
    ctx.para("{name} mempunyai tugas sebagai berikut :")
    for n, task in enumerate(ctx.rng.sample(TUGAS, ctx.rng.randint(4, len(TUGAS))), 1):
        ctx.doc.text(f"{n}. {task};", "L")
    ctx.doc.heading("C. Sumber Daya Manusia", "D. SUMBER DAYA MANUSIA")
    for template in STAFF:
        ctx.para(template.format(**s.counts()))
    if r.entity.kind == "KPU" and ctx.rng.random() < 0.5:
        _voters(ctx)
    ctx.doc.text(f"Data Pegawai {r.entity.short}", "C", bold=True)
    _staff_table(ctx, "Berdasarkan Jabatan Struktural", "Kelompok Jabatan", s.jabatan)
    _staff_table(ctx, "Berdasarkan Pangkat/Golongan", "Golongan", s.pangkat)
    _staff_table(ctx, "Berdasarkan Tingkat Pendidikan", "Pendidikan", s.education)
    status = (("PNS", s.asn), ("PPNPN", s.non_asn))
    _staff_table(ctx, "Berdasarkan Status Kepegawaian", "Status", status)


def _pk_split(ctx: _Ctx, groups: list[list[Indicator]]) -> None:
    while groups:
        size = ctx.rng.randint(1, 2)
        take, groups = groups[:size], groups[size:]
        _indicator_table(ctx, [i for g in take for i in g], measured=False)
        names = ", ".join(g[0].sasaran for g in take)
        ctx.doc.text(
            f"{take[0][0].no}. {names}. Indikator kinerja kegiatan dan target sebagaimana "
            "pada table di atas."
        )


def _renstra(ctx: _Ctx) -> None:
    """The Renstra's yearly targets of the PK indicators (90% and so on): a look-alike PK."""
    r, rng = ctx.report, ctx.rng
    first = r.year - rng.randint(0, 3)
    header = ["No", "Indikator Kinerja", *(f"Target {y}" for y in range(first, first + 5))]
    rows = [
        [str(n), i.indikator, *(f"{rng.choice((85, 90, 90, 95))}%" for _ in range(5))]
        for n, i in enumerate(r.pk, 1)
    ]
    ctx.doc.table(header, rows, [(0.0, "C"), (5.0, "L")] + [(0.0, "C")] * 5)


def _bab2(ctx: _Ctx) -> None:
    r = ctx.report
    ctx.doc.heading("BAB II\nPERENCANAAN KINERJA", "BAB II PERENCANAAN KINERJA", align="C")
    ctx.doc.heading("A. RENCANA STRATEGIS")
    ctx.fillers(3 * r.prose_scale)
    renstra = ctx.rng.choice(("plan", "pk", None, None))  # in the plan section or beside the PK
    if renstra == "plan":
        _renstra(ctx)
    ctx.doc.heading(f"B. RENCANA KINERJA {r.year}")
    ctx.para(
        "{short} dalam melaksanakan kegiatan berpedoman pada Renstra yang memuat seluruh "
        "target kinerja yang hendak dicapai pada tahun {year} yaitu:"
    )
    ctx.doc.text(f"Rencana Kinerja {r.year}", "C", bold=True)
    _indicator_table(ctx, r.plan, measured=False)
    ctx.doc.heading(f"C. PERJANJIAN KINERJA {r.year}", f"C. PERJANJIAN KINERJA TAHUN {r.year}")
    ctx.para(
        "Dalam rangka melaksanakan Renstra dan Rencana Kinerja Tahunan (RKT) Tahun {year}, "
        "{short} menetapkan Perjanjian Kinerja yang dijabarkan sebagai berikut:"
    )
    if ctx.rng.random() < 0.5:
        _indicator_table(ctx, r.pk, measured=False)
    else:
        _pk_split(ctx, _groups(r.pk))
    if renstra == "pk":
        ctx.para("Target tersebut selaras dengan target Renstra {short} sebagai berikut:")
        _renstra(ctx)


def _lookalikes(ctx: _Ctx, year: int) -> None:
    """A year-on-year table that looks like measurement rows but is not: bare values, or the
    indicators' realisations of three years."""
    rng = ctx.rng
    if rng.random() < 0.5:
        header = [
            "No",
            "Indikator Kinerja",
            *(f"Realisasi {y}" for y in (year - 2, year - 1, year)),
        ]
        picks = rng.sample(ctx.report.measurement, min(3, len(ctx.report.measurement)))
        rows = [
            [str(n), i.indikator, *(f"{rng.randint(60, 100)}%" for _ in range(3))]
            for n, i in enumerate(picks, 1)
        ]
        ctx.doc.table(header, rows, [(0.0, "C"), (5.0, "L")] + [(0.0, "C")] * 3)
        return
    ctx.para("Apabila dibandingkan dengan tahun {prev}, maka kurang lebih seperti berikut :")
    header = [f"Target {year - 1}", f"Realisasi {year - 1}", f"Target {year}", f"Realisasi {year}"]
    row = [f"{rng.randint(1, 12)} Dokumen", f"{rng.choice((100, 95))} %"]
    row += [f"{rng.randint(1, 12)} kali", f"{rng.choice((100, 90))} %"]
    ctx.doc.table(header, [row], [(1.0, "C")] * 4)


def _analysis(ctx: _Ctx) -> None:
    r = ctx.report
    ctx.doc.text(r.claim_sentence())
    for group in _groups(r.measurement):
        ctx.doc.text(f"{group[0].no}. {group[0].sasaran}", "L", bold=True)
        names = " dan ".join(i.indikator for i in group)
        ctx.para(SUPPORT.format(names=names))
        if ctx.rng.random() < 0.35:
            _lookalikes(ctx, r.year)


def _bab3(ctx: _Ctx) -> None:
    ctx.doc.heading("BAB III\nAKUNTABILITAS KINERJA", "BAB III AKUNTABILITAS KINERJA", align="C")
    ctx.doc.heading("A. PENGUKURAN CAPAIAN KINERJA ORGANISASI", "A. PENGUKURAN CAPAIAN KINERJA")
    ctx.fillers(1)
    ctx.para(
        "Pengukuran kinerja terhadap Perjanjian Kinerja (PK) {short} Tahun {year} "
        "sebagaimana Tabel dibawah ini :"
    )
    _indicator_table(ctx, ctx.report.measurement, measured=True)
    _analysis(ctx)
    ctx.doc.page_break()
    _realisasi(ctx)


def _budget_table(ctx: _Ctx, p: Program) -> None:
    """Kegiatan lines under a header, and the program total row."""
    st = ctx.st
    header = [
        "Kode Kegiatan",
        "Nama Kegiatan",
        "Alokasi",
        ctx.rng.choice(("Realisasi", "Realisasi (Kumulatif)")),
    ]
    rows = [
        [x.code, x.name, st.int(x.allocation), x.garbage or st.int(x.realisation)] for x in p.lines
    ]
    label = ctx.rng.choice(("JUMLAH", "Jumlah", "TOTAL", ""))
    total = ["", label, st.int(p.stated_allocation), st.int(p.stated_realisation)]
    cols = [(0.0, "C"), (ctx.rng.uniform(2, 5), "L"), (0.0, "R"), (0.0, "R")]
    ctx.doc.table(header, rows, cols, total=total)


def _realisasi(ctx: _Ctx) -> None:
    r, st = ctx.report, ctx.st
    ctx.doc.heading("B. REALISASI ANGGARAN", "B. Realisasi Anggaran")
    ctx.para(
        "Adapun Pagu dan realisasi anggaran {short} Tahun {year} dapat dilihat pada tabel "
        "sebagai berikut :"
    )
    row = [str(r.year), f"Rp. {st.int(r.allocation)}", f"Rp. {st.int(r.realisation)}"]
    row.append(st.dec(r.absorption, 2) + "%")
    ctx.doc.table(
        ["Tahun", "Pagu", "Realisasi", "%"],
        [row],
        [(1.0, "C"), (0.0, "R"), (0.0, "R"), (1.0, "C")],
    )
    for p in r.programs:
        ctx.doc.heading(f"- Program {p.name}")
        ctx.doc.text("(alokasi dan realisasi anggaran)", "L")
        ctx.doc.text(
            f"Alokasi anggaran pada DIPA TA {r.year} {r.entity.short} Program {p.name} "
            f"({p.code}) sebesar {st.rp(p.stated_allocation)} dengan realiasasi sebesar "
            f"{st.rp(p.stated_realisation)} dengan rincian sebagai berikut"
        )
        _budget_table(ctx, p)
    names = " dan ".join(f"Program {p.name} ({p.code})" for p in r.programs)
    ctx.doc.text(
        f"Total Alokasi anggaran pada DIPA TA {r.year} {r.entity.short} {names} sebesar "
        f"{st.rp(r.allocation)} dengan realiasasi sebesar {st.rp(r.realisation)}"
    )


def _bab4(ctx: _Ctx) -> None:
    ctx.doc.heading("BAB IV\nPENUTUP", "BAB IV PENUTUP", align="C")
    for template in PENUTUP:
        ctx.para(template)
    ctx.fillers(3 * (ctx.report.prose_scale - 1))


def _pk_document(ctx: _Ctx, items: tuple[Indicator, ...], signer: str) -> None:
    r, e, st = ctx.report, ctx.report.entity, ctx.st
    ctx.doc.heading(f"{e.name.upper()}\nPERJANJIAN KINERJA TAHUN {r.year}", align="C")
    ctx.para(
        "Dalam rangka mewujudkan manajemen pemerintahan yang efektif, transparan dan "
        "akuntabel serta berorientasi pada hasil, yang bertandatangan di bawah ini:"
    )
    ctx.doc.text(f"Nama : {signer}", "L")
    ctx.doc.text(f"Jabatan : Kepala {e.short}", "L")
    if ctx.rng.random() < 0.5:
        ctx.doc.page_break()
    ctx.doc.heading(f"PERJANJIAN KINERJA TAHUN {r.year}\n{e.name.upper()}", align="C")
    _indicator_table(ctx, items, measured=False)
    rows = [[f"{n}. {p.name}", st.rp(p.pk_budget)] for n, p in enumerate(r.programs, 1)]
    ctx.doc.table(["Program", "Anggaran"], rows, [(3.0, "L"), (0.0, "R")])
    ctx.doc.text(f"{e.town}, 02 Januari {r.year}", "R")
    ctx.doc.page_break()


def _rkt_rows(ctx: _Ctx, p: Program) -> list[list[str]]:
    st = ctx.st
    rows = [[p.name, "", "", st.int(p.pk_budget), ctx.rng.choice(("90%", "90 %"))]]
    for name, amount in p.rkt:
        rows.append([name, "Layanan Dukungan Manajemen", f"Layanan {name}", st.int(amount), "90%"])
    return [*rows, ["JUMLAH ANGGARAN", "", "", st.int(p.rkt_total), ""]]


def _rkt(ctx: _Ctx) -> None:
    """The RKT appendix, on a landscape page half of the time."""
    r = ctx.report
    wide = ctx.rng.random() < 0.5
    if wide:
        ctx.doc.landscape(True)
    ctx.doc.heading(
        f"RENCANA KERJA TAHUNAN {r.entity.short.upper()}\nTAHUN ANGGARAN {r.year}", align="C"
    )
    header = ["Program / Kegiatan", "Sasaran", "Indikator Output", "Anggaran", "Target"]
    cols = [(3.0, "L"), (2.0, "L"), (2.0, "L"), (0.0, "R"), (0.0, "C")]
    for p in r.programs:
        *rows, total = _rkt_rows(ctx, p)
        ctx.doc.table(header, rows, cols, total=total)
    ctx.doc.text(f"APBN : {ctx.st.int(sum(p.pk_budget for p in r.programs))}", "L", bold=True)
    ctx.doc.text(f"{r.entity.town}, Januari {r.year}", "R")
    if wide:
        ctx.doc.landscape(False)


def _lampiran(ctx: _Ctx) -> None:
    r = ctx.report
    ctx.doc.heading("LAMPIRAN", "LAMPIRAN-LAMPIRAN", align="C")
    _pk_document(ctx, r.pk, r.signatories[0])
    if r.pk2:
        _pk_document(ctx, r.pk2, r.signatories[1])
    _rkt(ctx)


SECTIONS = (_cover, _pengantar, _ikhtisar, _bab1, _bab2, _bab3, _bab4, _lampiran)
RUN_ON = (_ikhtisar, _bab4)  # sections that may go on under the previous one


def render_pdf(report: SyntheticReport, seed: int) -> bytes:
    """The report as a digital PDF; ``seed`` picks font, size, number style and layout."""
    rng = random.Random(f"render-pdf-{seed}")
    story = Story(rng, rng.choice(FONTS), rng.choice((9.5, 10.0, 10.5, 11.0)))
    ctx = _Ctx(report, rng, Styler(rng, rng.choice(("id", "en", "mixed")), noise=0.0), story)
    for section in SECTIONS:
        if story.flowables and (section not in RUN_ON or rng.random() < 0.5):
            story.page_break()
        section(ctx)
    e = report.entity
    lines = (f"Laporan Kinerja (LKj) {e.name}", f"{e.short} Tahun {report.year}")
    return build_pdf(
        story, lambda page: (f"{lines[0]} {page}", lines[1]), f"LKj {e.name} {report.year}"
    )
