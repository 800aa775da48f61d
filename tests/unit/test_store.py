"""The store never loses an answer: concurrency, crashes, damaged and future files, migrations."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from msgspec.structs import replace

from retro import store
from retro.model import Participant, Rating, Session
from retro.store import (
    DamagedFileError,
    FutureVersionError,
    NotFoundError,
    StoreError,
    Workspace,
)


def _open_session(ws: Workspace, sid: str = "s1") -> str:
    rel = ws.create_relationship("Bakkerij Van Dijk", "Studio Noord")
    ws.add_session(
        rel.id,
        Session(id=sid, date="2026-11-01", participants=(Participant("c1", "Anouk", "client"),)),
    )
    return rel.id


def test_answer_saved_and_read_back(workspace: Workspace) -> None:
    rel = _open_session(workspace)
    workspace.update_session(
        rel, "s1", lambda s: s.with_rating(Rating("c1", "trust", "agency", 4, "a|b", "", ""))
    )
    s = workspace.load(rel).session("s1")
    assert s is not None
    assert s.rating("c1", "trust", "agency") == Rating("c1", "trust", "agency", 4, "a|b", "", "")


def test_answer_replaces_earlier_answer_to_same_question(workspace: Workspace) -> None:
    rel = _open_session(workspace)
    for score in (2, 5):
        workspace.update_session(
            rel, "s1", lambda s, v=score: s.with_rating(Rating("c1", "trust", "agency", v))
        )
    s = workspace.load(rel).session("s1")
    assert [r.score for r in s.ratings] == [5]


def test_relationship_ids_are_readable_and_unique(workspace: Workspace) -> None:
    a = workspace.create_relationship("Café Zoë", "Studio Noord")
    b = workspace.create_relationship("Café Zoë", "Other Agency")
    assert (a.id, b.id) == ("cafe-zoe", "cafe-zoe-2")
    assert {r.id for r in workspace.relationships()} == {"cafe-zoe", "cafe-zoe-2"}


def test_unknown_relationship_and_session_are_clear_errors(workspace: Workspace) -> None:
    with pytest.raises(NotFoundError, match="no relationship 'nope'"):
        workspace.load("nope")
    with pytest.raises(NotFoundError, match="no session 'nope'"):
        workspace.find_session("nope")
    with pytest.raises(NotFoundError):
        workspace.load("../etc/passwd")


WRITER = textwrap.dedent(
    """
    import sys
    from retro.model import Rating
    from retro.store import Workspace
    root, rel, worker, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    ws = Workspace(root)
    for i in range(count):
        r = Rating(f"p{worker}", f"d{i}", "agency", (i % 5) + 1, f"works {worker}/{i}")
        ws.update_session(rel, "s1", lambda s, r=r: s.with_rating(r))
        print(f"ack {i}", flush=True)
    """
)


@pytest.mark.slow
def test_eight_processes_fifty_answers_each_lose_nothing(workspace: Workspace) -> None:
    rel = _open_session(workspace)
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(workspace.root), rel, str(w), "50"],
            stdout=subprocess.DEVNULL,
        )
        for w in range(8)
    ]
    assert [p.wait(timeout=120) for p in procs] == [0] * 8
    s = workspace.load(rel).session("s1")
    keys = {(r.participant, r.dimension) for r in s.ratings}
    assert len(keys) == 400
    assert keys == {(f"p{w}", f"d{i}") for w in range(8) for i in range(50)}
    json.loads(workspace.path_of(rel).read_text())  # still plain valid JSON
    assert workspace.check() == []


@pytest.mark.slow
def test_writer_killed_mid_write_leaves_loadable_file_with_acknowledged_answers(
    workspace: Workspace,
) -> None:
    rel = _open_session(workspace)
    # Make each write big enough to take a while, so the kill lands inside one.
    workspace.update_session(rel, "s1", lambda s: replace(s, notes="x" * 2_000_000))
    for attempt in range(3):
        proc = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(workspace.root), rel, str(attempt), "1000"],
            stdout=subprocess.PIPE,
            text=True,
        )
        acked = []
        assert proc.stdout is not None
        for line in proc.stdout:
            acked.append(int(line.split()[1]))
            if len(acked) >= 5 + attempt * 3:
                time.sleep(0.003 * attempt)
                os.kill(proc.pid, signal.SIGKILL)
                break
        proc.wait(timeout=30)
        s = workspace.load(rel).session("s1")  # loads: never half-written
        have = {r.dimension for r in s.ratings if r.participant == f"p{attempt}"}
        assert {f"d{i}" for i in acked} <= have
    assert workspace.check() == []


@pytest.mark.parametrize(
    "content",
    [b"{not json", b"", b"[1, 2, 3]", b'{"meta": {"1": {"relationship": {}}}}', b'{"meta": 5}'],
    ids=["invalid-json", "empty", "wrong-shape", "no-schema", "meta-not-table"],
)
def test_damaged_file_is_reported_and_left_byte_for_byte(
    workspace: Workspace, content: bytes
) -> None:
    rel = _open_session(workspace)
    path = workspace.path_of(rel)
    path.write_bytes(content)
    with pytest.raises(DamagedFileError) as e:
        workspace.load(rel)
    assert str(path) in str(e.value)
    with pytest.raises(DamagedFileError):
        workspace.update_session(rel, "s1", lambda s: s.with_rating(Rating("c1", "x", "agency", 1)))
    problems = workspace.check()
    assert [p.path for p in problems] == [path]
    assert path.read_bytes() == content


def test_session_with_wrong_types_inside_is_damaged_not_crashing(workspace: Workspace) -> None:
    rel = _open_session(workspace)
    path = workspace.path_of(rel)
    data = json.loads(path.read_text())
    doc = next(iter(data["sessions"].values()))
    doc["ratings"] = [
        {"participant": "c1", "dimension": "trust", "subject": "agency", "score": "five"}
    ]
    path.write_text(json.dumps(data))
    before = path.read_bytes()
    with pytest.raises(DamagedFileError, match="score"):
        workspace.load(rel)
    assert path.read_bytes() == before


def test_future_version_refused_and_untouched(workspace: Workspace) -> None:
    rel = _open_session(workspace)
    path = workspace.path_of(rel)
    data = json.loads(path.read_text())
    data["meta"]["1"]["schema"] = store.SCHEMA_VERSION + 1
    path.write_text(json.dumps(data))
    before = path.read_bytes()
    with pytest.raises(FutureVersionError, match="newer retro"):
        workspace.load(rel)
    with pytest.raises(FutureVersionError):
        workspace.update_session(rel, "s1", lambda s: s)
    assert path.read_bytes() == before


def test_older_schema_is_read_without_writing_and_migrated_on_first_write(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    rel = _open_session(workspace)
    path = workspace.path_of(rel)
    original = path.read_bytes()

    def rename_phase(data: dict) -> dict:
        for doc in data["sessions"].values():
            doc["notes"] = "migrated"
        return data

    now = store.SCHEMA_VERSION
    monkeypatch.setattr(store, "SCHEMA_VERSION", now + 1)
    monkeypatch.setattr(store, "MIGRATIONS", {**store.MIGRATIONS, now: rename_phase})
    # Reading (load, scan, check) shows the migrated data and writes nothing at all.
    assert workspace.load(rel).session("s1").notes == "migrated"
    assert workspace.check() == []
    assert path.read_bytes() == original
    assert sorted(p.name for p in path.parent.iterdir() if not p.name.endswith(".lock")) == [
        path.name
    ]
    # The first write migrates, after keeping a backup of the file as it was.
    workspace.update_session(rel, "s1", lambda s: s.with_rating(Rating("c1", "trust", "agency", 3)))
    assert json.loads(path.read_text())["meta"]["1"]["schema"] == now + 1
    s = workspace.load(rel).session("s1")
    assert s.notes == "migrated" and [r.score for r in s.ratings] == [3]
    backups = list(path.parent.glob(f"{rel}.schema{now}.*.bak"))
    assert len(backups) == 1 and backups[0].read_bytes() == original
    # backups are not mistaken for relationships
    assert [p.name for p in workspace.files()] == [path.name]


def test_missing_migration_is_refused_and_nothing_written(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    rel = _open_session(workspace)
    path = workspace.path_of(rel)
    original = path.read_bytes()
    monkeypatch.setattr(store, "SCHEMA_VERSION", store.SCHEMA_VERSION + 1)
    monkeypatch.setattr(store, "MIGRATIONS", {})
    for _ in range(2):
        with pytest.raises(StoreError, match="no migration"):
            workspace.load(rel)
        assert len(workspace.check()) == 1
        with pytest.raises(StoreError, match="no migration"):
            workspace.update_session(rel, "s1", lambda s: s)
    assert path.read_bytes() == original
    assert list(path.parent.glob("*.bak")) == []


def test_lock_held_too_long_is_a_clear_error(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    rel = _open_session(workspace)
    monkeypatch.setattr(store, "LOCK_TIMEOUT", 0.2)
    code = (
        "import sys, time; from filelock import FileLock; "
        f"l = FileLock({str(workspace.path_of(rel)) + '.lock'!r}); l.acquire(); print('held', flush=True); time.sleep(5)"
    )
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
        with pytest.raises(store.LockTimeoutError, match="locked by another retro"):
            workspace.update_session(rel, "s1", lambda s: s)
    finally:
        proc.kill()
        proc.wait()
    assert Path(workspace.path_of(rel)).exists()


def test_meta_fields_are_kept_beside_the_relationship_and_written_only_on_change(workspace):
    """Other modules keep small notes in the file (pack secrets); the store's own fields stay its."""
    rel = workspace.create_relationship("Acme", "Studio")
    assert workspace.meta_field(rel.id, "notes") is None
    assert workspace.change_meta_field(rel.id, "notes", lambda old: {**(old or {}), "a": 1}) == {
        "a": 1
    }
    path = workspace.path_of(rel.id)
    before = path.stat().st_mtime_ns, path.stat().st_ino
    workspace.change_meta_field(rel.id, "notes", lambda old: old)  # unchanged: no write
    assert (path.stat().st_mtime_ns, path.stat().st_ino) == before
    assert Workspace(workspace.root).meta_field(rel.id, "notes") == {"a": 1}
    assert workspace.load(rel.id).relationship == rel
    with pytest.raises(StoreError):
        workspace.change_meta_field(rel.id, "relationship", lambda old: None)
    with pytest.raises(NotFoundError):
        workspace.meta_field("nobody", "notes")
