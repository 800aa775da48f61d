"""The workspace: one TinyDB file per relationship, written atomically under a file lock.

TinyDB's own JSONStorage writes in place and caches ids per process, so several
participants saving at once would lose answers. Here every read-modify-write takes a
cross-process lock, reads the file fresh, and replaces it atomically; a file that does
not parse is reported and left exactly as it is.
"""

from __future__ import annotations

import os
import re
import threading
import time
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from msgspec import Struct, field
from msgspec.structs import replace

from retro import json_codec
from retro.model import (
    History,
    ModelError,
    Relationship,
    Session,
    StoredSession,
    relationship_from_dict,
    relationship_to_dict,
    session_from_dict,
    session_to_dict,
    with_stated_language,
)

# The file primitives and the errors live in retro.store_files; every name stays importable
# from here, where the rest of retro has always found them.
from retro.store_files import (
    META,
    META_ID,
    SESSIONS,
    DamagedFileError,
    Identity,
    NotFoundError,
    StoreError,
    UnreadableFileError,
    WriteError,
    atomic_write,
    identity_of,
    parse_file,
    plain_reason,
    read_file,
    read_file_identity,
)

if TYPE_CHECKING:
    from tinydb import TinyDB

__all__ = [
    "META",
    "META_ID",
    "SESSIONS",
    "DamagedFileError",
    "FutureVersionError",
    "Identity",
    "LockTimeoutError",
    "MisplacedFileError",
    "NotFoundError",
    "Problem",
    "StoreError",
    "UnreadableFileError",
    "Workspace",
    "WriteError",
    "atomic_write",
    "identity_of",
    "is_valid_id",
    "new_id",
    "parse_file",
    "plain_reason",
    "read_file",
    "read_file_identity",
    "resolve_workspace",
    "slugify",
]

# 2: sessions may carry `ask_importance` and `importance` (what matters to each side).
# Bumped so an older retro refuses such a file (FutureVersionError) instead of reading
# it, dropping the fields it does not know and writing the file back without them.
SCHEMA_VERSION = 2
LOCK_TIMEOUT = 10.0  # seconds; a save waits this long for another writer before giving up
STALE_TEMP_SECONDS = 600  # a temp file this old belongs to a writer that died mid-save


# Schema migrations, keyed by the version they upgrade *from*. Each takes the raw file
# (TinyDB's {table: {doc_id: doc}} dict) and returns it at the next version.
def _schema_1_to_2(data: dict[str, Any]) -> dict[str, Any]:
    """Schema 1 -> 2 changes no stored field: a schema-1 session has no importance step
    (`ask_importance` absent = False) and no allocation (`importance` absent = none),
    which is what both readers assume when the fields are missing. Only the version
    moves, so the file is refused by the retros that would drop those fields. A session
    without a language was Dutch in schema 1: that is written down (with_stated_language)."""
    sessions = data.get(SESSIONS)
    if isinstance(sessions, dict):
        data = {
            **data,
            SESSIONS: {k: with_stated_language(v) for k, v in sessions.items()},
        }
    return data


MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _schema_1_to_2}


class FutureVersionError(StoreError):
    def __init__(self, path: Path, version: int) -> None:
        self.path = path
        super().__init__(
            f"{path} was written by a newer retro (schema {version}; this one reads up to "
            f"{SCHEMA_VERSION}). Upgrade retro to open it; the file was left untouched."
        )


class LockTimeoutError(StoreError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            f"{path} stayed locked by another retro for {LOCK_TIMEOUT:.0f} s; nothing was "
            "lost, try again (if no other retro runs, remove the .lock file beside it)."
        )


class MisplacedFileError(DamagedFileError):
    """A file whose relationship id is not its name: a copy, or a rename by hand."""

    def __init__(self, path: Path, rel_id: str, holders: list[Path]) -> None:
        if holders:
            why = f"it claims relationship id {rel_id!r}, which {holders[0].name} already holds"
        else:
            why = f"it holds relationship {rel_id!r} but is not named {rel_id}.json"
        super().__init__(path, why)


def schema_of(data: dict[str, dict[str, Any]]) -> int:
    return data[META][str(META_ID)]["schema"]


def migrate(path: Path, data: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The file's tables at the current schema, in memory only: reading never writes.

    Raises before anything could be written when the file is newer than this retro or
    when a migration step is missing, so the caller never keeps a backup it cannot use.
    """
    version = schema_of(data)
    if version > SCHEMA_VERSION:
        raise FutureVersionError(path, version)
    while version < SCHEMA_VERSION:
        if version not in MIGRATIONS:
            raise StoreError(f"{path}: no migration from schema {version}; file left untouched")
        data = MIGRATIONS[version](data)
        version += 1
        data[META][str(META_ID)]["schema"] = version
    return data


def validate_tables(path: Path, data: dict[str, dict[str, Any]]) -> History:
    """The whole file as the model, or the DamagedFileError that `retro check` reports."""
    try:
        return history_from_tables(data)
    except ModelError as e:
        raise DamagedFileError(path, str(e)) from None


def slugify(text: str, fallback: str = "relationship") -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:40].strip("-")
    return slug or fallback


def new_id(prefix: str) -> str:
    import secrets  # hmac and hashlib behind it: paid by commands that create, not by reads

    return f"{prefix}-{secrets.token_hex(3)}"


# Always used with fullmatch: "$" alone would let "abc\n" through as a file name.
VALID_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,79}")


def is_valid_id(text: object) -> bool:
    return isinstance(text, str) and VALID_ID.fullmatch(text) is not None


def resolve_workspace(data: str | os.PathLike[str] | None = None) -> Path:
    """--data wins, then RETRO_DATA, then the user's data dir."""
    if data:
        return Path(data).expanduser()
    env = os.environ.get("RETRO_DATA")
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("retro", appauthor=False))


class Problem(Struct, frozen=True):
    """A file that could not be read, reported by name rather than skipped in silence."""

    path: Path
    message: str


class Workspace:
    """A folder of relationship files; every method sees what is on disk now (a save reuses
    this object's own last write only while the file's identity shows it is unchanged),
    so one object is safe to share between threads and alongside other processes."""

    def __init__(self, root: Path | str) -> None:
        self.root = Path(root)
        self.folder = self.root / "relationships"
        # The tables this process last wrote, per file, with the file's identity then.
        self._cache: dict[Path, tuple[Identity, dict[str, dict[str, Any]]]] = {}
        self._cache_lock = threading.Lock()

    # -- paths and locking --------------------------------------------------------------

    def path_of(self, rel_id: str) -> Path:
        if not is_valid_id(rel_id):
            raise NotFoundError(f"{rel_id!r} is not a relationship id (letters, digits, - _ .)")
        return self.folder / f"{rel_id}.json"

    def files(self) -> list[Path]:
        """Every *.json entry, whatever it is: folders, links and pipes are listed too, so
        that they are reported as damaged by name instead of silently skipped."""
        try:
            entries = list(os.scandir(self.folder))
        except (FileNotFoundError, NotADirectoryError):
            return []
        except OSError as e:
            raise UnreadableFileError(self.folder, e.strerror or str(e)) from None
        return sorted(
            self.folder / e.name
            for e in entries
            if e.name.endswith(".json") and not e.name.startswith(".")
        )

    @contextmanager
    def _locked(self, path: Path) -> Iterator[None]:
        from filelock import FileLock  # imported here: read-only commands never pay for it
        from filelock import Timeout as _LockTimeout

        lock = FileLock(str(path) + ".lock", timeout=LOCK_TIMEOUT)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            lock.acquire()
        except _LockTimeout:
            raise LockTimeoutError(path) from None
        except OSError as e:  # a read-only or unwritable folder refuses the lock file
            raise WriteError(path, e) from None
        try:
            yield
        finally:
            lock.release()

    @contextmanager
    def transaction(self, rel_id: str, *, create: Relationship | None = None) -> Iterator[TinyDB]:
        """The file as it is on disk now, under the lock; written back atomically by TinyDB.

        The whole file is checked before anything is written: a damaged file (a session
        that does not parse, a score out of range, no relationship) is never overwritten.
        An older schema is migrated here, on the first write, after keeping a backup.

        The tables this process wrote last are reused when the file's identity (inode,
        size, mtime_ns) shows nobody replaced it since: every writer replaces the file
        under this lock, so an unchanged identity means unchanged bytes. Any other case,
        or a transaction that failed half-way, reads and checks the file afresh.
        """
        path = self.path_of(rel_id)
        with self._locked(path):
            data = self._take_cached(path)
            created = False
            if data is None:
                try:
                    raw, _ = read_file_identity(path)
                except NotFoundError:
                    if create is None:
                        raise NotFoundError(f"no relationship {rel_id!r} in {self.root}") from None
                    meta = {"schema": SCHEMA_VERSION, "relationship": relationship_to_dict(create)}
                    data = {META: {str(META_ID): meta}, SESSIONS: {}}
                    created = True
                else:
                    data = parse_file(path, raw)
                    version = schema_of(data)
                    if version != SCHEMA_VERSION:
                        data = migrate(path, data)
                    validate_tables(path, data)
                    if version != SCHEMA_VERSION:
                        self._backup(path, raw, version)
                        atomic_write(path, json_codec.dumps_file(data))
            from tinydb import TinyDB  # only transactions load TinyDB; reads parse the file

            from retro.store_tinydb import AtomicJSONStorage

            # atomic_write as this module has it now, so a test that wraps it sees every write.
            db = TinyDB(path, storage=AtomicJSONStorage, data=data, write=atomic_write)
            try:
                yield db
                storage = cast(AtomicJSONStorage, db.storage)
                if created and not storage.written:
                    storage.write(data)
            finally:
                db.close()
            # Only reached when the body and the write succeeded: the tables are what is on disk.
            self._remember(path, storage._data)

    def _take_cached(self, path: Path) -> dict[str, dict[str, Any]] | None:
        """This process's last written tables of path, if the file is still that one.

        Taken out of the cache (not copied): a transaction that fails half-way leaves
        nothing behind that could differ from the file.
        """
        with self._cache_lock:
            entry = self._cache.pop(path, None)
        if entry is None:
            return None
        identity, data = entry
        if identity_of(path) != identity or schema_of(data) != SCHEMA_VERSION:
            return None
        return data

    def _remember(self, path: Path, data: dict[str, dict[str, Any]] | None) -> None:
        identity = identity_of(path)
        if data is None or identity is None:
            return
        with self._cache_lock:
            self._cache[path] = (identity, data)

    def _backup(self, path: Path, raw: bytes, version: int) -> None:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        backup = path.with_name(f"{path.stem}.schema{version}.{stamp}.bak")
        atomic_write(backup, raw)

    # -- reading ------------------------------------------------------------------------

    def load(self, rel_id: str) -> History:
        path = self.path_of(rel_id)
        try:
            return self._load_path(path)
        except NotFoundError:
            raise NotFoundError(f"no relationship {rel_id!r} in {self.root}") from None

    def _load_path(self, path: Path) -> History:
        """Read-only: an older schema is migrated in memory; the file is left as it is."""
        raw = read_file(path)
        quick = quick_history(raw)
        if quick is not None:
            return quick
        data = parse_file(path, raw)
        if schema_of(data) != SCHEMA_VERSION:
            data = migrate(path, data)
        return validate_tables(path, data)

    def scan(self) -> tuple[list[History], list[Problem]]:
        """Every relationship that loads, and a problem for every file that does not.

        Saves go to <id>.json, so a file whose name is not its relationship's id would be
        read but never written; a second file claiming an id that another file already
        holds would make commands disagree about which is the relationship. Both are
        reported, naming the file that holds the id.
        """
        loaded: list[tuple[Path, History]] = []
        problems: list[Problem] = []
        try:
            paths = self.files()
        except StoreError as e:
            return [], [Problem(self.folder, str(e))]
        for path in paths:
            try:
                loaded.append((path, self._load_path(path)))
            except StoreError as e:
                problems.append(Problem(path, str(e)))
        histories = []
        for path, h in loaded:
            if path.stem == h.relationship.id:
                histories.append(h)
            else:
                holder = [p for p, o in loaded if p.stem == o.relationship.id == h.relationship.id]
                problems.append(
                    Problem(path, str(MisplacedFileError(path, h.relationship.id, holder)))
                )
        problems.sort(key=lambda p: p.path)
        return histories, problems

    def relationships(self) -> list[Relationship]:
        return [h.relationship for h in self.scan()[0]]

    def find_session(self, sid: str) -> tuple[History, Session]:
        """The session and its relationship, reading only the file that holds it.

        Which file that is comes from the listing index (retro.index), which checks each
        file's identity first; should the file have changed in between, a scan decides.
        """
        from retro.index import locate_session

        path, problems = locate_session(self, sid)
        if path is not None:
            with suppress(StoreError):
                h = self._load_path(path)
                s = h.session(sid)
                if s is not None and path.stem == h.relationship.id:
                    return h, s
            histories, problems = self.scan()
            for h in histories:
                s = h.session(sid)
                if s is not None:
                    return h, s
        hint = (
            f" ({len(problems)} damaged file(s) not searched; run 'retro check')"
            if problems
            else ""
        )
        raise NotFoundError(f"no session {sid!r} in {self.root}{hint}")

    # -- the relationship file's own notes ------------------------------------------------

    # The meta document holds the schema and the relationship; other modules may keep
    # small notes of their own beside them (pack.py keeps its per-session secrets there,
    # which never leave the file). These two fields are the store's and cannot be set here.
    RESERVED_META = frozenset(("schema", "relationship"))

    def meta_field(self, rel_id: str, name: str) -> Any:
        """One field of the relationship file's meta document as on disk now, or None.

        Read-only and without the lock: files are replaced atomically, so this sees the
        last complete save.
        """
        path = self.path_of(rel_id)
        try:
            data = parse_file(path, read_file(path))
        except NotFoundError:
            raise NotFoundError(f"no relationship {rel_id!r} in {self.root}") from None
        return data[META][str(META_ID)].get(name)

    def change_meta_field(self, rel_id: str, name: str, change: Callable[[Any], Any]) -> Any:
        """Set one meta field to change(its value now, or None), under the lock; the new value.

        Written once, and not at all when the value stays the same.
        """
        if name in self.RESERVED_META:
            raise StoreError(f"the meta field {name!r} belongs to the store")
        with self.transaction(rel_id) as db:
            data = _tables(db)
            meta = data[META][str(META_ID)]
            old = meta.get(name)
            new = change(old)
            if new != old:
                meta[name] = new
                db.storage.write(data)
            return new

    # -- writing ------------------------------------------------------------------------

    def create_relationship(
        self, client: str, agency: str, rel_id: str | None = None
    ) -> Relationship:
        if rel_id is None:
            base = slugify(client)
            rel_id, n = base, 2
            while os.path.lexists(self.path_of(rel_id)):
                rel_id, n = f"{base}-{n}", n + 1
        elif os.path.lexists(self.path_of(rel_id)):
            raise StoreError(f"relationship {rel_id!r} already exists")
        rel = Relationship(id=rel_id, client=client, agency=agency)
        with self.transaction(rel_id, create=rel):
            pass
        return rel

    # The methods below change the tables as plain dicts (TinyDB's on-disk format) and
    # write once: TinyDB's table API writes the whole file for every insert or update,
    # which made importing n sessions cost n full rewrites.

    def update_relationship(self, rel: Relationship) -> None:
        with self.transaction(rel.id) as db:
            data = _tables(db)
            data[META][str(META_ID)]["relationship"] = relationship_to_dict(rel)
            db.storage.write(data)

    def add_session(self, rel_id: str, session: Session) -> Session:
        with self.transaction(rel_id) as db:
            data = _tables(db)
            sessions = data.setdefault(SESSIONS, {})
            if _find_key(sessions, session.id) is not None:
                raise StoreError(f"session {session.id!r} already exists")
            sessions[_new_key(sessions)] = session_to_dict(session)
            db.storage.write(data)
        return session

    def update_session(
        self, rel_id: str, sid: str, change: Callable[[Session], Session]
    ) -> Session:
        """Apply a change to the session as it is on disk now, under the lock."""
        with self.transaction(rel_id) as db:
            data = _tables(db)
            sessions = data.setdefault(SESSIONS, {})
            key = _find_key(sessions, sid)
            if key is None:
                raise NotFoundError(f"no session {sid!r} in relationship {rel_id!r}")
            try:
                current = session_from_dict(sessions[key])
            except ModelError as e:
                raise DamagedFileError(self.path_of(rel_id), str(e)) from None
            updated = change(current)
            if updated.id != sid:
                raise StoreError("a session's id cannot change")
            sessions[key] = session_to_dict(updated)
            db.storage.write(data)
        return updated

    def delete_session(self, rel_id: str, sid: str) -> None:
        with self.transaction(rel_id) as db:
            data = _tables(db)
            sessions = data.setdefault(SESSIONS, {})
            key = _find_key(sessions, sid)
            if key is None:
                raise NotFoundError(f"no session {sid!r} in relationship {rel_id!r}")
            del sessions[key]
            db.storage.write(data)

    def merge_history(self, history: History) -> dict[str, int]:
        """Merge a relationship: sessions are replaced whole by id, so merging twice is a no-op.

        One write for the whole merge, and none when nothing changes.
        """
        rel = history.relationship
        counts = {"added": 0, "updated": 0, "unchanged": 0}
        with self.transaction(rel.id, create=rel) as db:
            data = _tables(db)
            meta = data[META][str(META_ID)]
            changed = meta.get("relationship") != relationship_to_dict(rel)
            meta["relationship"] = relationship_to_dict(rel)
            sessions = data.setdefault(SESSIONS, {})
            keys = {doc.get("id"): key for key, doc in sessions.items()}
            for s in history.sessions:
                new = session_to_dict(s)
                key = keys.get(s.id)
                if key is None:
                    key = _new_key(sessions)
                    sessions[key] = new
                    keys[s.id] = key
                    counts["added"] += 1
                elif sessions[key] != new:
                    sessions[key] = new
                    counts["updated"] += 1
                else:
                    counts["unchanged"] += 1
            if changed or counts["added"] or counts["updated"]:
                db.storage.write(data)
        return counts

    def check(self) -> list[Problem]:
        """Damaged files, after clearing temp files that a killed writer left behind."""
        if self.folder.is_dir():
            cutoff = time.time() - STALE_TEMP_SECONDS
            for tmp in self.folder.glob(".*.tmp"):
                with suppress(OSError):
                    if tmp.stat().st_mtime < cutoff:
                        tmp.unlink()
        return self.scan()[1]


def _tables(db: TinyDB) -> dict[str, dict[str, Any]]:
    data = db.storage.read()
    assert data is not None  # a transaction always has its file's tables
    return data


def _find_key(sessions: dict[str, Any], sid: str) -> str | None:
    for key, doc in sessions.items():
        if doc.get("id") == sid:
            return key
    return None


def _new_key(sessions: dict[str, Any]) -> str:
    # Our own ids: TinyDB's cached "next id" collides when two processes insert.
    import secrets

    while True:
        key = str(secrets.randbits(52) or 1)
        if key not in sessions:
            return key


class _StoredTables(Struct, forbid_unknown_fields=True):
    """A relationship file as retro writes it: its two tables, the sessions typed."""

    meta: dict[str, Any] = field(name=META)
    sessions: dict[str, StoredSession] = field(default_factory=dict, name=SESSIONS)


def quick_history(raw: bytes) -> History | None:
    """The file's History decoded straight into the model, or None when the dict readers
    must decide: an older schema, a shape retro does not write, or anything wrong, which
    they then word exactly as before. A read of a 60-session file takes a third of the
    time; saves keep the dict path, which rewrites the tables they parsed."""
    try:
        tables = json_codec.loads_as(raw, _StoredTables)
    except json_codec.JSONError:
        return None
    meta = tables.meta.get(str(META_ID))
    if not isinstance(meta, dict) or type(meta.get("schema")) is not int:
        return None
    if meta["schema"] != SCHEMA_VERSION:
        return None
    try:
        rel = relationship_from_dict(meta.get("relationship"))
    except ModelError:
        return None
    sessions = []
    for stored in tables.sessions.values():
        session = stored.to_session()
        if session is None:
            return None
        sessions.append(session)
    return History(relationship=rel, sessions=tuple(sessions))


def history_from_tables(data: dict[str, dict[str, Any]]) -> History:
    meta = data[META][str(META_ID)]
    rel = relationship_from_dict(meta.get("relationship"))
    sessions = tuple(session_from_dict(d) for d in data.get(SESSIONS, {}).values())
    return History(relationship=rel, sessions=sessions)


def with_session(history: History, session: Session) -> History:
    kept = tuple(s for s in history.sessions if s.id != session.id)
    return replace(history, sessions=(*kept, session))
