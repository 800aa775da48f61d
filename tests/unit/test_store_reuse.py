"""Saves reuse what this process just wrote, and never at the cost of another writer's
answer (issue 11); an import is one write whatever its size."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from retro import exchange, store
from retro.model import Participant, Rating, Session
from retro.store import Workspace

from .test_exchange import MINIMAL


def _session(ws: Workspace) -> str:
    rel = ws.create_relationship("Acme", "Studio").id
    people = (Participant("c1", "A", "client"), Participant("a1", "B", "agency"))
    ws.add_session(rel, Session(id="s1", date="2026-11-01", participants=people))
    return rel


def _rate(ws: Workspace, rel: str, pid: str, dim: str, score: int) -> None:
    ws.update_session(rel, "s1", lambda s: s.with_rating(Rating(pid, dim, "agency", score)))


def test_a_second_save_does_not_read_the_file_again(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    rel = _session(workspace)
    reads: list[Path] = []
    real = store.read_file_identity
    monkeypatch.setattr(store, "read_file_identity", lambda p: reads.append(p) or real(p))
    for i in range(5):
        _rate(workspace, rel, "c1", f"d{i}", 3)
    assert reads == []
    assert len(workspace.load(rel).session("s1").ratings) == 5


def test_another_writer_in_between_is_read_fresh_and_kept(workspace: Workspace) -> None:
    rel = _session(workspace)
    other = Workspace(workspace.root)  # another process, as far as caches go
    for i in range(6):
        _rate(workspace, rel, "c1", f"d{i}", 2)
        _rate(other, rel, "a1", f"d{i}", 4)
    s = Workspace(workspace.root).load(rel).session("s1")
    assert {(r.participant, r.dimension) for r in s.ratings} == {
        (p, f"d{i}") for p in ("c1", "a1") for i in range(6)
    }


def test_a_file_changed_by_hand_since_the_last_save_is_read_again(workspace: Workspace) -> None:
    rel = _session(workspace)
    _rate(workspace, rel, "c1", "trust", 2)
    path = workspace.path_of(rel)
    data = json.loads(path.read_text())
    doc = next(iter(data["sessions"].values()))
    doc["notes"] = "edited by hand, a longer file now"
    path.write_text(json.dumps(data))
    _rate(workspace, rel, "c1", "feedback", 5)
    s = workspace.load(rel).session("s1")
    assert s.notes == "edited by hand, a longer file now" and len(s.ratings) == 2


def test_a_failed_save_leaves_no_stale_copy_behind(workspace: Workspace) -> None:
    rel = _session(workspace)
    _rate(workspace, rel, "c1", "trust", 2)

    def broken(s: Session) -> Session:
        raise RuntimeError("change failed half-way")

    with pytest.raises(RuntimeError):
        workspace.update_session(rel, "s1", broken)
    _rate(workspace, rel, "c1", "feedback", 5)
    assert len(workspace.load(rel).session("s1").ratings) == 2


def test_importing_many_sessions_is_one_write(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = json.loads(json.dumps(MINIMAL))
    base = data["sessions"][0]
    data["sessions"] = [
        {**base, "id": f"s{i:03d}", "actions": [], "review": []} for i in range(120)
    ]
    history = exchange.from_exchange(data)
    writes: list[Path] = []
    real = store.atomic_write
    monkeypatch.setattr(store, "atomic_write", lambda p, b: writes.append(p) or real(p, b))
    assert workspace.merge_history(history) == {"added": 120, "updated": 0, "unchanged": 0}
    assert writes == [workspace.path_of("acme")]
    writes.clear()
    assert workspace.merge_history(history)["unchanged"] == 120
    assert writes == []  # nothing changed: nothing written
    assert len(Workspace(workspace.root).load("acme").sessions) == 120
