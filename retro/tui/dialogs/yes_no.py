"""The one yes/no dialog: a question, optional detail lines, yes/no labels, a bool result.

Every "are you sure" in retro is this dialog (closing or revealing with answers missing,
deleting an action, taking over a participant's own score, making an export folder), so
they all answer to the same keys: y (j in Dutch) says yes, n or Esc says no, Enter presses
the focused button, and the mouse clicks either button.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from retro.tui.widgets.literal import literal
from retro.words import tr


class YesNoDialog(ModalScreen[bool]):
    """Dismisses with True for yes, False for no.

    The caller passes its words already in `lang` (they may hold user text: every line is
    shown literally). `key` is one more key that says yes: the key that opened the dialog,
    so pressing it twice means "yes, really" (c closes anyway, r reveals anyway). `default`
    is the answer Enter gives right away: no, unless the user has just asked for the thing.
    `danger` marks a yes that loses something.
    """

    DEFAULT_CSS = """
    YesNoDialog { align: center middle; }
    YesNoDialog > Vertical {
        width: 64; max-width: 100%; height: auto; max-height: 100%;
        padding: 0 1; border: thick $warning; background: $surface;
    }
    YesNoDialog.-danger > Vertical { border: thick $error; }
    YesNoDialog #dialog-title { height: auto; text-style: bold; color: $text-warning; margin-bottom: 1; }
    YesNoDialog.-danger #dialog-title { color: $text-error; }
    YesNoDialog #dialog-intro { height: auto; }
    YesNoDialog #dialog-details { height: auto; color: $text-muted; padding-left: 2; }
    YesNoDialog #dialog-question { height: auto; margin-top: 1; }
    YesNoDialog Horizontal { height: auto; align-horizontal: right; margin-top: 1; }
    YesNoDialog Button { margin-left: 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y,j", "answer(True)", "Yes", id="dialog_yes", show=False),
        Binding("n,escape", "answer(False)", "No", id="dialog_no", show=False),
    ]

    def __init__(
        self,
        question: str,
        *,
        lang: str,
        title: str = "",
        intro: str = "",
        details: Sequence[str] = (),
        yes: str | None = None,
        no: str | None = None,
        key: str | None = None,
        default: bool = False,
        danger: bool = False,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id, classes="-danger" if danger else "")
        self.lang = lang
        self.question, self.heading, self.intro = question, title, intro
        self.details = tuple(details)
        self.yes = yes if yes is not None else tr(lang, "dialog.yes")
        self.no = no if no is not None else tr(lang, "dialog.no")
        self.yes_key = key
        self.default = default
        self.danger = danger

    def compose(self) -> ComposeResult:
        yes_key = self.yes_key or tr(self.lang, "dialog.yes_key")
        with Vertical():
            if self.heading:
                yield Static(literal(self.heading, multiline=True), id="dialog-title")
            if self.intro:
                yield Static(literal(self.intro, multiline=True), id="dialog-intro")
            if self.details:
                yield Static(literal("\n".join(self.details), multiline=True), id="dialog-details")
            if self.question:
                yield Static(literal(self.question, multiline=True), id="dialog-question")
            with Horizontal():
                yield Button(
                    f"{self.no} (esc)", id="no", variant="default" if self.default else "primary"
                )
                yield Button(
                    f"{self.yes} ({yes_key})",
                    id="yes",
                    variant="error" if self.danger else "primary" if self.default else "default",
                )

    def on_mount(self) -> None:
        self.query_one("#yes" if self.default else "#no", Button).focus()

    def on_key(self, event: events.Key) -> None:
        if self.yes_key is not None and event.key == self.yes_key:
            event.stop()
            self.dismiss(True)

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")


def take_over_dialog(lang: str, name: str) -> YesNoDialog:
    """Before changing an answer given on someone's own device (a score, a side's points):
    it is theirs, so the facilitator's screen asks first."""
    return YesNoDialog(
        tr(lang, "rate.takeover_ask", name=name),
        lang=lang,
        title=tr(lang, "rate.takeover_title"),
        yes=tr(lang, "key.take_over"),
        no=tr(lang, "key.keep_theirs"),
        id="take-over",
    )
