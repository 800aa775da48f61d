"""The core must never import Textual: CLI start-up speed and a clean split depend on it."""

from __future__ import annotations

import subprocess
import sys

import pytest

CORE = [
    "retro.model",
    "retro.figures",
    "retro.store",
    "retro.exchange",
    "retro.frameworks",
    "retro.demo",
    "retro.session_engine",
]


@pytest.mark.parametrize("module", CORE)
def test_core_module_does_not_import_textual(module: str) -> None:
    code = f"import sys, {module}; print(any(m == 'textual' or m.startswith('textual.') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


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
        env={"RETRO_DATA": str(tmp_path), "PATH": ""},
    )
    assert out.stderr.strip().splitlines()[-1] == "CLEAN"
