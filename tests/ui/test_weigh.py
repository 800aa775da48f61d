"""Issue 13.5 on the facilitator's screen: each side divides 100 points over the dimensions.

Points are called out in the room and typed as fast as they are heard, so the keys go in
as one burst (tests/ui/keys.py) and every point must land on the row the user picked.
"""

from __future__ import annotations

from datetime import date

from msgspec.structs import replace
from textual.widgets import Switch

from retro.model import DEVICE, Session, Weight
from retro.tui.app import make_app
from retro.tui.dialogs import YesNoDialog
from retro.tui.screens.join import WhoScreen, make_join_app
from retro.tui.screens.join_rate import RateScreen as JoinRateScreen
from retro.tui.screens.rate import RateScreen
from retro.tui.screens.reveal import RevealScreen
from retro.tui.screens.setup import SetupScreen
from retro.tui.screens.weigh import WeighScreen
from retro.tui.widgets.points import PointsTable
from tests.ui.data import OPEN, REL, build_workspace, open_session
from tests.ui.keys import burst
from tests.ui.meeting import settle, type_keys
from tests.ui.screen import screen_text, until

DIMS = (
    "transparency",
    "expectations",
    "feedback",
    "trust",
    "partnership",
    "added_value",
    "proactivity",
    "commitments",
    "attention",
)


def weigh_session(**kw) -> Session:
    return replace(open_session("weigh"), ask_importance=True, **kw)


def stored(workspace) -> dict[str, dict[str, int]]:
    s = workspace.load(REL).session(OPEN)
    out: dict[str, dict[str, int]] = {}
    for w in s.importance:
        out.setdefault(w.side, {})[w.dimension] = w.points
    return out


def app_for(workspace, lang: str = "en"):
    return make_app(workspace, session_id=OPEN, watch_interval=None, resume=False, lang=lang)


async def clara_at_what_matters(cp) -> None:
    """On a `retro join` app: the code KMQ234, Clara (first in the list), then on to her
    What matters step (her scores are given already)."""
    clara = cp.app
    await cp.press(*"KMQ234", "enter")
    await until(cp, lambda: isinstance(clara.screen, WhoScreen))
    await cp.press("enter")  # Clara, first in the list
    await until(cp, lambda: isinstance(clara.screen, JoinRateScreen))
    await until(cp, lambda: "What matters" in screen_text(clara))


async def test_both_sides_typed_at_meeting_speed_all_land(workspace) -> None:
    """Digits, steps and a side switch in one burst: every point on the row it was meant for."""
    build_workspace(workspace, with_open=weigh_session())
    client = ["3", "0", "down", "2", "5", "enter", "1", "5", "down", "right", "right"]
    client += ["down", "1", "0", "down", "plus", "minus", "plus", "down", "down", "down", "5"]
    # 30 + 25 + 15 + 10 + 10 + 5 + 5 = 100; a side switch starts at the top again.
    agency = ["tab", "4", "0", "down", "down", "down", "6", "0"]
    app = app_for(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, WeighScreen)
        burst(app, client + agency)
        await settle(pilot)
        text = screen_text(app)
        assert "Client: all 100 given" in text
        assert "Agency: all 100 given" in text
    assert stored(workspace) == {
        "client": {
            "transparency": 30,
            "expectations": 25,
            "feedback": 15,
            "trust": 10,
            "partnership": 10,
            "added_value": 5,
            "attention": 5,
        },
        "agency": {"transparency": 40, "trust": 60},
    }


async def test_a_typed_number_past_100_gives_the_row_the_most_it_can_have(workspace) -> None:
    """80 given, then "30" called out for the next row: the row gets 20 (the most it can
    have) and the reason is on screen (the "0" used to be refused, leaving a silent 3)."""
    build_workspace(workspace, with_open=weigh_session())
    app = app_for(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        burst(app, ["8", "0", "down", "3", "0"])
        await settle(pilot)
        await pilot.pause(0.2)
        assert "Client: all 100 given" in screen_text(app)
        assert " 20 + " in screen_text(app)
        reason = str(app.screen.query_one("#weigh-reason").render())
        assert "Clear, realistic expectations gets 20, the most it can have" in reason
        assert "(80 given elsewhere)" in reason
    assert stored(workspace) == {"client": {"transparency": 80, "expectations": 20}}


async def test_a_step_past_100_is_refused_with_the_reason_on_screen(workspace) -> None:
    build_workspace(workspace, with_open=weigh_session())
    app = app_for(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        # 60 and 30, then steps up to 100 exactly; one step more is refused, and says so.
        burst(app, ["6", "0", "down", "3", "0", "down", "right", "right", "right"])
        await settle(pilot)
        text = screen_text(app)
        assert "Client: all 100 given" in text
        assert "Availability & timely feedback can have at most 10" in text
    assert stored(workspace) == {"client": {"transparency": 60, "expectations": 30, "feedback": 10}}


async def test_mouse_clicks_change_points_and_switch_sides(workspace) -> None:
    build_workspace(workspace, with_open=weigh_session())
    app = app_for(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(PointsTable)
        plus = table._title_width() + 10  # the middle of the row's "+"
        await pilot.click(PointsTable, offset=(plus, 2))
        await pilot.click(PointsTable, offset=(plus, 2))
        await pilot.click(PointsTable, offset=(plus - 6, 2))  # "−"
        await pilot.click("#side-agency")
        await settle(pilot)
        await pilot.click(PointsTable, offset=(plus, 0))
        await settle(pilot)
        assert "Client: 95 of 100 left" in screen_text(app)
    assert stored(workspace) == {"client": {"feedback": 5}, "agency": {"transparency": 5}}


async def test_the_step_is_skipped_where_it_is_not_asked(workspace) -> None:
    """ctrl+n from rate goes to what matters only in a session that asks it; the stepper
    names it only there."""
    for asked, then in ((True, WeighScreen), (False, RevealScreen)):
        session = replace(open_session("rate"), ask_importance=asked, id=f"{OPEN}-{asked}")
        build_workspace(workspace, with_open=session) if asked else workspace.add_session(
            REL, session
        )
        app = make_app(
            workspace, session_id=session.id, watch_interval=None, resume=False, lang="en"
        )
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            assert isinstance(app.screen, RateScreen)
            assert ("What matters" in screen_text(app)) is asked
            await pilot.press("ctrl+n")
            await settle(pilot)
            assert isinstance(app.screen, then)
            await pilot.press("ctrl+b")
            await settle(pilot)
            assert isinstance(app.screen, RateScreen)


async def test_setup_asks_what_matters_in_a_joint_retro_by_default(acme) -> None:
    app = make_app(acme, watch_interval=None, resume=False, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, SetupScreen)
        assert app.screen.query_one("#importance", Switch).value
        assert "Ask what matters (100 points)" in screen_text(app)
        await pilot.press("ctrl+g")
        await settle(pilot)
    sid = f"{REL}-{date.today().isoformat()}"
    assert acme.load(REL).session(sid).ask_importance


async def test_a_side_s_points_from_a_device_are_marked_and_taken_over_after_asking(
    workspace,
) -> None:
    theirs = (Weight("client", "trust", 60, DEVICE), Weight("client", "feedback", 40, DEVICE))
    build_workspace(workspace, with_open=weigh_session(importance=theirs, blind=False))
    app = app_for(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "given on their own device" in screen_text(app)
        await type_keys(pilot, "down", "down", "minus")
        await settle(pilot)
        assert isinstance(app.screen, YesNoDialog)
        await pilot.press("escape")  # keep theirs: nothing changes
        await settle(pilot)
        assert stored(workspace)["client"] == {"trust": 60, "feedback": 40}
        await pilot.press("minus")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
    s = workspace.load(REL).session(OPEN)
    assert {w.dimension: (w.points, w.origin) for w in s.importance} == {
        "trust": (60, ""),
        "feedback": (35, ""),
    }


async def test_blind_hides_a_device_s_points_from_the_projected_screen(workspace) -> None:
    theirs = (Weight("client", "trust", 70, DEVICE), Weight("client", "feedback", 30, DEVICE))
    session = weigh_session(importance=theirs, blind=True, revealed=False)
    build_workspace(workspace, with_open=session)
    app = app_for(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "hidden until the reveal" in text
        assert "70" not in text and "30" not in text
        assert "Client: ·" in text
        await pilot.press("tab")  # the agency's own, typed here, is shown
        await settle(pilot)
        assert "Agency: 100 of 100 left" in screen_text(app)


# A client that cares most about feedback and proactivity and scores the agency low there;
# an agency that cares most about trust and commitments (hand-checked in the asserts).
CLIENT_POINTS = {
    "transparency": 10,
    "expectations": 15,
    "feedback": 30,
    "trust": 5,
    "partnership": 5,
    "added_value": 10,
    "proactivity": 15,
    "commitments": 5,
    "attention": 5,
}
AGENCY_POINTS = {
    "transparency": 10,
    "expectations": 25,
    "feedback": 5,
    "trust": 20,
    "partnership": 10,
    "added_value": 5,
    "proactivity": 5,
    "commitments": 15,
    "attention": 5,
}


def weighed(phase: str, language: str = "en") -> Session:
    points = tuple(Weight("client", d, p) for d, p in CLIENT_POINTS.items())
    points += tuple(Weight("agency", d, p) for d, p in AGENCY_POINTS.items())
    return replace(open_session(phase, language=language), ask_importance=True, importance=points)


async def test_reveal_shows_the_grid_concentrate_here_first_and_the_priority_gaps(
    workspace,
) -> None:
    build_workspace(workspace, with_open=weighed("reveal"))
    app = make_app(workspace, session_id=OPEN, watch_interval=None, resume=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, RevealScreen)
        # The four views list "concentrate here" first: feedback (30 client points and
        # the client's lowest scores of the agency) heads the table.
        from textual.widgets import DataTable

        table = app.screen.query_one("#views", DataTable)
        first = table.coordinate_to_cell_key((0, 0)).row_key.value
        assert first == "feedback"
        await pilot.press(*["right_square_bracket"] * 3)  # past four views, distribution, gaps
        await settle(pilot)
        text = screen_text(app)
        assert "Concentrate here: Availability & timely feedback · " in text
        assert "Client: points × score of agency" in text
        assert "Agency: points × score of client" in text
        # The crosshairs stated: an even share of 100 over nine dimensions, and the mean.
        assert "Crosshairs: 11 points (an even share) and score" in text
        assert "┼" in text
        # Feedback: client 30, agency 5, a difference of 25 (PRIORITY_GAP_AT is 15).
        assert "Priority gaps (the sides differ by 15 points or more):" in text
        assert "Availability & timely feedback: client 30 · agency 5 points" in text
        assert "Trust & respect for expertise: client 5 · agency 20 points" in text


async def test_agree_lists_concentrate_here_dimensions_first_marked(workspace) -> None:
    from textual.widgets import Select

    build_workspace(workspace, with_open=weighed("agree"))
    app = make_app(workspace, session_id=OPEN, watch_interval=None, resume=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        select = app.screen.query_one("#dimension", Select)
        labels = [str(getattr(p, "plain", p)) for p, _ in select._options[1:]]
        assert labels[0] == "◆ Availability & timely feedback"
        marked = [label for label in labels if label.startswith("◆")]
        assert labels[: len(marked)] == marked and len(marked) < len(labels)


async def test_a_participant_divides_their_side_s_points_on_their_own_device(workspace) -> None:
    """Two real apps: Clara weighs for the client on her device after her scores; the
    projected screen says the client has entered points, never how many, until the reveal."""

    session = weigh_session(blind=True, revealed=False, join_code="KMQ234")
    build_workspace(workspace, with_open=session)  # Clara's scores are all given already
    facilitator = make_app(workspace, session_id=OPEN, watch_interval=0.1, resume=False, lang="en")
    async with facilitator.run_test(size=(80, 24)) as fp:
        await settle(fp)
        assert isinstance(facilitator.screen, WeighScreen)
        clara = make_join_app(workspace, lang="en")
        async with clara.run_test(size=(80, 24)) as cp:
            await clara_at_what_matters(cp)
            burst(clara, ["5", "0", "down", "down", "3", "0", "down", "2", "0"])
            # (The join screen's saver is a thread for its whole life: wait on what shows.)
            await until(
                cp,
                lambda: clara.screen.pending == 0 and "All 100 points given." in screen_text(clara),
            )
        s = workspace.load(REL).session(OPEN)
        assert {w.dimension: (w.points, w.origin) for w in s.importance} == {
            "transparency": (50, DEVICE),
            "feedback": (30, DEVICE),
            "trust": (20, DEVICE),
        }
        await until(fp, lambda: "hidden until the reveal" in screen_text(facilitator))
        text = screen_text(facilitator)
        assert "Client: ·" in text and " 50 " not in text


async def test_a_participant_sees_why_a_number_was_capped_until_the_next_key(
    workspace,
) -> None:
    """On the join screen the reason a number was capped stays on the status line after
    the save lands (a "Saved ✓" replaced it before it could be read); the next key clears it."""

    build_workspace(workspace, with_open=weigh_session(join_code="KMQ234"))
    clara = make_join_app(workspace, lang="en")
    async with clara.run_test(size=(80, 24)) as cp:
        await clara_at_what_matters(cp)
        burst(clara, ["8", "0", "down", "3", "0"])
        await until(cp, lambda: clara.screen.pending == 0 and "All 100" in screen_text(clara))
        await cp.pause(0.3)
        status = str(clara.screen.query_one("#rate-status").render())
        assert "this one gets 20, the most it can have" in status
        burst(clara, ["up"])
        await until(cp, lambda: "the most it can have" not in screen_text(clara))
    s = workspace.load(REL).session(OPEN)
    assert {w.dimension: w.points for w in s.importance} == {"transparency": 80, "expectations": 20}


async def test_help_names_the_keys_of_what_matters(workspace) -> None:
    build_workspace(workspace, with_open=weigh_session())
    app = app_for(workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        text = screen_text(app)
        assert "What matters: ↑↓ pick a dimension" in text
        assert "tab" in text and "Side" in text  # this screen's keys, from the footer
