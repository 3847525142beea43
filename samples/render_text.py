"""Render a synthetic report as the text an OCR engine would read from its scanned pages."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from itertools import groupby

from samples.synthetic import Indicator, Program, SyntheticReport
from samples.textlayout import Pages, Styler, centre, pad, row, wrap, zip_columns
from samples.vocabulary import FILLER, PENGANTAR, PENUTUP, STAFF, SUPPORT, TUGAS

PK_HEADERS = (
    ["INDIKATOR KINERJA", "NO SASARAN KEGIATAN KEGIATAN TARGET"],
    ["NO SASARAN KEGIATAN INDIKATOR KINERJA TARGET"],
    ["No | Sasaran | Indikator Kinerja | Target"],
)
MEASURE_HEADERS = (
    ["INDIKATOR KINERJA", "NO SASARAN KEGIATAN KEGIATAN TARGET |REALISASI| CAPAIAN"],
    ["NO SASARAN KEGIATAN INDIKATOR KINERJA TARGET REALISASI CAPAIAN"],
    ["No | Sasaran | Indikator Kinerja | Target | Realisasi | Capaian (%)"],
)
ROW_PREFIXES = ("i ", "f ", "r ", "| ")
Values = Callable[[Indicator], list[str]]


@dataclass
class _Ctx:
    report: SyntheticReport
    rng: random.Random
    st: Styler
    pages: Pages

    def para(self, template: str) -> None:
        self.pages.para(self.st.words(self.report.fill(template)), self.rng.randint(68, 82))

    def heading(self, *choices: str) -> None:
        self.pages.add([*self.rng.choice(choices).split("\n"), ""])

    def fillers(self, count: int) -> None:
        for template in self.rng.sample(FILLER, min(count, len(FILLER))):
            self.para(template)
        for template in self.rng.choices(FILLER, k=max(0, count - len(FILLER))):
            self.para(template)


# --- indicator tables ------------------------------------------------------------------------


def _group_lines(ctx: _Ctx, group: list[Indicator], values: Values) -> list[str]:
    """One sasaran with its indicators: numbers centred on each indicator's lines."""
    widths = (ctx.rng.randint(22, 34), ctx.rng.randint(22, 36))
    text: list[str] = []
    columns: list[list[str]] = [[] for _ in values(group[0])]
    for ind in group:
        lines = wrap(ctx.st.words(ind.indikator), widths[1])
        text += lines
        for col, cell in zip(columns, values(ind), strict=True):
            col += centre(ctx.st.num(cell, cell.endswith("%")), len(lines))
    left = wrap(ctx.st.words(group[0].sasaran), widths[0])
    height = max(len(text), len(left))
    no = f"{group[0].no}{ctx.rng.choice(('', '.', ''))}"
    body = [pad(text, height), *(pad(c, height) for c in columns)]
    return zip_columns([centre(no, height), pad(left, height), *body], ctx.rng)


def _groups(items: tuple[Indicator, ...]) -> list[list[Indicator]]:
    return [list(g) for _, g in groupby(items, key=lambda i: (i.no, i.sasaran))]


def _table(ctx: _Ctx, header: list[str], groups: list[list[Indicator]], values: Values) -> None:
    ctx.pages.add(header)
    ctx.pages.header = header
    for group in groups:
        ctx.pages.add(_group_lines(ctx, group, values))
    ctx.pages.header = []
    ctx.pages.add([""])


def _targets(ctx: _Ctx) -> Values:
    return lambda i: [ctx.st.measure(i.target)]


def _measured(ctx: _Ctx) -> Values:
    st = ctx.st
    return lambda i: [st.measure(i.target), st.measure(i.realisasi), st.measure(i.capaian)]


def _measurement_table(ctx: _Ctx) -> None:
    _table(ctx, ctx.rng.choice(MEASURE_HEADERS), _groups(ctx.report.measurement), _measured(ctx))


# --- sections -------------------------------------------------------------------------------


def _pengantar(ctx: _Ctx) -> None:
    ctx.heading("KATA PENGANTAR", "KATA  PENGANTAR")
    for template in PENGANTAR:
        ctx.para(template)
    ctx.pages.add(
        [f"{ctx.report.entity.town}, {ctx.rng.randint(2, 28)} Januari {ctx.report.year + 1}"]
    )


def _ikhtisar(ctx: _Ctx) -> None:
    r, st = ctx.report, ctx.st
    ctx.heading("IKHTISAR EKSEKUTIF", "IKHTISAR EKSKLUSIF", "RINGKASAN EKSEKUTIF")
    ctx.fillers(1)
    if r.ikhtisar_table:
        ctx.para(
            "{short} telah melakukan pengukuran kinerja terhadap Perjanjian Kinerja (PK) "
            "Tahun {year} sebagaimana Tabel dibawah ini :"
        )
        _measurement_table(ctx)
    ctx.fillers(1)
    ctx.pages.para(
        f"Selanjutnya, berdasarkan analisis akuntabilitas keuangan tahun anggaran {r.year}, "
        f"{r.entity.short} diamanatkan untuk mengelola Dana APBN dengan pagu total sebesar "
        f"{st.rp(r.ikhtisar_allocation)} dengan realisasi anggaran sebesar "
        f"{st.rp(r.ikhtisar_realisation)} atau ekuivalen dengan "
        f"{st.dec(r.ikhtisar_absorption, 2)}%, dengan pengelolaan dan pertanggungjawaban "
        "mengikuti mekanisme APBN.",
        ctx.rng.randint(68, 82),
    )


def _staff_rows(ctx: _Ctx, title: str, parts: tuple[tuple[str, int], ...]) -> None:
    if not parts:
        return
    seps = (" ", " | ", " |")
    rows = [
        f"{n}{ctx.rng.choice(seps)}{label} {count}" for n, (label, count) in enumerate(parts, 1)
    ]
    ctx.pages.add(["", title, "", *rows])


def _bab1(ctx: _Ctx) -> None:
    r, s = ctx.report, ctx.report.staff
    ctx.heading("BAB I\nPENDAHULUAN", "BAB |\nPENDAHULUAN", "BAB I PENDAHULUAN")
    ctx.pages.add(["A. Latar Belakang"])
    ctx.fillers(4 * r.prose_scale)
    ctx.pages.add(["B. Kedudukan, Tugas dan Fungsi", ""])
    ctx.para("{name} mempunyai tugas sebagai berikut :")
    for n, task in enumerate(ctx.rng.sample(TUGAS, ctx.rng.randint(4, len(TUGAS))), 1):
        ctx.pages.add([f"{n}. {ctx.st.words(task)};"])
    ctx.heading("C. Sumber Daya Manusia", "Sumber Daya Manusia", "D. SUMBER DAYA MANUSIA")
    for template in STAFF:
        ctx.para(template.format(**s.counts()))
    ctx.pages.add([f"Data Pegawai {r.entity.short}", ""])
    _staff_rows(ctx, "No. | Kelompok Jabatan Struktural Jumlah", s.jabatan)
    _staff_rows(ctx, "Berdasarkan Pangkat/Golongan", s.pangkat)
    _staff_rows(ctx, "Berdasarkan Tingkat Pendidikan", s.education)
    _staff_rows(ctx, "Berdasarkan Status Kepegawaian", (("PNS", s.asn), ("PPNPN", s.non_asn)))


def _pk_split(ctx: _Ctx, groups: list[list[Indicator]]) -> None:
    header = ctx.rng.choice(PK_HEADERS)
    while groups:
        size = ctx.rng.randint(1, 2)
        take, groups = groups[:size], groups[size:]
        _table(ctx, header, take, _targets(ctx))
        names = ", ".join(g[0].sasaran for g in take)
        ctx.para(
            f"{take[0][0].no}. {names}. Indikator kinerja kegiatan dan target sebagaimana "
            "pada table di atas."
        )


def _bab2(ctx: _Ctx) -> None:
    r = ctx.report
    ctx.heading("BAB II\nPERENCANAAN KINERJA", "BAB Il\nPERENCANAAN KINERJA")
    ctx.pages.add(["A. RENCANA STRATEGIS"])
    ctx.fillers(3 * r.prose_scale)
    ctx.heading(f"B. RENCANA KINERJA {r.year}")
    ctx.para(
        "{short} dalam melaksanakan kegiatan berpedoman pada Renstra yang memuat seluruh "
        "target kinerja yang hendak dicapai pada tahun {year} yaitu:"
    )
    ctx.pages.add([f"Rencana Kinerja {r.year}", ""])
    _table(ctx, ["No Sasaran Strategis Indikator Kinerja Target"], _groups(r.plan), _targets(ctx))
    ctx.heading(f"C. PERJANJIAN KINERJA {r.year}", f"C. PERJANJIAN KINERJA TAHUN {r.year}")
    ctx.para(
        "Dalam rangka melaksanakan Renstra dan Rencana Kinerja Tahunan (RKT) Tahun {year}, "
        "{short} menetapkan Perjanjian Kinerja yang dijabarkan sebagai berikut:"
    )
    if ctx.rng.random() < 0.5:
        _table(ctx, ctx.rng.choice(PK_HEADERS), _groups(r.pk), _targets(ctx))
    else:
        _pk_split(ctx, _groups(r.pk))


def _lookalikes(ctx: _Ctx, year: int) -> None:
    """Tables that look like measurement rows but are not: year-on-year and statistics."""
    st, rng = ctx.st, ctx.rng
    ctx.para("Apabila dibandingkan dengan tahun {prev}, maka kurang lebih seperti berikut :")
    ctx.pages.add(
        [
            f"Target {year - 1} Realisasi {year - 1} Target {year} Realisasi {year}",
            f"{rng.randint(1, 12)} Dokumen {rng.choice((100, 95))} % {rng.randint(1, 12)} kali "
            f"{rng.choice((100, 90))} %",
            "",
        ]
    )
    if rng.random() < 0.5:
        men, women = rng.randint(50_000, 1_500_000), rng.randint(50_000, 1_500_000)
        counts = [rng.randint(5, 40), rng.randint(50, 400), rng.randint(300, 6000)]
        ctx.pages.add(
            [
                "| REKAPITULASI DAFTAR PEMILIH TETAP (DPT) |",
                ctx.report.entity.region.upper(),
                "JUMLAH JUMLAH JUMLAH JUMLAH",
                "LAKI-LAKI | PEREMPUAN",
                "KEC DESA/KEL TPS PEMILIH",
                f"{counts[0]} {counts[1]} . {st.int(counts[2])} {st.int(men)} {st.int(women)} | "
                f"{st.int(men + women)}",
                "",
            ]
        )


def _analysis(ctx: _Ctx) -> None:
    r = ctx.report
    ctx.para(r.claim_sentence())
    for group in _groups(r.measurement):
        ctx.pages.add([f"{group[0].no}. {ctx.st.words(group[0].sasaran)}", ""])
        names = " dan ".join(i.indikator for i in group)
        ctx.para(SUPPORT.format(names=names))
        if ctx.rng.random() < 0.35:
            _lookalikes(ctx, r.year)


def _bab3(ctx: _Ctx) -> None:
    ctx.heading("BAB III\nAKUNTABILITAS KINERJA", "BAB Ill\nAKUNTABILITAS KINERJA")
    ctx.heading("A. PENGUKURAN CAPAIAN KINERJA ORGANISASI", "A. PENGUKURAN CAPAIAN KINERJA")
    ctx.fillers(1)
    ctx.para(
        "Pengukuran kinerja terhadap Perjanjian Kinerja (PK) {short} Tahun {year} "
        "sebagaimana Tabel dibawah ini :"
    )
    _measurement_table(ctx)
    _analysis(ctx)
    ctx.pages.new_page()
    _realisasi(ctx)


def _budget_rows(ctx: _Ctx, p: Program) -> None:
    st, rng = ctx.st, ctx.rng
    width = rng.choice((30, 45, 200))
    for x in p.lines:
        real = x.garbage or st.num(st.int(x.realisation))
        prefix = rng.choice(ROW_PREFIXES) if st.chance() else ""
        cells = [prefix + x.code, x.name, st.num(st.int(x.allocation)), real]
        ctx.pages.add(row(cells, [6, width, 18, 18], [True, False, True, True], rng))
    ctx.pages.add([f"{st.int(p.stated_allocation)} {st.int(p.stated_realisation)}", ""])


def _budget_columns(ctx: _Ctx, p: Program) -> None:
    """The column-major way OCR reads some tables: number pairs first, then codes and names."""
    st = ctx.st
    pairs = [
        f"{st.num(st.int(x.allocation))} {x.garbage or st.num(st.int(x.realisation))}"
        for x in p.lines
    ]
    total = f"{st.int(p.stated_allocation)} {st.int(p.stated_realisation)}"
    ctx.pages.add(["Anggaran", "Alokasi Realisasi (Kumulatif)", *pairs, total, ""])
    ctx.pages.add(["Kode Kegiatan Nama Kegiatan", ""])
    ctx.pages.add([f"{x.code} {st.words(x.name)}" for x in p.lines] + [""])


def _program(ctx: _Ctx, p: Program) -> None:
    r, st = ctx.report, ctx.st
    ctx.pages.add([f"- Program {p.name}", "", "(alokasi dan realisasi anggaran)", ""])
    ctx.pages.para(
        f"Alokasi anggaran pada DIPA TA {r.year} {r.entity.short} Program {p.name} ({p.code}) "
        f"sebesar {st.rp(p.stated_allocation)} dengan realiasasi sebesar "
        f"{st.rp(p.stated_realisation)} dengan rincian sebagai berikut",
        ctx.rng.randint(68, 82),
    )
    if ctx.rng.random() < 0.25:
        _budget_columns(ctx, p)
        return
    if ctx.rng.random() < 0.5:
        ctx.pages.add(["Kode Kegiatan | Nama Kegiatan | Alokasi | Realisasi", ""])
    else:
        header = ("Kode Kegiatan", "Nama Kegiatan", "Anggaran", "Alokasi", "Realisasi (Kumulatif)")
        ctx.pages.add([x for h in header for x in (h, "")])
    _budget_rows(ctx, p)


def _realisasi(ctx: _Ctx) -> None:
    r, st = ctx.report, ctx.st
    ctx.heading("B. REALISASI ANGGARAN", "B. Realisasi Anggaran")
    ctx.para(
        "Adapun Pagu dan realisasi anggaran {short} Tahun {year} dapat dilihat pada tabel "
        "sebagai berikut :"
    )
    pct = st.num(st.dec(r.absorption, 2) + "%", percent=True)
    ctx.pages.add(
        [
            "Pagu",
            "Realisasi",
            str(r.year),
            "",
            f"Rp. {st.int(r.allocation)}",
            "",
            f"Rp. {st.int(r.realisation)}",
            "",
            pct,
            "",
        ]
    )
    for p in r.programs:
        _program(ctx, p)
    names = " dan ".join(f"Program {p.name} ({p.code})" for p in r.programs)
    ctx.pages.para(
        f"Total Alokasi anggaran pada DIPA TA {r.year} {r.entity.short} {names} sebesar "
        f"{st.rp(r.allocation)} dengan realiasasi sebesar {st.rp(r.realisation)}",
        ctx.rng.randint(68, 82),
    )


def _bab4(ctx: _Ctx) -> None:
    ctx.heading("BAB IV\nPENUTUP", "BAB IV PENUTUP")
    for template in PENUTUP:
        ctx.para(template)
    ctx.fillers(3 * (ctx.report.prose_scale - 1))


def _pk_document(ctx: _Ctx, items: tuple[Indicator, ...], signer: str) -> None:
    r, e, st = ctx.report, ctx.report.entity, ctx.st
    ctx.pages.add([e.name.upper(), "", f"PERJANJIAN KINERJA TAHUN {r.year}", ""])
    ctx.para(
        "Dalam rangka mewujudkan manajemen pemerintahan yang efektif, transparan dan "
        "akuntabel serta berorientasi pada hasil, yang bertandatangan di bawah ini:"
    )
    ctx.pages.add([f"Nama : {signer}", f"Jabatan : Kepala {e.short}", ""])
    ctx.pages.new_page()
    ctx.pages.add([f"PERJANJIAN KINERJA TAHUN {r.year}", e.name.upper(), ""])
    header = ctx.rng.choice([[""], *PK_HEADERS])
    _table(ctx, header, _groups(items), _targets(ctx))
    ctx.pages.add(["Program Anggaran"])
    for n, p in enumerate(r.programs, 1):
        cells = [f"{n}. {p.name}", st.rp(p.pk_budget)]
        ctx.pages.add(row(cells, [ctx.rng.randint(26, 40), 24], [False, True], ctx.rng))
    ctx.pages.add(["", f"{e.town}, 02 Januari {r.year}"])
    ctx.pages.new_page()


def _rkt_program(ctx: _Ctx, p: Program) -> None:
    st, rng = ctx.st, ctx.rng
    target = st.num(rng.choice(("90%", "90%", "90 %")), percent=True)
    ctx.pages.add(row([p.name, st.int(p.pk_budget), target], [26, 18, 4], [False, True, True], rng))
    for name, amount in p.rkt:
        cells = [st.words(name), st.num(st.int(amount)), st.num("90%", percent=True)]
        ctx.pages.add(row(cells, [rng.randint(24, 32), 18, 4], [False, True, True], rng))
        for _ in range(rng.randint(0, 2)):
            filler = [f"Layanan {st.words(name)}", "Layanan Dukungan Manajemen", name]
            ctx.pages.add(row(filler, [20, 20, 20], [False] * 3, rng))
    total = st.int(p.rkt_total)
    ctx.pages.add(
        ["JUMLAH ANGGARAN", total, ""] if rng.random() < 0.5 else [f"JUMLAH ANGGARAN {total}", ""]
    )


def _lampiran(ctx: _Ctx) -> None:
    r = ctx.report
    ctx.heading("LAMPIRAN", "LAMPIRAN-LAMPIRAN")
    _pk_document(ctx, r.pk, r.signatories[0])
    if r.pk2:
        _pk_document(ctx, r.pk2, r.signatories[1])
    ctx.pages.add(
        [f"RENCANA KERJA TAHUNAN {r.entity.short.upper()}", f"TAHUN ANGGARAN {r.year}", ""]
    )
    header = ["Program Kegiatan Sasaran Indikator output Uraian kegiatan Anggaran Target"]
    ctx.pages.add(header)
    for p in r.programs:
        _rkt_program(ctx, p)
    grand = sum(p.pk_budget for p in r.programs)
    ctx.pages.add(["", f"APBN : {ctx.st.int(grand)}", "", f"{r.entity.town}, Januari {r.year}"])


SECTIONS = (_pengantar, _ikhtisar, _bab1, _bab2, _bab3, _bab4, _lampiran)


def render_text(report: SyntheticReport, seed: int, noise: float = 0.02) -> str:
    """The report as OCR text; ``seed`` picks layout and number style, ``noise`` the OCR errors."""
    rng = random.Random(f"render-{seed}")
    e = report.entity
    if rng.random() < 0.5:
        footer = (f"Laporan Kinerja (LKj) {e.name}", f"{e.short} Tahun {report.year}")
    else:
        body = e.name.removesuffix(f" {e.region}")
        footer = (f"Laporan Kinerja (LKj) {body}", f"{e.region} Tahun {report.year}")
    styler = Styler(rng, rng.choice(("id", "en", "mixed")), noise)
    ctx = _Ctx(report, rng, styler, Pages(rng, footer, page_len=rng.randint(35, 55)))
    for section in SECTIONS:
        section(ctx)
        ctx.pages.new_page()
    return ctx.pages.text()
