"""Quitting in the middle of typing, in a real terminal: the answer typed just before
ctrl+q is saved and the app leaves. With a save still on its way to a slow disk, the app
once hung for good: the quit waited for the save's lock on the UI thread, and the save
waited for the UI thread to hear that it was done."""

from __future__ import annotations

import os
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest
from msgspec.structs import replace

from retro.store import Workspace
from retro.tui import state
from tests.ui.data import OPEN, REL, build_workspace, open_session
from tests.ui.test_terminal_pty import SOURCE, start_in_pty

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty")

# Every fsync of the app takes a while, as on a busy or network disk: a save is on its way
# for long enough that the quit arrives behind it.
SLOW_DISK = """\
import os, time
_fsync = os.fsync
def _slow_fsync(fd):
    time.sleep(0.4)
    return _fsync(fd)
os.fsync = _slow_fsync
"""


def _read_until(
    master: int,
    out: bytearray,
    proc: subprocess.Popen[bytes],
    text: bytes,
    seconds: float = 60,
) -> None:
    """What the app writes, until text shows, the app leaves, or the time is up."""
    end = time.monotonic() + seconds
    while text not in out and time.monotonic() < end and proc.poll() is None:
        ready, _, _ = select.select([master], [], [], 0.05)
        if ready:
            try:
                out.extend(os.read(master, 65536))
            except OSError:
                return


def test_a_quit_typed_right_behind_an_answer_saves_it_and_leaves(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    session = open_session("rate")  # standing at Clara's trust, which she has not scored
    unanswered = ("p-clara", "trust", "client")
    session = replace(
        session,
        ratings=tuple(
            r for r in session.ratings if (r.participant, r.dimension, r.subject) != unanswered
        ),
    )
    build_workspace(Workspace(root), with_open=session)
    state.remember(root, REL, OPEN)  # `retro` resumes the session at its question
    slow = tmp_path / "slow_disk"
    slow.mkdir()
    (slow / "sitecustomize.py").write_text(SLOW_DISK)

    proc, master = start_in_pty(
        ["--data", str(root), "--lang", "en"],
        tmp_path,
        rows=24,
        columns=80,
        pythonpath=f"{slow}{os.pathsep}{SOURCE}",
    )
    out = bytearray()
    try:
        _read_until(master, out, proc, b"1-5 score")
        assert b"1-5 score" in out, f"the rating screen never showed:\n{bytes(out)[-1500:]!r}"
        time.sleep(0.3)  # settled, as a person looks before typing
        os.write(master, b"3\x11")  # a score, then ctrl+q at once
        # Read on while waiting (an app whose terminal is not read blocks on writing) until
        # it closes the terminal, then give it a moment to be gone.
        _read_until(master, out, proc, b"never shown", seconds=20)
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            pytest.fail("the app did not leave after ctrl+q (hung on the save in flight)")
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        os.close(master)
    saved = Workspace(root).load(REL).session(OPEN).rating(*unanswered)
    assert saved is not None and saved.score == 3
