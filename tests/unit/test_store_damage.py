"""A damaged workspace costs one relationship, never the others (issue 14, item 3).

Anything under relationships/ that is not a regular file is reported by name and never
opened in a way that can block or follow a link; reading never writes; import never
overwrites a file that `retro check` calls damaged.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import textwrap
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from retro.cli import main
from retro.demo import fill_demo
from retro.store import DamagedFileError, Workspace

from .test_exchange import MINIMAL

TODAY = date(2026, 11, 23)

# Runs every reading command and the app in a child process: a FIFO that blocks open()
# would hang the test run itself; here it becomes a timeout, i.e. a failure.
PROBE = textwrap.dedent(
    """
    import asyncio, contextlib, io, json, sys
    from retro.cli import main

    def probe(root, sid):
        results = {}
        for argv in (
            ["check"], ["relationships"], ["sessions"], ["portfolio"],
            ["figures", sid], ["export", sid, "--lang", "en"],
        ):
            out, err = io.StringIO(), io.StringIO()
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                try:
                    code = main(["--data", root, *argv])
                except SystemExit as e:
                    code = e.code
                except BaseException as e:
                    code = f"crash {type(e).__name__}: {e}"
            results[argv[0]] = [code, out.getvalue(), err.getvalue()]

        async def start_app():
            from textual.widgets import DataTable
            from retro.tui.app import make_app

            app = make_app(root, watch_interval=None, lang="en")
            async with app.run_test(size=(100, 30)) as pilot:
                for _ in range(100):
                    await pilot.pause(0.05)
                    if getattr(app.screen, "loaded", False):
                        break
                table = app.screen.query_one("#relationships", DataTable)
                return [str(k.value) for k in table.rows]

        try:
            results["app"] = asyncio.run(start_app())
        except BaseException as e:
            results["app"] = f"crash {type(e).__name__}: {e}"
        return results

    # One child for every workspace: an interpreter and its imports per case made this
    # the slowest file of the suite.
    print(json.dumps({root: probe(root, sid) for root, sid in json.loads(sys.argv[1])}))
    """
)


def _snapshot(root: Path) -> dict[str, tuple[int, int]]:
    out = {}
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            if name.endswith(".lock"):
                continue
            st = (Path(folder) / name).lstat()
            out[str(Path(folder, name).relative_to(root))] = (st.st_mode, st.st_mtime_ns)
    return out


def _make(kind: str, path: Path, outside: Path) -> str:
    """Put a hostile entry at path; returns the words `check` must use for it."""
    if kind == "folder":
        path.mkdir()
        return "a folder"
    if kind == "dangling-link":
        path.symlink_to(path.parent / "nowhere.json")
        return "symbolic link"
    if kind == "link-loop":
        path.symlink_to(path)
        return "symbolic link"
    if kind == "link-outside":
        path.symlink_to(outside)  # a perfectly good relationship file, outside the workspace
        return "symbolic link"
    if kind == "fifo":
        os.mkfifo(path)
        return "named pipe"
    if kind == "device":
        try:
            os.mknod(path, 0o600 | stat.S_IFCHR, os.makedev(1, 3))  # what /dev/null is
        except PermissionError:
            pytest.skip("making a device node needs root")
        return "a device"
    raise AssertionError(kind)


KINDS = ["folder", "dangling-link", "link-outside", "link-loop", "fifo", "device"]


@dataclass
class Case:
    workspace: Workspace
    outside: Path
    bad: Path
    words: str
    sid: str
    before: dict[str, tuple[int, int]]
    results: dict[str, Any] = field(default_factory=dict)


@pytest.fixture(scope="module")
def probed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Case | str]:
    """Every kind of hostile entry in a demo workspace of its own, all read by one child
    process (a FIFO that blocks open() becomes its timeout, i.e. a failure, not a hang).
    A kind this machine cannot make maps to the reason."""
    home = tmp_path_factory.mktemp("home")
    env = {
        **os.environ,
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CACHE_HOME": str(home / "cache"),
    }
    cases: dict[str, Case | str] = {}
    with pytest.MonkeyPatch.context() as mp:  # the listing index too stays in the test folder
        for name in ("HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
            mp.setenv(name, env[name])
        for kind in KINDS:
            tmp = tmp_path_factory.mktemp(kind)
            workspace = Workspace(tmp / "workspace")
            fill_demo(workspace, today=TODAY)
            outside = tmp / "outside.json"
            outside.write_bytes(workspace.path_of("northwind-foods").read_bytes())
            bad = workspace.folder / "x.json"
            try:
                words = _make(kind, bad, outside)
            except pytest.skip.Exception as e:
                cases[kind] = str(e)
                continue
            sid = max(workspace.load("northwind-foods").sessions, key=lambda s: s.date).id
            cases[kind] = Case(workspace, outside, bad, words, sid, _snapshot(workspace.root))
    todo = [c for c in cases.values() if isinstance(c, Case)]
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps([[str(c.workspace.root), c.sid] for c in todo])],
        capture_output=True,
        text=True,
        timeout=240,
        env=env,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    results = json.loads(proc.stdout.splitlines()[-1])
    for c in todo:
        c.results = results[str(c.workspace.root)]
    return cases


@pytest.mark.slow
@pytest.mark.parametrize("kind", KINDS)
def test_a_non_file_is_reported_by_name_and_everything_else_keeps_working(
    probed: dict[str, Case | str], kind: str
) -> None:
    case = probed[kind]
    if isinstance(case, str):
        pytest.skip(case)
    workspace, outside, bad, words, sid = (
        case.workspace,
        case.outside,
        case.bad,
        case.words,
        case.sid,
    )
    results = case.results

    code, out, err = results["check"]
    assert code == 1 and "3 of 4 file(s) OK" in out
    assert f"DAMAGED {bad}" in err and words in err
    code, out, err = results["relationships"]
    assert code == 1 and all(r in out for r in ("bakkerij", "gemeente", "northwind")), err
    assert str(bad) in err and "Traceback" not in err
    code, out, err = results["sessions"]
    assert code == 1 and sid in out
    code, out, err = results["portfolio"]
    assert isinstance(code, int) and "Northwind Foods" in out, err
    code, out, err = results["figures"]
    assert code == 0 and f"Session {sid}" in out, err
    code, out, err = results["export"]
    assert code == 0 and "Northwind Foods" in out, err
    assert results["app"] == ["bakkerij-van-dijk", "gemeente-zwolle", "northwind-foods"]
    # Reading never wrote, and never "repaired" the entry or what a link points to.
    assert _snapshot(workspace.root) == case.before
    assert outside.read_bytes() == workspace.path_of("northwind-foods").read_bytes()


def test_a_link_named_after_a_relationship_is_not_followed_for_reading_or_writing(
    workspace: Workspace, tmp_path: Path
) -> None:
    fill_demo(workspace, today=TODAY)
    real = workspace.path_of("northwind-foods")
    outside = tmp_path / "outside.json"
    real.rename(outside)
    real.symlink_to(outside)
    before = outside.read_bytes()
    with pytest.raises(DamagedFileError, match="symbolic link"):
        workspace.load("northwind-foods")
    sid = json.loads(before)["sessions"]
    sid = next(iter(sid.values()))["id"]
    with pytest.raises(DamagedFileError, match="symbolic link"):
        workspace.update_session("northwind-foods", sid, lambda s: s)
    assert real.is_symlink() and outside.read_bytes() == before


def test_a_dangling_link_is_not_replaced_by_a_new_relationship(workspace: Workspace) -> None:
    workspace.folder.mkdir(parents=True)
    (workspace.folder / "acme.json").symlink_to(workspace.root / "gone.json")
    rel = workspace.create_relationship("Acme", "Studio")
    assert rel.id == "acme-2"
    assert (workspace.folder / "acme.json").is_symlink()


# -- import never overwrites what check calls damaged -------------------------------------


def _damage_score(data: dict) -> None:
    doc = next(iter(data["sessions"].values()))
    doc["ratings"] = [{"participant": "c", "dimension": "trust", "subject": "agency", "score": 9}]


def _damage_session(data: dict) -> None:
    data["sessions"]["77"] = "not a session"


def _damage_meta(data: dict) -> None:
    del data["meta"]["1"]["relationship"]


@pytest.mark.parametrize(
    "damage",
    [_damage_score, _damage_session, _damage_meta],
    ids=["score-9", "session-not-object", "no-relationship"],
)
def test_import_refuses_to_merge_into_a_damaged_file_with_checks_message(
    workspace: Workspace,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    damage: object,
) -> None:
    src = tmp_path / "acme.json"
    src.write_text(json.dumps(MINIMAL))
    assert main(["import", str(src)]) == 0
    path = workspace.path_of("acme")
    data = json.loads(path.read_text())
    damage(data)  # type: ignore[operator]
    path.write_text(json.dumps(data))
    before = path.read_bytes()
    capsys.readouterr()

    assert main(["check"]) == 1
    check_err = capsys.readouterr().err
    message = check_err.split("DAMAGED ", 1)[1].strip()

    assert main(["import", str(src)]) == 1
    err = capsys.readouterr().err
    assert err.strip() == f"retro: error: {message}"
    assert path.read_bytes() == before
