"""Switching language on a closed session: shown in the other language, the session unchanged."""

from __future__ import annotations

from retro.tui import state
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


async def test_the_chosen_theme_is_there_at_the_next_start(workspace) -> None:
    build_workspace(workspace)
    app = make_app(workspace, watch_interval=None, resume=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.theme != "textual-light"
        app.set_theme("textual-light")
        await settle(pilot)
    again = make_app(workspace, watch_interval=None, resume=False)
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert again.theme == "textual-light"
    told = make_app(workspace, theme="nord", watch_interval=None, resume=False)
    async with told.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert told.theme == "nord"  # --theme wins, and is remembered in turn
    assert state.theme(workspace.root) == "nord"


def test_the_state_file_keeps_theme_and_session_apart(workspace) -> None:
    root = workspace.root
    state.remember_theme(root, "textual-light")
    state.remember(root, "acme", "s1")
    assert state.last_session(root) == ("acme", "s1")
    state.forget(root)
    assert state.last_session(root) is None and state.theme(root) == "textual-light"
    (root / state.FILE).write_text("[1, 2")  # damaged: nothing remembered, nothing raised
    assert state.theme(root) is None and state.last_session(root) is None
