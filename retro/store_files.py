"""One relationship file on disk: read safely, parsed and checked, replaced atomically.

No workspace, no lock and no model here: retro.store builds the workspace on these, and
retro.store_tinydb hands them to TinyDB. The errors are the store's (retro.store
re-exports every name), worded for the person at the keyboard.
"""

from __future__ import annotations

import errno
import os
import stat
from contextlib import suppress
from pathlib import Path
from typing import Any

from retro import json_codec

META, SESSIONS = "meta", "sessions"
META_ID = 1


class StoreError(Exception):
    """A problem with the workspace, worded for the person at the keyboard."""


class DamagedFileError(StoreError):
    def __init__(self, path: Path, why: str) -> None:
        self.path = path
        super().__init__(
            f"{path} is damaged ({why}). It was left untouched: restore it from a backup "
            "or move it aside; the other relationships are unaffected."
        )


class NotFoundError(StoreError):
    pass


class UnreadableFileError(StoreError):
    """A relationship file the operating system would not let us read (permissions, I/O)."""

    def __init__(self, path: Path, why: str) -> None:
        self.path = path
        super().__init__(f"{path} cannot be read ({why}); it was left untouched.")


# Plain words for the ways a disk refuses a write; anything else falls back to strerror.
_WRITE_REASONS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EFBIG: "the file would exceed the file-size limit",
    errno.EROFS: "the disk is read-only",
    errno.EACCES: "no permission to write there",
    errno.EPERM: "no permission to write there",
}


def plain_reason(error: OSError) -> str:
    """What an OSError means, in words for the person at the keyboard."""
    return _WRITE_REASONS.get(error.errno or 0) or error.strerror or str(error)


class WriteError(StoreError, OSError):
    """A save the operating system refused (full disk, size limit, read-only, no permission).

    Also an OSError, so callers that already tolerate OSError (the app's own state file)
    keep doing so; the file that was being saved is intact, since writes are atomic.
    """

    def __init__(self, path: Path, error: OSError) -> None:
        self.path = path
        reason = plain_reason(error)
        super().__init__(
            f"could not save {path}: {reason}; the file on disk is unchanged "
            "(free some space or fix the permissions, then try again)"
        )
        self.errno = error.errno


def atomic_write(path: Path, payload: bytes) -> None:
    """Temp file in the same folder, fsync, rename over: readers see old or new, never half.

    Any refusal by the operating system becomes a WriteError naming the file in plain words.
    """
    try:
        _atomic_write(path, payload)
    except WriteError:
        raise
    except OSError as e:
        raise WriteError(path, e) from None


def _atomic_write(path: Path, payload: bytes) -> None:
    import tempfile  # with shutil, bz2 and lzma behind it: only commands that save pay for it

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


def _kind_of(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder, not a file"
    if stat.S_ISLNK(mode):
        return "a symbolic link; retro reads only regular files and never follows links"
    if stat.S_ISFIFO(mode):
        return "a named pipe, not a file"
    if stat.S_ISSOCK(mode):
        return "a socket, not a file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device, not a file"
    return "not a regular file"


_READ_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_CLOEXEC", 0)
)


Identity = tuple[int, int, int]  # (inode, size, mtime_ns): changes with every atomic replace


def read_file(path: Path) -> bytes:
    """The bytes of a relationship file, refusing anything that is not a regular file."""
    return read_file_identity(path)[0]


def identity_of(path: Path) -> Identity | None:
    """The file's identity without opening it, or None when it is not a regular file."""
    try:
        st = os.lstat(path)
    except OSError:
        return None
    if not stat.S_ISREG(st.st_mode):
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns)


def read_file_identity(path: Path) -> tuple[bytes, Identity]:
    """The bytes of a relationship file and its identity, refusing anything not a regular file.

    lstat first, then open without following links and without blocking (a FIFO would
    otherwise hang every command), then fstat the open descriptor so a file swapped in
    between the two checks is still caught. Missing: NotFoundError; anything else that is
    wrong: DamagedFileError or UnreadableFileError, each naming the file.
    """
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        raise NotFoundError(f"no such file {path}") from None
    except OSError as e:
        raise UnreadableFileError(path, e.strerror or str(e)) from None
    if not stat.S_ISREG(st.st_mode):
        raise DamagedFileError(path, _kind_of(st.st_mode))
    try:
        fd = os.open(path, _READ_FLAGS)
    except FileNotFoundError:
        raise NotFoundError(f"no such file {path}") from None
    except OSError as e:
        if e.errno in (errno.ELOOP, errno.ENXIO, errno.EISDIR):
            raise DamagedFileError(path, "not a regular file") from None
        raise UnreadableFileError(path, e.strerror or str(e)) from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise DamagedFileError(path, "not a regular file")
        os.set_blocking(fd, True)
        chunks = []
        while chunk := os.read(fd, max(st.st_size + 1, 1 << 16)):
            chunks.append(chunk)
        return b"".join(chunks), (st.st_ino, st.st_size, st.st_mtime_ns)
    except OSError as e:
        raise UnreadableFileError(path, e.strerror or str(e)) from None
    finally:
        os.close(fd)


def parse_file(path: Path, raw: bytes) -> dict[str, dict[str, Any]]:
    """Parse and check the shape of a relationship file, or raise DamagedFileError."""
    if not raw.strip():
        raise DamagedFileError(path, "the file is empty")
    try:
        data = json_codec.loads(raw)
    except json_codec.JSONError as e:
        raise DamagedFileError(path, f"invalid JSON: {e}") from None
    if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
        raise DamagedFileError(path, "not a retro relationship file")
    meta = data.get(META, {}).get(str(META_ID))
    if not isinstance(meta, dict) or not isinstance(meta.get("schema"), int):
        raise DamagedFileError(path, "no schema version")
    return data
