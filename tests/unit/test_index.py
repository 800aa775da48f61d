"""Listings and "which file holds session X" read an index, not every history (issue 11),
and the index is never trusted over the files: changed, new, deleted or damaged files and
a damaged index all give the answer a full scan would."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from retro.cli import main
from retro.demo import fill_demo
from retro.index import index_path, locate_session, summaries
from retro.model import Participant, Session
from retro.store import StoreError, Workspace


@pytest.fixture
def demo(workspace: Workspace) -> Workspace:
    fill_demo(workspace, today=date(2026, 11, 23))
    return workspace


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every relationship file parsed into a history, in order."""
    seen: list[Path] = []
    real = Workspace._load_path

    def counting(self: Workspace, path: Path):
        seen.append(path)
        return real(self, path)

    monkeypatch.setattr(Workspace, "_load_path", counting)
    return seen


def _listing(capsys: pytest.CaptureFixture[str]) -> list[dict]:
    assert main(["sessions", "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def _scan_listing(ws: Workspace) -> list[tuple[str, str, str, int]]:
    histories, _ = ws.scan()
    return [
        (h.relationship.id, s.id, s.status, len(s.ratings))
        for h in histories
        for s in h.sorted_sessions()
    ]


def _as_tuples(rows: list[dict]) -> list[tuple[str, str, str, int]]:
    return [(r["relationship"], r["id"], r["status"], r["ratings"]) for r in rows]


def test_a_warm_index_parses_no_history_and_a_change_parses_one(
    demo: Workspace, loads: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    first = _listing(capsys)
    assert len(loads) == 3
    loads.clear()
    assert _listing(capsys) == first and loads == []
    # Another process adds a session to one relationship.
    other = Workspace(demo.root)
    other.add_session(
        "gemeente-zwolle",
        Session(id="new-one", date="2026-11-30", participants=(Participant("x", "X", "client"),)),
    )
    rows = _listing(capsys)
    assert loads == [demo.path_of("gemeente-zwolle")]
    assert ("gemeente-zwolle", "new-one", "open", 0) in _as_tuples(rows)
    assert _as_tuples(rows) == _scan_listing(demo)


def test_a_warm_listing_leaves_the_index_as_it_was_and_a_deleted_file_updates_it(
    demo: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    first = _listing(capsys)
    where = index_path(demo)
    written = where.stat().st_mtime_ns, where.read_bytes()
    assert _listing(capsys) == first
    assert (where.stat().st_mtime_ns, where.read_bytes()) == written  # nothing rewritten
    demo.path_of("bakkerij-van-dijk").unlink()
    rows = _listing(capsys)
    assert "bakkerij-van-dijk" not in {r["relationship"] for r in rows}
    assert "bakkerij-van-dijk.json" not in json.loads(where.read_bytes())["files"]


def test_finding_a_session_reads_only_its_file(demo: Workspace, loads: list[Path]) -> None:
    sid = demo.load("northwind-foods").sorted_sessions()[0].id
    summaries(demo)  # the index is warm, as after any earlier command
    loads.clear()
    history, session = demo.find_session(sid)
    assert session.id == sid and history.relationship.id == "northwind-foods"
    assert loads == [demo.path_of("northwind-foods")]


def test_a_session_id_that_begins_another_leads_to_its_own_file(
    workspace: Workspace, loads: list[Path]
) -> None:
    """The index is searched on each row's first value as written: "rel-a-1" must not be
    taken for "rel-a-10" (another relationship's file) nor the other way round."""
    for rel_id, sid in (("a", "rel-a-10"), ("b", "rel-a-1"), ("c", 'rel-"a')):
        workspace.create_relationship(rel_id.upper(), "Agency", rel_id)
        workspace.add_session(rel_id, Session(id=sid, date="2026-01-01"))
    summaries(workspace)
    for rel_id, sid in (("b", "rel-a-1"), ("a", "rel-a-10"), ("c", 'rel-"a')):
        loads.clear()
        history, session = workspace.find_session(sid)
        assert (history.relationship.id, session.id) == (rel_id, sid)
        assert loads == [workspace.path_of(rel_id)]  # straight from the index


def test_a_damaged_index_is_rebuilt(demo: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    expected = _listing(capsys)
    where = index_path(demo)
    assert where.is_file() and not where.is_relative_to(demo.root)
    for junk in (b"{ not json", b"[]", b'{"header": {}, "files": {}}', b""):
        where.write_bytes(junk)
        assert _listing(capsys) == expected
    where.unlink()
    assert _listing(capsys) == expected


def test_deleted_damaged_and_renamed_files_are_seen_at_once(
    demo: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    _listing(capsys)
    demo.path_of("bakkerij-van-dijk").unlink()
    zwolle = demo.path_of("gemeente-zwolle")
    zwolle.write_text("{ broken")
    assert main(["sessions", "--json"]) == 1
    out, err = capsys.readouterr()
    rows = json.loads(out)
    assert {r["relationship"] for r in rows} == {"northwind-foods"}
    assert str(zwolle) in err
    _, problems = summaries(demo)
    assert [p.path for p in problems] == [zwolle]
    sid = rows[0]["id"]
    path, _ = locate_session(demo, sid)
    assert path == demo.path_of("northwind-foods")


def test_a_session_that_is_nowhere_is_not_found(demo: Workspace) -> None:
    from retro.store import NotFoundError

    with pytest.raises(NotFoundError, match="no session 'nope'"):
        demo.find_session("nope")


def test_a_session_whose_file_changed_since_indexing_is_still_found(
    demo: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    """The index names a session's file only while that file is unchanged: once the
    file is gone, its sessions are not found through the stale entry; the others are."""
    rows = _listing(capsys)
    rel = rows[0]["relationship"]
    sid = rows[0]["id"]
    assert demo.find_session(sid)[1].id == sid

    demo.path_of(rel).unlink()
    with pytest.raises(StoreError):
        demo.find_session(sid)

    other = next(r["id"] for r in rows if r["relationship"] != rel)
    _, s = demo.find_session(other)
    assert s.id == other


def test_an_index_with_a_wrong_value_inside_is_rebuilt(
    demo: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    """Valid JSON in the index's shape, but a row's count is text or a row is short: read
    as no index (every file summarised again), never shown or crashed on."""
    expected = _listing(capsys)
    where = index_path(demo)
    good = where.read_bytes()
    for old, new in ((b",4,", b',"four",'), (b'"sessions":[[', b'"sessions":[["x"],[')):
        assert old in good
        where.write_bytes(good.replace(old, new, 1))
        assert _listing(capsys) == expected
        assert where.read_bytes() != good.replace(old, new, 1)  # written afresh
