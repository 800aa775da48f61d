"""A disk that refuses a write costs nothing but a clear message (issue 14, item 4).

Full disks, file-size limits, read-only mounts and unwritable folders are simulated by
making the operating-system call fail the way it would (tests may run as root, where
chmod does not bite), and once for real with RLIMIT_FSIZE in a child process.
"""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import filelock
import pytest

from retro.cli import main
from retro.model import Participant, Rating, Session
from retro.store import StoreError, Workspace, WriteError

from .test_exchange import MINIMAL


def _fail(code: int):
    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(code, os.strerror(code))

    return fail


# (errno, what fails, what the user reads)
FAILURES = [
    (errno.ENOSPC, "fsync", "the disk is full"),
    (errno.EFBIG, "replace", "the file would exceed the file-size limit"),
    (errno.EROFS, "mkstemp", "the disk is read-only"),
    (errno.EACCES, "lock", "no permission to write there"),
]


def _break(monkeypatch: pytest.MonkeyPatch, code: int, where: str) -> None:
    if where == "fsync":
        monkeypatch.setattr(os, "fsync", _fail(code))
    elif where == "replace":
        monkeypatch.setattr(os, "replace", _fail(code))
    elif where == "mkstemp":
        monkeypatch.setattr(tempfile, "mkstemp", _fail(code))
    else:  # an unwritable folder refuses the lock file before anything else
        monkeypatch.setattr(filelock.FileLock, "acquire", _fail(code))


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@pytest.mark.parametrize(("code", "where", "words"), FAILURES, ids=[f[1] for f in FAILURES])
def test_a_refused_save_is_a_write_error_naming_the_file_and_changes_nothing(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch, code: int, where: str, words: str
) -> None:
    rel = workspace.create_relationship("Acme", "Studio").id
    workspace.add_session(
        rel, Session(id="s1", date="2026-11-01", participants=(Participant("c1", "A", "client"),))
    )
    path = workspace.path_of(rel)
    before = path.read_bytes()
    _break(monkeypatch, code, where)
    with pytest.raises(WriteError) as e:
        workspace.update_session(rel, "s1", lambda s: s.with_rating(Rating("c1", "x", "agency", 3)))
    assert isinstance(e.value, StoreError) and e.value.errno == code
    assert str(path) in str(e.value) and words in str(e.value)
    assert "\n" not in str(e.value)
    monkeypatch.undo()
    assert path.read_bytes() == before and _leftovers(path.parent) == []


@pytest.mark.parametrize(("code", "where", "words"), FAILURES, ids=[f[1] for f in FAILURES])
def test_import_on_a_refusing_disk_is_one_line_and_keeps_the_old_file(
    workspace: Workspace,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    code: int,
    where: str,
    words: str,
) -> None:
    src = tmp_path / "in.json"
    src.write_text(json.dumps(MINIMAL))
    assert main(["import", str(src)]) == 0
    path = workspace.path_of("acme")
    before = path.read_bytes()
    changed = json.loads(json.dumps(MINIMAL))
    changed["sessions"][0]["notes"] = "changed"
    src.write_text(json.dumps(changed))
    capsys.readouterr()
    _break(monkeypatch, code, where)
    assert main(["import", str(src)]) == 1
    out, err = capsys.readouterr()
    monkeypatch.undo()
    assert out == "" and err.count("\n") == 1
    assert err.startswith(f"retro: error: could not save {path}") and words in err
    assert path.read_bytes() == before


def test_a_new_relationship_on_a_full_disk_leaves_no_file_behind(
    workspace: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch
) -> None:
    src = tmp_path / "in.json"
    src.write_text(json.dumps(MINIMAL))
    monkeypatch.setattr(os, "fsync", _fail(errno.ENOSPC))
    assert main(["import", str(src)]) == 1
    assert "the disk is full" in capsys.readouterr().err
    monkeypatch.undo()
    assert not os.path.lexists(workspace.path_of("acme"))
    assert workspace.check() == []


LIMITED = textwrap.dedent(
    """
    import resource, sys
    from retro.cli import main
    limit = int(sys.argv[2])
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    sys.exit(main(["import", sys.argv[1]]))
    """
)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="RLIMIT_FSIZE is POSIX")
def test_import_under_a_real_file_size_limit(workspace: Workspace, tmp_path: Path) -> None:
    src = tmp_path / "in.json"
    src.write_text(json.dumps(MINIMAL))
    assert main(["import", str(src)]) == 0
    path = workspace.path_of("acme")
    before = path.read_bytes()
    big = json.loads(json.dumps(MINIMAL))
    big["sessions"][0]["notes"] = "x" * 200_000
    src.write_text(json.dumps(big))
    proc = subprocess.run(
        [sys.executable, "-c", LIMITED, str(src), str(64 * 1024)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "RETRO_DATA": str(workspace.root)},
    )
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr and proc.stderr.count("\n") == 1
    assert "file-size limit" in proc.stderr and str(path) in proc.stderr
    assert path.read_bytes() == before and _leftovers(path.parent) == []


# -- uncaught errors in the apps never show local variables ------------------------------

CRASH = textwrap.dedent(
    """
    import sys
    kind, root = sys.argv[1], sys.argv[2]

    def boom(*args, **kwargs):
        secret_local = "SECRET-" + "LOCAL-VALUE"  # what Rich would print as a local
        raise RuntimeError("deliberate failure " + str(len(secret_local)))

    if kind == "app":
        from retro.tui.app import make_app
        from retro.tui.screens import home

        home.HomeScreen._read = boom
        app = make_app(root, watch_interval=None, resume=False)
    else:
        from retro.store import Workspace
        from retro.tui.screens import join

        join.JoinScreen.on_mount = boom
        app = join.make_join_app(Workspace(root))
    app.run(headless=True)
    sys.exit(app.return_code or 0)
    """
)


@pytest.mark.parametrize("kind", ["app", "join"])
def test_an_uncaught_error_in_the_app_shows_no_local_variables(
    workspace: Workspace, kind: str
) -> None:
    workspace.create_relationship("Acme", "Studio")
    proc = subprocess.run(
        [sys.executable, "-c", CRASH, kind, str(workspace.root)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "COLUMNS": "100"},
    )
    shown = proc.stdout + proc.stderr
    assert proc.returncode == 1
    assert "deliberate failure" in shown
    assert "SECRET-LOCAL-VALUE" not in shown
