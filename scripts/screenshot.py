"""Redraw docs/screenshot.svg, the README's picture: the reveal phase of a demo retro.

Run after a change that alters the reveal screen: `python scripts/screenshot.py`.
The demo is seeded and dated, so the picture only changes when the app does.
"""

from __future__ import annotations

import asyncio
import tempfile
from datetime import date
from pathlib import Path

from retro.demo import fill_demo
from retro.store import Workspace
from retro.tui.app import make_app

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshot.svg"
SESSION = "northwind-foods-2026-09-01"  # a closed joint retro in English, with gaps


async def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        ws = Workspace(Path(tmp))
        fill_demo(ws, today=date(2026, 11, 20))
        app = make_app(ws, theme="textual-light", session_id=SESSION, watch_interval=None)
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.pause()
            app.goto_phase("reveal")
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause(0.3)
            app.save_screenshot(filename=OUT.name, path=str(OUT.parent))
    print(f"wrote {OUT}")


if __name__ == "__main__":
    asyncio.run(main())
