"""Which session the app stood in when it quit, so `retro` resumes it; kept beside the data."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

from retro.store import atomic_write

FILE = ".retro-tui.json"


def last_session(root: Path) -> tuple[str, str] | None:
    try:
        data = json.loads((root / FILE).read_text("utf-8"))
        return str(data["relationship"]), str(data["session"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def remember(root: Path, rel_id: str, sid: str) -> None:
    with contextlib.suppress(OSError):
        root.mkdir(parents=True, exist_ok=True)
        payload = json.dumps({"relationship": rel_id, "session": sid}).encode()
        atomic_write(root / FILE, payload)


def forget(root: Path) -> None:
    with contextlib.suppress(OSError):
        (root / FILE).unlink()
