"""The export's compiled templates are kept in the user's cache, so a new `retro export`
skips compiling them; an edited template still shows its new text, and a cache that
cannot be used is only a slower export, never a failed one.

Each test starts with no environment in memory (as a new process does) and its own
cache folder (tests/conftest.py points XDG_CACHE_HOME into tmp_path).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from retro.export.render import MarkdownSandbox, render, resolve_template
from retro.index import cache_dir

# The module, not the function retro.export re-exports under the same name.
render_module = sys.modules["retro.export.render"]


@pytest.fixture(autouse=True)
def _fresh_process() -> Iterator[None]:
    """No environment (and so no compiled template) kept from an earlier test."""
    render_module._environment.cache_clear()
    yield
    render_module._environment.cache_clear()


def _export(path: Path, **context: object) -> str:
    env, name = resolve_template(str(path), "session", "en", None)
    return render(env, name, {"lang": "en", **context})


def _cached_files() -> list[Path]:
    return [p for p in cache_dir().rglob("*") if p.is_file() and "templates-" in str(p)]


def test_a_second_export_loads_the_compiled_template_instead_of_compiling(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "mine.md"
    path.write_text("Hello {{ name }}: {% for i in items %}{{ i }} {% endfor %}\n", "utf-8")
    assert _export(path, name="Ada", items=[1, 2]) == "Hello Ada: 1 2 "  # trim_blocks
    assert _cached_files(), "the first export leaves its compiled template in the cache"
    assert str(cache_dir()).startswith(os.environ["XDG_CACHE_HOME"])

    render_module._environment.cache_clear()  # a new `retro export`
    compiled: list[str | None] = []
    original = MarkdownSandbox.compile

    def counting(self: MarkdownSandbox, source: object, name: str | None = None, *a, **k):
        compiled.append(name)
        return original(self, source, name, *a, **k)

    monkeypatch.setattr(MarkdownSandbox, "compile", counting)
    # Same text, loop limits included (the loop guard is in the cached code too).
    assert _export(path, name="Ada", items=[1, 2]) == "Hello Ada: 1 2 "  # trim_blocks
    assert compiled == []


def test_an_edited_template_shows_its_new_text(tmp_path: Path) -> None:
    """Jinja keys a cached template by its source's checksum: an edit compiles afresh,
    even when the file keeps its size and modification time."""
    path = tmp_path / "mine.md"
    path.write_text("Before {{ name }}\n", "utf-8")
    stat = path.stat()
    assert _export(path, name="Ada") == "Before Ada\n"

    render_module._environment.cache_clear()
    path.write_text("Edited {{ name }}\n", "utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert _export(path, name="Ada") == "Edited Ada\n"


def test_export_works_when_the_cache_folder_cannot_be_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", "utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    path = tmp_path / "mine.md"
    path.write_text("Hello {{ name }}\n", "utf-8")
    assert _export(path, name="Ada") == "Hello Ada\n"


def test_a_damaged_cache_entry_is_compiled_again(tmp_path: Path) -> None:
    path = tmp_path / "mine.md"
    path.write_text("Hello {{ name }}\n", "utf-8")
    _export(path, name="Ada")
    for entry in _cached_files():
        entry.write_bytes(b"j2\x00garbage")
    render_module._environment.cache_clear()
    assert _export(path, name="Ada") == "Hello Ada\n"
