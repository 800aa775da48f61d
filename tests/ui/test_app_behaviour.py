"""Command palette, language, mouse, help, and store errors that must lose no answer."""

from __future__ import annotations

import re
import string

import pytest
from msgspec.structs import replace

from retro import words
from retro.store import LockTimeoutError, Workspace
from retro.tui.app import make_app
from retro.tui.dialogs import YesNoDialog
from retro.tui.screens.agree import AgreeScreen
from retro.tui.screens.help import HelpScreen
from retro.tui.screens.home import HomeScreen
from retro.tui.screens.rate import RateScreen
from retro.tui.widgets.score import ScoreBar
from tests.ui.data import OPEN, REL, build_workspace, open_session


async def settle(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def palette_pick(pilot, text: str) -> None:
    """Open the command palette, type text, take the first match."""
    await pilot.press("ctrl+p", *text)
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)


def session_app(workspace, phase: str = "rate", **kw):
    build_workspace(workspace, with_open=open_session(phase))
    return make_app(workspace, session_id=OPEN, watch_interval=None, resume=False, **kw)


async def test_palette_switches_to_the_light_theme(workspace) -> None:
    app = session_app(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*"light")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert app.theme == "textual-light"


async def test_palette_jumps_to_a_phase(workspace) -> None:
    app = session_app(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await palette_pick(pilot, "phase: agree")
        assert isinstance(app.screen, AgreeScreen)
    assert workspace.load(REL).session(OPEN).phase == "agree"


async def test_language_on_home_and_in_a_session(workspace) -> None:
    build_workspace(workspace, with_open=open_session("rate"))
    app = make_app(workspace, lang="en", watch_interval=None, resume=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.set_language("nl")
        await settle(pilot)
        assert app.screen.query_one("#title").render().plain.startswith("Retro · opdrachtgever")
        app.open_session(REL, OPEN)
        await settle(pilot)
        app.set_language("nl")  # in a session it is the session's language
        await settle(pilot)
        assert isinstance(app.screen, RateScreen)
        assert "Over ons" in app.screen.query_one("#statement-own").render().plain
    assert workspace.load(REL).session(OPEN).language == "nl"


async def test_mouse_stepper_and_score(workspace) -> None:
    app = session_app(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, RateScreen)
        bar = screen.query_one("#score-own", ScoreBar)
        await pilot.click("#score-own", offset=(2, 0))  # the cell " 1 "
        await settle(pilot)
        assert bar.value == 1
        await pilot.click("#step-agree")
        await settle(pilot)
        assert isinstance(app.screen, AgreeScreen)
    rating = workspace.load(REL).session(OPEN).rating("p-clara", "trust", "client")
    assert rating is not None and rating.score == 1


async def test_help_screen_lists_keys(workspace) -> None:
    app = session_app(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        keys = app.screen.query_one("#help-keys").render().plain
        assert "Next phase" in keys
        await pilot.press("escape")
        assert isinstance(app.screen, RateScreen)


async def test_a_lock_held_too_long_keeps_the_answer(workspace, monkeypatch) -> None:
    app = session_app(workspace)
    real = Workspace.update_session

    def locked(self, rel_id, sid, change):
        raise LockTimeoutError(self.path_of(rel_id))

    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        monkeypatch.setattr(Workspace, "update_session", locked)
        await pilot.press("1")  # Clara on trust, about her own side
        await settle(pilot)
        screen = app.screen
        assert screen.query_one("#score-own", ScoreBar).value == 1  # still on screen
        assert "unsaved" in screen.query_one("#unsaved").render().plain
        assert any("locked" in str(n.message) for n in app._notifications)
        before = workspace.load(REL).session(OPEN).rating("p-clara", "trust", "client")
        assert before is not None and before.score != 1  # nothing half-written
        monkeypatch.setattr(Workspace, "update_session", real)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert screen.query_one("#unsaved").render().plain == ""
    after = workspace.load(REL).session(OPEN).rating("p-clara", "trust", "client")
    assert after is not None and after.score == 1


async def test_a_damaged_file_is_named_on_home(workspace) -> None:
    build_workspace(workspace)
    (workspace.folder / "broken.json").write_text("{ not json")
    app = make_app(workspace, watch_interval=None, resume=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        message = app.screen.query_one("#home-message").render().plain
        assert "broken.json" in message
        assert app.screen.query_one("#relationships").row_count == 1


@pytest.mark.parametrize("key", list(words.WORDS))
def test_every_text_has_both_languages_with_the_same_placeholders(key: str) -> None:
    en, nl = words.WORDS[key]
    assert en.strip() and nl.strip()
    fields = [{f for _, f, _, _ in string.Formatter().parse(t) if f} for t in (en, nl)]
    assert fields[0] == fields[1], key
    assert not re.search(r"\[[a-z@/]", en + nl), "UI texts are plain, never markup"


async def test_a_palette_jump_past_the_scores_asks_about_missing_answers(workspace) -> None:
    """The palette's jump leaves the phase as ctrl+n does: from rating to the reveal of a
    session that is not blind, with answers missing, it asks before the scores show (the
    jump went straight there)."""
    base = open_session("rate")
    ratings = tuple(r for r in base.ratings if r.participant != base.participants[0].id)
    build_workspace(workspace, with_open=replace(base, ratings=ratings, blind=False))
    app = make_app(workspace, session_id=OPEN, watch_interval=None, resume=False, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await palette_pick(pilot, "phase: reveal")
        assert isinstance(app.screen, YesNoDialog) and app.screen.id == "confirm-reveal"
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, RateScreen)
    assert workspace.load(REL).session(OPEN).phase == "rate"
