"""The lkj command, in-process through main(argv) and once as a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from extractor import __version__
from reconcile.cli import main

CLEAN_REPORT = """\
KATA PENGANTAR
Laporan Kinerja Dinas Perikanan Kabupaten Sukamaju Tahun 2023 ini disusun.

IKHTISAR EKSEKUTIF
Dinas Perikanan Kabupaten Sukamaju mengelola pagu total sebesar Rp.1.000.000.000 dengan
realisasi anggaran sebesar Rp.950.000.000 atau ekuivalen dengan 95,00%.
"""


@pytest.fixture()
def report_file(tmp_path: Path) -> Path:
    path = tmp_path / "laporan.txt"
    path.write_text(CLEAN_REPORT, encoding="utf-8")
    return path


def test_version(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert __version__ in capsys.readouterr().out


def test_help_teaches_with_examples(capsys):
    with pytest.raises(SystemExit):
        main(["check", "--help"])
    out = capsys.readouterr().out
    assert "examples:" in out and "--format" in out and "exit codes" in out


def test_clean_report_exits_zero_and_prints_summary(report_file, capsys):
    assert main(["check", str(report_file)]) == 0
    out = capsys.readouterr().out
    assert "Dinas Perikanan Kabupaten Sukamaju 2023" in out
    assert "0 errors" in out


def test_contradicting_figures_exit_one_with_json(report_file, capsys):
    text = CLEAN_REPORT + (
        "\nB. REALISASI ANGGARAN\n\nTotal Alokasi anggaran pada DIPA sebesar Rp. 1.000.000.000,- "
        "dengan realisasi sebesar Rp. 940.000.000,-\n"
    )
    report_file.write_text(text, encoding="utf-8")
    assert main(["check", str(report_file), "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["schema"] == "lkj-check/1"
    assert data["input_kind"] == "text"
    errors = [f for f in data["findings"] if f["severity"] == "error"]
    assert any(f["rule"] == "same-figure" and f["difference"] == 10000000 for f in errors)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (None, "no such file"),
        (b"", "empty"),
        (b"\x00\x01\x02binary\xff\xfe", "not a PDF"),
        (b"%PDF-1.7\n garbage", "pdf"),
    ],
)
def test_bad_input_is_one_line_and_exit_two(tmp_path, capsys, content, expected):
    path = tmp_path / "laporan.bin"
    if content is not None:
        path.write_bytes(content)
    assert main(["check", str(path)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and err.startswith("lkj: error:")
    assert expected.lower() in err.lower()
    assert "Traceback" not in err


def test_separate_checks_each_file(report_file, tmp_path, capsys):
    other = tmp_path / "lain.txt"
    other.write_text(CLEAN_REPORT.replace("2023", "2022"), encoding="utf-8")
    assert main(["check", str(report_file), str(other), "--separate", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [d["year"] for d in data] == [2023, 2022]


def test_console_script_runs_as_a_subprocess(report_file):
    done = subprocess.run(
        [sys.executable, "-m", "reconcile.cli", "check", str(report_file), "--format", "csv"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0].startswith("rule,")


def test_working_paper_and_workbook_in_indonesian(report_file, tmp_path, capsys):
    html, xlsx = tmp_path / "kk.html", tmp_path / "kk.xlsx"
    args = ["check", str(report_file), "--html", str(html), "--xlsx", str(xlsx), "--lang", "id"]
    assert main(args) == 0
    assert "0 kesalahan" in capsys.readouterr().out
    assert "Kertas kerja" in html.read_text(encoding="utf-8")
    assert xlsx.stat().st_size > 0


def test_separate_reports_get_a_working_paper_each_and_an_index(report_file, tmp_path):
    other = tmp_path / "lain.txt"
    other.write_text(CLEAN_REPORT.replace("2023", "2022"), encoding="utf-8")
    folder = tmp_path / "kertas"
    assert main(["check", str(report_file), str(other), "--separate", "--html", str(folder)]) == 0
    assert sorted(p.name for p in folder.iterdir()) == [
        "001-laporan.html",
        "002-lain.html",
        "index.html",
    ]


def test_files_of_one_report_are_checked_together(report_file, tmp_path, capsys):
    pk = tmp_path / "pk.txt"
    pk.write_text("Perjanjian Kinerja Dinas Perikanan Kabupaten Sukamaju Tahun 2023\n", "utf-8")
    assert main(["check", str(report_file), str(pk), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["source"] == f"{report_file} + {pk}"
    assert data["entity"] == "Dinas Perikanan Kabupaten Sukamaju"


def test_files_of_different_reports_are_checked_apart(report_file, tmp_path, capsys):
    other = tmp_path / "lain.txt"
    other.write_text(CLEAN_REPORT.replace("Sukamaju", "Sukamundur"), encoding="utf-8")
    assert main(["check", str(report_file), str(other), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [d["entity"] for d in data] == [
        "Dinas Perikanan Kabupaten Sukamaju",
        "Dinas Perikanan Kabupaten Sukamundur",
    ]


def test_files_of_one_report_cite_the_file_each_figure_stands_in(report_file, tmp_path, capsys):
    """Two files of one report (an LKj and its separately scanned PK) both start at page 1:
    each figure names its file, in the terminal, in JSON and in CSV."""
    other = tmp_path / "ringkasan.txt"
    other.write_text(CLEAN_REPORT.replace("Rp.950.000.000", "Rp.940.000.000"), encoding="utf-8")
    assert main(["check", str(report_file), str(other), "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    (finding,) = [f for f in data["findings"] if f["rule"] == "same-figure"]
    assert {c["file"] for c in finding["values"]} == {"laporan.txt", "ringkasan.txt"}
    assert "ringkasan.txt p. 1" in finding["message"]
    assert main(["check", str(report_file), str(other)]) == 1
    assert "ringkasan.txt, hal. 1" in " ".join(capsys.readouterr().out.split())
    assert main(["check", str(report_file), "--format", "json"]) == 0
    assert '"file"' not in capsys.readouterr().out  # one file: nothing to tell apart
