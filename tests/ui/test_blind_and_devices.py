"""Issue 10.2 and 10.3: what a screen promises is true, and a participant's score stays theirs.

A participant joins by code on their own terminal while the facilitator's screen is
projected. The participant is promised that only they see their scores until the
reveal; the facilitator's screen must then show who answered, never what.
"""

from __future__ import annotations

from datetime import date

from retro.model import DEVICE
from retro.tui.app import make_app
from retro.tui.dialogs import YesNoDialog
from retro.tui.screens.join import WhoScreen, make_join_app
from retro.tui.screens.join_rate import RateScreen as JoinRateScreen
from retro.tui.screens.rate import RateScreen
from retro.tui.screens.setup import SetupScreen
from tests.ui.data import REL
from tests.ui.meeting import settle
from tests.ui.screen import shown, until


async def start_session(pilot) -> str:
    """Home → new session with the four people of last time, defaults untouched → rate."""
    app = pilot.app
    await pilot.press("s")
    await settle(pilot)
    assert isinstance(app.screen, SetupScreen)
    await pilot.press("ctrl+g")
    await settle(pilot)
    await pilot.press("ctrl+n", "ctrl+n")  # past check-in and look back
    await settle(pilot)
    assert isinstance(app.screen, RateScreen)
    return f"{REL}-{date.today().isoformat()}"


async def test_a_participant_s_score_stays_hidden_on_the_projected_screen(acme) -> None:
    facilitator = make_app(acme, lang="en", watch_interval=0.1)
    async with facilitator.run_test(size=(80, 24)) as fp:
        await settle(fp)
        sid = await start_session(fp)
        session = acme.load(REL).session(sid)
        assert session.blind  # the default: people may rate on their own devices
        code = session.join_code or ""
        await until(fp, lambda: bool(acme.load(REL).session(sid).join_code))
        code = acme.load(REL).session(sid).join_code

        cees = make_join_app(acme, lang="en")
        async with cees.run_test(size=(80, 24)) as cp:
            await cp.press(*code, "enter")
            await until(cp, lambda: isinstance(cees.screen, WhoScreen))
            await cp.press("down", "enter")  # Cees, second in the list
            await until(cp, lambda: isinstance(cees.screen, JoinRateScreen))
            await cp.press("enter")  # past the check-in question
            await until(cp, lambda: "Question 1 of" in shown(cees))
            # The promise on the participant's own screen ...
            assert "Only you see your scores" in shown(cees)
            await cp.press("2")
            await until(cp, lambda: cees.screen.pending == 0 and cees.screen.session.ratings)
            stored = acme.load(REL).session(sid).rating("p-cees", "transparency", "client")
            assert stored is not None and stored.score == 2 and stored.origin == DEVICE

        # ... holds on the facilitator's (projected) screen: who answered, never what.
        screen = facilitator.screen
        assert isinstance(screen, RateScreen)
        await until(fp, lambda: "1 answered" in shown(facilitator))
        text = shown(facilitator)
        assert "So far" not in text and "Cees de Boer C2" not in text
        # On Cees's own question the bar is empty and says why.
        await fp.press(*["pagedown"] * 9)
        await settle(fp)
        assert screen.question is not None and screen.question.rater.pid == "p-cees"
        assert screen.query_one("#score-own").value == -1
        assert "hidden until the reveal" in shown(facilitator)


async def test_the_facilitator_asks_before_taking_over_a_device_score(acme) -> None:
    facilitator = make_app(acme, lang="en", watch_interval=0.1)
    async with facilitator.run_test(size=(80, 24)) as fp:
        await settle(fp)
        sid = await start_session(fp)
        await until(fp, lambda: bool(acme.load(REL).session(sid).join_code))
        from retro.model import Rating
        from retro.session_engine import LiveAnswers

        LiveAnswers(acme, REL, sid, "p-cees").save_rating(
            Rating("p-cees", "transparency", "client", 2)
        )
        screen = facilitator.screen
        await fp.press(*["pagedown"] * 9)
        await settle(fp)
        assert "own device" in shown(facilitator)
        # The focus skips Cees's own answer, to the question still open ...
        assert facilitator.focused is screen.query_one("#score-other")
        # ... and a score key on his answer asks first; Esc keeps it.
        await fp.press("shift+tab", "4")
        await settle(fp)
        assert isinstance(facilitator.screen, YesNoDialog) and facilitator.screen.id == "take-over"
        await fp.press("escape")
        await settle(fp)
        kept = acme.load(REL).session(sid).rating("p-cees", "transparency", "client")
        assert kept is not None and (kept.score, kept.origin) == (2, DEVICE)
        # Taking over, explicitly: now the facilitator's score stands.
        assert facilitator.focused is screen.query_one("#score-own")
        await fp.press("4")
        await settle(fp)
        await fp.press("y")
        await settle(fp)
        assert facilitator.screen is screen
        taken = acme.load(REL).session(sid).rating("p-cees", "transparency", "client")
        assert taken is not None and (taken.score, taken.origin) == (4, "")


async def test_blind_can_be_switched_on_mid_session(workspace) -> None:
    from msgspec.structs import replace

    from tests.ui.data import OPEN, build_workspace, open_session

    build_workspace(workspace, with_open=replace(open_session("rate"), blind=False, revealed=False))
    app = make_app(workspace, session_id=OPEN, watch_interval=None, resume=False, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "So far: " in shown(app)
        await pilot.press("ctrl+l")
        await settle(pilot)
        assert "So far: " not in shown(app)
        assert "hidden until the reveal" in shown(app)
    assert workspace.load(REL).session(OPEN).blind
