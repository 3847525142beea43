"""The README's two commands stay true: CI runs the test command, the sample exists."""

from __future__ import annotations

import re

from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _commands() -> list[str]:
    return re.findall(r"```sh\n(.+?)\n```", README)


def test_ci_runs_the_readme_test_command_verbatim():
    main_job, tests = _commands()[:2]
    assert "pytest" in tests
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert tests in ci.splitlines()


def test_main_job_checks_a_bundled_sample():
    main_job = _commands()[0]
    sample = re.search(r"lkj check (\S+)", main_job).group(1)
    assert (ROOT / sample).is_file()
