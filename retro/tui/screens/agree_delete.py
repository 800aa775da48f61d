"""The agree phase's question before an agreed action is deleted."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from retro.tui.bindings import translate_bindings
from retro.tui.widgets.literal import literal
from retro.words import tr


class ConfirmDeleteScreen(ModalScreen[bool]):
    """Asks before an agreed action is deleted: one key in a meeting must not lose it."""

    CSS_PATH = "agree.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y,j", "answer(True)", "Delete", id="yes_delete"),
        Binding("n,escape", "answer(False)", "Keep", id="no_keep"),
    ]

    def __init__(self, lang: str, title: str) -> None:
        super().__init__()
        self.lang = lang
        self.action_title = title
        translate_bindings(self, lang)

    def compose(self) -> ComposeResult:
        lang = self.lang
        yes, no = ("j", "n") if lang == "nl" else ("y", "n")
        with Vertical(classes="dialog"):
            yield Static(tr(lang, "agree.delete_title"), classes="dialog-title", markup=False)
            yield Static(literal(self.action_title, limit=200), id="delete-what")
            with Horizontal(classes="dialog-buttons"):
                yield Button(f"{tr(lang, 'key.no_keep')} ({no})", id="keep", variant="primary")
                yield Button(f"{tr(lang, 'key.yes_delete')} ({yes})", id="delete", variant="error")

    def on_mount(self) -> None:
        self.query_one("#keep", Button).focus()  # Enter right away deletes nothing

    def action_answer(self, delete: bool) -> None:
        self.dismiss(delete)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "delete")
