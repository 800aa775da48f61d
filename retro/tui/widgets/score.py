"""A score bar: 1-5 or n/a by number keys, arrows or a click; the chosen score stands out.

One widget that renders its own cells (rather than a widget per cell), because it is
redrawn on every keypress during fast entry. A screen that must react before the next
key arrives (move the focus on, save to the question on screen) passes callbacks: they
run inside the key's own handling, where a posted message would run only later, after
keys typed in the meantime had already gone to this bar.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

if TYPE_CHECKING:
    from textual.geometry import Size

UNSET, NA = -1, 0
CHOICES = (1, 2, 3, 4, 5, NA)


class ScoreBar(Widget, can_focus=True):
    """Focusable; `value` is 1-5, NA (0) for n/a, or UNSET (-1) when not answered yet."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"score-bar--chosen", "score-bar--cell"}

    DEFAULT_CSS = """
    ScoreBar { height: 1; width: auto; padding: 0 1; background: $boost; }
    ScoreBar:focus { background: $primary 25%; }
    ScoreBar > .score-bar--cell { color: $text-muted; }
    ScoreBar > .score-bar--chosen { background: $accent; color: $text; text-style: bold; }
    ScoreBar:focus > .score-bar--chosen { background: $primary; }
    ScoreBar:disabled { opacity: 70%; }
    ScoreBar.-locked > .score-bar--chosen { background: $warning 40%; }
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
        on_choose: Callable[[ScoreBar, int], None] | None = None,
        on_submit: Callable[[ScoreBar], None] | None = None,
        on_locked: Callable[[ScoreBar, int], None] | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes, disabled=disabled)
        self.na_label = na_label
        self.set_reactive(ScoreBar.value, value)
        self.on_choose, self.on_submit, self.on_locked = on_choose, on_submit, on_locked
        # A score that belongs to someone else (given on their own device): choosing asks
        # the screen (on_locked) instead of changing it.
        self.locked = False

    def set_locked(self, locked: bool) -> None:
        self.locked = locked
        self.set_class(locked, "-locked")

    def _labels(self) -> list[tuple[int, str]]:
        return [(v, f" {self.na_label if v == NA else v} ") for v in CHOICES]

    def render(self) -> Text:
        cell = self.get_component_rich_style("score-bar--cell")
        chosen = self.get_component_rich_style("score-bar--chosen")
        return Text.assemble(
            *((label, chosen if v == self.value else cell) for v, label in self._labels())
        )

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return sum(len(label) for _, label in self._labels())

    def on_click(self, event: events.Click) -> None:
        x = event.x - self.styles.padding.left
        for v, label in self._labels():
            if 0 <= x < len(label):
                self.focus()
                self.choose(v)
                return
            x -= len(label)

    def choose(self, value: int) -> None:
        if self.locked:
            if self.on_locked is not None:
                self.on_locked(self, value)
            return
        self.value = value
        if self.on_choose is not None:
            self.on_choose(self, value)
        else:
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
        if self.on_submit is not None:
            self.on_submit(self)
        else:
            self.post_message(self.Submitted(self))


def to_value(score: int | None, answered: bool) -> int:
    if not answered:
        return UNSET
    return NA if score is None else score


def to_score(value: int) -> int | None:
    return None if value == NA else value
