"""The history and portfolio screens inside the real app: reached from home, and back."""

from __future__ import annotations

from datetime import date

from textual.widgets import DataTable

from retro.demo import fill_demo
from retro.store import Workspace
from retro.tui.app import make_app
from retro.tui.screens.history import HistoryScreen
from retro.tui.screens.portfolio import PortfolioScreen


async def test_home_to_portfolio_to_history_and_back(workspace: Workspace) -> None:
    fill_demo(workspace, today=date(2026, 11, 20))
    app = make_app(workspace, watch_interval=None, resume=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        home = app.screen
        await pilot.press("p")
        await app.workers.wait_for_complete()
        await pilot.pause()
        portfolio = app.screen
        assert isinstance(portfolio, PortfolioScreen)
        table = portfolio.query_one("#portfolio-table", DataTable)
        assert table.row_count == 3
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        assert app.screen.relationship_id == portfolio.loaded.rows[0].relationship.id
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is portfolio
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is home


async def test_home_history_key_opens_the_highlighted_relationship(workspace: Workspace) -> None:
    fill_demo(workspace, today=date(2026, 11, 20))
    app = make_app(workspace, watch_interval=None, resume=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        expected = app.screen.selected_rel_id  # type: ignore[attr-defined]
        await pilot.press("h")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        assert app.screen.relationship_id == expected
        assert app.screen.loaded is not None
