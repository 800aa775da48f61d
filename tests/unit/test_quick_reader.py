"""The quick reader (retro.store.quick_history) decodes a relationship file straight into
the model. It must read every file retro writes exactly as the dict readers do, and leave
every file it does not vouch for to them, so their messages stay word for word."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from msgspec.structs import replace

from retro import json_codec
from retro.model import History, ModelError, Session, _checked_session, session_to_dict
from retro.store import (
    SCHEMA_VERSION,
    DamagedFileError,
    Workspace,
    history_from_tables,
    quick_history,
)

from .strategies import histories
from .test_model_reader import BAD, _everything_set


def _written(history: History, root: Path) -> bytes:
    """The file the store writes for history."""
    ws = Workspace(root)
    ws.merge_history(history)
    return ws.path_of(history.relationship.id).read_bytes()


def _with_session(raw: bytes, session: dict[str, Any]) -> bytes:
    """raw with its first session replaced by session (a dict as the file holds it)."""
    tables = json_codec.loads(raw)
    first = next(iter(tables["sessions"]))
    tables["sessions"][first] = session
    return json_codec.dumps(tables, indent=True)


def _full() -> dict[str, Any]:
    """A session as retro writes it, every key present and every value set; open, so a
    missing status (the readers then say closed) shows."""
    return session_to_dict(replace(_everything_set(), status="open"))


def _one_session_file(tmp_path: Path) -> tuple[Workspace, Path]:
    s = _everything_set()
    ws = Workspace(tmp_path)
    rel = ws.create_relationship("Client", "Agency", "rel")
    ws.add_session(rel.id, Session(id=s.id, date=s.date))
    return ws, ws.path_of(rel.id)


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(histories())
def test_every_file_retro_writes_reads_quickly_and_the_same(history: History) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        raw = _written(history, Path(tmp))
    quick = quick_history(raw)
    assert quick is not None, "a file retro wrote took the slow path"
    assert quick == history_from_tables(json_codec.loads(raw))


def test_a_session_with_every_field_set_reads_the_same(tmp_path: Path) -> None:
    _, path = _one_session_file(tmp_path)
    raw = _with_session(path.read_bytes(), session_to_dict(_everything_set()))
    quick = quick_history(raw)
    assert quick is not None
    assert quick.sessions == (_everything_set(),)


@pytest.mark.parametrize(("field", "value"), BAD, ids=[f"{f}={v!r}" for f, v in BAD])
def test_a_wrong_value_is_left_to_the_checked_reader_and_worded_as_before(
    tmp_path: Path, field: str, value: Any
) -> None:
    ws, path = _one_session_file(tmp_path)
    d = _full()
    assert quick_history(_with_session(path.read_bytes(), d)) is not None  # until the value
    d[field] = value
    path.write_bytes(_with_session(path.read_bytes(), d))
    assert quick_history(path.read_bytes()) is None
    with pytest.raises(ModelError) as expected:
        _checked_session(d, "session")
    with pytest.raises(DamagedFileError) as got:
        ws.load("rel")
    assert str(expected.value) in str(got.value)


@pytest.mark.parametrize(
    ("change", "read_as"),
    [
        # Keys retro always writes, missing: the dict readers' defaults apply.
        (lambda d: d.pop("status"), lambda s: s.status == "closed"),
        (lambda d: d.pop("phase"), lambda s: s.phase == "checkin"),
        (lambda d: d.update(checkin=None), lambda s: s.checkin.answers == ()),
        (lambda d: d.update(notes=None), lambda s: s.notes == ""),
        # An action's empty due date or dimension is none, in the model as in the readers.
        (
            lambda d: d.update(actions=[{"id": "a", "title": "t", "due": "", "dimension": ""}]),
            lambda s: (s.actions[0].due, s.actions[0].dimension) == (None, None),
        ),
    ],
)
def test_files_in_another_shape_read_as_the_dict_readers_read_them(
    tmp_path: Path, change: Any, read_as: Any
) -> None:
    ws, path = _one_session_file(tmp_path)
    d = _full()
    change(d)
    raw = _with_session(path.read_bytes(), d)
    expected = history_from_tables(json_codec.loads(raw))
    quick = quick_history(raw)
    assert quick is None or quick == expected
    assert read_as(expected.sessions[0])
    path.write_bytes(raw)
    assert ws.load("rel") == expected


def test_an_older_schema_or_another_table_takes_the_dict_path(tmp_path: Path) -> None:
    _, path = _one_session_file(tmp_path)
    tables = json_codec.loads(path.read_bytes())
    assert quick_history(json_codec.dumps(tables)) is not None
    tables["meta"]["1"]["schema"] = SCHEMA_VERSION - 1
    assert quick_history(json_codec.dumps(tables)) is None
    tables["meta"]["1"]["schema"] = SCHEMA_VERSION
    tables["_default"] = {}
    assert quick_history(json_codec.dumps(tables)) is None
