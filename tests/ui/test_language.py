"""Switching language on a closed session: shown in the other language, the session unchanged."""

from __future__ import annotations

from retro.tui.app import make_app
from retro.tui.screens.close import CloseScreen
from tests.ui.data import EARLIER, REL, build_workspace


async def settle(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_a_closed_session_is_shown_in_the_other_language_and_keeps_its_own(
    workspace,
) -> None:
    build_workspace(workspace)
    before = workspace.load(REL).session(EARLIER)
    assert before.status == "closed" and before.language == "en"
    app = make_app(workspace, lang="en", watch_interval=None, resume=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_session(REL, EARLIER)
        await settle(pilot)
        assert isinstance(app.screen, CloseScreen)
        assert "This session is closed." in app.screen.query_one("#close-state").render().plain
        app.set_language("nl")
        await settle(pilot)
        assert isinstance(app.screen, CloseScreen)
        assert "Deze sessie is gesloten." in app.screen.query_one("#close-state").render().plain
        notes = [str(n.message) for n in app._notifications]
        assert any("heropen" in n for n in notes)
    assert workspace.load(REL).session(EARLIER) == before
