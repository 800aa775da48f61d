"""The core must never import Textual: CLI start-up speed and a clean split depend on it."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from tests.child_env import child_env


def _core_modules() -> list[str]:
    """The import-linter contract's own list, so the runtime check and lint-imports agree."""
    pyproject = Path(__file__).resolve().parents[2] / "pyproject.toml"
    contracts = tomllib.loads(pyproject.read_text())["tool"]["importlinter"]["contracts"]
    (core,) = [c for c in contracts if c["name"] == "The core never imports Textual"]
    return list(core["source_modules"])


def _cli_reports(ws_root: Path, argv: list[str], report: str) -> str:
    """The last stderr line of `retro ARGV` run in a fresh interpreter on ws_root: its exit
    code, then the Python expression `report` evaluated after the command (what it
    loaded)."""
    code = (
        "import sys\n"
        "from retro.cli import main\n"
        f"code = main({argv!r})\n"
        f"print(code, {report}, file=sys.stderr)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**os.environ, "RETRO_DATA": str(ws_root)},
    )
    lines = out.stderr.strip().splitlines()
    return lines[-1] if lines else ""


CORE = _core_modules()
FORBIDDEN = ("textual", "textual_serve", "rich")


@pytest.mark.parametrize("module", CORE)
def test_core_module_does_not_import_textual(module: str) -> None:
    code = (
        f"import sys, {module}; "
        f"print(sorted({{m.split('.')[0] for m in sys.modules}} & set({FORBIDDEN!r})))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", f"{module} pulls in {out.stdout.strip()}"


@pytest.mark.parametrize("argv", [["sessions", "--json"], ["relationships"], ["check"], ["--help"]])
def test_plain_cli_commands_do_not_import_textual(argv: list[str], tmp_path) -> None:
    code = (
        "import sys\n"
        "from retro.cli import main\n"
        "try:\n"
        f"    main({argv!r})\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('TEXTUAL' if any(m.startswith('textual') for m in sys.modules) else 'CLEAN', file=sys.stderr)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=child_env(RETRO_DATA=str(tmp_path)),
    )
    assert out.stderr.strip().splitlines()[-1] == "CLEAN"


@pytest.mark.parametrize("argv", [["sessions"], ["relationships", "--json"], ["figures", "S"]])
def test_reading_commands_do_not_load_tinydb(argv: list[str], tmp_path) -> None:
    """Only a save opens a TinyDB transaction: a listing starts without loading TinyDB
    (part of every command's start-up time, issue 11)."""
    from retro.demo import fill_demo
    from retro.store import Workspace

    ws = Workspace(tmp_path / "ws")
    fill_demo(ws)
    sid = ws.relationships() and ws.load(ws.relationships()[0].id).sessions[0].id
    argv = [sid if a == "S" else a for a in argv]
    last = _cli_reports(ws.root, argv, "'tinydb' in sys.modules")
    assert last == "0 False", last


NOT_FOR_ONE_SESSION = (
    "markdown_it",  # the HTML report's Markdown parser
    "retro.export.charts",  # drawing: only an export that writes chart files
    "retro.export.overview",  # over time and portfolio
    "retro.export.trends",  # a relationship's trends report
    "statistics",  # pulls fractions and decimal; retro.figures has its own fmean
    "zipfile",  # importlib.resources: the built-in frameworks are read from their folder
)


@pytest.mark.parametrize("argv", [["export", "S"], ["figures", "S", "--json"], ["sessions"]])
def test_one_session_s_markdown_loads_no_report_or_drawing_code(argv: list[str], tmp_path) -> None:
    """`retro export S` to the terminal prints Markdown without charts: the over-time,
    trends, HTML and chart-drawing code stay unloaded (start-up time, issue 11)."""
    from retro.demo import fill_demo
    from retro.store import Workspace

    ws = Workspace(tmp_path / "ws")
    fill_demo(ws)
    sid = ws.load(ws.relationships()[0].id).sessions[-1].id
    argv = [sid if a == "S" else a for a in argv]
    loaded = (
        f"sorted({{m for m in sys.modules if m.split('.')[0] in {NOT_FOR_ONE_SESSION!r}"
        f" or m in {NOT_FOR_ONE_SESSION!r}}})"
    )
    last = _cli_reports(ws.root, argv, loaded)
    assert last == "0 []", last


@pytest.mark.parametrize("argv", [["sessions"], ["relationships", "--json"]])
def test_a_warm_listing_loads_no_figures_or_actions_code(argv: list[str], tmp_path) -> None:
    """Listings read what the index already knows: with it warm, the code that summarises
    a history (figures, actions) stays unloaded (issue 11)."""
    from retro.demo import fill_demo
    from retro.index import summaries
    from retro.store import Workspace

    ws = Workspace(tmp_path / "ws")
    fill_demo(ws)
    summaries(ws)  # warms the index, as any earlier command did
    last = _cli_reports(
        ws.root, argv, "sorted({'retro.figures', 'retro.actions'} & set(sys.modules))"
    )
    assert last == "0 []", last


def test_the_app_starts_without_the_figures_code() -> None:
    """Home's first paint shows the index's figures: importing the app and its home screen
    loads no figures, trends or export code; a session's screens bring them (issue 11)."""
    code = (
        "import sys\n"
        "import retro.tui.app, retro.tui.screens.home\n"
        "print(sorted(m for m in sys.modules if m in "
        "{'retro.figures', 'retro.trends', 'retro.export', 'retro.session_engine'}))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stdout


@pytest.mark.parametrize("argv", [["export", "S"], ["sessions", "--json"], ["check"]])
def test_commands_run_without_typing_extensions(argv: list[str], tmp_path) -> None:
    """msgspec is imported without typing_extensions (retro/__init__.py: 5-7 ms of every
    command), and reading, checking and exporting work on typing's hints alone."""
    from retro.demo import fill_demo
    from retro.store import Workspace

    ws = Workspace(tmp_path / "ws")
    fill_demo(ws)
    sid = ws.load(ws.relationships()[0].id).sessions[-1].id
    argv = [sid if a == "S" else a for a in argv]
    last = _cli_reports(ws.root, argv, "'typing_extensions' in sys.modules")
    assert last == "0 False", last


def test_typing_extensions_stays_importable_after_retro() -> None:
    """The guard that keeps msgspec from typing_extensions is gone once msgspec is in:
    Textual (the app) imports the real module in the same process."""
    code = (
        "import retro.model, sys\n"
        "assert 'typing_extensions' not in sys.modules\n"
        "import typing_extensions, textual.app\n"
        "print(typing_extensions.__name__, callable(typing_extensions.get_type_hints))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.strip() == "typing_extensions True", out.stderr
