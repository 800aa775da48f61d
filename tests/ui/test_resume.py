"""Quit mid-rating, start again: the app resumes at the same phase and question, nothing lost."""

from __future__ import annotations

from retro.tui.app import make_app
from retro.tui.screens.home import HomeScreen
from retro.tui.screens.rate import RateScreen
from retro.tui.widgets.score import UNSET, ScoreBar
from tests.ui.data import OPEN, REL, build_workspace, open_session


async def settle(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_quit_mid_rating_and_resume(workspace) -> None:
    session = open_session("rate")
    build_workspace(workspace, with_open=session)

    app = make_app(workspace, watch_interval=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("enter")  # the relationship -> its sessions, newest first
        await pilot.press("enter")  # open the session in progress
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, RateScreen)
        # It opens at the question the session stood at: Clara on trust.
        assert screen.question is not None
        assert screen.question.position == "p-clara/trust"
        await pilot.press("pagedown", "pagedown")  # two questions on
        await settle(pilot)
        where = screen.question.position
        assert where == "p-clara/added_value"
        await pilot.press("2")  # half an answer: one score given, the prompts still empty
        await pilot.press("tab", *"Half typed")  # a remark, then quit before the typing pause
        await pilot.press("ctrl+q")
        await settle(pilot)

    saved = workspace.load(REL).session(OPEN)
    assert saved is not None and saved.phase == "rate" and saved.position == where
    rating = saved.rating("p-clara", "added_value", "agency")
    assert rating is not None and rating.score == 2 and rating.works == "Half typed"

    again = make_app(workspace, watch_interval=None)
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = again.screen
        assert isinstance(screen, RateScreen)
        assert screen.question is not None and screen.question.position == where
        bars = [b for b in screen.query(ScoreBar) if b.display]
        assert bars[0].value == 2
        assert all(b.value == UNSET for b in bars[1:])
        # escape goes home and the app stops resuming there
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(again.screen, HomeScreen)

    third = make_app(workspace, watch_interval=None)
    async with third.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(third.screen, HomeScreen)
