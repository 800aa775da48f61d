"""What matters to each side survives storage and exchange: schema 2 and format version 2.

An older retro must refuse a file that carries importance instead of reading it, dropping
the fields it does not know, and writing it back without them.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from retro import exchange, store
from retro import session_engine as engine
from retro.exchange import ExchangeError
from retro.figures import importance_of
from retro.store import FutureVersionError, Workspace

V1_FILE = Path(__file__).parent / "data" / "schema1-bakkerij-van-dijk.json"
REL = "bakkerij-van-dijk"


def _v1_workspace(root: Path) -> Workspace:
    """A workspace holding a file written by retro before schema 2 (two demo sessions)."""
    (root / "relationships").mkdir(parents=True)
    shutil.copy(V1_FILE, root / "relationships" / f"{REL}.json")
    return Workspace(root)


def test_a_real_schema_1_file_reads_unchanged_and_migrates_on_first_write(
    tmp_path: Path,
) -> None:
    ws = _v1_workspace(tmp_path / "ws")
    path = ws.path_of(REL)
    original = path.read_bytes()
    assert json.loads(original)["meta"]["1"]["schema"] == 1
    history = ws.load(REL)
    assert len(history.sessions) == 2
    assert all(not s.ask_importance and s.importance == () for s in history.sessions)
    assert path.read_bytes() == original  # reading never writes
    assert ws.check() == []

    latest = history.sorted_sessions()[-1]
    ws.update_session(
        REL, latest.id, lambda s: engine.with_importance(s, "client", {"trust": 60, "feedback": 40})
    )
    assert json.loads(path.read_text())["meta"]["1"]["schema"] == store.SCHEMA_VERSION == 2
    backups = list(path.parent.glob(f"{REL}.schema1.*.bak"))
    assert len(backups) == 1 and backups[0].read_bytes() == original
    after = ws.load(REL)
    assert importance_of(after.session(latest.id), "client") == {"trust": 60, "feedback": 40}  # type: ignore[arg-type]
    # everything else as it was
    before = {s.id: s for s in history.sessions}
    for s in after.sessions:
        if s.id != latest.id:
            assert s == before[s.id]
        else:
            assert s.ratings == before[s.id].ratings and s.actions == before[s.id].actions


def test_an_older_retro_refuses_a_schema_2_file_and_leaves_it_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = _v1_workspace(tmp_path / "ws")
    sid = ws.load(REL).sorted_sessions()[-1].id
    ws.update_session(REL, sid, lambda s: engine.with_importance(s, "agency", {"trust": 100}))
    path = ws.path_of(REL)
    before = path.read_bytes()
    # A retro that reads up to schema 1 (the one before importance existed).
    monkeypatch.setattr(store, "SCHEMA_VERSION", 1)
    monkeypatch.setattr(store, "MIGRATIONS", {})
    with pytest.raises(FutureVersionError, match="newer retro"):
        ws.load(REL)
    with pytest.raises(FutureVersionError):
        ws.update_session(REL, sid, lambda s: s)
    assert path.read_bytes() == before


def test_exchange_writes_version_2_with_importance_and_reads_version_1(tmp_path: Path) -> None:
    ws = _v1_workspace(tmp_path / "ws")
    history = ws.load(REL)
    sid = history.sorted_sessions()[-1].id
    ws.update_session(
        REL,
        sid,
        lambda s: engine.with_importance(
            engine.with_importance(s, "client", {"trust": 70, "feedback": 30}),
            "agency",
            {"trust": 20, "feedback": 80},
            "device",
        ),
    )
    dumped = exchange.dumps(ws.load(REL))
    data = json.loads(dumped)
    assert data["version"] == exchange.VERSION == 2
    weights = next(s for s in data["sessions"] if s["id"] == sid)["importance"]
    assert {"side": "agency", "dimension": "feedback", "points": 80, "origin": "device"} in weights
    assert exchange.loads(dumped) == ws.load(REL)

    # a version-1 file (no importance) imports as it did
    v1 = exchange.to_exchange(history)
    v1["version"] = 1
    assert exchange.from_exchange(v1) == history


def test_exchange_refuses_a_newer_version_and_a_dimension_the_framework_lacks(
    tmp_path: Path,
) -> None:
    ws = _v1_workspace(tmp_path / "ws")
    data = exchange.to_exchange(ws.load(REL))
    with pytest.raises(ExchangeError, match="newer than this retro"):
        exchange.from_exchange(dict(data, version=exchange.VERSION + 1))
    data["sessions"][0]["importance"] = [
        {"side": "client", "dimension": "telepathy", "points": 100}
    ]
    history = exchange.from_exchange(data)
    with pytest.raises(ExchangeError, match=r"importance\[0\]: dimension 'telepathy'"):
        exchange.check_dimensions(history, tmp_path)
    data["sessions"][0]["importance"][0]["points"] = 101
    with pytest.raises(ExchangeError, match="expected 0 to 100"):
        exchange.from_exchange(data)


def test_a_version_1_session_without_a_language_stays_dutch(tmp_path: Path) -> None:
    """Version 1 documented "no language = nl"; the one default language (en) applies only
    to data written since, so an old file or import does not silently turn English."""
    from retro.model import session_to_dict
    from retro.words import DEFAULT_LANGUAGE

    data = json.loads(V1_FILE.read_text())
    for doc in data["sessions"].values():
        doc.pop("language", None)
    root = tmp_path / "ws"
    (root / "relationships").mkdir(parents=True)
    (root / "relationships" / f"{REL}.json").write_text(json.dumps(data))
    history = Workspace(root).load(REL)
    assert {s.language for s in history.sessions} == {"nl"}

    v1 = exchange.to_exchange(history)
    v1["version"] = 1
    for s in v1["sessions"]:
        s.pop("language")
    assert {s.language for s in exchange.from_exchange(v1).sessions} == {"nl"}
    v2 = dict(v1, version=2)
    assert {s.language for s in exchange.from_exchange(v2).sessions} == {DEFAULT_LANGUAGE}
    assert "language" in session_to_dict(history.sessions[0])  # always written since
