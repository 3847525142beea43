"""Shared fixtures: the shared real reports (skipped when absent) and generated reports."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
REAL_SAMPLE = SHARED / "samples" / "kpu-kab-tangerang-lkj-2024.ocr.txt"
REAL_REPORTS = SHARED / "real"


def shared_file(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} is not here (../shared is optional)")
    return path


@pytest.fixture(scope="session")
def real_sample() -> Path:
    return shared_file(REAL_SAMPLE)


@pytest.fixture(scope="session")
def real_sample_result(real_sample: Path):
    from reconcile.check import check_file

    return check_file(real_sample)
