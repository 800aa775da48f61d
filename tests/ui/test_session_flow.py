"""A complete joint session by keyboard alone, from home to close, then what the store holds."""

from __future__ import annotations

from textual.widgets import DataTable, Input, Select

from retro.figures import concentrate_order
from retro.frameworks import default_framework
from retro.tui.app import make_app
from retro.tui.screens.agree import AgreeScreen
from retro.tui.screens.checkin import CheckinScreen
from retro.tui.screens.close import CloseScreen
from retro.tui.screens.home import HomeScreen
from retro.tui.screens.lookback import LookbackScreen
from retro.tui.screens.rate import RateScreen
from retro.tui.screens.reveal import RevealScreen
from retro.tui.screens.setup import SetupScreen
from retro.tui.screens.weigh import WeighScreen
from tests.ui.data import REL
from tests.ui.keys import burst, typed
from tests.ui.keys import settle as settle_keys


async def settle(pilot) -> None:
    """Let background loads and saves finish, then let the screen catch up."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_full_joint_session_by_keyboard(acme) -> None:
    app = make_app(acme, lang="en", watch_interval=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert isinstance(app.focused, DataTable) and app.focused.id == "relationships"

        # New session: the four people of last time are already there.
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, SetupScreen)
        await pilot.press("tab", "tab", "tab")  # name field -> + Client -> + Agency -> Start
        assert app.focused is not None and app.focused.id == "start"
        await pilot.press("enter")
        await settle(pilot)

        # 1 Check-in: two of four answer.
        assert isinstance(app.screen, CheckinScreen)
        # Typed as one burst, as a typist in a meeting does: the keys wait their turn.
        # The second person passes with the bare Enter.
        burst(app, [*typed("A long walk"), "enter", "enter", *typed("Pancakes"), "enter", "ctrl+n"])
        await settle_keys(pilot)

        # 2 Look back: done, partly, not done; a note on the first.
        assert isinstance(app.screen, LookbackScreen)
        burst(app, ["d", "p", "n", "up", "up", "enter"])
        await settle_keys(pilot)
        assert isinstance(app.focused, Input) and app.focused.id == "note"
        burst(app, [*typed("Tuesdays at ten"), "enter"])
        await settle_keys(pilot)
        assert "50%" in str(app.screen.query_one("#kept").render())
        await pilot.press("ctrl+n")
        await settle(pilot)

        # 3 Rate: every person, every dimension, by number keys; remarks on the first question.
        # At full speed: every key of the phase in one burst, as a fast typist or a paste
        # delivers them, with no pause for the screen to catch up.
        screen = app.screen
        assert isinstance(screen, RateScreen)
        assert len(screen.questions) == 4 * 9
        keys: list[str] = []
        for n, q in enumerate(screen.questions):
            for i, _ in enumerate(q.subjects):
                keys.append(str((n + i) % 5 + 1))
            if n == 0:
                keys += ["tab", *typed("Short lines"), "tab", *typed("Slow invoices")]
                keys += ["tab", *typed("Saves time")]
            keys.append("enter")
        burst(app, keys)
        await settle_keys(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)

        # 3b What matters (on by default in a joint retro): each side divides 100 points.
        assert isinstance(app.screen, WeighScreen)
        burst(app, ["6", "0", "down", "4", "0", "tab", "5", "0", "down", "down", "5", "0"])
        await settle_keys(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)

        # 4 Reveal: blind by default, so r reveals (everyone answered: no question asked);
        # then the four views, and a proud note on the last tab.
        assert isinstance(app.screen, RevealScreen)
        await pilot.press("r")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, RevealScreen)
        assert screen.query_one("#views", DataTable).row_count == 9
        # round the start to the last tab (proud of), tab to its "who", tab to the text.
        burst(app, ["left_square_bracket", "tab"])
        await settle_keys(pilot)
        assert isinstance(app.focused, Input) and app.focused.id == "proud-text"
        burst(app, [*typed("Launch on time"), "enter", "ctrl+n"])
        await settle_keys(pilot)

        # 5 Agree: two actions, with owner, due date and dimension.
        assert isinstance(app.screen, AgreeScreen)
        burst(app, [*typed("Fixed feedback slot"), "enter"])
        await settle_keys(pilot)
        assert isinstance(app.focused, Select) and app.focused.id == "owner"
        keys = ["enter", "down", "down", "down", "enter"]  # owner: Clara, picked
        keys += ["enter"]  # a pick keeps the focus (Tab order); Enter moves on to due
        keys += [*typed("2026-06-30"), "enter", "enter"]  # Enter in the last field adds
        keys += [*typed("Quarterly plan together"), "enter"]
        keys += ["enter", "down", "down", "enter", "tab"]  # owner: agency side; Tab on
        keys += [*typed("+2w"), "enter"]  # due in two weeks, on to the dimension
        keys += ["down", "down", "down", "down", "down", "enter"]  # picked: added
        burst(app, keys)
        await settle_keys(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)

        # 6 Close.
        assert isinstance(app.screen, CloseScreen)
        await pilot.press("c")
        await settle(pilot)

    history = acme.load(REL)
    new = [s for s in history.sessions if s.id != "acme-2026-01-15"]
    assert len(new) == 1
    s = new[0]
    assert s.status == "closed" and s.kind == "joint"
    assert [p.side for p in s.participants].count("client") == 2
    assert [p.side for p in s.participants].count("agency") == 2
    # Check-in
    assert {a.text for a in s.checkin.answers} == {"A long walk", "Pancakes"}
    # Look back
    assert {r.action: r.status for r in s.review} == {
        "acme-a1": "done",
        "acme-a2": "partly",
        "acme-a3": "not_done",
    }
    assert next(r for r in s.review if r.action == "acme-a1").note == "Tuesdays at ten"
    # Ratings: every person, every dimension, both subjects where the framework has them.
    fw = default_framework()
    per_person = sum(1 for d in fw.dimensions for sub in ("agency", "client") if d.rates(sub))
    assert len(s.ratings) == 4 * per_person
    assert all(r.score is not None and 1 <= r.score <= 5 for r in s.ratings)
    first = s.participants[0]
    own = s.rating(first.id, fw.dimensions[0].key, first.side)
    assert own is not None
    assert (own.works, own.doesnt, own.why) == ("Short lines", "Slow invoices", "Saves time")
    assert own.score == 1
    # Reveal
    assert [n.text for n in s.proud] == ["Launch on time"]
    # Agree
    titles = {a.title: a for a in s.actions}
    assert set(titles) == {"Fixed feedback slot", "Quarterly plan together"}
    assert titles["Fixed feedback slot"].owner == "p-clara"
    assert titles["Fixed feedback slot"].due == "2026-06-30"
    assert titles["Quarterly plan together"].owner == "agency"
    # The fourth in the list, which puts "concentrate here" first.
    assert titles["Quarterly plan together"].dimension == concentrate_order(s, fw.keys)[3]
    # What matters
    points = {(w.side, w.dimension): w.points for w in s.importance}
    assert points == {
        ("client", "transparency"): 60,
        ("client", "expectations"): 40,
        ("agency", "transparency"): 50,
        ("agency", "feedback"): 50,
    }
