"""A full disk in the middle of a meeting: the answer stays, the screen says so, and it is
saved by itself once the disk takes it again (issue 14, item 4) — in the facilitator's
app and on a participant's `retro join` screen alike."""

from __future__ import annotations

import errno
import os
import time

import pytest

from retro.model import Rating
from retro.store import Workspace
from retro.tui import context
from retro.tui.app import make_app
from retro.tui.screens import join_rate
from retro.tui.screens.join import make_join_app
from retro.tui.widgets.score import ScoreBar
from tests.ui.data import OPEN, REL, build_workspace, join_as_anouk, joinable, open_session
from tests.ui.screen import until


def _disk_full(*args: object, **kwargs: object) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


def _slow_disk_full(*args: object, **kwargs: object) -> None:
    """A full disk that takes its time to say so, as a busy one does: each retry is in
    flight for a while."""
    time.sleep(0.1)
    _disk_full()


def _notes(app) -> str:
    return "\n".join(str(n.message) for n in app._notifications)


async def test_app_keeps_the_answer_on_a_full_disk_and_saves_it_by_itself_later(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(context, "RETRY_SECONDS", 0.2)
    build_workspace(workspace, with_open=open_session("rate"))
    app = make_app(workspace, session_id=OPEN, watch_interval=None, resume=False, lang="en")
    stored = lambda: workspace.load(REL).session(OPEN).rating("p-clara", "trust", "client")  # noqa: E731
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        before = stored()
        with monkeypatch.context() as m:
            m.setattr(os, "fsync", _slow_disk_full)
            await pilot.press("1")  # Clara on trust, about her own side
            await until(pilot, lambda: app.context is not None and app.context.pending != [])
            screen = app.screen
            assert screen.query_one("#score-own", ScoreBar).value == 1
            await until(pilot, lambda: "the disk is full" in _notes(app))
            assert "tried again" in _notes(app)
            # Retries while the disk is still full: still kept and said to be unsaved
            # throughout, also while a retry is in flight (the count read none then).
            for _ in range(10):
                await pilot.pause(0.05)
                assert app.context.unsaved_count == 1
                assert screen.query_one("#unsaved").render().plain != ""
            assert _notes(app).count("the disk is full") == 1
            assert stored() == before
        # The disk has room again: no key pressed, the answer lands.
        await until(pilot, lambda: (stored() or Rating("", "", "client")).score == 1)
        await until(pilot, lambda: app.context.unsaved_count == 0)
        # The "unsaved" mark goes with the next refresh, however loaded the machine is.
        await until(pilot, lambda: screen.query_one("#unsaved").render().plain == "")


async def test_join_keeps_the_answer_on_a_full_disk_and_saves_it_by_itself_later(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws, rel = workspace, joinable(workspace, blind=True)
    monkeypatch.setattr(join_rate, "SAVE_RETRY_SECONDS", 0.2)
    app = make_join_app(ws, lang="en")
    stored = lambda: ws.load(rel).session("s1").rating("c1", "transparency", "client")  # noqa: E731
    async with app.run_test(size=(80, 24)) as pilot:
        rate = await join_as_anouk(pilot)
        with monkeypatch.context() as m:
            m.setattr(os, "fsync", _disk_full)
            await pilot.press("4")
            await until(pilot, lambda: "the disk is full" in _notes(app))
            await pilot.pause(0.5)
            assert rate.pending == 1 and stored() is None
            status = str(rate.query_one("#rate-status").render())
            assert "Not saved yet" in status
            assert _notes(app).count("the disk is full") == 1
        await until(pilot, lambda: stored() is not None and stored().score == 4)
        await until(pilot, lambda: rate.pending == 0)


async def test_the_app_starts_on_home_when_a_custom_framework_is_broken(
    workspace: Workspace,
) -> None:
    from retro.tui.screens.home import HomeScreen

    build_workspace(workspace, with_open=open_session("rate"))
    folder = workspace.root / "frameworks"
    folder.mkdir()
    (folder / "ours.json").write_text("{ half a framework")
    app = make_app(workspace, session_id=OPEN, watch_interval=None, resume=False, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen) and app.screen.loaded)
        assert "ours.json" in _notes(app)
        assert app.screen.query_one("#relationships").row_count == 1
