"""Footer words follow the language: the one place retro reaches into Textual's bindings.

retro.tui.bindings rewrites a node's private binding map (Textual has no public way to
rename a binding per node). If a Textual upgrade changes that map, these tests fail here,
by name, rather than leaving an English footer on a Dutch screen.
"""

from __future__ import annotations

import asyncio
from typing import Any, ClassVar

import pytest
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from retro.tui.bindings import binding_map, translate_bindings


class Keys(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("c", "noop('c')", "Close session", id="close_session"),
        Binding("x", "noop('x')", "Untranslated", id="no_such_word"),
        Binding(
            "left_square_bracket",
            "noop('[')",
            "Previous tab",
            group=Binding.Group("Tabs", compact=True),
        ),
        Binding(
            "right_square_bracket",
            "noop(']')",
            "Next tab",
            group=Binding.Group("Tabs", compact=True),
        ),
    ]

    def __init__(self, lang: str) -> None:
        super().__init__()
        translate_bindings(self, lang, groups={"Tabs": "key.tabs"})

    def compose(self) -> ComposeResult:
        yield Footer()

    def action_noop(self, key: str) -> None:
        """Keys for the footer only: nothing to do."""


class Host(App[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("ctrl+q", "quit", "Quit", id="quit")]

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang

    def get_default_screen(self) -> Screen[None]:
        return Keys(self.lang)


def footer_text(app: App[None]) -> str:
    return " ".join(str(w.render()) for w in app.screen.query_one(Footer).query("*") if w.display)


async def until_footer(pilot: Any, text: str, timeout: float = 10.0) -> None:
    """The Footer recomposes after the bindings change: wait for it, loaded machine or not."""
    loop = asyncio.get_running_loop()
    end = loop.time() + timeout
    while text not in footer_text(pilot.app) and loop.time() < end:
        await pilot.pause(0.05)


def test_textual_still_keeps_a_binding_map_per_node() -> None:
    """The private shape retro.tui.bindings relies on: a dict of key -> list of Binding,
    one copy per node (so one screen's words never leak into another's)."""
    first, second = binding_map(Keys("en")), binding_map(Keys("en"))
    assert first is not second
    assert all(isinstance(b, Binding) for items in first.values() for b in items)
    assert [b.id for b in first["c"]] == ["close_session"]


async def test_the_footer_shows_the_bindings_in_dutch() -> None:
    app = Host("nl")
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(100):  # the Footer builds its keys after the first refresh
            await pilot.pause()
            if footer_text(app):
                break
        active = app.screen.active_bindings
        assert active["c"].binding.description == "Sessie sluiten"
        assert active["x"].binding.description == "Untranslated"  # no word: left as it is
        assert (
            active["left_square_bracket"].binding.group
            == active["right_square_bracket"].binding.group
        )  # still one item
        await until_footer(pilot, "Sessie sluiten")
        text = footer_text(app)
        assert "Sessie sluiten" in text and "Tabbladen" in text
        assert "Close session" not in text


async def test_one_screen_in_dutch_leaves_the_class_and_other_screens_english() -> None:
    app = Host("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.push_screen(Keys("nl"))
        await until_footer(pilot, "Sessie sluiten")
        assert "Sessie sluiten" in footer_text(app)
        app.pop_screen()
        await until_footer(pilot, "Close session")
        assert "Close session" in footer_text(app) and "Tabs" in footer_text(app)
    assert Keys.BINDINGS[0].description == "Close session"  # type: ignore[union-attr]


async def test_the_app_s_own_keys_change_language_while_it_runs() -> None:
    app = Host("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.active_bindings["ctrl+q"].binding.description == "Quit"
        translate_bindings(app, "nl")
        await pilot.pause()
        assert app.screen.active_bindings["ctrl+q"].binding.description == "Stoppen"


@pytest.mark.parametrize("lang", ["en", "nl"])
async def test_every_home_binding_shows_in_full_at_80_columns(workspace, lang: str) -> None:
    """Home's footer at 80 columns: each key shown with its words, none cut ("F1 He",
    and in Dutch "F1 Hulp" fell off entirely); n and s share one "New" item."""
    import re

    from retro.tui.app import make_app
    from tests.ui.data import build_workspace

    build_workspace(workspace)
    app = make_app(workspace, watch_interval=None, resume=False, lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(100):
            await pilot.pause()
            if app.screen.query(FooterKey):
                break
        await pilot.pause(0.1)
        line = [s.text for s in app.screen._compositor.render_strips()][-1]
        palette_key = app.screen.query_one(".-command-palette", FooterKey)
        shown = [b.binding for b in app.screen.active_bindings.values() if b.binding.show]
        assert {b.key for b in shown} >= {"n", "s", "h", "p", "ctrl+q", "f1"}
        for b in shown:
            key = app.get_key_display(b)
            if b.group is not None:  # a group's keys side by side, then its words
                found = rf"\S*{re.escape(key)}\S* {re.escape(b.group.description)}(\s|▏)"
            else:
                found = rf"{re.escape(key)} {re.escape(b.description)}(\s|▏)"
            assert re.search(found, line), (key, line)
        for item in app.screen.query(FooterKey).exclude(".-command-palette"):
            assert item.region.right <= palette_key.region.x, (str(item.render()), line)
