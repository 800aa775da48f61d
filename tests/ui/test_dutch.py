"""A Dutch meeting room reads Dutch: Textual's own words (palette, ctrl+c, help, Footer)
included, one decimal comma, counts that agree with their nouns, natural wording.

Each test walks the real app at 80x24 and reads the screen as the terminal shows it.
"""

from __future__ import annotations

import asyncio
import re

import pytest
from msgspec.structs import replace
from textual.pilot import Pilot

from retro.model import PHASES
from retro.tui.app import make_app
from tests.ui.data import OPEN, PEOPLE, build_workspace, open_session
from tests.ui.screen import screen_text

# English a Dutch screen used to show; each matched as a whole word.
ENGLISH = (
    "Search for",
    "No matches",
    "Do you want",
    "Press",
    "Help",
    "palette",
    "Keys",
    "Maximize",
    "Minimize",
    "Screenshot",
    "Quit",
    "Theme",
    "Change the current theme",
)
ENGLISH_RE = re.compile(r"\b(" + "|".join(re.escape(w) for w in ENGLISH) + r")\b")


async def settle(pilot: Pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def shows(pilot: Pilot, words: str, timeout: float = 10.0) -> str:
    """The screen once `words` are on it: the palette fills itself in its own time (and
    says "no matches" only after half a second). Bounded; never a claim about speed."""
    loop = asyncio.get_running_loop()
    end = loop.time() + timeout
    while words not in (text := screen_text(pilot.app)):
        assert loop.time() < end, f"{words!r} never appeared:\n{text}"
        await pilot.pause(0.05)
    return text


def no_english(text: str) -> None:
    found = sorted(set(ENGLISH_RE.findall(text)))
    assert not found, f"English on a Dutch screen: {found}\n{text}"


async def test_palette_quit_notice_and_help_are_dutch(workspace) -> None:
    build_workspace(workspace)
    app = make_app(workspace, lang="nl", watch_interval=None, resume=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        home = screen_text(app)
        no_english(home)
        assert "^p Menu" in home.splitlines()[-1]

        await pilot.press("ctrl+p")
        no_english(await shows(pilot, "Zoek een opdracht…"))
        for query, line in (("hulp", "Wat de app doet"), ("stop", "Bewaar wat getypt is")):
            await pilot.press(*query)  # Textual's own commands, found by their Dutch names
            no_english(await shows(pilot, line))
            await pilot.press(*["backspace"] * len(query))
        await pilot.press(*"zzzq")
        no_english(await shows(pilot, "Niets gevonden"))

        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("ctrl+c")  # Textual's "Do you want to quit?" notice
        await settle(pilot)
        notice = next(iter(app._notifications))
        no_english(f"{notice.title} {notice.message}")
        assert notice.title == "Wil je stoppen?" and "ctrl+q" in notice.message

        await pilot.press("f1")
        await settle(pilot)
        help_screen = screen_text(app)
        no_english(help_screen)
        assert "Hulp" in help_screen

        await pilot.press("escape", "ctrl+p")
        await shows(pilot, "Zoek een opdracht…")
        await pilot.press(*"kiezen")
        await shows(pilot, "Thema: kiezen")
        await pilot.press("enter")
        no_english(await shows(pilot, "Zoek een thema…"))


@pytest.mark.parametrize("phase", PHASES)
async def test_every_phase_of_a_dutch_session_reads_dutch(workspace, phase: str) -> None:
    """No English word of the app's own and no decimal point: user text (the demo's
    English actions) aside, which the list never matches."""
    build_workspace(workspace, with_open=open_session(phase, language="nl"))
    app = make_app(workspace, session_id=OPEN, watch_interval=None, resume=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        no_english(text)
        assert not re.findall(r"\d\.\d", text), text
        assert "esc Relaties" in text.splitlines()[-1]


async def test_a_phase_screen_footer_is_natural_dutch(workspace) -> None:
    build_workspace(workspace, with_open=open_session("lookback", language="nl"))
    app = make_app(workspace, session_id=OPEN, watch_interval=None, resume=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        footer = screen_text(app).splitlines()[-1]
        assert "esc Relaties" in footer and "esc Start " not in footer
        no_english(screen_text(app))


async def test_counts_agree_with_their_nouns_on_the_close_screen(workspace) -> None:
    one = (PEOPLE[0],)
    full = open_session("close", language="nl")
    ratings = tuple(r for r in full.ratings if r.participant == PEOPLE[0].id)
    session = replace(full, participants=one, ratings=ratings)
    build_workspace(workspace, with_open=session)
    app = make_app(workspace, session_id=OPEN, watch_interval=None, resume=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        n = len(session.ratings)
        assert f"{n} antwoorden van 1 persoon" in screen_text(app)


async def test_a_side_owning_an_action_is_capitalised_in_the_close_summary(workspace) -> None:
    """An owner standing alone is the side's capitalised word, as in the agree table
    ("— opdrachtgever ·" read like a typo on the projector)."""
    from retro.model import Action

    full = open_session("close", language="nl")
    action = Action("acme-a9", "Briefing vooraf", "client", "2026-06-01", "feedback")
    build_workspace(workspace, with_open=replace(full, actions=(*full.actions, action)))
    app = make_app(workspace, session_id=OPEN, watch_interval=None, resume=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "Briefing vooraf — Opdrachtgever · 2026-06-01" in screen_text(app)


@pytest.mark.parametrize(
    ("lang", "text", "kw", "expected"),
    [
        (
            "nl",
            "{n} {n:antwoord|antwoorden} van {p} {p:persoon|mensen}",
            {"n": 1, "p": 2},
            "1 antwoord van 2 mensen",
        ),
        (
            "en",
            "{n} {n:answer|answers} from {p} {p:person|people}",
            {"n": 0, "p": 1},
            "0 answers from 1 person",
        ),
        ("nl", "{n} sessie|{n} sessies", {"n": 1}, "1 sessie"),
        ("nl", "{n} sessie|{n} sessies", {"n": 3}, "3 sessies"),
        ("nl", "trend {value:+.2f}, {kept:.0%}", {"value": -0.41, "kept": 0.6}, "trend -0,41, 60%"),
        ("en", "trend {value:+.2f}", {"value": -0.41}, "trend -0.41"),
        ("nl", "Mis = |voorspeld − score|", {}, "Mis = |voorspeld − score|"),
    ],
)
def test_one_rule_for_counts_and_decimals(lang: str, text: str, kw: dict, expected: str) -> None:
    from retro.words import fill

    assert fill(lang, text, **kw) == expected


async def test_a_new_session_starts_in_the_apps_language(workspace) -> None:
    from textual.widgets import Select

    from retro.tui.screens.setup import SetupScreen

    build_workspace(workspace)  # its last session was held in English
    app = make_app(workspace, lang="nl", watch_interval=None, resume=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, SetupScreen)
        assert app.screen.query_one("#language", Select).value == "nl"
        assert "Nederlands" in screen_text(app)


async def test_history_tabs_show_a_decimal_comma(workspace) -> None:
    """History showed 3.50 in Dutch; every tab now uses the one number formatter."""
    from datetime import date

    from retro.demo import fill_demo
    from retro.tui.screens.history import HistoryScreen

    fill_demo(workspace, today=date(2026, 11, 20))
    app = make_app(workspace, lang="nl", watch_interval=None, resume=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("h")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        for tab in ("", "o", "c", "p"):
            if tab:
                await pilot.press(tab)
                await settle(pilot)
            text = screen_text(app)
            assert re.search(r"\d,\d", text), (tab, text)  # Compare: one decimal
            assert not re.findall(r"\d\.\d", text), (tab, text)
            no_english(text)
