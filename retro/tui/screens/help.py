"""The `?` help screen: what the app does, the keys that always work, and this screen's keys."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from retro.tui.bindings import translate_bindings
from retro.words import tr


class HelpScreen(ModalScreen[None]):
    CSS_PATH = "dialogs.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f1,question_mark,q", "dismiss_help", "Close", id="close_help"),
    ]

    def __init__(
        self, lang: str, keys: list[tuple[str, str]] | None = None, *, about: str = ""
    ) -> None:
        """keys: (key, description) of the screen below, read before this one covers it;
        about: what that screen's keys do together, which one line per key cannot say."""
        super().__init__()
        self.lang = lang
        self.keys = keys or []
        self.about = about
        translate_bindings(self, lang)

    def compose(self) -> ComposeResult:
        lines = [f"{key:<17} {description}" for key, description in self.keys]
        with VerticalScroll(classes="dialog"):
            yield Static(tr(self.lang, "help.title"), classes="dialog-title", markup=False)
            if self.about:  # first: what the user opened help on, without scrolling
                yield Static(self.about, id="help-about", markup=False)
            yield Static(tr(self.lang, "help.body"), id="help-body", markup=False)
            yield Static(tr(self.lang, "help.weigh"), id="help-weigh", markup=False)
            if lines:
                yield Static(tr(self.lang, "help.keys"), id="help-keys-title", markup=False)
                yield Static("\n".join(lines), id="help-keys", markup=False)

    def action_dismiss_help(self) -> None:
        self.dismiss(None)
