"""The guards run where a contributor and CI run them: one test command, in two places."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _readme_test_command() -> str:
    """The README's second command: the first line that installs the test extras."""
    return next(
        line
        for line in (ROOT / "README.md").read_text("utf-8").splitlines()
        if line.startswith('python3 -m pip install -e ".[test]" &&')
    )


def test_ci_runs_the_readme_test_command_verbatim() -> None:
    ci = (ROOT / ".ci" / "run").read_text("utf-8").splitlines()
    assert _readme_test_command() in ci


def test_the_test_command_runs_every_guard() -> None:
    steps = [s.strip() for s in _readme_test_command().split("&&")]
    for guard in ("ruff check .", "ruff format --check .", "lint-imports", "mypy"):
        assert guard in steps
    assert steps[-1].startswith("python3 -m pytest")


def test_the_test_extras_install_every_guard() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    extras = {
        re.split(r"[<>=\[ ]", d)[0] for d in project["project"]["optional-dependencies"]["test"]
    }
    assert {"ruff", "import-linter", "mypy"} <= extras
    assert project["tool"]["mypy"]["files"] == ["retro"]
