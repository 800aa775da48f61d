"""Cold start of `retro` to an interactive home screen, on the demo and on 30 x 60, against
a minimal one-widget Textual app and a bare Textual app with home's widgets.

Each start is a fresh interpreter (nothing cached in memory), timed from spawn until the
app reports its first screen is ready: for retro, the home screen with the demo
workspace's relationships loaded. Both run headless with the same driver, in the same
run, interleaved, so a busy machine slows all alike. Reports medians, the ratios and the
peak memory (ru_maxrss) of each child. Goals (issue 11): 30 x 60 at most 1.1x the demo;
the demo at most 1.1x the same widgets and at most 1.5x the one-widget app. The listing
index lives in a temporary cache folder, warmed by one start, as after any earlier run.

    python bench/startup.py [--runs 7] [--relationships 30] [--per 60]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from workspaces import as_installed, generate

READY = "READY"

MINIMAL = textwrap.dedent(
    """
    from textual.app import App
    from textual.widgets import Static

    class Minimal(App):
        def compose(self):
            yield Static("hello")

    async def ready(pilot):
        await pilot.pause()
        print("READY", __import__("time").process_time(), flush=True)
        pilot.app.exit()

    Minimal().run(headless=True, auto_pilot=ready)
    """
)

# The same widgets as retro's home (title, two filled DataTables, Footer with four keys) in
# a bare Textual app: the floor any home screen built from them pays, so the report can
# tell retro's own cost from Textual's.
SAME_WIDGETS = textwrap.dedent(
    """
    from textual.app import App
    from textual.binding import Binding
    from textual.widgets import DataTable, Footer, Static

    class SameWidgets(App):
        BINDINGS = [Binding(k, "bell", k) for k in "nshp"]

        def compose(self):
            yield Static("title")
            yield Static("Relationships")
            yield DataTable(id="a")
            yield Static("Sessions")
            yield DataTable(id="b")
            yield Static("hint")
            yield Footer()

        def on_mount(self):
            for t in self.query(DataTable):
                for c in "abcde":
                    t.add_column(c * 10)
                for i in range(10):
                    t.add_row(*[f"cell {i}"] * 5)

    async def ready(pilot):
        await pilot.pause()
        print("READY", __import__("time").process_time(), flush=True)
        pilot.app.exit()

    SameWidgets().run(headless=True, auto_pilot=ready)
    """
)

# The real command-line path (argparse, lazy imports, make_app, the home screen's
# background load); only App.run is wrapped to run headless and say when it is ready.
RETRO = textwrap.dedent(
    """
    import sys
    from retro.tui import app as tui

    async def ready(pilot):
        from retro.tui.screens.home import HomeScreen
        app = pilot.app
        while not (isinstance(app.screen, HomeScreen) and app.screen.loaded):
            await pilot.pause(0.002)
        await pilot.pause()
        print("READY", __import__("time").process_time(), flush=True)
        app.exit()

    run = tui.RetroApp.run
    tui.RetroApp.run = lambda self, *a, **k: run(self, headless=True, auto_pilot=ready)
    from retro.cli import main
    sys.exit(main(["--data", sys.argv[1]]))
    """
)


ENV: dict[str, str] = {}
CPU: dict[str, list[float]] = {}
TMP: list[Path] = [Path(tempfile.gettempdir())]


def start(code: str, *args: str) -> tuple[float, int]:
    """Seconds from spawn to READY, and the child's peak RSS in KiB; the child's CPU
    seconds until READY go to CPU[code] (steadier than wall time on a busy machine)."""
    t0 = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env={**as_installed(dict(os.environ), TMP[0]), "TEXTUAL": "", **ENV},
    )
    assert child.stdout is not None
    for line in child.stdout:
        if line.split()[:1] == [READY]:
            elapsed = time.perf_counter() - t0
            CPU.setdefault(code + " ".join(args), []).append(float(line.split()[1]))
            break
    else:
        raise SystemExit(f"child never became ready (exit {child.wait()})")
    child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_maxrss


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--relationships", type=int, default=30)
    parser.add_argument("--per", type=int, default=60)
    args = parser.parse_args()

    from retro.demo import fill_demo
    from retro.store import Workspace

    with tempfile.TemporaryDirectory() as tmp:
        ENV["XDG_CACHE_HOME"] = str(Path(tmp) / "cache")
        TMP[0] = Path(tmp)  # the children's bytecode lives here (workspaces.as_installed)
        ws = Path(tmp) / "demo"
        fill_demo(Workspace(ws))
        big = generate(Path(tmp) / "big", args.relationships, args.per)
        start(MINIMAL)  # warm the OS file cache for all, so none pays for the disk
        start(SAME_WIDGETS)
        start(RETRO, str(ws))
        start(RETRO, str(big))
        mins, sames, retros, bigs, mem_min, mem_same, mem_retro, mem_big = (
            [],
            [],
            [],
            [],
            0,
            0,
            0,
            0,
        )
        for _ in range(args.runs):
            t, m = start(RETRO, str(big))
            bigs.append(t)
            mem_big = max(mem_big, m)
            t, m = start(MINIMAL)
            mins.append(t)
            mem_min = max(mem_min, m)
            t, m = start(SAME_WIDGETS)
            sames.append(t)
            mem_same = max(mem_same, m)
            t, m = start(RETRO, str(ws))
            retros.append(t)
            mem_retro = max(mem_retro, m)
    a, f, b = statistics.median(mins), statistics.median(sames), statistics.median(retros)
    g = statistics.median(bigs)
    n = args.runs
    print(
        f"minimal Textual app  : {a * 1000:7.1f} ms median of {n}, peak RSS {mem_min / 1024:.1f} MiB"
    )
    print(
        f"same widgets, no data: {f * 1000:7.1f} ms median of {n}, peak RSS {mem_same / 1024:.1f} MiB"
    )
    print(
        f"retro (demo, home)   : {b * 1000:7.1f} ms median of {n}, peak RSS {mem_retro / 1024:.1f} MiB"
    )
    size = f"{args.relationships}x{args.per}"
    print(
        f"retro ({size}, home) : {g * 1000:7.1f} ms median of {n}, peak RSS {mem_big / 1024:.1f} MiB"
    )
    print(f"ratio retro/minimal  : {b / a:.2f}x (goal <= 1.5x)")
    print(f"ratio same/minimal   : {f / a:.2f}x (what Textual's DataTable and Footer cost)")
    print(f"ratio retro/same     : {b / f:.2f}x (goal <= 1.1x: what retro adds to its widgets)")
    print(f"ratio {size}/demo    : {g / b:.2f}x (goal <= 1.1x)")
    cpu = {k: statistics.median(v[1:]) for k, v in CPU.items()}  # without the warm-up
    ca, cf = cpu[MINIMAL], cpu[SAME_WIDGETS]
    cb, cg = cpu[RETRO + str(ws)], cpu[RETRO + str(big)]
    print(
        f"CPU until ready (ms) : minimal {ca * 1000:.0f}, same {cf * 1000:.0f}, "
        f"demo {cb * 1000:.0f}, {size} {cg * 1000:.0f}; ratios retro/minimal {cb / ca:.2f}x, "
        f"retro/same {cb / cf:.2f}x, {size}/demo {cg / cb:.2f}x"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
