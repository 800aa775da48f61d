"""The demo is what a newcomer judges the app by: its check-ins must read like real ones,
and it must never cost a user their own workspace."""

from __future__ import annotations

import errno
import os
import stat
from datetime import date
from pathlib import Path

import pytest

from retro.cli import main
from retro.demo import CHECKINS, DEMO_MARKER, demo_histories, fill_demo, is_demo_folder
from retro.frameworks import checkin_questions
from retro.model import Participant, Session
from retro.store import Workspace


def test_every_check_in_answer_was_written_for_its_question() -> None:
    bank = checkin_questions()
    fitting = {
        bank[i][lang]: set(answers[lang]) for i, answers in CHECKINS for lang in ("nl", "en")
    }
    asked = 0
    for history in demo_histories(date(2026, 11, 1)):
        for s in history.sessions:
            if s.checkin.question:
                asked += 1
                assert {a.text for a in s.checkin.answers} <= fitting[s.checkin.question]
    assert asked >= 18  # every joint session of the three relationships asks one


# -- the demo never touches a folder it did not make (issue 14, item 1) -------------------


def _snapshot(root: Path) -> dict[str, tuple[int, int, bytes]]:
    """Every entry under root, with its mode, mtime and bytes: what "byte-identical" means."""
    out: dict[str, tuple[int, int, bytes]] = {}
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            p = Path(folder) / name
            st = p.lstat()
            data = p.read_bytes() if stat.S_ISREG(st.st_mode) else b""
            out[str(p.relative_to(root))] = (st.st_mode, st.st_mtime_ns, data)
    return out


@pytest.fixture
def real_workspace(tmp_path: Path) -> Path:
    """A user's workspace: a relationship with a session, a custom framework folder, app state."""
    root = tmp_path / "real"
    ws = Workspace(root)
    rel = ws.create_relationship("Acme", "Studio Noord")
    ws.add_session(
        rel.id,
        Session(id="s1", date="2026-11-01", participants=(Participant("c1", "Anouk", "client"),)),
    )
    (root / "frameworks").mkdir()
    (root / ".retro-tui.json").write_text('{"theme": "textual-light"}')
    return root


def _demo(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main([*argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("reset", [True, False], ids=["reset", "no-reset"])
@pytest.mark.parametrize("via", ["--data", "RETRO_DATA"])
def test_demo_refuses_a_real_workspace_and_leaves_it_byte_identical(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    real_workspace: Path,
    via: str,
    reset: bool,
) -> None:
    before = _snapshot(real_workspace)
    argv = ["demo", "--no-open"] + (["--reset"] if reset else [])
    if via == "--data":
        # Named outright as the demo's folder: refused, in one line naming it.
        code, out, err = _demo(capsys, "--data", str(real_workspace), *argv)
        assert code == 1 and out == ""
        assert err.count("\n") == 1 and str(real_workspace) in err and "not a demo folder" in err
    else:
        # $RETRO_DATA is the user's workspace: the demo goes to a folder of its own.
        monkeypatch.setenv("RETRO_DATA", str(real_workspace))
        code, out, err = _demo(capsys, *argv)
        assert code == 0 and "3 relationships" in out
        demo_root = Path(out.split(": ", 1)[1].split(" (")[0])
        assert demo_root.name == "demo" and real_workspace not in demo_root.parents
        assert is_demo_folder(demo_root)
    assert _snapshot(real_workspace) == before
    assert [r.id for r in Workspace(real_workspace).relationships()] == ["acme"]


def test_demo_reset_refills_only_the_folder_it_made(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    root = tmp_path / "demo-here"
    code, out, _ = _demo(capsys, "--data", str(root), "demo", "--no-open")
    assert code == 0 and "3 relationships" in out
    assert is_demo_folder(root) and (root / DEMO_MARKER).is_file()
    ws = Workspace(root)
    ws.delete_session("northwind-foods", ws.load("northwind-foods").sessions[0].id)
    (root / "relationships" / "extra.json").write_text("{}")
    code, out, _ = _demo(capsys, "--data", str(root), "demo", "--no-open", "--reset")
    assert code == 0 and "3 relationships" in out
    assert sorted(p.name for p in ws.files()) == [
        "bakkerij-van-dijk.json",
        "gemeente-zwolle.json",
        "northwind-foods.json",
    ]
    assert ws.check() == [] and is_demo_folder(root)


def test_a_marker_that_is_a_link_or_a_folder_that_is_a_link_does_not_count(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, real_workspace: Path
) -> None:
    elsewhere = tmp_path / "marker"
    elsewhere.write_text("")
    (real_workspace / DEMO_MARKER).symlink_to(elsewhere)
    link = tmp_path / "link-to-demo"
    made = tmp_path / "made"
    fill_demo(Workspace(made), today=date(2026, 11, 1))
    link.symlink_to(made)
    for root in (real_workspace, link):
        before = _snapshot(root)
        code, _, err = _demo(capsys, "--data", str(root), "demo", "--no-open", "--reset")
        assert code == 1 and "not a demo folder" in err
        assert _snapshot(root) == before


def test_demo_into_a_read_only_place_is_a_one_line_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    code, _, err = _demo(capsys, "--data", str(tmp_path / "d"), "demo", "--no-open")
    assert code == 1
    assert err.startswith("retro: error: could not save") and "disk is full" in err
    assert err.count("\n") == 1


def test_the_default_demo_folder_of_an_older_retro_is_adopted_not_refused(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("RETRO_DATA")
    code, out, _ = _demo(capsys, "demo", "--no-open")
    root = Path(out.split(": ", 1)[1].split(" (")[0])
    (root / DEMO_MARKER).unlink()  # as an older retro left it
    code, out, err = _demo(capsys, "demo", "--no-open", "--reset")
    assert code == 0 and "3 relationships" in out and is_demo_folder(root)
    # With anything of the user's in it, it is refused like any other folder.
    (root / DEMO_MARKER).unlink()
    (root / "relationships" / "mine.json").write_text("{}")
    before = _snapshot(root)
    code, _, err = _demo(capsys, "demo", "--no-open", "--reset")
    assert code == 1 and "not a demo folder" in err and _snapshot(root) == before


def test_the_demo_shows_what_matters_to_each_side_with_a_priority_gap() -> None:
    """A newcomer sees the grid and a priority gap at Gemeente Zwolle's last two retros."""
    from retro import session_engine as engine
    from retro.figures import concentrate_dimensions, importance_complete, priority_gaps
    from retro.frameworks import default_framework

    dims = list(default_framework().keys)
    zwolle = next(
        h for h in demo_histories(date(2026, 11, 1)) if h.relationship.client == "Gemeente Zwolle"
    )
    joints = [s for s in zwolle.sorted_sessions() if s.kind == "joint"]
    for s in joints[-2:]:
        assert s.ask_importance and engine.importance_missing(s) == ()
        assert importance_complete(s, "client") and importance_complete(s, "agency")
        assert any(g.is_gap for g in priority_gaps(s, dims))
        assert concentrate_dimensions(s, dims)
    # earlier sessions predate the step: not asked, nothing missing
    assert all(not s.ask_importance and not s.importance for s in joints[:-2])
    # an open joint session in the demo asks for it
    for h in demo_histories(date(2026, 11, 1)):
        for s in h.sessions:
            if s.kind == "joint" and s.status == "open":
                assert s.ask_importance
