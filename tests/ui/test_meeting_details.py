"""Issue 10.4, 10.6, 10.8: completeness before the reveal, the self-assessment's reveal,
remarks that can be read and survive a killed terminal, and the proud-of note."""

from __future__ import annotations

from msgspec.structs import replace
from textual.widgets import DataTable, Input

from retro.model import Prediction, Rating
from retro.tui.app import make_app
from retro.tui.dialogs import YesNoDialog
from retro.tui.screens import rate
from retro.tui.screens.rate import RateScreen
from retro.tui.screens.reveal import RevealScreen
from tests.ui.data import OPEN, PEOPLE, REL, build_workspace, open_session
from tests.ui.meeting import settle, type_keys


async def test_a_remark_is_readable_and_saved_while_still_being_typed(
    workspace, monkeypatch
) -> None:
    # The rule, at a fifth of the time: saved at most SAVE_DELAY after the first unsaved
    # key, while keys keep coming at under a third of that (0.15 s against 0.5 s before).
    monkeypatch.setattr(rate, "SAVE_DELAY", 0.1)
    gap = rate.SAVE_DELAY * 0.3
    session = replace(open_session("rate"), ratings=(), position="", revealed=False)
    build_workspace(workspace, with_open=session)
    app = make_app(workspace, session_id=OPEN, watch_interval=None, resume=False, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, RateScreen)
        await type_keys(pilot, "3", "4", "tab")
        field = app.focused
        assert isinstance(field, Input) and field.id == "works-own"
        text = "Short lines to the team, every week"
        for ch in text[:20]:  # a steady typist: never a half-second pause
            await pilot.press("space" if ch == " " else ch)
            await pilot.pause(gap)
        await pilot.pause()
        # Readable while typed: the field has the row to itself, not a third of it.
        assert field.size.width >= 55  # was 25: a third of the row
        assert field.value == text[:20]
        # Still typing, still in the field: the store already holds what was typed.
        stored = workspace.load(REL).session(OPEN).rating(PEOPLE[0].id, "transparency", "client")
        assert stored is not None and len(stored.works) >= 10
        assert text.startswith(stored.works)


async def test_the_reveal_asks_when_answers_are_missing(workspace) -> None:
    ratings = tuple(r for r in open_session().ratings if r.participant != "p-abel")
    session = replace(open_session("reveal"), ratings=ratings, blind=True, revealed=False)
    build_workspace(workspace, with_open=session)
    app = make_app(workspace, session_id=OPEN, watch_interval=None, resume=False, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, RevealScreen)
        await pilot.press("r")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, YesNoDialog) and dialog.id == "confirm-reveal"
        who = str(dialog.query_one("#dialog-details").render())
        assert "Abel Visser" in who and "17" in who
        await pilot.press("escape")
        await settle(pilot)
        assert not workspace.load(REL).session(OPEN).revealed
        await pilot.press("r")
        await settle(pilot)
        await pilot.press("r")  # reveal anyway
        await settle(pilot)
        assert workspace.load(REL).session(OPEN).revealed


async def test_typing_on_the_proud_tab_goes_into_its_note(workspace) -> None:
    build_workspace(workspace, with_open=open_session("reveal"))
    app = make_app(workspace, session_id=OPEN, watch_interval=None, resume=False, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("left_square_bracket")  # round the start: the last tab, proud of
        await type_keys(pilot, *"Proud", "enter")
        await settle(pilot)
    notes = [n.text for n in workspace.load(REL).session(OPEN).proud]
    assert "Proud" in notes


async def test_self_assessment_reveal_shows_team_view_predictions_and_later_actuals(
    workspace,
) -> None:
    agency = tuple(p for p in PEOPLE if p.side == "agency")
    ratings = tuple(
        Rating(p.id, d, "agency", score)
        for p, score in zip(agency, (4, 2), strict=True)
        for d in ("trust", "feedback")
    )
    predictions = (Prediction("p-ada", "trust", 4), Prediction("p-abel", "trust", 3))
    own = replace(
        open_session("reveal"),
        id="acme-self",
        date="2026-02-01",
        kind="self",
        participants=agency,
        ratings=ratings,
        predictions=predictions,
        review=(),
        actions=(),
        proud=(),
        checkin=replace(open_session().checkin, answers=()),
        status="closed",
    )
    joint = replace(open_session("close"), status="closed")  # 2026-04-15, after it
    build_workspace(workspace, with_open=joint)
    workspace.add_session(REL, own)
    client_trust = [
        r.score
        for r in joint.ratings
        if r.dimension == "trust"
        and r.subject == "agency"
        and r.participant in ("p-clara", "p-cees")
    ]
    actual = sum(client_trust) / len(client_trust)  # type: ignore[arg-type]
    app = make_app(workspace, session_id="acme-self", watch_interval=None, resume=False, lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, RevealScreen)
        table = screen.query_one("#views", DataTable)
        row = [str(c) for c in table.get_row("trust")]
        assert row[1:4] == ["3.0", "2", "3.5"]  # self view, spread, predicted
        assert row[4] == f"{actual:.1f}"  # what the client scored in the later joint session
        assert row[5] == f"{3.5 - actual:+.1f}"


def test_home_sparkline_is_the_client_s_view_of_the_agency_over_closed_joint_sessions(
    workspace,
) -> None:
    from retro.index import summarise as index_summary
    from retro.tui.screens.home import summarise
    from retro.tui.widgets.sparkline import spark

    build_workspace(workspace, with_open=open_session("rate"))  # open: not a point yet
    history = workspace.load(REL)
    earlier = history.session("acme-2026-01-15")
    assert earlier is not None
    client_on_agency = [
        r.score
        for r in earlier.ratings
        if r.subject == "agency" and earlier.side_of(r.participant) == "client" and r.score
    ]
    row = summarise(index_summary(workspace.path_of(REL), history))
    assert row.trend == spark([sum(client_on_agency) / len(client_on_agency)])


async def test_leaving_rate_of_an_open_session_asks_when_answers_are_missing(workspace) -> None:
    """Not blind: the scores are on the projector as soon as the phase changes, so the
    look at completeness comes before ctrl+n, as it does before a blind reveal."""
    ratings = tuple(r for r in open_session().ratings if r.participant != "p-abel")
    session = replace(open_session("rate"), ratings=ratings, blind=False, revealed=False)
    build_workspace(workspace, with_open=session)
    app = make_app(workspace, session_id=OPEN, watch_interval=None, resume=False, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, RateScreen)
        await pilot.press("ctrl+n")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, YesNoDialog) and dialog.id == "confirm-reveal"
        assert "Abel Visser" in str(dialog.query_one("#dialog-details").render())
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, RateScreen)  # stayed: nothing shown yet
        await pilot.press("ctrl+n")
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, RevealScreen)
