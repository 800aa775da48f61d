"""Issue 10.1: keys that arrive together all land, in order, where the user sees them land."""

from __future__ import annotations

import time

from msgspec.structs import replace

from retro.frameworks import default_framework
from retro.model import other_side
from retro.tui.app import make_app
from retro.tui.screens.rate import RateScreen
from tests.ui.data import OPEN, PEOPLE, REL, build_workspace, open_session
from tests.ui.keys import burst, settle, typed


def rating_keys() -> tuple[list[str], dict[tuple[str, str, str], int]]:
    """Every answer of a 2+2 joint session as one stream of keys, and what it should store.

    Per person and dimension: a score for each bar on screen (own side, then the other,
    where the framework has a statement), then Enter to the next question.
    """
    keys: list[str] = []
    expected: dict[tuple[str, str, str], int] = {}
    n = 0
    for p in PEOPLE:
        for d in default_framework().dimensions:
            for sub in (p.side, other_side(p.side)):
                if d.rates(sub):
                    score = n % 5 + 1
                    n += 1
                    keys.append(str(score))
                    expected[(p.id, d.key, sub)] = score
            keys.append("enter")
    return keys, expected


async def test_scores_typed_without_pauses_all_land(workspace) -> None:
    """`3 4 Enter` at full speed stored only the 4, on the first bar; now every key lands."""
    session = replace(open_session("rate"), ratings=(), position="", revealed=False)
    build_workspace(workspace, with_open=session)
    keys, expected = rating_keys()
    app = make_app(workspace, session_id=OPEN, watch_interval=None, resume=False, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, RateScreen)
        burst(app, keys)
        await settle(pilot)
    s = workspace.load(REL).session(OPEN)
    stored = {(r.participant, r.dimension, r.subject): r.score for r in s.ratings}
    assert stored == expected


async def test_remarks_typed_right_after_a_score_go_into_the_remark(workspace) -> None:
    """Score, Tab and text in one burst: the text lands in the field the Tab moved to."""
    session = replace(open_session("rate"), ratings=(), position="", revealed=False)
    build_workspace(workspace, with_open=session)
    app = make_app(workspace, session_id=OPEN, watch_interval=None, resume=False, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        burst(app, ["2", "4", "tab", *typed("Short lines"), "tab", *typed("Slow"), "enter", "5"])
        await settle(pilot)
    s = workspace.load(REL).session(OPEN)
    first = PEOPLE[0]
    own = s.rating(first.id, "transparency", first.side)
    assert own is not None and own.score == 2
    other = s.rating(first.id, "transparency", other_side(first.side))
    assert other is not None and other.score == 4
    # The Tab after the last bar leads to the own side's first remark field.
    assert (own.works, own.doesnt) == ("Short lines", "Slow")
    # Enter moved on; the 5 is the next question's first score.
    nxt = s.rating(first.id, "expectations", first.side)
    assert nxt is not None and nxt.score == 5


async def test_full_joint_rating_by_keyboard_counts(workspace) -> None:
    """The figures for the closing note: keys beyond typed text, and time at full speed."""
    session = replace(open_session("rate"), ratings=(), position="", revealed=False)
    build_workspace(workspace, with_open=session)
    keys, expected = rating_keys()
    app = make_app(workspace, session_id=OPEN, watch_interval=None, resume=False, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        start = time.monotonic()
        burst(app, keys)
        await settle(pilot)
        elapsed = time.monotonic() - start
    navigation = sum(1 for k in keys if k == "enter")
    assert navigation == 4 * 9  # one Enter per question, no other navigation
    assert len(keys) - navigation == len(expected) == 4 * 17
    assert elapsed < 30


async def test_page_and_phase_keys_wait_their_turn_in_a_burst(workspace) -> None:
    """`4 pagedown 5` and `4 ctrl+n` at full speed: the 4 lands on the bar it was typed at,
    the page turns after it, and ctrl+n leaves only once the 4 is saved (issue 10)."""
    session = replace(open_session("rate"), ratings=(), position="", revealed=False)
    build_workspace(workspace, with_open=session)
    first = PEOPLE[0]
    app = make_app(workspace, session_id=OPEN, watch_interval=None, resume=False, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        burst(app, ["4", "pagedown", "5", "ctrl+n"])
        await settle(pilot)
        s = workspace.load(REL).session(OPEN)
        own = s.rating(first.id, "transparency", first.side)
        assert own is not None and own.score == 4
        nxt = s.rating(first.id, "expectations", first.side)
        assert nxt is not None and nxt.score == 5
        # Answers are missing, so leaving for the scores asks first; both answers counted.
        assert not isinstance(app.screen, RateScreen)


async def test_a_key_arriving_as_the_gate_opens_goes_behind_the_keys_waiting(
    monkeypatch,
) -> None:
    """ "K7MQ2P" typed into the browser's join field arrived as "K72MQP": a key that reached
    the app just as the gate let the previous one go overtook the keys still waiting."""
    from textual import events
    from textual.app import App, ComposeResult
    from textual.widgets import Input

    from retro.tui.keys import OrderedKeys

    class Field(OrderedKeys, App[None]):
        def compose(self) -> ComposeResult:
            yield Input(id="code")

    app = Field()
    async with app.run_test(size=(40, 5)) as pilot:
        await pilot.pause()
        late = ["2", "P"]
        release = Field._release_key

        def releasing(self: Field, token: int) -> None:
            if self._held_keys and late:  # the next key is in the app's queue right now
                key = late.pop(0)
                self.post_message(events.Key(key, key))
            release(self, token)

        monkeypatch.setattr(Field, "_release_key", releasing)
        burst(app, list("K7MQ"))
        await settle(pilot)
        assert not late
        assert app.query_one(Input).value == "K7MQ2P"
