"""Found by driving a whole meeting through the app (80x24, both languages): each test
fails on the bug a facilitator met and passes once it is fixed."""

from __future__ import annotations

from msgspec.structs import replace
from textual.widgets import Static

from retro.tui.app import make_app
from retro.tui.screens.rate import RateScreen
from tests.ui.data import OPEN, build_workspace, open_session
from tests.ui.keys import burst, settle
from tests.ui.screen import screen_text, shown, until


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


async def test_a_side_that_gave_all_its_points_says_so_in_full_at_80x24(workspace) -> None:
    """'Bureau: alle 100 verdeeld' lost its last word: the side's button kept the width
    of its first label."""
    session = replace(open_session("weigh", language="nl"), ask_importance=True)
    build_workspace(workspace, with_open=session)
    app = make_app(workspace, lang="nl", session_id=OPEN, watch_interval=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        burst(app, ["tab", "2", "5", "down", "2", "5", "down", "2", "5", "down", "2", "5"])
        await settle(pilot)
        assert "Bureau: alle 100 verdeeld" in screen_text(app)


async def test_every_dimension_s_name_is_whole_on_the_points_screen_in_dutch_at_80x24(
    workspace,
) -> None:
    """The names were cut at 30 columns ("Heldere, realistische verwach…") while the
    row had room to the right: at 80 columns every Dutch name is shown whole."""
    from retro.frameworks import default_framework

    session = replace(open_session("weigh", language="nl"), ask_importance=True)
    build_workspace(workspace, with_open=session)
    app = make_app(workspace, lang="nl", session_id=OPEN, watch_interval=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        for d in default_framework().dimensions:
            assert d.title("nl") in text
        assert "…" not in text


async def test_reveal_asks_about_points_not_about_an_agreed_score(workspace) -> None:
    """Revealing with points still to divide said 'Kant Opdrachtgever (gezamenlijke
    score): 1 open' in a session where everyone rates for themselves: no such score
    exists; what is open is the side's points under What matters."""
    from retro.model import Weight

    session = replace(
        open_session("reveal", language="nl"),
        ask_importance=True,
        blind=True,
        revealed=False,
        importance=(
            Weight("client", "trust", 83),
            Weight("agency", "trust", 100),
        ),
    )
    build_workspace(workspace, with_open=session)
    app = make_app(workspace, lang="nl", session_id=OPEN, watch_interval=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        burst(app, ["r"])
        await settle(pilot)
        text = screen_text(app)
        assert "Nog niet iedereen" in text
        assert "gezamenlijke score" not in text
        assert "Kant Opdrachtgever, wat telt: 1 open" in text


async def test_the_course_table_s_row_names_are_whole_in_dutch_at_80x24(workspace) -> None:
    """'Opdrachtgever over' stood on two rows of one dimension (over bureau, over zelf):
    the row names were cut at 20 columns, which only the English names fit."""
    from datetime import date

    from retro.demo import fill_demo
    from retro.tui.screens.history import HistoryScreen

    fill_demo(workspace, today=date(2026, 11, 20))
    app = make_app(workspace, lang="nl", watch_interval=None, resume=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        burst(app, ["h", "o"])
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        text = screen_text(app)
        assert "Opdrachtgever over bureau" in text
        assert "Bureau over opdrachtgever" in text


async def _joined(workspace, lang: str):
    """A participant's own terminal at 80x24, joined by code as Cees, on the check-in."""
    from retro.serve import ensure_join_code
    from retro.tui.screens.join import WhoScreen, make_join_app
    from retro.tui.screens.join_rate import RateScreen as JoinRateScreen

    session = replace(open_session("rate", language=lang), blind=True, revealed=False)
    build_workspace(workspace, with_open=session)
    code = ensure_join_code(workspace, "acme", OPEN)
    app = make_join_app(workspace, lang=lang)
    return app, code, WhoScreen, JoinRateScreen


async def test_the_promise_on_a_participant_s_own_screen_is_whole_at_80x24(workspace) -> None:
    """'Alleen jij ziet je scores tot de' and no more: the line between the buttons was
    one row high, and the Dutch promise needs two at 80 columns."""
    app, code, who, rate = await _joined(workspace, "nl")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*code, "enter")
        await until(pilot, lambda: isinstance(app.screen, who))
        await pilot.press("down", "enter")
        await until(pilot, lambda: isinstance(app.screen, rate))
        await until(pilot, lambda: "Alleen jij" in screen_text(app))
        await pilot.pause(0.2)
        text = screen_text(app)
        assert "Alleen jij ziet je scores tot de" in text
        assert "gespreksleider ze onthult." in text  # its second row, no longer cut off


async def test_the_check_in_on_a_participant_s_own_screen_shows_where_to_type(workspace) -> None:
    """The participant's check-in field was an empty, borderless row under the question:
    nothing said an answer goes there, or that it may stay empty."""
    app, code, who, rate = await _joined(workspace, "nl")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*code, "enter")
        await until(pilot, lambda: isinstance(app.screen, who))
        await pilot.press("down", "enter")  # Cees, who has not answered the check-in
        await until(pilot, lambda: isinstance(app.screen, rate))
        await until(pilot, lambda: "Check-in" in screen_text(app))
        await pilot.pause(0.2)
        assert "Antwoord (mag leeg)" in screen_text(app)


async def test_the_history_footer_fits_80_columns(workspace) -> None:
    """History's footer ended in '^q Qu' (English) and '^q' (Dutch), help out of sight:
    one key per tab took the room. The tab keys now share one item, as in the reveal."""
    from datetime import date

    from retro.demo import fill_demo
    from retro.tui.screens.history import HistoryScreen

    fill_demo(workspace, today=date(2026, 11, 20))
    for lang, words in (
        ("en", ("socp Tabs", "^q Quit", "F1 Help")),
        ("nl", ("socp Tabbladen", "^q Stoppen", "F1 Hulp")),
    ):
        app = make_app(workspace, lang=lang, watch_interval=None, resume=False)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            burst(app, ["h", "c"])  # and a tab key still goes to its tab
            await settle(pilot)
            assert isinstance(app.screen, HistoryScreen)
            footer = screen_text(app).splitlines()[-1]
            for word in words:
                assert word in footer
            assert app.screen.query_one("#history-tabs").active == "compare"
