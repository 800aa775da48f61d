"""Found by driving a whole meeting through the app (80x24, both languages): each test
fails on the bug a facilitator met and passes once it is fixed."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import replace

from textual.app import App
from textual.widgets import Static

from retro.tui.app import make_app
from retro.tui.screens.rate import RateScreen
from tests.ui.data import OPEN, build_workspace, open_session
from tests.ui.keys import settle


def shown(app: App) -> str:
    """Every text on the current screen, as the room reads it."""
    parts = []
    for w in app.screen.query(Static):
        if not w.display:
            continue
        r = w.render()
        parts.append(getattr(r, "plain", str(r)))
    return "\n".join(parts)


async def until(pilot, condition: Callable[[], bool], timeout: float = 15.0) -> None:
    loop = asyncio.get_running_loop()
    end = loop.time() + timeout
    while not condition():
        assert loop.time() < end, "timed out"
        await pilot.pause(0.05)


async def test_an_anonymous_session_s_presence_line_names_nobody(workspace) -> None:
    """Anonymous promises number and side on shared screens; the live who-is-done line
    above the rating screen showed everyone's full name on the projector."""
    session = replace(open_session("rate", language="nl"), anonymous=True, revealed=False)
    build_workspace(workspace, with_open=session)
    app = make_app(workspace, lang="nl", session_id=OPEN, watch_interval=0.1)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, RateScreen)
        people = app.screen.query_one("#presence-people", Static)
        await until(pilot, lambda: "(" in str(people.render()) or "Clara" in str(people.render()))
        line = str(people.render())
        assert "#1 (opdrachtgever)" in line and "#4 (bureau)" in line
        for name in ("Clara", "Cees", "Ada Smit", "Abel"):
            assert name not in shown(app)
