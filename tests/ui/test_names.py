"""Names people can tell apart: a second person or relationship of one name is refused with
a clear message, and a phase name on home is never cut without an ellipsis."""

from __future__ import annotations

from retro.tui.app import make_app
from tests.ui.data import build_workspace, open_session
from tests.ui.test_dutch import screen_text, settle


async def test_a_second_person_of_the_same_name_is_refused(workspace) -> None:
    """Two Clara Jansens could not be told apart in the reveal or the summary."""
    from retro.tui.screens.setup import PersonRow, SetupScreen

    build_workspace(workspace)  # Clara Jansen took part last time: she is on the list
    app = make_app(workspace, lang="nl", watch_interval=None, resume=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SetupScreen)
        before = len(screen.query(PersonRow))
        await pilot.press(*" clara  JANSEN", "enter")
        await settle(pilot)
        assert len(screen.query(PersonRow)) == before
        assert "clara  JANSEN doet al mee" in screen_text(app)
        await pilot.press(*"Clara de Wit", "enter")
        await settle(pilot)
        assert len(screen.query(PersonRow)) == before + 1


async def test_a_second_relationship_of_the_same_names_is_refused(workspace) -> None:
    from retro.tui.screens.relationship import NewRelationshipScreen

    build_workspace(workspace)  # Acme BV & Studio Zuid
    app = make_app(workspace, watch_interval=None, resume=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n", *"acme  bv", "enter", *"Studio zuid", "enter")
        await settle(pilot)
        assert isinstance(app.screen, NewRelationshipScreen)
        assert "Acme BV & Studio Zuid is already in the list" in screen_text(app)
        assert [r.id for r in workspace.relationships()] == ["acme"]
        await pilot.press(*" Noord", "enter")  # another agency of the same client is fine
        await settle(pilot)
        assert len(workspace.relationships()) == 2


async def test_phase_names_on_home_are_whole(workspace) -> None:
    build_workspace(workspace, with_open=open_session("rate", language="nl"))
    app = make_app(workspace, lang="nl", watch_interval=None, resume=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        row = next(line for line in screen_text(app).splitlines() if "Acme BV" in line)
        assert "2026-04-15 Beoordelen" in row, row
