"""Names and remarks are shown literally: markup, escapes, emoji, RTL and very long text
never restyle or break a screen."""

from __future__ import annotations

import pytest
from rich.cells import cell_len

from retro.model import PHASES
from retro.tui.app import make_app
from retro.tui.widgets.literal import clean
from tests.ui.data import OPEN, REL, earlier_session, hostile_session

CLIENT = "[bold]Evil[/bold] Corp \x1b[5mBLINK"
AGENCY = "عليكم [red]Agency[/] " + "z" * 90


def screen_text(app) -> list[str]:
    """The screen as the terminal would show it, line by line."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


async def settle(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def build(workspace, phase: str):
    workspace.create_relationship(CLIENT, AGENCY, rel_id=REL)
    workspace.add_session(REL, earlier_session())
    workspace.add_session(REL, hostile_session(phase))
    return workspace


# What each phase must show, character for character (control characters made visible).
EXPECTED = {
    "checkin": [
        "[u]Question?[/u]",
        "[bold red]Clara[/] ␛[31mRED",
        "[i]answer[/i]",
        "Abel Newline␉Tab",
    ],
    "lookback": ["Weekly feedback slot"],
    "rate": ["[bold red]Clara[/] ␛[31mRED"],
    "reveal": ["Transparency"],
    "agree": ["Monthly idea beyond the brief"],
    "close": [
        "[blink]proud[/blink]",
        "␛]8;;http://evil␇link",
        "[link=http://x]Ada[/link] $var {{7*7}}",
    ],
}


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
@pytest.mark.parametrize("phase", PHASES)
async def test_hostile_text_is_literal(workspace, phase: str, size: tuple[int, int]) -> None:
    build(workspace, phase)
    app = make_app(workspace, session_id=OPEN, watch_interval=None, resume=False)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        lines = screen_text(app)
        text = "\n".join(lines)
        # Every line is exactly the terminal's width: nothing spilled or wrapped the screen.
        assert all(cell_len(line) == size[0] for line in lines), text
        assert len(lines) == size[1]
        # The header shows the relationship's names as typed (truncated, never styled).
        assert "[bold]Evil[/bold] Corp ␛[5mBLINK" in text
        for needle in EXPECTED[phase]:
            assert needle in text, f"{needle!r} not on the {phase} screen:\n{text}"
        # No raw escape character ever reaches the terminal.
        assert "\x1b" not in text


async def test_hostile_remarks_on_reveal(workspace) -> None:
    build(workspace, "reveal")
    app = make_app(workspace, session_id=OPEN, watch_interval=None, resume=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("shift+tab", "right", "right")  # the Remarks tab
        await settle(pilot)
        text = "\n".join(screen_text(app))
        assert "+ [b]works[/b] ␛[1mbold" in text
        assert "− [reverse]no[/]" in text
        assert "? why? 🎉" in text
        await pilot.press("right")  # Proud of
        await settle(pilot)
        text = "\n".join(screen_text(app))
        assert "[blink]proud[/blink] ␛]8;;http://evil␇link" in text


async def test_hostile_names_on_home(workspace) -> None:
    build(workspace, "rate")
    app = make_app(workspace, watch_interval=None, resume=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        lines = screen_text(app)
        text = "\n".join(lines)
        assert all(cell_len(line) == 80 for line in lines)
        assert "[bold]Evil[/bo" in text  # a long name is cut with an ellipsis, never styled
        assert "عليكم [red]Ag" in text


def test_clean_makes_controls_visible() -> None:
    assert clean("a\x1b[31mb\x07") == "a␛[31mb␇"
    assert clean("two\nlines") == "two lines"
    assert clean("two\nlines", multiline=True) == "two\nlines"
    assert clean("x" * 10, limit=5) == "xxxx…"
