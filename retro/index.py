"""A per-workspace listing index, so listings and "which file holds session X" do not parse
every relationship's history.

The relationship files stay the only source of truth. The index keeps, per file, its
identity (inode, size, mtime_ns) and what listings show (the relationship, and per session
its id, date, kind, status, counts and the figures home's trend needs, and the number of
open actions). Each use checks every file's identity with one
lstat; a file that is new or changed is read and summarised again, a file that is gone is
dropped. A missing, damaged or foreign index is simply rebuilt. It lives in the user's
cache folder, not in the workspace: reading a workspace never writes to it.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any, NamedTuple

from msgspec import Raw, Struct, field

from retro import __version__, json_codec
from retro.model import History, Kind, Language, Relationship, Status
from retro.store import (
    SCHEMA_VERSION,
    MisplacedFileError,
    Problem,
    StoreError,
    Workspace,
    atomic_write,
    identity_of,
)

INDEX_VERSION = 4


class SessionSummary(NamedTuple):
    """One session as listings show it; a tuple, so the index stores it as a row and reads
    it back without a dataclass __init__ per session (1800 of them on 30 x 60)."""

    id: str
    date: str
    # Literal types: the index's decoder then hands out the one string object for each
    # value instead of a new one per row (less memory for 1800 rows, fewer page faults).
    kind: Kind
    status: Status
    phase: str
    language: Language
    framework: str
    framework_version: int
    participants: int
    ratings: int
    actions: int
    # How the client sees the agency in this session (retro.figures.session_level): the
    # figure home's sparkline follows over closed joint sessions.
    level: float | None = None


class RelationshipSummary(Struct, frozen=True):
    """What listings show of one relationship, sessions in date order."""

    path: Path
    relationship: Relationship
    sessions: tuple[SessionSummary, ...]
    open_actions: int = 0  # agreed and not yet reviewed (retro.actions)


def summarise(path: Path, history: History) -> RelationshipSummary:
    # Only a file the index has not seen is summarised: a warm listing never imports
    # the figures and actions code (~5 ms of `retro sessions`).
    from retro.actions import open_actions
    from retro.figures import session_level

    return RelationshipSummary(
        path=path,
        relationship=history.relationship,
        open_actions=len(open_actions(history)),
        sessions=tuple(
            SessionSummary(
                id=s.id,
                date=s.date,
                kind=s.kind,
                status=s.status,
                phase=s.phase,
                language=s.language,
                framework=s.framework,
                framework_version=s.framework_version,
                participants=len(s.participants),
                ratings=len(s.ratings),
                actions=len(s.actions),
                level=session_level(s),
            )
            for s in history.sorted_sessions()
        ),
    )


def cache_dir() -> Path:
    """retro's folder in the user's cache (XDG_CACHE_HOME or ~/.cache): the one place for
    what retro can rebuild (this index, the export's compiled templates)."""
    import platformdirs  # only where a cache is used: most of its import is platform probing

    return Path(platformdirs.user_cache_dir("retro", appauthor=False))


def index_path(ws: Workspace) -> Path:
    """One index per workspace folder, in the user's cache."""
    key = hashlib.sha256(os.fsencode(os.path.abspath(ws.root))).hexdigest()[:24]
    return cache_dir() / "index" / f"{key}.json"


def _header(ws: Workspace) -> dict[str, Any]:
    # A new retro or schema may read files differently: its index starts afresh.
    return {
        "index": INDEX_VERSION,
        "retro": __version__,
        "schema": SCHEMA_VERSION,
        "root": os.path.abspath(ws.root),
    }


class _Item(Struct, omit_defaults=True):
    """An index entry, as written and as read: a file's summary, or the problem it had."""

    identity: list[int]
    relationship: Relationship | None = None
    sessions: tuple[SessionSummary, ...] = ()
    open_actions: int = 0
    problem: str | None = None


class _Index(Struct):
    header: dict[str, Any]
    files: dict[str, _Item]


def _read_index(ws: Workspace, path: Path) -> dict[str, _Item]:
    """The index's entries, decoded straight into summaries (msgspec builds the 1800 rows
    of 30 x 60 in C). Anything else, a damaged index or one in another shape, reads as
    no index: every file is then summarised again and the index rewritten."""
    try:
        index = json_codec.loads_as(path.read_bytes(), _Index)
    except (OSError, json_codec.JSONError):
        return {}
    return index.files if index.header == _header(ws) else {}


def _entry_of(
    item: _Item | None, path: Path, identity: tuple[int, int, int]
) -> RelationshipSummary | Problem | None:
    """The cached summary or problem for path, or None when it is missing or stale."""
    if item is None or item.identity != list(identity):
        return None
    if item.problem is not None:
        return Problem(path, item.problem)
    if item.relationship is None:
        return None
    return RelationshipSummary(path, item.relationship, item.sessions, item.open_actions)


def _item_of(entry: RelationshipSummary | Problem, identity: tuple[int, int, int]) -> _Item:
    if isinstance(entry, Problem):
        return _Item(list(identity), problem=entry.message)
    # Sessions are written as rows in SessionSummary's field order (a NamedTuple).
    return _Item(list(identity), entry.relationship, entry.sessions, entry.open_actions)


def summaries(ws: Workspace) -> tuple[list[RelationshipSummary], list[Problem]]:
    """Every relationship's summary and every damaged file, like Workspace.scan() reports
    them, parsing only the files that changed since the index last saw them."""
    try:
        paths = ws.files()
    except StoreError as e:
        return [], [Problem(ws.folder, str(e))]
    where = index_path(ws)
    cached = _read_index(ws, where)
    fresh: dict[str, _Item] = {}
    entries: list[RelationshipSummary | Problem] = []
    changed = False
    for path in paths:
        identity = identity_of(path)
        item = cached.get(path.name)
        entry = None
        if identity is not None:
            entry = _entry_of(item, path, identity)
        if entry is not None and item is not None:
            fresh[path.name] = item  # as read: a warm listing neither rebuilds nor compares it
        else:
            changed = True
            try:
                entry = summarise(path, ws._load_path(path))
            except StoreError as e:
                entry = Problem(path, str(e))
            if identity is not None and identity_of(path) == identity:
                fresh[path.name] = _item_of(entry, identity)
        entries.append(entry)
    if changed or fresh.keys() != cached.keys():
        _write_index(ws, where, fresh)
    return _resolve(entries)


def cached_summaries(
    ws: Workspace,
) -> tuple[list[RelationshipSummary], list[Problem], bool]:
    """What the index already knows, parsing nothing: the summaries and problems of every file
    whose identity still matches, and whether that is all of them (False when a file is new,
    changed or unreadable: summaries() then gives the full answer)."""
    try:
        paths = ws.files()
    except StoreError:
        return [], [], False
    cached = _read_index(ws, index_path(ws))
    entries: list[RelationshipSummary | Problem] = []
    complete = True
    for path in paths:
        identity = identity_of(path)
        entry = None if identity is None else _entry_of(cached.get(path.name), path, identity)
        if entry is None:
            complete = False
        else:
            entries.append(entry)
    found, problems = _resolve(entries)
    return found, problems, complete


def _resolve(
    entries: list[RelationshipSummary | Problem],
) -> tuple[list[RelationshipSummary], list[Problem]]:
    """The same rule as Workspace.scan: a file must be named after its relationship id."""
    problems = [e for e in entries if isinstance(e, Problem)]
    loaded = [e for e in entries if isinstance(e, RelationshipSummary)]
    out = []
    for e in loaded:
        rel_id = e.relationship.id
        if e.path.stem == rel_id:
            out.append(e)
        else:
            holders = [o.path for o in loaded if o.path.stem == o.relationship.id == rel_id]
            problems.append(Problem(e.path, str(MisplacedFileError(e.path, rel_id, holders))))
    problems.sort(key=lambda p: p.path)
    return out, problems


def _write_index(ws: Workspace, where: Path, files: dict[str, _Item]) -> None:
    """Best effort: an index that cannot be written only means the next run reads more."""
    try:
        where.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(where, json_codec.dumps({"header": _header(ws), "files": files}))
    except OSError:
        pass


class _Entry(Struct):
    """What finding a session needs of an index entry: its file's identity, and the rows
    left undecoded (a problem entry has none)."""

    identity: list[int] | None = None
    sessions: list[Raw] = field(default_factory=list)


class _Lookup(Struct):
    header: dict[str, Any]
    files: dict[str, _Entry]


def _indexed_file(ws: Workspace, sid: str) -> str | None:
    """The file name the index gives for sid. The rows are not decoded, only matched on
    how this index writes a row's first value, the session id: on 30 x 60 that reads the
    index in a third of the time."""
    try:
        index = json_codec.loads_as(index_path(ws).read_bytes(), _Lookup)
    except (OSError, json_codec.JSONError):
        return None
    if index.header != _header(ws):
        return None
    row_start = b"[" + json_codec.dumps(sid) + b","
    for name, entry in index.files.items():
        for row in entry.sessions:
            if memoryview(row)[: len(row_start)] == row_start:
                path = ws.folder / name
                if (
                    path.parent == ws.folder
                    and name.endswith(".json")
                    and not name.startswith(".")
                    and entry.identity == list(identity_of(path) or ())
                ):
                    return name
                return None
    return None


def locate_session(ws: Workspace, sid: str) -> tuple[Path | None, list[Problem]]:
    """The file that holds session sid (None if no file does), and the damaged files.

    First the index alone: the file it names for sid, if that file is unchanged since
    (its identity as indexed), without building every summary (1800 on 30 x 60); the
    caller loads the file and checks that sid is there. Otherwise every summary."""
    name = _indexed_file(ws, sid)
    if name is not None:
        return ws.folder / name, []
    found, problems = summaries(ws)
    for r in found:
        if any(s.id == sid for s in r.sessions):
            return r.path, problems
    return None, problems
