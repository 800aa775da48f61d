"""What the app remembers beside the data: the session it stood in when it quit (so `retro`
resumes it), the theme last chosen (a projector room keeps its light theme) and the folder
the last summary was saved in (the next one goes beside it)."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import Any

from retro.store import atomic_write

FILE = ".retro-tui.json"


def _read(root: Path) -> dict[str, Any]:
    try:
        data = json.loads((root / FILE).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _write(root: Path, data: dict[str, Any]) -> None:
    with contextlib.suppress(OSError):
        if not data:
            (root / FILE).unlink(missing_ok=True)
            return
        root.mkdir(parents=True, exist_ok=True)
        atomic_write(root / FILE, json.dumps(data).encode())


def last_session(root: Path) -> tuple[str, str] | None:
    data = _read(root)
    rel, sid = data.get("relationship"), data.get("session")
    return (rel, sid) if isinstance(rel, str) and isinstance(sid, str) else None


def remember(root: Path, rel_id: str, sid: str) -> None:
    _write(root, {**_read(root), "relationship": rel_id, "session": sid})


def forget(root: Path) -> None:
    data = _read(root)
    data.pop("relationship", None)
    data.pop("session", None)
    _write(root, data)


def theme(root: Path) -> str | None:
    value = _read(root).get("theme")
    return value if isinstance(value, str) else None


def remember_theme(root: Path, name: str) -> None:
    data = _read(root)
    if data.get("theme") != name:
        _write(root, {**data, "theme": name})


def export_dir(root: Path) -> str | None:
    value = _read(root).get("export_dir")
    return value if isinstance(value, str) and value else None


def remember_export_dir(root: Path, folder: str) -> None:
    data = _read(root)
    if data.get("export_dir") != folder:
        _write(root, {**data, "export_dir": folder})
