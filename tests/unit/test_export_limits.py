"""Greedy templates end quickly in one line naming the template, never a traceback, a
MemoryError or minutes of CPU; a bytecode cache that cannot be written is no error.

Each hostile template runs through `retro export --template` in a child process with a
cap on its memory and CPU, as a user would run it: without the limits the child would
die of MemoryError, RecursionError or the CPU cap instead of printing the one line.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from retro.model import History, Participant, Rating, Relationship, Session

# Run by the child: caps first (memory 2 GB, 60 s of CPU, optionally no file writes),
# then the CLI exactly as `retro` runs it.
CHILD = """
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))
resource.setrlimit(resource.RLIMIT_CPU, (60, 60))
if sys.argv[1] == "nofiles":
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))
from retro.cli import main
sys.exit(main(sys.argv[2:]))
"""

GREEDY = {
    "nested-loops": (
        "{% for i in range(100000) %}{% for j in range(100000) %}.{% endfor %}{% endfor %}",
        "too many steps",
    ),
    "string-repeat": ("{{ 'a' * 10**10 }}", "repeated"),
    "list-repeat": ("{{ ([1] * 10**10)|length }}", "repeated"),
    "power": ("{{ 10 ** (10 ** 10) }}", "too large a number"),
    "format-filter": ("{{ '%10000000000d'|format(1) }}", "format width"),
    "percent": ("{{ '%*d' % (10**10, 1) }}", "format width"),
    "str-format": ("{{ '{:>{w}}'.format(1, w=10**10) }}", "format width"),
    "center-filter": ("{{ 'x'|center(10**10) }}", "width"),
    "ljust-method": ("{{ 'x'.ljust(10**10) }}", "width"),
    "doubling": (
        "{% set ns = namespace(s='ab') %}{% for i in range(60) %}{% set ns.s = ns.s ~ ns.s %}"
        "{% endfor %}{{ ns.s|length }}",
        "over 1,000,000",
    ),
    "output": ("{% for i in range(100000) %}{{ 'x' * 1000 }}{% endfor %}", "output over"),
    "recursive-macro": (
        "{% macro down(n) %}{{ down(n + 1) }}{% endmacro %}{{ down(0) }}",
        "nested too deeply",
    ),
    "self-include": ("again {% include 'self-include.md' %}", "nested too deeply"),
}


@pytest.fixture
def session_id(workspace) -> str:
    ag, cl = Participant("a", "Ann", "agency"), Participant("c", "Cor", "client")
    s = Session(
        "lim-1",
        "2026-01-10",
        language="en",
        participants=(ag, cl),
        ratings=(Rating("a", "trust", "client", 4), Rating("c", "trust", "agency", 3)),
        status="closed",
    )
    workspace.merge_history(History(Relationship("lim", "Client", "Agency"), (s,)))
    return s.id


def run_child(*argv: str, files: bool = True) -> tuple[subprocess.CompletedProcess[str], float]:
    start = time.monotonic()
    out = subprocess.run(
        [sys.executable, "-c", CHILD, "files" if files else "nofiles", *argv],
        capture_output=True,
        text=True,
        timeout=120,
    )
    return out, time.monotonic() - start


@pytest.mark.parametrize("name", list(GREEDY))
def test_a_greedy_template_stops_quickly_with_one_line(name, session_id, tmp_path) -> None:
    source, reason = GREEDY[name]
    path = tmp_path / f"{name}.md"
    path.write_text(source + "\n", "utf-8")
    out, seconds = run_child("export", session_id, "--template", str(path))
    assert out.returncode == 1, out.stderr[-2000:]
    assert out.stdout == ""
    assert out.stderr.startswith(f"retro: error: {path}"), out.stderr[-2000:]
    assert out.stderr.count("\n") == 1 and reason in out.stderr
    assert seconds < 30


def test_templates_within_the_limits_render_as_before(session_id, tmp_path) -> None:
    """The limits sit far above what a summary needs: loops, widths and repeats of a
    normal size still work."""
    path = tmp_path / "fine.md"
    path.write_text(
        "{% for i in range(1000) %}{% for j in range(100) %}{% endfor %}{% endfor %}"
        "{{ 'ab' * 3 }}|{{ 'x'|center(7) }}|{{ '%5d'|format(42) }}|{{ 2 ** 64 }}\n",
        "utf-8",
    )
    out, _ = run_child("export", session_id, "--template", str(path))
    assert out.returncode == 0, out.stderr
    assert out.stdout == "ababab|   x   |   42|18446744073709551616\n"


def test_export_works_when_the_template_cache_cannot_be_written(
    session_id, tmp_path, monkeypatch
) -> None:
    """Under a file-size limit every write fails with EFBIG; the bytecode cache is only a
    speed-up, so the summary still comes out, and nothing half-written is left behind."""
    cache = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    out, _ = run_child("export", session_id, files=False)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.startswith("# ") and "Client" in out.stdout
    assert not [p for p in cache.rglob("*") if p.is_file()]


def test_the_limits_name_the_template_when_rendering_in_process(tmp_path: Path) -> None:
    """The TUI preview renders in-process: same one-line error, no exception leaks."""
    from retro.export import ExportError
    from retro.export.render import render, resolve_template

    path = tmp_path / "greedy.md"
    path.write_text("line one\n{{ 'x' * 10**10 }}\n", "utf-8")
    env, name = resolve_template(str(path), "session", "en", None)
    with pytest.raises(ExportError) as e:
        render(env, name, {"lang": "en"})
    assert str(e.value).startswith(f"{path}, line 2: stopped:")
