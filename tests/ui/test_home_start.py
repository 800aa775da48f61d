"""Home's first paint is the whole home (issue 11): its keys and its columns are there from
the start, so nothing is rebuilt or laid out again once it shows, whatever the workspace."""

from __future__ import annotations

from datetime import date

from msgspec.structs import replace
from textual.widgets import DataTable, Static
from textual.widgets._footer import FooterKey

from retro.demo import fill_demo
from retro.store import Workspace
from retro.tui.app import make_app
from retro.tui.widgets.footer import Footer
from tests.ui.data import build_workspace, earlier_session, open_session


def footer_keys(app) -> dict[str, FooterKey]:
    return {k.key: k for k in app.screen.query_one(Footer).query(FooterKey)}


async def settle(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_home_shows_its_keys_in_the_first_frame_and_never_rebuilds_them(
    workspace: Workspace,
) -> None:
    fill_demo(workspace, today=date(2026, 11, 1))
    app = make_app(workspace, watch_interval=None, resume=False)
    async with app.run_test(size=(80, 24)) as pilot:
        first = footer_keys(app)  # home as it first shows, before anything settles
        assert {"n", "s", "h", "p", "ctrl+q", "f1", "ctrl+p"} <= set(first)
        await settle(pilot)
        # The table took the focus, bringing keys the Footer does not show (its arrows):
        # the Footer the room saw first is the one it sees now.
        assert app.screen.focused is app.screen.query_one("#relationships")
        now = footer_keys(app)
        assert now.keys() == first.keys()
        assert all(now[k] is first[k] for k in first)


async def test_the_session_columns_stay_put_from_one_relationship_to_the_next(
    workspace: Workspace,
) -> None:
    """Acme has only closed sessions, Beta one standing at "Look back": the Phase column no
    longer widens (and Kind narrows) when the cursor moves from one to the other."""
    build_workspace(workspace)
    workspace.create_relationship("Beta", "Studio Oost", rel_id="beta")
    workspace.add_session("beta", replace(earlier_session(), id="beta-1"))
    workspace.add_session("beta", replace(open_session("lookback"), id="beta-2", review=()))
    app = make_app(workspace, watch_interval=None, resume=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        sessions = app.screen.query_one("#sessions", DataTable)
        title = app.screen.query_one("#sessions-title", Static)

        def widths() -> list[int]:
            return [c.get_render_width(sessions) for c in sessions.ordered_columns]

        assert "Acme" in str(title.render())
        at_acme = widths()
        await pilot.press("down")
        await settle(pilot)
        assert "Beta" in str(title.render())
        assert widths() == at_acme
        assert sum(at_acme) <= sessions.scrollable_content_region.width  # and it fits 80
