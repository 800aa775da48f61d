"""A dialog to add a client–agency relationship; dismisses with the new id, or None."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from retro.store import StoreError
from retro.tui.bindings import translate_bindings
from retro.tui.widgets.safe_input import SafeInput
from retro.words import tr

if TYPE_CHECKING:
    from retro.tui.app import RetroApp


def same_name(name: str, names: list[str]) -> bool:
    """Is `name` one of `names` as people read them (case and spacing aside)? Two of one
    name cannot be told apart on screen or in a summary: the dialogs refuse them."""
    key = " ".join(name.split()).casefold()
    return any(" ".join(n.split()).casefold() == key for n in names)


class NewRelationshipScreen(ModalScreen[str | None]):
    CSS_PATH = "dialogs.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="cancel"),
    ]

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang
        translate_bindings(self, lang)

    def compose(self) -> ComposeResult:
        lang = self.lang
        with Vertical(classes="dialog"):
            yield Static(tr(lang, "rel.title"), classes="dialog-title", markup=False)
            yield Label(tr(lang, "rel.client"), markup=False)
            yield SafeInput(id="client")
            yield Label(tr(lang, "rel.agency"), markup=False)
            yield SafeInput(id="agency")
            yield Static("", id="dialog-error", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(tr(lang, "key.save"), id="save", variant="primary")
                yield Button(tr(lang, "key.cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#client", Input).focus()

    @on(Input.Submitted, "#client")
    def _next(self) -> None:
        self.query_one("#agency", Input).focus()

    @on(Input.Submitted, "#agency")
    @on(Button.Pressed, "#save")
    def _save(self) -> None:
        client = self.query_one("#client", Input).value.strip()
        agency = self.query_one("#agency", Input).value.strip()
        error = self.query_one("#dialog-error", Static)
        if not client or not agency:
            error.update(tr(self.lang, "rel.required"))
            return
        workspace = cast("RetroApp", self.app).workspace
        for known in workspace.relationships():
            if same_name(client, [known.client]) and same_name(agency, [known.agency]):
                error.update(tr(self.lang, "rel.exists", client=known.client, agency=known.agency))
                return
        try:
            rel = workspace.create_relationship(client, agency)
        except StoreError as e:
            error.update(str(e))  # the dialog stays open with what was typed
            return
        self.dismiss(rel.id)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
