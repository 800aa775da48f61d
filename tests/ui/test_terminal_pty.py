"""The proof: the real `retro` in a pseudo-terminal, fed data that carries escape sequences,
never writes one of them to the terminal — whatever the widgets do, these bytes are what a
terminal (or tmux, or the browser terminal of `retro serve`) receives."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

import retro
from retro.store import Workspace
from retro.tui import state
from tests.terminal_attacks import VISIBLE_TITLE, leaked
from tests.ui.data import OPEN, REL
from tests.ui.test_hostile_text import ANSWER, NOTE, REMARK, hostile_everywhere

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty")

SOURCE = str(Path(retro.__file__).resolve().parents[1])  # the code under test, not an install
VISIBLE = VISIBLE_TITLE.encode()


def start_in_pty(
    argv: list[str], cwd: Path, *, rows: int, columns: int, pythonpath: str = SOURCE
) -> tuple[subprocess.Popen[bytes], int]:
    """`retro ARGV` (the code under test) in a new pseudo-terminal of that size; the
    process, and the terminal's end the test reads and types into."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    env = {
        **os.environ,
        "TERM": "xterm-256color",
        "PYTHONPATH": pythonpath,
        "COLUMNS": str(columns),
        "LINES": str(rows),
    }
    env.pop("TEXTUAL", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "retro", *argv],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        cwd=cwd,
        env=env,
        start_new_session=True,
    )
    os.close(slave)
    return proc, master


def run_in_pty(
    argv: list[str],
    cwd: Path,
    *,
    wait_for: bytes,
    keys: tuple[bytes, ...] = (),
    timeout: float = 60.0,
) -> bytes:
    """Everything `retro ARGV` writes to a 120x40 terminal until `wait_for` is on screen and
    the screen has settled, then while `keys` are typed one by one, then ctrl+q."""
    proc, master = start_in_pty(argv, cwd, rows=40, columns=120)
    out = bytearray()

    def pump(seconds: float) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            ready, _, _ = select.select([master], [], [], 0.05)
            if ready:
                try:
                    chunk = os.read(master, 65536)
                except OSError:  # the app has quit and closed the terminal
                    return
                if not chunk:
                    return
                out.extend(chunk)

    try:
        deadline = time.monotonic() + timeout
        while wait_for not in out and time.monotonic() < deadline and proc.poll() is None:
            pump(0.2)
        pump(1.5)  # let the screen settle: cursor blink, late refreshes
        for key in keys:
            os.write(master, key)
            pump(1.5)
        os.write(master, b"\x11")  # ctrl+q
        pump(2.0)
    finally:
        proc.kill()
        proc.wait()
        os.close(master)
    assert wait_for in out, f"the data never reached the screen:\n{bytes(out)[-2000:]!r}"
    return bytes(out)


def workspace_at(tmp_path: Path, phase: str) -> Path:
    root = tmp_path / "ws"
    ws = Workspace(root)
    hostile_everywhere(ws, "rate" if phase == "home" else phase, join_code="K7MQ2P")
    if phase != "home":
        state.remember(root, REL, OPEN)  # `retro` resumes the session where it stood
    return root


@pytest.mark.parametrize(
    ("phase", "field"),
    [
        ("rate", REMARK),  # the remark inputs, filled from the store (the pane title changed)
        ("checkin", ANSWER),  # the answer inputs
        ("lookback", NOTE),  # the note input and the action titles
    ],
    ids=["rate", "checkin", "lookback"],
)
def test_the_app_writes_no_escape_sequence_from_data(
    tmp_path: Path, phase: str, field: str
) -> None:
    root = workspace_at(tmp_path, phase)
    # Wait for the input fields themselves: the names in the header come first.
    out = run_in_pty(["--data", str(root)], tmp_path, wait_for=field.split()[0].encode())
    assert leaked(out) == []
    assert VISIBLE in out


def test_join_writes_no_escape_sequence_from_data(tmp_path: Path) -> None:
    """`retro join` is what `retro serve` runs for every browser tab."""
    root = workspace_at(tmp_path, "rate")
    out = run_in_pty(
        ["--data", str(root), "join", "K7MQ2P"],
        tmp_path,
        wait_for=VISIBLE,  # the names to pick from
        keys=(b"\r", b"\x1b[5~"),  # Clara; then from the closing page back to her remarks
    )
    assert leaked(out) == []
    assert out.count(b"\xe2\x90\x9b[5;5HMOVED") >= 3  # the three remark fields, visibly
