"""What a test reads off the screen, and how it waits for it: one copy for every UI test."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from textual.app import App
from textual.widgets import Static


async def until(pilot, condition: Callable[[], bool], timeout: float = 15.0) -> None:
    """Wait for the app to get there; bounded, and never a claim about how fast."""
    loop = asyncio.get_running_loop()
    end = loop.time() + timeout
    while not condition():
        if loop.time() > end:
            raise AssertionError("condition not reached")
        await pilot.pause(0.05)


def screen_text(app: App) -> str:
    """The screen as painted, row by row, toasts on top included: what is cut off here is
    cut off for the room."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def shown(app: App) -> str:
    """Every text on the current screen, as the room reads it."""
    parts = []
    for w in app.screen.query(Static):
        if not w.display:
            continue
        r = w.render()
        parts.append(getattr(r, "plain", str(r)))
    return "\n".join(parts)
