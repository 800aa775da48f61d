"""TinyDB's storage for a relationship file: parsed once per transaction, replaced atomically.

Imported by Workspace.transaction only, so that commands which only read never load TinyDB.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from retro import json_codec
from retro.store_files import NotFoundError, atomic_write, parse_file, read_file


class AtomicJSONStorage(Storage):
    """TinyDB storage that never leaves a half-written file and never "repairs" one."""

    def __init__(
        self,
        path: Path,
        data: dict[str, dict[str, Any]] | None = None,
        write: Callable[[Path, bytes], None] = atomic_write,
    ) -> None:
        self.path = Path(path)
        self._write = write  # the store's atomic_write, looked up when the transaction began
        # Parsed once per transaction: TinyDB reads the whole file for every table access,
        # and the lock guarantees nobody else changes it while this storage lives.
        self._data: dict[str, dict[str, Any]] | None = data
        self.written = False

    def read(self) -> dict[str, dict[str, Any]] | None:
        if self._data is None:
            try:
                raw = read_file(self.path)
            except NotFoundError:
                return None
            self._data = parse_file(self.path, raw)
        return self._data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        self._write(self.path, json_codec.dumps_file(data))
        self._data = data
        self.written = True

    def close(self) -> None:
        pass
