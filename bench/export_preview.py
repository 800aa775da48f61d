"""The export preview: opening it and re-rendering after F2 (audience), against the same
screen drawn with Textual's stock Markdown tables (a widget per cell), in the same run.

Headless `run_test` at 80x24 on a demo workspace (the joint session with the most tables,
opened the way RetroApp.action_export opens it). "Open" is from pushing the screen until
the first summary is mounted and painted; "switch" is from F2 until the other audience's
summary is mounted and painted. Runs of the two kinds alternate so a busy machine slows
both alike; medians are reported, then the ratio retro/stock (issue 11: the lead measured
0.82 s to open and 0.7-0.9 s per F2 with the stock widget).

    python bench/export_preview.py [--runs 5] [--switches 6] [--size 80x24]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from textual.app import App
from textual.await_complete import AwaitComplete
from textual.widgets import Markdown

from retro.demo import fill_demo
from retro.store import Workspace
from retro.tui.screens import export
from retro.tui.screens.export import ExportScreen
from retro.tui.widgets.summary_markdown import SummaryMarkdown

MOUNTED = [0]  # summaries the preview has finished mounting, in this process
_update = Markdown.update


def _counted_update(self: Markdown, markdown: str) -> AwaitComplete:
    inner = _update(self, markdown)

    async def done() -> None:
        await inner
        MOUNTED[0] += bool(markdown)  # not the empty document the widget starts with

    return AwaitComplete(done())


Markdown.update = _counted_update  # type: ignore[method-assign]


class Host(App[None]):
    pass


def clocks() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


def since(start: tuple[float, float]) -> tuple[float, float]:
    """Wall and CPU seconds since start (CPU: every thread of this process, the render
    worker included; steadier than wall time when other work shares the machine)."""
    wall, cpu = clocks()
    return wall - start[0], cpu - start[1]


async def one_run(
    ws: Workspace, sid: str, switches: int, size: tuple[int, int]
) -> list[tuple[float, float]]:
    """Wall and CPU seconds to open in a new app, to open again in the same app, then
    for each switch."""
    app = Host()
    out: list[tuple[float, float]] = []
    async with app.run_test(size=size) as pilot:

        async def shown(count: int) -> None:
            while MOUNTED[0] < count:
                await asyncio.sleep(0.0005)
            # Lay out and paint what was mounted, now (as Pilot.pause ends, without its
            # wait for an idle CPU, which a busy machine stretches for both kinds alike).
            app.screen._on_timer_update()

        for _ in range(2):
            screen = ExportScreen(ws, sid, lang="en")
            MOUNTED[0] = 0
            t0 = clocks()
            app.push_screen(screen)
            await shown(1)
            out.append(since(t0))
            await pilot.pause()  # the dialog settles (focus, radio buttons)
            if len(out) == 1:
                app.pop_screen()
                await pilot.pause()
        for n in range(switches):
            t0 = clocks()
            screen.action_toggle_audience()  # what F2 runs
            await shown(n + 2)
            out.append(since(t0))
        if "-v" in sys.argv:
            from collections import Counter

            kinds = Counter(type(w).__name__ for w in screen.query("*"))
            print(f"  {export.SummaryMarkdown.__name__}: {kinds.total()} widgets: {kinds}")
    return out


def main() -> int:
    from workspaces import private_cache

    private_cache()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--switches", type=int, default=6)
    parser.add_argument("--size", default="80x24")
    parser.add_argument("-v", action="store_true", help="count the widgets by type")
    args = parser.parse_args()
    w, h = (int(x) for x in args.size.split("x"))

    with tempfile.TemporaryDirectory() as tmp:
        ws = Workspace(Path(tmp) / "demo")
        fill_demo(ws, today=date(2026, 11, 23))
        joint = [s for s in ws.load("bakkerij-van-dijk").sorted_sessions() if s.kind == "joint"]
        sid = joint[-2].id  # the one with actions to look back on: every kind of table
        # kind -> [first opens, opens again, switches], each a list of (wall, cpu)
        results: dict[str, list[list[tuple[float, float]]]] = {
            "stock": [[], [], []],
            "retro": [[], [], []],
        }
        for run in range(args.runs + 1):  # the first round warms imports and caches
            for kind, widget in (("stock", Markdown), ("retro", SummaryMarkdown)):
                export.SummaryMarkdown = widget  # type: ignore[misc]
                times = asyncio.run(one_run(ws, sid, args.switches, (w, h)))
                if args.v:
                    print("   wall", " ".join(f"{t * 1000:.0f}" for t, _ in times))
                if run:
                    cold, warm, *switches = times
                    results[kind][0].append(cold)
                    results[kind][1].append(warm)
                    results[kind][2].extend(switches)
        export.SummaryMarkdown = SummaryMarkdown  # type: ignore[misc]

    def median(kind: str, what: int, clock: int) -> float:
        return statistics.median(t[clock] for t in results[kind][what])

    whats = ("first open (new app)", "open again (same app)", "switch (F2)")
    print(f"export preview at {w}x{h}, session {sid}, {args.runs} runs x {args.switches} F2")
    print(f"medians in ms, wall / cpu   {whats[0]:>22} {whats[1]:>22} {whats[2]:>14}")
    for kind in ("stock", "retro"):
        cells = [
            f"{median(kind, i, 0) * 1000:.0f} / {median(kind, i, 1) * 1000:.0f}" for i in range(3)
        ]
        print(f"{kind:28} {cells[0]:>22} {cells[1]:>22} {cells[2]:>14}")
    for i, what in enumerate(whats):
        wall = median("retro", i, 0) / median("stock", i, 0)
        cpu = median("retro", i, 1) / median("stock", i, 1)
        print(f"ratio retro/stock, {what:22}: {wall:.2f}x wall, {cpu:.2f}x cpu")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
