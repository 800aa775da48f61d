"""retro's Footer rebuilds only when the keys it shows change, and still follows every
change a user would see: a key greyed out, a key's words in another language."""

from __future__ import annotations

from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Input
from textual.widgets._footer import FooterKey

from retro.tui.bindings import translate_bindings
from retro.tui.widgets.footer import Footer


class Form(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f5", "next_phase", "Next phase", id="next_phase"),
        Binding("f6", "delete", "Delete", id="delete_action"),
    ]

    def compose(self) -> ComposeResult:
        yield Input(id="a")
        yield Input(id="b")
        yield Input(id="c")
        yield Footer()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "delete":  # greyed out in the last field
            return None if self.focused is not None and self.focused.id == "c" else True
        return True

    def action_next_phase(self) -> None:
        """Shown only."""

    def action_delete(self) -> None:
        """Shown only."""


class Host(App[None]):
    def get_default_screen(self) -> Screen[None]:
        return Form()


def keys(app: App[None]) -> dict[str, FooterKey]:
    return {k.key: k for k in app.screen.query_one(Footer).query(FooterKey)}


async def settled_keys(pilot) -> dict[str, FooterKey]:
    for _ in range(100):
        await pilot.pause()
        if keys(pilot.app):
            break
    await pilot.pause()
    return keys(pilot.app)


async def test_focus_moves_that_keep_the_keys_keep_the_footer() -> None:
    app = Host()
    async with app.run_test(size=(80, 24)) as pilot:
        before = await settled_keys(pilot)
        assert set(before) >= {"f5", "f6"}
        await pilot.press("tab")  # a -> b: the same keys, the same words
        after = await settled_keys(pilot)
        assert all(after[k] is before[k] for k in before)


async def test_the_footer_follows_a_key_greyed_out_and_a_new_language() -> None:
    app = Host()
    async with app.run_test(size=(80, 24)) as pilot:
        assert not (await settled_keys(pilot))["f6"].has_class("-disabled")
        await pilot.press("tab", "tab")  # into c, where delete is greyed out
        assert (await settled_keys(pilot))["f6"].has_class("-disabled")
        translate_bindings(app.screen, "nl")
        shown = " ".join(str(k.render()) for k in (await settled_keys(pilot)).values())
        assert "Volgende fase" in shown, shown


class Asks(Form):
    """A screen whose key check reads a widget that goes when the screen is left."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "delete":
            return self.query_one("#a", Input).value == ""
        return True


async def test_a_screen_being_left_is_not_asked_for_its_keys() -> None:
    """Leaving a screen (its widgets going) while its Footer's rebuild was queued must not
    ask that screen for bindings: it raised NoMatches from the agree screen's key check."""
    app = Host()
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(Asks())
        await settled_keys(pilot)
        left = app.screen
        footer = left.query_one(Footer)
        await app.push_screen(Form())
        await left.query_one("#a", Input).remove()  # gone, as on a screen being torn down
        await footer._rebuild_if_changed()  # the queued rebuild runs: nothing is asked
        await pilot.pause()
        assert app.screen is not left
