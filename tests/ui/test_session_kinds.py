"""Kinds and modes of a session: self-assessment predictions, per side, blind entry, a
participant on their own terminal, closing and reopening, a new relationship, export."""

from __future__ import annotations

from msgspec.structs import replace

from retro.tui.app import make_app
from retro.tui.screens.checkin import CheckinScreen
from retro.tui.screens.close import CloseScreen
from retro.tui.screens.home import HomeScreen
from retro.tui.screens.rate import RateScreen
from retro.tui.screens.reveal import RevealScreen
from retro.tui.widgets.score import UNSET, ScoreBar
from tests.ui.data import OPEN, REL, build_workspace, open_session
from tests.ui.meeting import settle, type_keys


def fresh(**changes):
    """An open session at the rating phase with no ratings yet."""
    return replace(open_session("rate"), ratings=(), position="", **changes)


async def test_self_assessment_asks_the_agency_for_a_prediction(workspace) -> None:
    """The agency rates itself and predicts the client's score; it does not rate the client."""
    agency = tuple(p for p in open_session().participants if p.side == "agency")
    build_workspace(workspace, with_open=fresh(kind="self", participants=agency))
    app = make_app(workspace, session_id=OPEN, watch_interval=None, resume=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, RateScreen)
        assert len(screen.questions) == 2 * 9  # agency people only
        assert screen.query_one("#score-prediction", ScoreBar).display
        assert not screen.query_one("#score-other", ScoreBar).display
        await type_keys(pilot, "4", "2")
        await settle(pilot)
    s = workspace.load(REL).session(OPEN)
    assert s.rating("p-ada", "transparency", "agency").score == 4
    assert s.rating("p-ada", "transparency", "client") is None
    assert [(p.participant, p.score) for p in s.predictions] == [("p-ada", 2)]


async def test_per_side_rates_once_for_each_side(workspace) -> None:
    build_workspace(workspace, with_open=fresh(rating_mode="side"))
    app = make_app(workspace, session_id=OPEN, watch_interval=None, resume=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, RateScreen)
        assert len(screen.questions) == 2 * 9
        assert "Client side (agreed score)" in screen.query_one("#progress-label").render().plain


async def test_blind_entry_hides_scores_until_the_reveal(workspace) -> None:
    session = replace(open_session("rate"), blind=True, revealed=False)
    build_workspace(workspace, with_open=session)
    app = make_app(workspace, session_id=OPEN, watch_interval=None, resume=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        others = app.screen.query_one("#others").render().plain
        assert "hidden until the reveal (3 answered)" in others
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, RevealScreen)
        assert not app.screen.query("#views")
        await pilot.press("r")
        await settle(pilot)
        assert app.screen.query_one("#views").row_count == 9
    assert workspace.load(REL).session(OPEN).revealed


async def test_a_participant_on_their_own_terminal(workspace) -> None:
    build_workspace(workspace, with_open=fresh())
    app = make_app(
        workspace, session_id=OPEN, participant_id="p-cees", watch_interval=None, resume=False
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, RateScreen)
        assert {q.rater.pid for q in screen.questions} == {"p-cees"}
        await pilot.press("ctrl+n", "escape")  # neither leaves their questions
        await settle(pilot)
        assert app.screen is screen
        await pilot.press("5")
        await settle(pilot)
    assert workspace.load(REL).session(OPEN).rating("p-cees", "transparency", "client").score == 5


async def test_close_and_reopen(workspace) -> None:
    build_workspace(workspace, with_open=open_session("close"))
    app = make_app(workspace, session_id=OPEN, watch_interval=None, resume=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, CloseScreen)
        await pilot.press("c")
        await settle(pilot)
        assert workspace.load(REL).session(OPEN).status == "closed"
        await pilot.press("ctrl+b", "ctrl+b", "ctrl+b")  # back to rating: read only now
        await settle(pilot)
        assert isinstance(app.screen, RateScreen)
        bar = app.screen.query_one("#score-own", ScoreBar)
        before = bar.value
        assert bar.disabled
        await type_keys(pilot, "ctrl+n", "ctrl+n", "ctrl+n")
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
    s = workspace.load(REL).session(OPEN)
    assert s.status == "open" and before != UNSET


async def test_new_relationship_by_keyboard(workspace) -> None:
    app = make_app(workspace, watch_interval=None, resume=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await type_keys(pilot, "n", *"Gemeente Ede", "enter", *"Studio Oost", "enter")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert app.screen.selected_rel_id == "gemeente-ede"
        await pilot.press("s")  # a new relationship has nobody yet: add two people
        await settle(pilot)
        await pilot.press(*"Ria", "enter")  # Enter adds to the side marked ⏎: client
        await pilot.press(*"Bas", "tab", "tab", "enter")  # name, then + Agency
        await pilot.press("ctrl+g")
        await settle(pilot)
        assert isinstance(app.screen, CheckinScreen)
    h = workspace.load("gemeente-ede")
    assert h.relationship.client == "Gemeente Ede"
    (s,) = h.sessions
    assert [(p.name, p.side) for p in s.participants] == [("Ria", "client"), ("Bas", "agency")]
    assert s.checkin.question  # a question from the bank


async def test_export_from_close_when_available(workspace) -> None:
    build_workspace(workspace, with_open=open_session("close"))
    app = make_app(workspace, session_id=OPEN, watch_interval=None, resume=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert app.screen.__class__.__name__ == "ExportScreen"
