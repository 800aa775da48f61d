"""The JSON exchange format: one relationship with all its sessions, for import and dump.

Described for users in docs/exchange-format.md. Reading is strict about types and
references and lenient about extra fields.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from retro import json_codec
from retro.model import (
    History,
    ModelError,
    Prediction,
    Rating,
    Weight,
    relationship_from_dict,
    relationship_to_dict,
    session_from_dict,
    session_to_dict,
    validate_references,
    with_stated_language,
)
from retro.store import is_valid_id

FORMAT = "retro.relationship"
# 2: sessions may carry `ask_importance` and `importance` (docs/exchange-format.md).
VERSION = 2


class ExchangeError(ValueError):
    """A file that cannot be imported; the message says what is wrong."""


def _version_1_to_2(data: dict[str, Any]) -> dict[str, Any]:
    """Version 1 -> 2 changes no field. Version 2 adds two optional session fields,
    `ask_importance` (the importance step is asked) and `importance` (each side's
    points); a version-1 file has neither, which reads as "not asked, no allocation".
    Were they present in a version-1 file (written by a development build between the
    model change and this bump) they are read as version 2 reads them. A session without
    a language was Dutch in version 1: that is written down (with_stated_language)."""
    sessions = data.get("sessions")
    if isinstance(sessions, list):
        data = {**data, "sessions": [with_stated_language(s) for s in sessions]}
    return data


# Keyed by the version they upgrade *from*, like the store's schema migrations.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _version_1_to_2}


def migrate(data: dict[str, Any], version: int) -> dict[str, Any]:
    """The file's content at the current VERSION."""
    while version < VERSION:
        if version not in MIGRATIONS:
            raise ExchangeError(f"format version {version} is not supported by this retro")
        data = MIGRATIONS[version](data)
        version += 1
    return dict(data, version=version)


def to_exchange(history: History) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": VERSION,
        "relationship": relationship_to_dict(history.relationship),
        "sessions": [session_to_dict(s) for s in history.sorted_sessions()],
    }


def dumps(history: History) -> bytes:
    return json_codec.dumps(to_exchange(history), indent=True) + b"\n"


def from_exchange(data: Any) -> History:
    if not isinstance(data, dict):
        raise ExchangeError("the file must hold a JSON object")
    if data.get("format") != FORMAT:
        raise ExchangeError(f"'format' must be {FORMAT!r}, got {data.get('format')!r}")
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise ExchangeError("'version' must be a whole number")
    if version > VERSION:
        raise ExchangeError(
            f"format version {version} is newer than this retro reads ({VERSION}); upgrade retro"
        )
    if version < VERSION:
        data = migrate(data, version)
    sessions_raw = data.get("sessions", [])
    if not isinstance(sessions_raw, list):
        raise ExchangeError("'sessions' must be a list")
    try:
        rel = relationship_from_dict(data.get("relationship"))
        if not is_valid_id(rel.id):
            raise ExchangeError(
                f"relationship.id {rel.id!r} must be 1-80 letters, digits, '-', '_' or '.'"
            )
        sessions = tuple(session_from_dict(s, f"sessions[{i}]") for i, s in enumerate(sessions_raw))
        history = History(relationship=rel, sessions=sessions)
        validate_references(history)
    except ModelError as e:
        raise ExchangeError(str(e)) from None
    return history


def check_dimensions(history: History, workspace: Path | None) -> None:
    """Refuse scores on a dimension the session's framework does not have.

    A rating on "telepathy" would be stored, shown nowhere and counted in no figure: a
    typo or a file made for another framework, which the person importing should hear
    about rather than lose silently. Needs the workspace, for its custom frameworks.
    """
    from retro.frameworks import FrameworkError, get_framework

    for s in history.sessions:
        try:
            fw = get_framework(s.framework, s.framework_version, workspace)
        except FrameworkError as e:
            raise ExchangeError(str(e)) from None
        if fw is None:
            raise ExchangeError(
                f"session {s.id} uses framework {s.framework!r} version {s.framework_version}, "
                "which this workspace does not have (add it to the workspace's frameworks/ "
                "folder first)"
            )
        known = set(fw.keys)
        labelled: tuple[tuple[str, Sequence[Rating | Prediction | Weight]], ...] = (
            ("ratings", s.ratings),
            ("predictions", s.predictions),
            ("importance", s.importance),
        )
        for label, items in labelled:
            for i, item in enumerate(items):
                if item.dimension not in known:
                    raise ExchangeError(
                        f"session {s.id}.{label}[{i}]: dimension {item.dimension!r} is not in "
                        f"framework {s.framework!r} v{s.framework_version} "
                        f"({', '.join(fw.keys)})"
                    )


def loads(raw: bytes | str) -> History:
    try:
        data = json_codec.loads(raw)
    except json_codec.JSONError as e:
        raise ExchangeError(f"invalid JSON: {e}") from None
    return from_exchange(data)
