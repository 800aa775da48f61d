"""Actions live until they are done or dropped, and the agree form keeps what was typed.

Issue 10, items 5 and 7 (and the agree form at 60x20 from item 11): each test drives the
real app the way a facilitator does in a meeting, keys sent together without pauses.
"""

from __future__ import annotations

from dataclasses import replace

from textual.widgets import DataTable, Static

from retro.model import Action, Participant, Review, Session
from retro.tui.app import make_app
from retro.tui.screens.home import HomeScreen
from retro.tui.screens.lookback import LookbackScreen

REL = "acme"
PEOPLE = (Participant("p-ada", "Ada Smit", "agency"), Participant("p-cor", "Cor Bos", "client"))
ROADMAP = Action("a-roadmap", "Share the roadmap", "p-ada", "2026-02-01", "transparency")
CALL = Action("a-call", "Weekly call", "p-cor", "2026-02-15", "feedback")


async def settle(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def three_sessions(workspace) -> None:
    """Actions agreed in one; two finds the roadmap not done and the call done; three is
    at its look back."""
    workspace.create_relationship("Acme BV", "Studio Zuid", rel_id=REL)
    base = dict(participants=PEOPLE, language="en", status="closed", phase="close")
    workspace.add_session(REL, Session("one", "2026-01-10", actions=(ROADMAP, CALL), **base))
    workspace.add_session(
        REL,
        Session(
            "two",
            "2026-03-10",
            review=(Review("a-roadmap", "not_done"), Review("a-call", "done")),
            **base,
        ),
    )
    workspace.add_session(
        REL,
        Session("three", "2026-06-10", participants=PEOPLE, language="en", phase="lookback"),
    )


def home_open_count(app) -> str:
    table = app.screen.query_one("#relationships", DataTable)
    return str(table.get_row(REL)[-1])


async def test_a_not_done_action_comes_back_until_it_is_done(workspace) -> None:
    three_sessions(workspace)
    app = make_app(workspace, session_id="three", watch_interval=None, resume=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LookbackScreen)
        table = screen.query_one("#reviews", DataTable)
        # The roadmap from session one, found not done at two, is listed again at three.
        assert table.row_count == 1
        assert "Share the roadmap" in str(table.get_row_at(0)[0])
        assert "was not done" in str(table.get_row_at(0)[3])
        kept = str(screen.query_one("#kept", Static).render())
        assert "0 of 1 reviewed" in kept

        await pilot.press("escape")  # home: the roadmap is still open
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert home_open_count(app) == "1"

    app = make_app(workspace, session_id="three", watch_interval=None, resume=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("d", "escape")  # done, straight back home
        await settle(pilot)
        assert home_open_count(app) == "0"
    three = workspace.load(REL).session("three")
    assert three.review == (Review("a-roadmap", "done"),)


async def test_look_back_says_how_many_of_the_open_actions_were_reviewed(workspace) -> None:
    three_sessions(workspace)
    four = Session("four", "2026-09-10", participants=PEOPLE, language="en", phase="lookback")
    # Session three agreed one more action and left the roadmap partly done.
    workspace.update_session(
        REL,
        "three",
        lambda s: replace(
            s,
            review=(Review("a-roadmap", "partly"),),
            actions=(Action("a-brief", "Brief template", "agency", "2026-08-01"),),
            status="closed",
        ),
    )
    workspace.add_session(REL, four)
    app = make_app(workspace, session_id="four", watch_interval=None, resume=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        table = screen.query_one("#reviews", DataTable)
        assert [str(table.get_row_at(i)[0]) for i in range(table.row_count)] == [
            "Share the roadmap",
            "Brief template",
        ]
        await pilot.press("n")  # the roadmap: not done, again
        await settle(pilot)
        kept = str(screen.query_one("#kept", Static).render())
        assert "Commitments kept: 0%" in kept and "1 of 2 reviewed" in kept
