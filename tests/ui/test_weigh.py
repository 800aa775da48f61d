"""Issue 13.5 on the facilitator's screen: each side divides 100 points over the dimensions.

Points are called out in the room and typed as fast as they are heard, so the keys go in
as one burst (tests/ui/keys.py) and every point must land on the row the user picked.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from textual.widgets import Switch

from retro.model import DEVICE, Session, Weight
from retro.tui.app import make_app
from retro.tui.screens.rate import RateScreen, TakeOverScreen
from retro.tui.screens.reveal import RevealScreen
from retro.tui.screens.setup import SetupScreen
from retro.tui.screens.weigh import WeighScreen
from retro.tui.widgets.points import PointsTable
from tests.ui.data import OPEN, REL, build_workspace, open_session
from tests.ui.keys import burst, settle

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


def screen_text(app) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def stored(workspace) -> dict[str, dict[str, int]]:
    s = workspace.load(REL).session(OPEN)
    out: dict[str, dict[str, int]] = {}
    for w in s.importance:
        out.setdefault(w.side, {})[w.dimension] = w.points
    return out


def app_for(workspace, lang: str = "en"):
    return make_app(workspace, session_id=OPEN, watch_interval=None, resume=False, lang=lang)


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


async def test_more_than_100_is_refused_with_the_reason_on_screen(workspace) -> None:
    build_workspace(workspace, with_open=weigh_session())
    app = app_for(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        # 60, then 5 on the next row; the 0 that would make it 50 (110 in all) is refused.
        burst(app, ["6", "0", "down", "5", "0"])
        await settle(pilot)
        text = screen_text(app)
        assert "Clear, realistic expectations can have at most 40" in text
        assert "Client: 35 of 100 left" in text
        # Up to 100 exactly by steps; one step more is refused, and says so.
        burst(app, ["down", *["right"] * 7, "right"])
        await settle(pilot)
        text = screen_text(app)
        assert "Client: all 100 given" in text
        assert "Availability & timely feedback can have at most 35" in text
    assert stored(workspace) == {
        "client": {"transparency": 60, "expectations": 5, "feedback": 35}
    }
