"""Evaluation frameworks as data: the built-in ones ship here, custom ones live in a workspace.

A session records its framework key and version, so a framework that changes later
never changes the meaning of old sessions.
"""

from __future__ import annotations

import json
import random
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from msgspec import Struct

from retro.model import LANGUAGES, SIDES, Side

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable


def _package_files() -> Traversable:
    """This package's data files: its own folder when installed as files (as from a wheel);
    importlib.resources only otherwise, because it pulls zipfile (~1-2 ms per start)."""
    here = Path(__file__).parent
    if here.is_dir():
        return here
    from importlib import resources

    return resources.files(__package__)


class FrameworkError(ValueError):
    """A framework file that cannot be used; the message names the file and line."""


class Dimension(Struct, frozen=True):
    """One dimension of a framework: its names and what each side is asked about it."""

    key: str
    name: dict[str, str]
    about: dict[str, dict[str, str] | None]  # side -> {lang: statement} or None

    def title(self, lang: str) -> str:
        return self.name.get(lang) or next(iter(self.name.values()))

    def statement(self, subject: Side, lang: str) -> str | None:
        texts = self.about.get(subject)
        if not texts:
            return None
        return texts.get(lang) or next(iter(texts.values()))

    def rates(self, subject: Side) -> bool:
        """Whether this dimension has a statement, and so a score, about that side."""
        return bool(self.about.get(subject))


class Framework(Struct, frozen=True):
    """A versioned set of dimensions: a session names the version it asked, so old
    sessions keep their meaning when a framework changes."""

    key: str
    version: int
    name: dict[str, str]
    dimensions: tuple[Dimension, ...]
    source: str = "built-in"

    def title(self, lang: str) -> str:
        return self.name.get(lang) or next(iter(self.name.values()))

    def dimension(self, key: str) -> Dimension | None:
        return next((d for d in self.dimensions if d.key == key), None)

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(d.key for d in self.dimensions)


def _Q(key: str) -> str:
    return '"' + key + '"'


def _line_of(text: str, needle: str) -> int:
    """Best-effort line number of a key in the source, for shape errors."""
    for i, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return i
    return 1


def _texts(value: Any, where: str, source: str, text: str, needle: str) -> dict[str, str]:
    if not isinstance(value, dict) or not value:
        raise FrameworkError(
            f"{source}, line {_line_of(text, needle)}: {where} must be an object "
            'of texts per language, like {"nl": "…", "en": "…"}'
        )
    for lang, t in value.items():
        if lang not in LANGUAGES or not isinstance(t, str) or not t.strip():
            raise FrameworkError(
                f"{source}, line {_line_of(text, needle)}: {where} has a bad entry {lang!r}; "
                f"languages are {', '.join(LANGUAGES)} and texts must not be empty"
            )
    return dict(value)


def parse_framework(text: str, source: str) -> Framework:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise FrameworkError(f"{source}, line {e.lineno}, column {e.colno}: {e.msg}") from None
    if not isinstance(data, dict):
        raise FrameworkError(f"{source}, line 1: a framework is a JSON object")
    for field in ("key", "version", "name", "dimensions"):
        if field not in data:
            raise FrameworkError(f"{source}, line 1: missing field '{field}'")
    key, version = data["key"], data["version"]
    if not isinstance(key, str) or not key:
        raise FrameworkError(f"{source}, line {_line_of(text, _Q('key'))}: 'key' must be text")
    if isinstance(version, bool) or not isinstance(version, int):
        raise FrameworkError(
            f"{source}, line {_line_of(text, _Q('version'))}: 'version' must be a whole number"
        )
    name = _texts(data["name"], "'name'", source, text, _Q("name"))
    dims_raw = data["dimensions"]
    if not isinstance(dims_raw, list) or not dims_raw:
        raise FrameworkError(
            f"{source}, line {_line_of(text, _Q('dimensions'))}: 'dimensions' must be a non-empty list"
        )
    dims: list[Dimension] = []
    for i, d in enumerate(dims_raw):
        if not isinstance(d, dict) or not isinstance(d.get("key"), str) or not d["key"]:
            raise FrameworkError(
                f"{source}, line {_line_of(text, _Q('dimensions'))}: dimension {i + 1} needs a 'key'"
            )
        dkey = d["key"]
        needle = f'"{dkey}"'
        if any(x.key == dkey for x in dims):
            raise FrameworkError(
                f"{source}, line {_line_of(text, needle)}: dimension {dkey!r} appears twice"
            )
        dname = _texts(d.get("name"), f"dimension {dkey!r} 'name'", source, text, needle)
        about_raw = d.get("about")
        if not isinstance(about_raw, dict):
            raise FrameworkError(
                f"{source}, line {_line_of(text, needle)}: dimension {dkey!r} needs 'about' "
                "with a statement for 'agency' and/or 'client'"
            )
        about: dict[str, dict[str, str] | None] = {}
        for side in SIDES:
            v = about_raw.get(side)
            about[side] = (
                None
                if v is None
                else _texts(v, f"dimension {dkey!r} about {side}", source, text, needle)
            )
        if not any(about.values()):
            raise FrameworkError(
                f"{source}, line {_line_of(text, needle)}: dimension {dkey!r} has no statement"
            )
        dims.append(Dimension(key=dkey, name=dname, about=about))
    return Framework(key=key, version=version, name=name, dimensions=tuple(dims), source=source)


@cache
def builtin_frameworks() -> tuple[Framework, ...]:
    out = []
    for entry in _package_files().iterdir():
        if entry.name.endswith(".json") and entry.name != "checkin.json":
            out.append(parse_framework(entry.read_text("utf-8"), f"built-in {entry.name}"))
    return tuple(out)


def load_frameworks(workspace: Path | None = None) -> dict[tuple[str, int], Framework]:
    """All frameworks by (key, version): built-in first, then the workspace's own.

    A malformed custom file raises FrameworkError naming it; a workspace file may add a
    new version of a built-in framework but not silently replace one.
    """
    found: dict[tuple[str, int], Framework] = {(f.key, f.version): f for f in builtin_frameworks()}
    if workspace is not None:
        folder = workspace / "frameworks"
        if folder.is_dir():
            for path in sorted(folder.glob("*.json")):
                fw = parse_framework(path.read_text("utf-8"), str(path))
                if (fw.key, fw.version) in found and found[(fw.key, fw.version)].source.startswith(
                    "built-in"
                ):
                    raise FrameworkError(
                        f"{path}, line {_line_of(path.read_text('utf-8'), _Q('version'))}: "
                        f"{fw.key!r} version {fw.version} is built in; give yours a new key or version"
                    )
                found[(fw.key, fw.version)] = fw
    return found


def get_framework(
    key: str, version: int | None = None, workspace: Path | None = None
) -> Framework | None:
    """The framework a session used; without a version, the newest of that key."""
    frameworks = load_frameworks(workspace)
    if version is not None:
        return frameworks.get((key, version))
    candidates = [f for (k, _), f in frameworks.items() if k == key]
    return max(candidates, key=lambda f: f.version) if candidates else None


def default_framework() -> Framework:
    framework = get_framework("partnership")
    if framework is None:  # shipped with the package: only a broken install lacks it
        raise FrameworkError("the built-in framework 'partnership' is missing from this install")
    return framework


@cache
def checkin_questions() -> tuple[dict[str, str], ...]:
    data = json.loads(_package_files().joinpath("checkin.json").read_text("utf-8"))
    return tuple(data["questions"])


def pick_checkin_question(lang: str, seed: str | None = None) -> str:
    rng = random.Random(seed)
    return rng.choice(checkin_questions())[lang]
