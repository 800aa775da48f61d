"""Words typed on a participant's own device are kept: saved while they are typed, and a
quit right behind them (keys arriving together, as a fast typist's do) saves them first.

Found driving `retro join` in tmux: a remark typed and ctrl+q at once left the app with
the remark gone; it was saved only on Enter or on moving to another question.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from retro import pack as packs
from retro import session_engine
from retro.store import Workspace
from retro.tui.app import make_app
from retro.tui.screens import checkin
from retro.tui.screens.checkin import CheckinScreen
from retro.tui.screens.join import make_fill_app, make_join_app
from retro.tui.screens.join_rate import RateScreen
from tests.ui.data import (
    OPEN,
    PEOPLE,
    REL,
    bram_s_pack,
    build_workspace,
    join_as_anouk,
    joinable,
    open_session,
)
from tests.ui.keys import burst, typed
from tests.ui.meeting import settle
from tests.ui.screen import until

REMARK = "Roadmap shared early, [b]twice[/b]"


@pytest.fixture
def live(workspace: Workspace) -> tuple[Workspace, str]:
    return workspace, joinable(workspace)


async def test_a_remark_typed_and_quit_at_once_on_a_device_is_saved(live) -> None:
    ws, rel = live
    app = make_join_app(ws, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await join_as_anouk(pilot)
        burst(app, ["4", "tab", *typed(REMARK), "ctrl+q"])
        await until(pilot, lambda: not app._running)
    stored = ws.load(rel).session("s1").rating("c1", "transparency", "client")
    assert stored is not None and (stored.score, stored.works) == (4, REMARK)


async def test_a_remark_on_a_device_is_saved_while_still_being_typed(live, monkeypatch) -> None:
    # The rule at a fifth of the time: saved at most TYPING_SAVE_DELAY after the first
    # unsaved key while keys keep coming at under a third of that.
    monkeypatch.setattr(session_engine, "TYPING_SAVE_DELAY", 0.1)
    ws, rel = live
    app = make_join_app(ws, lang="en")
    stored = lambda: ws.load(rel).session("s1").rating("c1", "transparency", "client")  # noqa: E731
    async with app.run_test(size=(80, 24)) as pilot:
        rate = await join_as_anouk(pilot)
        await pilot.press("4", "tab")
        for key in typed(REMARK[:20]):  # a steady typist: never a pause of 0.1 s
            await pilot.press(key)
            await pilot.pause(0.03)
        await until(pilot, lambda: rate.pending == 0)
        # Still typing, still in the field: the store already holds what was typed.
        assert app.focused is not None and app.focused.id == "rate-works"
        assert len(stored().works) >= 5 and REMARK.startswith(stored().works)


async def test_a_check_in_answer_is_saved_while_still_being_typed(workspace, monkeypatch) -> None:
    """The facilitator's check-in keeps the same rule (it waited for a pause before)."""
    monkeypatch.setattr(checkin, "SAVE_DELAY", 0.1)
    session = open_session("checkin")
    build_workspace(workspace, with_open=session)
    app = make_app(workspace, session_id=OPEN, watch_interval=None, resume=False, lang="en")
    answer = lambda: {  # noqa: E731
        a.participant: a.text for a in workspace.load(REL).session(OPEN).checkin.answers
    }.get(PEOPLE[1].id, "")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, CheckinScreen)
        app.screen.query_one(f"#answer-{PEOPLE[1].id}").focus()
        await settle(pilot)
        text = "Walking the dog at dawn"
        for key in typed(text[:18]):
            await pilot.press(key)
            await pilot.pause(0.03)
        await pilot.pause(0.05)
        assert len(answer()) >= 5 and text.startswith(answer())


async def test_a_remark_typed_and_quit_at_once_in_a_pack_is_saved(
    workspace: Workspace, tmp_path: Path
) -> None:
    path = bram_s_pack(workspace, tmp_path / "bram.json")
    app = make_fill_app(path, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, RateScreen))
        await until(pilot, lambda: app.focused is not None and app.focused.id == "rate-checkin")
        burst(app, [*typed("Tea"), "enter", "5", "tab", *typed(REMARK), "ctrl+q"])
        await until(pilot, lambda: not app._running)
    answers = packs.read_pack(path)["answers"]
    assert answers["checkin"] == "Tea"
    assert [(r["score"], r["works"]) for r in answers["ratings"]] == [(5, REMARK)]


async def test_a_device_that_closes_while_a_save_is_in_flight_closes_cleanly(
    live, monkeypatch
) -> None:
    """A browser tab closed (or the app ended) while the disk still writes an answer: the
    save lands and the screen, already gone, is not told about it (it raised NoMatches on
    its status line, failing the app's shutdown)."""
    import os
    import time

    ws, rel = live
    real_fsync = os.fsync

    def slow_fsync(fd: int) -> None:
        time.sleep(0.3)
        real_fsync(fd)

    app = make_join_app(ws, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        rate = await join_as_anouk(pilot)
        monkeypatch.setattr(os, "fsync", slow_fsync)
        await pilot.press("4")
        assert rate.pending == 1  # in flight as the app ends
    stored = lambda: ws.load(rel).session("s1").rating("c1", "transparency", "client")  # noqa: E731
    for _ in range(100):
        if stored() is not None:
            break
        time.sleep(0.05)
    assert stored() is not None and stored().score == 4


async def test_a_save_that_comes_back_after_the_screen_left_is_not_shown(live) -> None:
    """The saver's report reaches the UI thread after the rating screen left the app (in
    CI: during shutdown, as its status line was already removed): it is dropped quietly
    instead of failing the app with NoMatches."""
    ws, _ = live
    app = make_join_app(ws, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        rate = await join_as_anouk(pilot)
        await pilot.press("4")
        await until(pilot, lambda: rate.pending == 0)
        session = rate.session
        rate.pending = 2  # two more saves on their way ...
        app.pop_screen()  # ... when the screen goes
        await until(pilot, lambda: not rate.is_attached)
        rate._saved(session)  # what call_from_thread delivers then
        rate._save_waiting("disk full")
        rate._save_failed("damaged")
        assert rate.pending == 0  # both reports counted; nothing was shown, nothing raised


async def test_quitting_with_remarks_that_wait_for_a_score_asks_first(live) -> None:
    """A remark is saved with its score: ctrl+q with remarks typed and no score asks, "no"
    goes back to the question (the remark still there), and its score then saves both."""
    from retro.tui.dialogs import YesNoDialog

    ws, rel = live
    app = make_join_app(ws, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        rate = await join_as_anouk(pilot)
        burst(app, ["pagedown", "tab", *typed(REMARK), "ctrl+q"])  # on question 2, no score
        await until(pilot, lambda: isinstance(app.screen, YesNoDialog))
        dialog = app.screen
        assert dialog.id == "remarks-waiting"
        assert dialog.details == ("Transparency & openness · About the agency",)
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is rate and rate.index == 1)
        assert rate.query_one("#rate-works", Input).value == REMARK
        burst(app, ["3", "ctrl+q"])
        await until(pilot, lambda: not app._running)
    stored = ws.load(rel).session("s1").rating("c1", "transparency", "agency")
    assert stored is not None and (stored.score, stored.works) == (3, REMARK)


async def test_quitting_without_the_waiting_remarks_when_told_so(live) -> None:
    ws, rel = live
    app = make_join_app(ws, lang="nl")
    async with app.run_test(size=(80, 24)) as pilot:
        await join_as_anouk(pilot)
        burst(app, ["tab", *typed("Nog geen idee"), "ctrl+q"])
        await until(pilot, lambda: app.screen.id == "remarks-waiting")
        assert "Opmerkingen zonder score" in app.screen.heading
        burst(app, ["j"])  # ja
        await until(pilot, lambda: not app._running)
    assert ws.load(rel).session("s1").ratings == ()
