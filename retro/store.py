"""The workspace: one TinyDB file per relationship, written atomically under a file lock.

TinyDB's own JSONStorage writes in place and caches ids per process, so several
participants saving at once would lose answers. Here every read-modify-write takes a
cross-process lock, reads the file fresh, and replaces it atomically; a file that does
not parse is reported and left exactly as it is.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import tempfile
import time
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson
from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Document

from retro.model import (
    History,
    ModelError,
    Relationship,
    Session,
    relationship_from_dict,
    relationship_to_dict,
    session_from_dict,
    session_to_dict,
)

SCHEMA_VERSION = 1
LOCK_TIMEOUT = 10.0  # seconds; a save waits this long for another writer before giving up
STALE_TEMP_SECONDS = 600  # a temp file this old belongs to a writer that died mid-save
META, SESSIONS = "meta", "sessions"
META_ID = 1

# Schema migrations, keyed by the version they upgrade *from*. Each takes the raw file
# (TinyDB's {table: {doc_id: doc}} dict) and returns it at the next version.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}


class StoreError(Exception):
    """A problem with the workspace, worded for the person at the keyboard."""


class DamagedFileError(StoreError):
    def __init__(self, path: Path, why: str) -> None:
        self.path = path
        super().__init__(
            f"{path} is damaged ({why}). It was left untouched: restore it from a backup "
            "or move it aside; the other relationships are unaffected."
        )


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


class NotFoundError(StoreError):
    pass


class AtomicJSONStorage(Storage):
    """TinyDB storage that never leaves a half-written file and never "repairs" one."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        # Parsed once per transaction: TinyDB reads the whole file for every table access,
        # and the lock guarantees nobody else changes it while this storage lives.
        self._data: dict[str, dict[str, Any]] | None = None

    def read(self) -> dict[str, dict[str, Any]] | None:
        if self._data is None:
            try:
                raw = self.path.read_bytes()
            except FileNotFoundError:
                return None
            self._data = parse_file(self.path, raw)
        return self._data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        atomic_write(self.path, orjson.dumps(data, option=orjson.OPT_INDENT_2))
        self._data = data

    def close(self) -> None:
        pass


def atomic_write(path: Path, payload: bytes) -> None:
    """Temp file in the same folder, fsync, rename over: readers see old or new, never half."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(payload)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with suppress(OSError):
            os.unlink(tmp)
        raise
    if hasattr(os, "O_DIRECTORY"):
        dfd = os.open(path.parent, os.O_DIRECTORY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)


def parse_file(path: Path, raw: bytes) -> dict[str, dict[str, Any]]:
    """Parse and check the shape of a relationship file, or raise DamagedFileError."""
    if not raw.strip():
        raise DamagedFileError(path, "the file is empty")
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as e:
        raise DamagedFileError(path, f"invalid JSON: {e}") from None
    if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
        raise DamagedFileError(path, "not a retro relationship file")
    meta = data.get(META, {}).get(str(META_ID))
    if not isinstance(meta, dict) or not isinstance(meta.get("schema"), int):
        raise DamagedFileError(path, "no schema version")
    return data


def schema_of(data: dict[str, dict[str, Any]]) -> int:
    return data[META][str(META_ID)]["schema"]


def slugify(text: str, fallback: str = "relationship") -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:40].strip("-")
    return slug or fallback


def new_id(prefix: str) -> str:
    return f"{prefix}-{secrets.token_hex(3)}"


VALID_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$")


def resolve_workspace(data: str | os.PathLike[str] | None = None) -> Path:
    """--data wins, then RETRO_DATA, then the user's data dir."""
    if data:
        return Path(data).expanduser()
    env = os.environ.get("RETRO_DATA")
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("retro", appauthor=False))


@dataclass(frozen=True)
class Problem:
    path: Path
    message: str


class Workspace:
    """A folder of relationship files; every method reads fresh, so it is safe to share."""

    def __init__(self, root: Path | str) -> None:
        self.root = Path(root)
        self.folder = self.root / "relationships"

    # -- paths and locking --------------------------------------------------------------

    def path_of(self, rel_id: str) -> Path:
        if not VALID_ID.match(rel_id):
            raise NotFoundError(f"{rel_id!r} is not a relationship id (letters, digits, - _ .)")
        return self.folder / f"{rel_id}.json"

    def files(self) -> list[Path]:
        if not self.folder.is_dir():
            return []
        return sorted(p for p in self.folder.glob("*.json") if not p.name.startswith("."))

    @contextmanager
    def _locked(self, path: Path) -> Iterator[None]:
        from filelock import FileLock  # imported here: read-only commands never pay for it
        from filelock import Timeout as _LockTimeout

        path.parent.mkdir(parents=True, exist_ok=True)
        lock = FileLock(str(path) + ".lock", timeout=LOCK_TIMEOUT)
        try:
            lock.acquire()
        except _LockTimeout:
            raise LockTimeoutError(path) from None
        try:
            yield
        finally:
            lock.release()

    @contextmanager
    def transaction(self, rel_id: str, *, create: Relationship | None = None) -> Iterator[TinyDB]:
        """The file, freshly read under the lock; written back atomically by TinyDB."""
        path = self.path_of(rel_id)
        with self._locked(path):
            if not path.exists():
                if create is None:
                    raise NotFoundError(f"no relationship {rel_id!r} in {self.root}")
                meta = {"schema": SCHEMA_VERSION, "relationship": relationship_to_dict(create)}
                atomic_write(path, orjson.dumps({META: {str(META_ID): meta}, SESSIONS: {}}))
            db = TinyDB(path, storage=AtomicJSONStorage)
            data = db.storage.read()
            if data is None:
                raise NotFoundError(f"no relationship {rel_id!r} in {self.root}")
            if schema_of(data) != SCHEMA_VERSION:
                db.close()
                self._migrate_locked(path)
                db = TinyDB(path, storage=AtomicJSONStorage)
            try:
                yield db
            finally:
                db.close()

    def _migrate_locked(self, path: Path) -> None:
        raw = path.read_bytes()
        data = parse_file(path, raw)
        version = schema_of(data)
        if version > SCHEMA_VERSION:
            raise FutureVersionError(path, version)
        if version == SCHEMA_VERSION:
            return
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        backup = path.with_name(f"{path.stem}.schema{version}.{stamp}.bak")
        shutil.copy2(path, backup)
        while version < SCHEMA_VERSION:
            if version not in MIGRATIONS:
                raise StoreError(f"{path}: no migration from schema {version}; file left untouched")
            data = MIGRATIONS[version](data)
            version += 1
            data[META][str(META_ID)]["schema"] = version
        atomic_write(path, orjson.dumps(data, option=orjson.OPT_INDENT_2))

    # -- reading ------------------------------------------------------------------------

    def load(self, rel_id: str) -> History:
        path = self.path_of(rel_id)
        if not path.exists():
            raise NotFoundError(f"no relationship {rel_id!r} in {self.root}")
        return self._load_path(path)

    def _load_path(self, path: Path) -> History:
        data = parse_file(path, path.read_bytes())
        version = schema_of(data)
        if version > SCHEMA_VERSION:
            raise FutureVersionError(path, version)
        if version < SCHEMA_VERSION:
            with self._locked(path):
                self._migrate_locked(path)
            data = parse_file(path, path.read_bytes())
        try:
            return history_from_tables(data)
        except ModelError as e:
            raise DamagedFileError(path, str(e)) from None

    def scan(self) -> tuple[list[History], list[Problem]]:
        """Every relationship that loads, and a problem for every file that does not."""
        histories, problems = [], []
        for path in self.files():
            try:
                histories.append(self._load_path(path))
            except StoreError as e:
                problems.append(Problem(path, str(e)))
        return histories, problems

    def relationships(self) -> list[Relationship]:
        return [h.relationship for h in self.scan()[0]]

    def find_session(self, sid: str) -> tuple[History, Session]:
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

    # -- writing ------------------------------------------------------------------------

    def create_relationship(
        self, client: str, agency: str, rel_id: str | None = None
    ) -> Relationship:
        if rel_id is None:
            base = slugify(client)
            rel_id, n = base, 2
            while self.path_of(rel_id).exists():
                rel_id, n = f"{base}-{n}", n + 1
        elif self.path_of(rel_id).exists():
            raise StoreError(f"relationship {rel_id!r} already exists")
        rel = Relationship(id=rel_id, client=client, agency=agency)
        with self.transaction(rel_id, create=rel):
            pass
        return rel

    def update_relationship(self, rel: Relationship) -> None:
        with self.transaction(rel.id) as db:
            meta = db.table(META)
            meta.update({"relationship": relationship_to_dict(rel)}, doc_ids=[META_ID])

    def add_session(self, rel_id: str, session: Session) -> Session:
        with self.transaction(rel_id) as db:
            table = db.table(SESSIONS)
            if _find_doc(table, session.id) is not None:
                raise StoreError(f"session {session.id!r} already exists")
            table.insert(Document(session_to_dict(session), doc_id=_doc_id()))
        return session

    def update_session(
        self, rel_id: str, sid: str, change: Callable[[Session], Session]
    ) -> Session:
        """Apply a change to the session as it is on disk now, under the lock."""
        with self.transaction(rel_id) as db:
            table = db.table(SESSIONS)
            doc = _find_doc(table, sid)
            if doc is None:
                raise NotFoundError(f"no session {sid!r} in relationship {rel_id!r}")
            try:
                current = session_from_dict(dict(doc))
            except ModelError as e:
                raise DamagedFileError(self.path_of(rel_id), str(e)) from None
            updated = change(current)
            if updated.id != sid:
                raise StoreError("a session's id cannot change")
            _replace_doc(table, doc.doc_id, session_to_dict(updated))
        return updated

    def delete_session(self, rel_id: str, sid: str) -> None:
        with self.transaction(rel_id) as db:
            table = db.table(SESSIONS)
            doc = _find_doc(table, sid)
            if doc is None:
                raise NotFoundError(f"no session {sid!r} in relationship {rel_id!r}")
            table.remove(doc_ids=[doc.doc_id])

    def merge_history(self, history: History) -> dict[str, int]:
        """Merge a relationship: sessions are replaced whole by id, so merging twice is a no-op."""
        rel = history.relationship
        counts = {"added": 0, "updated": 0, "unchanged": 0}
        with self.transaction(rel.id, create=rel) as db:
            db.table(META).update({"relationship": relationship_to_dict(rel)}, doc_ids=[META_ID])
            table = db.table(SESSIONS)
            for s in history.sessions:
                new = session_to_dict(s)
                doc = _find_doc(table, s.id)
                if doc is None:
                    table.insert(Document(new, doc_id=_doc_id()))
                    counts["added"] += 1
                elif dict(doc) != new:
                    _replace_doc(table, doc.doc_id, new)
                    counts["updated"] += 1
                else:
                    counts["unchanged"] += 1
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


def _replace_doc(table: Any, doc_id: int, new: dict[str, Any]) -> None:
    """Replace a document whole. TinyDB's upsert merges into the old one, so a field the
    new version leaves out (an optional one such as a session's draft) would live on."""

    def replace_all(doc: dict[str, Any]) -> None:
        doc.clear()
        doc.update(new)

    table.update(replace_all, doc_ids=[doc_id])


def _find_doc(table: Any, sid: str) -> Document | None:
    for doc in table.all():
        if doc.get("id") == sid:
            return doc
    return None


def _doc_id() -> int:
    # Our own ids: TinyDB's cached "next id" collides when two processes insert.
    return secrets.randbits(52) or 1


def history_from_tables(data: dict[str, dict[str, Any]]) -> History:
    meta = data[META][str(META_ID)]
    rel = relationship_from_dict(meta.get("relationship"))
    sessions = tuple(session_from_dict(d) for d in data.get(SESSIONS, {}).values())
    return History(relationship=rel, sessions=sessions)


def with_session(history: History, session: Session) -> History:
    kept = tuple(s for s in history.sessions if s.id != session.id)
    return replace(history, sessions=(*kept, session))
