"""A score bar: 1-5 or n/a by number keys, arrows or a click; the chosen score stands out."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Static

UNSET, NA = -1, 0
CHOICES = (1, 2, 3, 4, 5, NA)


class ScoreChip(Static):
    def __init__(self, value: int, label: str) -> None:
        super().__init__(label, markup=False, classes="chip")
        self.value = value

    def on_click(self) -> None:
        bar = self.parent
        if isinstance(bar, ScoreBar):
            bar.focus()
            bar.choose(self.value)


class ScoreBar(Horizontal, can_focus=True):
    """Focusable; `value` is 1-5, NA (0) for n/a, or UNSET (-1) when not answered yet."""

    DEFAULT_CSS = """
    ScoreBar { height: 1; width: auto; padding: 0 1; background: $boost; }
    ScoreBar:focus { background: $primary 25%; }
    ScoreBar .chip { width: auto; padding: 0 1; color: $text-muted; }
    ScoreBar .chip.-chosen { background: $accent; color: $text; text-style: bold; }
    ScoreBar:focus .chip.-chosen { background: $primary; }
    ScoreBar .chip:hover { text-style: underline; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "choose(1)", "1", show=False),
        Binding("2", "choose(2)", "2", show=False),
        Binding("3", "choose(3)", "3", show=False),
        Binding("4", "choose(4)", "4", show=False),
        Binding("5", "choose(5)", "5", show=False),
        Binding("0,n", "choose(0)", "n/a", show=False),
        Binding("right", "step(1)", "Higher", show=False),
        Binding("left", "step(-1)", "Lower", show=False),
        Binding("enter", "submit", "Next", show=False),
    ]

    value: reactive[int] = reactive(UNSET)

    class Changed(Message):
        def __init__(self, bar: ScoreBar, value: int) -> None:
            super().__init__()
            self.bar = bar
            self.value = value

        @property
        def control(self) -> ScoreBar:
            return self.bar

    class Submitted(Message):
        def __init__(self, bar: ScoreBar) -> None:
            super().__init__()
            self.bar = bar

        @property
        def control(self) -> ScoreBar:
            return self.bar

    def __init__(
        self,
        value: int = UNSET,
        *,
        na_label: str = "n/a",
        id: str | None = None,
        classes: str | None = None,
        disabled: bool = False,
    ) -> None:
        super().__init__(id=id, classes=classes, disabled=disabled)
        self.na_label = na_label
        self.set_reactive(ScoreBar.value, value)

    def compose(self) -> ComposeResult:
        for v in CHOICES:
            yield ScoreChip(v, self.na_label if v == NA else str(v))

    def on_mount(self) -> None:
        self._paint()

    def watch_value(self) -> None:
        self._paint()

    def _paint(self) -> None:
        for chip in self.query(ScoreChip):
            chip.set_class(chip.value == self.value, "-chosen")

    def choose(self, value: int) -> None:
        self.value = value
        self.post_message(self.Changed(self, value))

    def action_choose(self, value: int) -> None:
        self.choose(value)

    def action_step(self, delta: int) -> None:
        order = list(CHOICES)
        if self.value == UNSET:
            self.choose(3)
            return
        i = max(0, min(len(order) - 1, order.index(self.value) + delta))
        self.choose(order[i])

    def action_submit(self) -> None:
        self.post_message(self.Submitted(self))


def to_value(score: int | None, answered: bool) -> int:
    if not answered:
        return UNSET
    return NA if score is None else score


def to_score(value: int) -> int | None:
    return None if value == NA else value
